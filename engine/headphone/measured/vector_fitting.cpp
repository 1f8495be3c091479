#include "headphone/measured/vector_fitting.hpp"

#include <Eigen/Dense>
#include <cmath>

namespace hpsim::headphone::measured {
namespace {

using Complex = std::complex<double>;

// The real basis of a pole set at s: 1/(s - p) for a real pole; for a pair p, conj(p):
// 1/(s - p) + 1/(s - conj p) and j/(s - p) - j/(s - conj p).
std::vector<Complex> basis(const std::vector<Complex>& poles, Complex s) {
    std::vector<Complex> values;
    for (const Complex& p : poles) {
        if (p.imag() == 0) {
            values.push_back(1.0 / (s - p));
        } else {
            const Complex first = 1.0 / (s - p), second = 1.0 / (s - std::conj(p));
            values.push_back(first + second);
            values.push_back(Complex(0, 1) * (first - second));
        }
    }
    return values;
}

}  // namespace

std::vector<Complex> vector_fit_poles(const std::vector<double>& omega, const std::vector<Complex>& samples,
                                      const std::vector<double>& weight, int order, int iterations) {
    const double low = omega.front(), high = omega.back();
    // Starting poles: complex pairs -beta/100 + j beta, beta spread evenly in log over
    // the band, and one real pole in the middle for an odd order.
    std::vector<Complex> poles;
    const int pairs = order / 2;
    for (int k = 0; k < pairs; ++k) {
        const double beta = pairs == 1 ? std::sqrt(low * high) : low * std::pow(high / low, static_cast<double>(k) / (pairs - 1));
        poles.emplace_back(-beta / 100, beta);
    }
    if (order % 2) poles.emplace_back(-std::sqrt(low * high), 0.0);

    const auto rows = static_cast<Eigen::Index>(2 * omega.size());
    const Eigen::Index n = order, columns = 2 * n + 2;
    for (int iteration = 0; iteration < iterations; ++iteration) {
        // Unknowns: c (n), d, e, c~ (n). Each sample: w [sum c phi + d + s e - f sum c~ phi] = w f.
        Eigen::MatrixXd a(rows, columns);
        Eigen::VectorXd rhs(rows);
        for (std::size_t k = 0; k < omega.size(); ++k) {
            const Complex s(0, omega[k]);
            const std::vector<Complex> phi = basis(poles, s);
            const double w = weight[k];
            const Complex f = samples[k];
            Eigen::VectorXcd row(columns);
            for (Eigen::Index i = 0; i < n; ++i) {
                row(i) = w * phi[static_cast<std::size_t>(i)];
                row(n + 2 + i) = -w * f * phi[static_cast<std::size_t>(i)];
            }
            row(n) = w;
            row(n + 1) = w * s;
            const auto r = static_cast<Eigen::Index>(2 * k);
            a.row(r) = row.real().transpose();
            a.row(r + 1) = row.imag().transpose();
            rhs(r) = (w * f).real();
            rhs(r + 1) = (w * f).imag();
        }
        Eigen::VectorXd scale = a.colwise().norm().transpose();
        for (Eigen::Index j = 0; j < columns; ++j) scale(j) = scale(j) > 0 ? 1 / scale(j) : 0;
        const Eigen::VectorXd solution = scale.asDiagonal() * (a * scale.asDiagonal()).colPivHouseholderQr().solve(rhs);
        const Eigen::VectorXd c_tilde = solution.tail(n);

        // The zeros of sigma: eigenvalues of A - b c~^T, A holding the poles (a pair as
        // the block [re im; -im re] with b = [2 0]^T), b = 1 for a real pole.
        Eigen::MatrixXd h = Eigen::MatrixXd::Zero(n, n);
        Eigen::VectorXd b = Eigen::VectorXd::Zero(n);
        Eigen::Index i = 0;
        for (const Complex& p : poles) {
            if (p.imag() == 0) {
                h(i, i) = p.real();
                b(i) = 1;
                i += 1;
            } else {
                h(i, i) = h(i + 1, i + 1) = p.real();
                h(i, i + 1) = p.imag();
                h(i + 1, i) = -p.imag();
                b(i) = 2;
                i += 2;
            }
        }
        h -= b * c_tilde.transpose();
        const Eigen::VectorXcd zeros = h.eigenvalues();
        if (!zeros.allFinite()) break;  // keep the poles of the last good iteration
        std::vector<Complex> moved;
        for (const Complex& z : zeros) {
            if (z.imag() < 0) continue;  // the conjugate of a pair kept once
            // Reflected into the left half-plane; a pole on the axis is moved just off it.
            const double real = -std::max(std::abs(z.real()), 1e-6 * std::abs(z));
            moved.emplace_back(real, z.imag());
        }
        poles = std::move(moved);
    }
    return poles;
}

}  // namespace hpsim::headphone::measured
