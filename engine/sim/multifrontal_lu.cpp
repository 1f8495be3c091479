#include "sim/multifrontal_lu.hpp"

#include <umfpack.h>

#include <cstring>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace hpsim::sim {
namespace {

template <typename Scalar>
constexpr bool is_complex = !std::is_same_v<Scalar, double>;

// UMFPACK takes the pattern as mutable pointers although it does not write to it.
int* mutable_pointer(std::span<const int> array) { return const_cast<int*>(array.data()); }
template <typename Scalar>
double* as_doubles(std::span<const Scalar> values) {  // complex: packed real, imaginary pairs
    return const_cast<double*>(reinterpret_cast<const double*>(values.data()));
}

[[noreturn]] void fail(const char* step, int status) {
    if (status == UMFPACK_ERROR_out_of_memory) throw std::bad_alloc();
    throw std::runtime_error(std::string("sparse LU: ") + step + " failed (UMFPACK status " + std::to_string(status) + ")");
}

}  // namespace

template <typename Scalar>
MultifrontalLu<Scalar>::MultifrontalLu(std::size_t size, std::span<const int> column_starts,
                                       std::span<const int> row_indices)
    : size_(size), column_starts_(column_starts), row_indices_(row_indices), control_(UMFPACK_CONTROL) {
    if constexpr (is_complex<Scalar>) umfpack_zi_defaults(control_.data());
    else umfpack_di_defaults(control_.data());
    control_[UMFPACK_IRSTEP] = 0;  // no iterative refinement: solve needs only the factors
    const int n = static_cast<int>(size_);
    int status = 0;
    if constexpr (is_complex<Scalar>)
        status = umfpack_zi_symbolic(n, n, mutable_pointer(column_starts_), mutable_pointer(row_indices_), nullptr,
                                     nullptr, &symbolic_, control_.data(), nullptr);
    else
        status = umfpack_di_symbolic(n, n, mutable_pointer(column_starts_), mutable_pointer(row_indices_), nullptr,
                                     &symbolic_, control_.data(), nullptr);
    if (status != UMFPACK_OK) fail("ordering", status);
}

template <typename Scalar>
MultifrontalLu<Scalar>::~MultifrontalLu() {
    if constexpr (is_complex<Scalar>) {
        if (numeric_) umfpack_zi_free_numeric(&numeric_);
        if (symbolic_) umfpack_zi_free_symbolic(&symbolic_);
    } else {
        if (numeric_) umfpack_di_free_numeric(&numeric_);
        if (symbolic_) umfpack_di_free_symbolic(&symbolic_);
    }
}

template <typename Scalar>
void MultifrontalLu<Scalar>::factor(std::span<const Scalar> values) {
    int status = 0;
    if constexpr (is_complex<Scalar>) {
        if (numeric_) umfpack_zi_free_numeric(&numeric_);
        status = umfpack_zi_numeric(mutable_pointer(column_starts_), mutable_pointer(row_indices_), as_doubles(values),
                                    nullptr, symbolic_, &numeric_, control_.data(), nullptr);
    } else {
        if (numeric_) umfpack_di_free_numeric(&numeric_);
        status = umfpack_di_numeric(mutable_pointer(column_starts_), mutable_pointer(row_indices_), as_doubles(values),
                                    symbolic_, &numeric_, control_.data(), nullptr);
    }
    if (status == UMFPACK_WARNING_singular_matrix) throw SingularMatrix(singular_column());
    if (status != UMFPACK_OK) fail("factorization", status);
}

// The column of A whose pivot (a diagonal entry of U) is zero.
template <typename Scalar>
std::size_t MultifrontalLu<Scalar>::singular_column() const {
    std::vector<int> column_order(size_);
    std::vector<Scalar> diagonal(size_);
    int status = 0;
    if constexpr (is_complex<Scalar>)
        status = umfpack_zi_get_numeric(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                        column_order.data(), reinterpret_cast<double*>(diagonal.data()), nullptr,
                                        nullptr, nullptr, numeric_);
    else
        status = umfpack_di_get_numeric(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                        column_order.data(), diagonal.data(), nullptr, nullptr, numeric_);
    if (status == UMFPACK_OK)
        for (std::size_t k = 0; k < size_; ++k)
            if (diagonal[k] == Scalar(0)) return static_cast<std::size_t>(column_order[k]);
    return 0;
}

template <typename Scalar>
void MultifrontalLu<Scalar>::solve(std::span<Scalar> right_hand_side) {
    solution_.resize(size_);
    auto* x = reinterpret_cast<double*>(solution_.data());
    auto* b = reinterpret_cast<double*>(right_hand_side.data());
    int status = 0;
    if constexpr (is_complex<Scalar>)
        status = umfpack_zi_solve(UMFPACK_A, mutable_pointer(column_starts_), mutable_pointer(row_indices_), nullptr,
                                  nullptr, x, nullptr, b, nullptr, numeric_, control_.data(), nullptr);
    else
        status = umfpack_di_solve(UMFPACK_A, mutable_pointer(column_starts_), mutable_pointer(row_indices_), nullptr, x,
                                  b, numeric_, control_.data(), nullptr);
    if (status != UMFPACK_OK && status != UMFPACK_WARNING_singular_matrix) fail("solve", status);
    std::memcpy(right_hand_side.data(), solution_.data(), size_ * sizeof(Scalar));
}

template class MultifrontalLu<double>;
template class MultifrontalLu<std::complex<double>>;

}  // namespace hpsim::sim
