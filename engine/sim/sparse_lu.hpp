#pragma once
// Sparse LU for a fixed pattern: KLU orders the matrix and chooses the pivots once;
// every later set of values is refactored with the same pivots by a compiled
// elimination plan; when a reused pivot goes bad, KLU factors from scratch and
// chooses new ones.
#include <complex>
#include <cstddef>
#include <optional>
#include <span>
#include <stdexcept>
#include <vector>

#include "sim/elimination_plan.hpp"

namespace hpsim::sim {

class SingularMatrix : public std::runtime_error {
public:
    explicit SingularMatrix(std::size_t column)
        : std::runtime_error("singular matrix"), column_(column) {}
    std::size_t column() const { return column_; }  // an unknown with a zero pivot

private:
    std::size_t column_;
};

template <typename Scalar>  // double or std::complex<double>
class SparseLu {
public:
    SparseLu(std::size_t size, std::vector<int> column_starts, std::vector<int> row_indices);
    ~SparseLu();
    SparseLu(const SparseLu&) = delete;
    SparseLu& operator=(const SparseLu&) = delete;

    // values are in compressed-column order of the pattern. Throws SingularMatrix.
    void factor(std::span<const Scalar> values);
    // Overwrites right_hand_side with the solution.
    void solve(std::span<Scalar> right_hand_side);
    std::size_t full_factorizations() const { return full_factorizations_; }
    // The compiled elimination of the current pivots, if there is one.
    const EliminationPlan* plan() const { return plan_ ? &*plan_ : nullptr; }

private:
    std::size_t size_;
    std::vector<int> column_starts_, row_indices_;
    // KLU's objects, kept out of this header (klu_common, klu_symbolic, klu_numeric).
    std::vector<unsigned char> common_storage_;
    void* symbolic_ = nullptr;
    void* numeric_ = nullptr;
    std::size_t full_factorizations_ = 0;
    std::optional<EliminationPlan> plan_;
    bool plan_too_large_ = false;
    bool solve_with_plan_ = false;
    std::vector<Scalar> factors_, scratch_;

    void factor_from_scratch(const double* values);
    void compile_plan();
};

extern template class SparseLu<double>;
extern template class SparseLu<std::complex<double>>;

}  // namespace hpsim::sim
