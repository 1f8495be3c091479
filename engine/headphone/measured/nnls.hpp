#pragma once
// Non-negative least squares: x >= 0 minimising |A x - b|, by the active-set method of
// Lawson and Hanson (Solving Least Squares Problems, 1974, chapter 23). Eigen 3.4 has
// no NNLS outside its unsupported modules' newer releases.
#include <Eigen/Dense>

namespace hpsim::headphone::measured {

// Columns are scaled to unit length inside; a zero column gets x = 0.
Eigen::VectorXd non_negative_least_squares(const Eigen::MatrixXd& a, const Eigen::VectorXd& b);

}  // namespace hpsim::headphone::measured
