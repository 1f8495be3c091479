#include "sim/elimination_plan.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <unordered_map>

namespace hpsim::sim {
namespace {

// Plans with more updates than this are not replayed (memory); KLU refactors instead.
constexpr std::size_t max_updates = 20'000'000;
// A reused pivot below this fraction of the largest entry beneath it is not trusted.
constexpr double smallest_pivot_ratio = 1e-6;

double magnitude(double value) { return std::abs(value); }
double magnitude(const std::complex<double>& value) { return std::abs(value.real()) + std::abs(value.imag()); }

double reciprocal(double value) { return 1.0 / value; }
// 1/z = conj(z) / |z|^2: one real division (the pivot is finite and not tiny here).
std::complex<double> reciprocal(const std::complex<double>& value) {
    const double scale = 1.0 / (value.real() * value.real() + value.imag() * value.imag());
    return {value.real() * scale, -value.imag() * scale};
}

}  // namespace

std::optional<EliminationPlan> EliminationPlan::compile(std::size_t size, std::span<const int> column_starts,
                                                        std::span<const int> row_indices,
                                                        std::span<const int> row_order,
                                                        std::span<const int> column_order) {
    EliminationPlan plan;
    plan.size_ = size;
    plan.row_order_.assign(row_order.begin(), row_order.end());
    plan.column_order_.assign(column_order.begin(), column_order.end());
    std::vector<int> row_of_b(size), column_of_b(size);
    for (std::size_t i = 0; i < size; ++i) {
        row_of_b[row_order[i]] = static_cast<int>(i);
        column_of_b[column_order[i]] = static_cast<int>(i);
    }

    // Symbolic elimination of B: positions of every entry of L and U, fill included.
    std::unordered_map<std::size_t, int> position;
    std::vector<std::vector<int>> columns_in_row(size), rows_in_column(size);
    int positions = 0;
    auto at = [&](int row, int column) {
        const auto [entry, added] = position.emplace(static_cast<std::size_t>(row) * size + column, positions);
        if (added) {
            ++positions;
            columns_in_row[row].push_back(column);
            rows_in_column[column].push_back(row);
        }
        return entry->second;
    };
    for (std::size_t column = 0; column < size; ++column)
        for (int k = column_starts[column]; k < column_starts[column + 1]; ++k)
            plan.scatter_.push_back(at(row_of_b[row_indices[k]], column_of_b[column]));
    for (std::size_t k = 0; k < size; ++k) at(static_cast<int>(k), static_cast<int>(k));

    plan.lower_begin_.push_back(0);
    plan.upper_begin_.push_back(0);
    for (int k = 0; k < static_cast<int>(size); ++k) {
        std::vector<int> lower, upper;
        for (const int row : rows_in_column[k])
            if (row > k) lower.push_back(row);
        for (const int column : columns_in_row[k])
            if (column > k) upper.push_back(column);
        std::sort(lower.begin(), lower.end());
        std::sort(upper.begin(), upper.end());
        if (plan.update_target_.size() + lower.size() * upper.size() > max_updates) return std::nullopt;
        plan.diagonal_.push_back(at(k, k));
        for (const int column : upper) {
            plan.upper_position_.push_back(at(k, column));
            plan.upper_column_.push_back(column);
        }
        for (const int row : lower) {
            plan.lower_position_.push_back(at(row, k));
            plan.lower_row_.push_back(row);
            for (const int column : upper) plan.update_target_.push_back(at(row, column));
        }
        plan.lower_begin_.push_back(static_cast<int>(plan.lower_position_.size()));
        plan.upper_begin_.push_back(static_cast<int>(plan.upper_position_.size()));
    }
    plan.factor_size_ = static_cast<std::size_t>(positions) + size;  // + the inverted diagonal
    return plan;
}

template <typename Scalar>
bool EliminationPlan::factor(std::span<const Scalar> values, std::vector<Scalar>& factors) const {
    factors.assign(factor_size_, Scalar(0));
    Scalar* const inverse_diagonal = factors.data() + (factor_size_ - size_);
    for (std::size_t k = 0; k < scatter_.size(); ++k) factors[scatter_[k]] += values[k];
    std::size_t update = 0;
    for (std::size_t k = 0; k < size_; ++k) {
        const Scalar pivot = factors[diagonal_[k]];
        double largest_below = 0.0;
        for (int a = lower_begin_[k]; a < lower_begin_[k + 1]; ++a)
            largest_below = std::max(largest_below, magnitude(factors[lower_position_[a]]));
        const double pivot_size = magnitude(pivot);
        if (!(pivot_size > 0.0) || !std::isfinite(pivot_size) || pivot_size < smallest_pivot_ratio * largest_below)
            return false;
        const Scalar inverse = reciprocal(pivot);
        inverse_diagonal[k] = inverse;
        for (int a = lower_begin_[k]; a < lower_begin_[k + 1]; ++a) {
            const Scalar multiplier = (factors[lower_position_[a]] *= inverse);
            for (int b = upper_begin_[k]; b < upper_begin_[k + 1]; ++b)
                factors[update_target_[update++]] -= multiplier * factors[upper_position_[b]];
        }
    }
    return true;
}

template <typename Scalar>
void EliminationPlan::solve(const std::vector<Scalar>& factors, std::span<Scalar> right_hand_side,
                            std::vector<Scalar>& scratch) const {
    const Scalar* const inverse_diagonal = factors.data() + (factor_size_ - size_);
    scratch.resize(size_);
    for (std::size_t i = 0; i < size_; ++i) scratch[i] = right_hand_side[row_order_[i]];
    for (std::size_t k = 0; k < size_; ++k) {  // L z = P b, L unit lower triangular
        const Scalar value = scratch[k];
        for (int a = lower_begin_[k]; a < lower_begin_[k + 1]; ++a)
            scratch[lower_row_[a]] -= factors[lower_position_[a]] * value;
    }
    for (std::size_t k = size_; k-- > 0;) {  // U y = z
        Scalar sum = scratch[k];
        for (int b = upper_begin_[k]; b < upper_begin_[k + 1]; ++b)
            sum -= factors[upper_position_[b]] * scratch[upper_column_[b]];
        scratch[k] = sum * inverse_diagonal[k];
    }
    for (std::size_t k = 0; k < size_; ++k) right_hand_side[column_order_[k]] = scratch[k];
}

// Lane loops run on 32 frequencies side by side; the compiler vectorises them, and an
// AVX2 version is chosen at load time where the processor has it.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HPSIM_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define HPSIM_VECTOR_CLONES
#endif

HPSIM_VECTOR_CLONES
bool EliminationPlan::factor_lanes(std::span<const double> real, std::span<const double> imag,
                                   LaneFactors& factors) const {
    constexpr std::size_t L = lanes;
    factors.real.assign(factor_size_ * L, 0.0);
    factors.imag.assign(factor_size_ * L, 0.0);
    double* const fr = factors.real.data();
    double* const fi = factors.imag.data();
    const std::size_t inverse_offset = (factor_size_ - size_) * L;
    for (std::size_t k = 0; k < scatter_.size(); ++k)
        for (std::size_t l = 0; l < L; ++l) {
            fr[scatter_[k] * L + l] += real[k * L + l];
            fi[scatter_[k] * L + l] += imag[k * L + l];
        }
    std::size_t update = 0;
    for (std::size_t k = 0; k < size_; ++k) {
        const std::size_t d = static_cast<std::size_t>(diagonal_[k]) * L;
        double largest_below[L] = {};
        for (int a = lower_begin_[k]; a < lower_begin_[k + 1]; ++a) {
            const std::size_t p = static_cast<std::size_t>(lower_position_[a]) * L;
            for (std::size_t l = 0; l < L; ++l)
                largest_below[l] = std::max(largest_below[l], std::abs(fr[p + l]) + std::abs(fi[p + l]));
        }
        bool pivots_good = true;
        for (std::size_t l = 0; l < L; ++l) {
            const double pivot_size = std::abs(fr[d + l]) + std::abs(fi[d + l]);
            pivots_good &= pivot_size > 0.0 && std::isfinite(pivot_size) &&
                           pivot_size >= smallest_pivot_ratio * largest_below[l];
        }
        if (!pivots_good) return false;
        double* const inverse_real = fr + inverse_offset + k * L;
        double* const inverse_imag = fi + inverse_offset + k * L;
        for (std::size_t l = 0; l < L; ++l) {  // 1/z = conj(z) / |z|^2
            const double scale = 1.0 / (fr[d + l] * fr[d + l] + fi[d + l] * fi[d + l]);
            inverse_real[l] = fr[d + l] * scale;
            inverse_imag[l] = -fi[d + l] * scale;
        }
        for (int a = lower_begin_[k]; a < lower_begin_[k + 1]; ++a) {
            // Values are staged in locals so that each lane loop touches independent storage.
            const std::size_t p = static_cast<std::size_t>(lower_position_[a]) * L;
            double multiplier_real[L], multiplier_imag[L];
            for (std::size_t l = 0; l < L; ++l) {
                multiplier_real[l] = fr[p + l] * inverse_real[l] - fi[p + l] * inverse_imag[l];
                multiplier_imag[l] = fr[p + l] * inverse_imag[l] + fi[p + l] * inverse_real[l];
            }
            for (std::size_t l = 0; l < L; ++l) {
                fr[p + l] = multiplier_real[l];
                fi[p + l] = multiplier_imag[l];
            }
            for (int b = upper_begin_[k]; b < upper_begin_[k + 1]; ++b) {
                const std::size_t t = static_cast<std::size_t>(update_target_[update++]) * L;
                const std::size_t u = static_cast<std::size_t>(upper_position_[b]) * L;
                double product_real[L], product_imag[L];
                for (std::size_t l = 0; l < L; ++l) {
                    product_real[l] = multiplier_real[l] * fr[u + l] - multiplier_imag[l] * fi[u + l];
                    product_imag[l] = multiplier_real[l] * fi[u + l] + multiplier_imag[l] * fr[u + l];
                }
                for (std::size_t l = 0; l < L; ++l) {
                    fr[t + l] -= product_real[l];
                    fi[t + l] -= product_imag[l];
                }
            }
        }
    }
    return true;
}

HPSIM_VECTOR_CLONES
void EliminationPlan::solve_lanes(const LaneFactors& factors, std::span<double> real, std::span<double> imag,
                                  LaneFactors& scratch) const {
    constexpr std::size_t L = lanes;
    const double* const fr = factors.real.data();
    const double* const fi = factors.imag.data();
    const std::size_t inverse_offset = (factor_size_ - size_) * L;
    scratch.real.resize(size_ * L);
    scratch.imag.resize(size_ * L);
    double* const zr = scratch.real.data();
    double* const zi = scratch.imag.data();
    for (std::size_t i = 0; i < size_; ++i)
        for (std::size_t l = 0; l < L; ++l) {
            zr[i * L + l] = real[row_order_[i] * L + l];
            zi[i * L + l] = imag[row_order_[i] * L + l];
        }
    for (std::size_t k = 0; k < size_; ++k) {
        double known_real[L], known_imag[L];
        for (std::size_t l = 0; l < L; ++l) known_real[l] = zr[k * L + l], known_imag[l] = zi[k * L + l];
        for (int a = lower_begin_[k]; a < lower_begin_[k + 1]; ++a) {
            const std::size_t p = static_cast<std::size_t>(lower_position_[a]) * L;
            const std::size_t i = static_cast<std::size_t>(lower_row_[a]) * L;
            for (std::size_t l = 0; l < L; ++l) {
                zr[i + l] -= fr[p + l] * known_real[l] - fi[p + l] * known_imag[l];
                zi[i + l] -= fr[p + l] * known_imag[l] + fi[p + l] * known_real[l];
            }
        }
    }
    for (std::size_t k = size_; k-- > 0;) {
        double sum_real[L], sum_imag[L];
        for (std::size_t l = 0; l < L; ++l) sum_real[l] = zr[k * L + l], sum_imag[l] = zi[k * L + l];
        for (int b = upper_begin_[k]; b < upper_begin_[k + 1]; ++b) {
            const std::size_t p = static_cast<std::size_t>(upper_position_[b]) * L;
            const std::size_t j = static_cast<std::size_t>(upper_column_[b]) * L;
            for (std::size_t l = 0; l < L; ++l) {
                sum_real[l] -= fr[p + l] * zr[j + l] - fi[p + l] * zi[j + l];
                sum_imag[l] -= fr[p + l] * zi[j + l] + fi[p + l] * zr[j + l];
            }
        }
        const double* const inverse_real = fr + inverse_offset + k * L;
        const double* const inverse_imag = fi + inverse_offset + k * L;
        for (std::size_t l = 0; l < L; ++l) {
            zr[k * L + l] = sum_real[l] * inverse_real[l] - sum_imag[l] * inverse_imag[l];
            zi[k * L + l] = sum_real[l] * inverse_imag[l] + sum_imag[l] * inverse_real[l];
        }
    }
    for (std::size_t k = 0; k < size_; ++k)
        for (std::size_t l = 0; l < L; ++l) {
            real[column_order_[k] * L + l] = zr[k * L + l];
            imag[column_order_[k] * L + l] = zi[k * L + l];
        }
}

template bool EliminationPlan::factor(std::span<const double>, std::vector<double>&) const;
template bool EliminationPlan::factor(std::span<const std::complex<double>>, std::vector<std::complex<double>>&) const;
template void EliminationPlan::solve(const std::vector<double>&, std::span<double>, std::vector<double>&) const;
template void EliminationPlan::solve(const std::vector<std::complex<double>>&, std::span<std::complex<double>>,
                                     std::vector<std::complex<double>>&) const;

}  // namespace hpsim::sim
