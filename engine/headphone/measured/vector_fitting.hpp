#pragma once
// The poles of a rational approximation f(s) ~ sum r_n / (s - p_n) + d + s e of samples
// at s = j omega, by vector fitting (B. Gustavsen and A. Semlyen, "Rational approximation
// of frequency domain responses by vector fitting", IEEE Trans. Power Delivery 14(3),
// 1999): starting from poles spread over the band, each iteration fits
// sigma(s) f(s) and sigma(s) = 1 + sum c~_n / (s - p_n) by linear least squares and
// moves the poles to the zeros of sigma, the eigenvalues of A - b c~^T. Poles that land
// in the right half-plane are reflected into the left.
#include <complex>
#include <vector>

namespace hpsim::headphone::measured {

// Poles in the left half-plane: real ones, and one of each complex pair (imaginary part
// above zero). `omega` should be of order 1 (normalise the frequencies); `weight`
// weighs each sample's error.
std::vector<std::complex<double>> vector_fit_poles(const std::vector<double>& omega, const std::vector<std::complex<double>>& samples,
                                                   const std::vector<double>& weight, int order, int iterations);

}  // namespace hpsim::headphone::measured
