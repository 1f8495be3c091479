#pragma once
// Sparse LU for a fixed pattern, by one of two methods:
//  - pivot replay (small and medium factors): KLU orders the matrix and chooses the
//    pivots once; later sets of values are refactored with the same pivots by a
//    compiled elimination plan (or by KLU's own refactorisation); when a reused pivot
//    goes bad, KLU factors from scratch and chooses new ones.
//  - multifrontal (large factors, such as two-dimensional meshes): UMFPACK, whose
//    dense frontal matrices run on BLAS.
#include <complex>
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <span>
#include <vector>

#include "sim/elimination_plan.hpp"
#include "sim/singular_matrix.hpp"

namespace hpsim::sim {

template <typename Scalar>
class MultifrontalLu;

enum class LuMethod { automatic, pivot_replay, multifrontal };

struct LuOptions {
    // How many sets of values the caller will factor: a long sweep pays for compiling
    // an elimination plan, a single factorisation does not (unless it is small).
    std::size_t expected_factorizations = 1;
    LuMethod method = LuMethod::automatic;  // automatic: multifrontal for large factors
    // Memory the factors may take; none: what the machine has available (MemAvailable,
    // within the process's address-space and data limits).
    std::optional<double> memory_available_bytes;
};

// The factors of a matrix would not fit in memory: thrown by the constructor, before
// anything large is allocated.
class MatrixTooLarge : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

template <typename Scalar>  // double or std::complex<double>
class SparseLu {
public:
    SparseLu(std::size_t size, std::vector<int> column_starts, std::vector<int> row_indices, LuOptions options = {});
    ~SparseLu();
    SparseLu(const SparseLu&) = delete;
    SparseLu& operator=(const SparseLu&) = delete;

    // values are in compressed-column order of the pattern. Throws SingularMatrix.
    void factor(std::span<const Scalar> values);
    // Overwrites right_hand_side with the solution.
    void solve(std::span<Scalar> right_hand_side);
    // The next factor() chooses pivots from its own values, as a new SparseLu of the
    // same pattern would, and gives the same numbers bit for bit; the ordering is kept,
    // and so is the compiled plan when the new pivots are the old ones. A sweep calls
    // this per variant, so that each variant's result does not depend on which
    // variants came before it (on which thread, in which shard).
    void forget_pivots();
    // An estimate of Skeel's condition number || |A^-1| |A| |x| || / ||x|| (infinity
    // norm) of the solution x of the system last factored, whose values are given
    // again: x loses about log10 of it in significant digits to rounding. A few solves
    // with the existing factors and their conjugate transpose, no new factorisation.
    double condition_estimate(std::span<const Scalar> values, std::span<const Scalar> solution);
    std::size_t full_factorizations() const { return full_factorizations_; }
    // The compiled elimination of the current pivots, if there is one.
    const EliminationPlan* plan() const { return plan_ ? &*plan_ : nullptr; }
    LuMethod method() const { return multifrontal_ ? LuMethod::multifrontal : LuMethod::pivot_replay; }

private:
    std::size_t size_;
    std::vector<int> column_starts_, row_indices_;
    LuOptions options_;
    std::unique_ptr<MultifrontalLu<Scalar>> multifrontal_;
    // KLU's objects, kept out of this header (klu_common, klu_symbolic, klu_numeric).
    std::vector<unsigned char> common_storage_;
    void* symbolic_ = nullptr;
    void* numeric_ = nullptr;
    std::size_t full_factorizations_ = 0;
    std::optional<EliminationPlan> plan_;
    std::optional<EliminationPlan> retained_plan_;   // after forget_pivots, until the new pivots are known
    std::vector<int> plan_row_order_, plan_column_order_;  // the pivots plan_ (or retained_plan_) replays
    bool plan_too_large_ = false;
    bool solve_with_plan_ = false;
    std::vector<Scalar> factors_, scratch_;

    void factor_from_scratch(const double* values);
    void solve_adjoint(std::span<Scalar> right_hand_side);  // A^H x = b, with KLU's or UMFPACK's factors
    void compile_plan();
    bool plan_pays_off();
};

extern template class SparseLu<double>;
extern template class SparseLu<std::complex<double>>;

}  // namespace hpsim::sim
