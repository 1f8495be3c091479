#include "headphone/measured/nnls.hpp"

#include <vector>

namespace hpsim::headphone::measured {

Eigen::VectorXd non_negative_least_squares(const Eigen::MatrixXd& a_unscaled, const Eigen::VectorXd& b) {
    const Eigen::Index n = a_unscaled.cols();
    Eigen::VectorXd scale = a_unscaled.colwise().norm().transpose();
    for (Eigen::Index j = 0; j < n; ++j) scale(j) = scale(j) > 0 ? 1.0 / scale(j) : 0.0;
    const Eigen::MatrixXd a = a_unscaled * scale.asDiagonal();

    Eigen::VectorXd x = Eigen::VectorXd::Zero(n);
    std::vector<bool> passive(static_cast<std::size_t>(n), false);  // the set P, where x may be positive
    const double tolerance = 1e-12 * std::max(1.0, b.norm());
    // On the passive set: the unconstrained least-squares solution, zero elsewhere.
    const auto solve_passive = [&]() {
        std::vector<Eigen::Index> columns;
        for (Eigen::Index j = 0; j < n; ++j)
            if (passive[static_cast<std::size_t>(j)]) columns.push_back(j);
        Eigen::MatrixXd reduced(a.rows(), static_cast<Eigen::Index>(columns.size()));
        for (std::size_t k = 0; k < columns.size(); ++k) reduced.col(static_cast<Eigen::Index>(k)) = a.col(columns[k]);
        const Eigen::VectorXd solution = reduced.colPivHouseholderQr().solve(b);
        Eigen::VectorXd z = Eigen::VectorXd::Zero(n);
        for (std::size_t k = 0; k < columns.size(); ++k) z(columns[k]) = solution(static_cast<Eigen::Index>(k));
        return z;
    };

    for (Eigen::Index outer = 0; outer < 3 * n + 10; ++outer) {
        const Eigen::VectorXd gradient = a.transpose() * (b - a * x);  // w = A'(b - Ax)
        Eigen::Index best = -1;
        for (Eigen::Index j = 0; j < n; ++j)
            if (!passive[static_cast<std::size_t>(j)] && scale(j) > 0 && gradient(j) > tolerance &&
                (best < 0 || gradient(j) > gradient(best)))
                best = j;
        if (best < 0) break;  // Kuhn-Tucker conditions hold
        passive[static_cast<std::size_t>(best)] = true;
        for (Eigen::Index inner = 0; inner < 3 * n + 10; ++inner) {
            const Eigen::VectorXd z = solve_passive();
            double step = 1.0;
            bool feasible = true;
            for (Eigen::Index j = 0; j < n; ++j)
                if (passive[static_cast<std::size_t>(j)] && z(j) <= 0) {
                    feasible = false;
                    step = std::min(step, x(j) / (x(j) - z(j)));
                }
            if (feasible) {
                x = z;
                break;
            }
            // Move towards z until the first variable reaches zero, and drop it.
            x += step * (z - x);
            for (Eigen::Index j = 0; j < n; ++j)
                if (passive[static_cast<std::size_t>(j)] && x(j) <= 1e-15 * x.cwiseAbs().maxCoeff()) {
                    passive[static_cast<std::size_t>(j)] = false;
                    x(j) = 0;
                }
        }
    }
    return scale.asDiagonal() * x;
}

}  // namespace hpsim::headphone::measured
