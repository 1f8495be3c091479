#pragma once
// Sparse LU by UMFPACK's multifrontal method: the elimination is grouped into dense
// frontal matrices factored with BLAS, with partial pivoting in every factorization.
// For large factors (two-dimensional meshes and the like) this runs several times
// faster than a column-by-column kernel. The ordering is computed once, at the first
// factorisation.
#include <complex>
#include <cstddef>
#include <span>
#include <vector>

#include "sim/singular_matrix.hpp"

namespace hpsim::sim {

template <typename Scalar>  // double or std::complex<double>
class MultifrontalLu {
public:
    // Whether UMFPACK could be loaded (it is loaded on first use). Without it, the
    // constructor throws std::runtime_error.
    static bool available();
    // The pattern must outlive this object (compressed columns, size x size).
    MultifrontalLu(std::size_t size, std::span<const int> column_starts, std::span<const int> row_indices);
    ~MultifrontalLu();
    MultifrontalLu(const MultifrontalLu&) = delete;
    MultifrontalLu& operator=(const MultifrontalLu&) = delete;

    // values in compressed-column order of the pattern. Throws SingularMatrix.
    void factor(std::span<const Scalar> values);
    // Overwrites right_hand_side with the solution of the last factored system A x = b,
    // or with `adjoint` of A^H x = b (the conjugate transpose; for condition estimates).
    void solve(std::span<Scalar> right_hand_side, bool adjoint = false);

private:
    std::size_t size_;
    std::span<const int> column_starts_, row_indices_;
    std::vector<double> control_;
    void* symbolic_ = nullptr;
    void* numeric_ = nullptr;
    std::vector<Scalar> solution_;

    void analyse(std::span<const Scalar> values);
    std::size_t singular_column() const;
};

extern template class MultifrontalLu<double>;
extern template class MultifrontalLu<std::complex<double>>;

}  // namespace hpsim::sim
