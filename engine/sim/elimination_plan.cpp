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
    // Entries took the first positions, one each (a pattern lists each (i, j) once); the
    // rest are fill, which starts at zero.
    std::vector<bool> from_entry(plan.scatter_.size(), false);
    for (const int p : plan.scatter_) {
        if (static_cast<std::size_t>(p) >= from_entry.size() || from_entry[static_cast<std::size_t>(p)]) return std::nullopt;
        from_entry[static_cast<std::size_t>(p)] = true;
    }
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

template bool EliminationPlan::factor(std::span<const double>, std::vector<double>&) const;
template bool EliminationPlan::factor(std::span<const std::complex<double>>, std::vector<std::complex<double>>&) const;
template void EliminationPlan::solve(const std::vector<double>&, std::span<double>, std::vector<double>&) const;
template void EliminationPlan::solve(const std::vector<std::complex<double>>&, std::span<std::complex<double>>,
                                     std::vector<std::complex<double>>&) const;

}  // namespace hpsim::sim
