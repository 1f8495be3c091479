#include "sim/multifrontal_lu.hpp"

#include <dlfcn.h>
#include <malloc.h>
#include <umfpack.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace hpsim::sim {
namespace {

// UMFPACK is loaded on first use: its BLAS and the libraries behind it take several
// milliseconds to load, which a small circuit (solved in a few) should not pay.
struct Umfpack {
    void* handle = nullptr;
    decltype(&umfpack_di_defaults) di_defaults = nullptr;
    decltype(&umfpack_di_symbolic) di_symbolic = nullptr;
    decltype(&umfpack_di_numeric) di_numeric = nullptr;
    decltype(&umfpack_di_solve) di_solve = nullptr;
    decltype(&umfpack_di_get_numeric) di_get_numeric = nullptr;
    decltype(&umfpack_di_free_symbolic) di_free_symbolic = nullptr;
    decltype(&umfpack_di_free_numeric) di_free_numeric = nullptr;
    decltype(&umfpack_zi_defaults) zi_defaults = nullptr;
    decltype(&umfpack_zi_symbolic) zi_symbolic = nullptr;
    decltype(&umfpack_zi_numeric) zi_numeric = nullptr;
    decltype(&umfpack_zi_solve) zi_solve = nullptr;
    decltype(&umfpack_zi_get_numeric) zi_get_numeric = nullptr;
    decltype(&umfpack_zi_free_symbolic) zi_free_symbolic = nullptr;
    decltype(&umfpack_zi_free_numeric) zi_free_numeric = nullptr;

    // Never unloaded: loaded once for the life of the process (and a library unloaded
    // at exit would leave its allocations unattributable in leak reports).
};

std::unique_ptr<Umfpack> load_umfpack() {
    auto library = std::make_unique<Umfpack>();
    for (const char* name : {"libumfpack.so.6", "libumfpack.so.5", "libumfpack.so"}) {
        library->handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
        if (library->handle) break;
    }
    if (!library->handle) return nullptr;
    auto resolve = [&](auto& function, const char* symbol) {
        function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(dlsym(library->handle, symbol));
        return function != nullptr;
    };
    const bool complete =
        resolve(library->di_defaults, "umfpack_di_defaults") && resolve(library->di_symbolic, "umfpack_di_symbolic") &&
        resolve(library->di_numeric, "umfpack_di_numeric") && resolve(library->di_solve, "umfpack_di_solve") &&
        resolve(library->di_get_numeric, "umfpack_di_get_numeric") &&
        resolve(library->di_free_symbolic, "umfpack_di_free_symbolic") &&
        resolve(library->di_free_numeric, "umfpack_di_free_numeric") &&
        resolve(library->zi_defaults, "umfpack_zi_defaults") && resolve(library->zi_symbolic, "umfpack_zi_symbolic") &&
        resolve(library->zi_numeric, "umfpack_zi_numeric") && resolve(library->zi_solve, "umfpack_zi_solve") &&
        resolve(library->zi_get_numeric, "umfpack_zi_get_numeric") &&
        resolve(library->zi_free_symbolic, "umfpack_zi_free_symbolic") &&
        resolve(library->zi_free_numeric, "umfpack_zi_free_numeric");
    return complete ? std::move(library) : nullptr;
}

const Umfpack* shared_umfpack() {
    static const std::unique_ptr<Umfpack> library = load_umfpack();
    return library.get();
}

const Umfpack& loaded_umfpack() {
    if (const Umfpack* library = shared_umfpack()) return *library;
    throw std::runtime_error("sparse LU: cannot load libumfpack (install the Debian package libsuitesparse-dev)");
}

template <typename Scalar>
constexpr bool is_complex = !std::is_same_v<Scalar, double>;

// UMFPACK takes the pattern as mutable pointers although it does not write to it.
int* mutable_pointer(std::span<const int> array) { return const_cast<int*>(array.data()); }
template <typename Scalar>
double* as_doubles(std::span<const Scalar> values) {  // complex: packed real, imaginary pairs
    return const_cast<double*>(reinterpret_cast<const double*>(values.data()));
}

// UMFPACK allocates its factors afresh at every factorisation (about 100 MB for a
// 300 x 300 mesh). Mapped and unmapped each time, as glibc does with large blocks, they
// cost a page fault per 4 kB at every frequency (a fifth of the run); from the heap,
// with freed memory kept for the next factorisation, only once.
void keep_freed_memory() {
    static std::once_flag once;
    std::call_once(once, [] {
        mallopt(M_MMAP_MAX, 0);
        mallopt(M_TRIM_THRESHOLD, 512 << 20);
    });
}

[[noreturn]] void fail(const char* step, int status) {
    if (status == UMFPACK_ERROR_out_of_memory) throw std::bad_alloc();
    throw std::runtime_error(std::string("sparse LU: ") + step + " failed (UMFPACK status " + std::to_string(status) + ")");
}

}  // namespace

template <typename Scalar>
bool MultifrontalLu<Scalar>::available() {
    return shared_umfpack() != nullptr;
}

template <typename Scalar>
MultifrontalLu<Scalar>::MultifrontalLu(std::size_t size, std::span<const int> column_starts,
                                       std::span<const int> row_indices)
    : size_(size), column_starts_(column_starts), row_indices_(row_indices), control_(UMFPACK_CONTROL) {
    const Umfpack& umfpack = loaded_umfpack();
    if constexpr (is_complex<Scalar>) umfpack.zi_defaults(control_.data());
    else umfpack.di_defaults(control_.data());
    control_[UMFPACK_IRSTEP] = 0;  // no iterative refinement: solve needs only the factors
    keep_freed_memory();
}

// The ordering, from the first values: with them UMFPACK sees a nonzero diagonal and
// chooses its symmetric strategy for a symmetric pattern (AMD on A + A', diagonal
// pivots preferred), which for an MNA matrix needs less than half the work of the
// unsymmetric one it falls back to on the pattern alone.
template <typename Scalar>
void MultifrontalLu<Scalar>::analyse(std::span<const Scalar> values) {
    const Umfpack& umfpack = loaded_umfpack();
    const int n = static_cast<int>(size_);
    int status = 0;
    if constexpr (is_complex<Scalar>)
        status = umfpack.zi_symbolic(n, n, mutable_pointer(column_starts_), mutable_pointer(row_indices_),
                                     as_doubles(values), nullptr, &symbolic_, control_.data(), nullptr);
    else
        status = umfpack.di_symbolic(n, n, mutable_pointer(column_starts_), mutable_pointer(row_indices_),
                                     as_doubles(values), &symbolic_, control_.data(), nullptr);
    if (status != UMFPACK_OK) fail("ordering", status);
}

template <typename Scalar>
MultifrontalLu<Scalar>::~MultifrontalLu() {
    const Umfpack* umfpack = shared_umfpack();  // loaded: the constructor succeeded
    if (!umfpack) return;
    if constexpr (is_complex<Scalar>) {
        if (numeric_) umfpack->zi_free_numeric(&numeric_);
        if (symbolic_) umfpack->zi_free_symbolic(&symbolic_);
    } else {
        if (numeric_) umfpack->di_free_numeric(&numeric_);
        if (symbolic_) umfpack->di_free_symbolic(&symbolic_);
    }
}

template <typename Scalar>
void MultifrontalLu<Scalar>::factor(std::span<const Scalar> values) {
    const Umfpack& umfpack = loaded_umfpack();
    if (!symbolic_) analyse(values);
    int status = 0;
    if constexpr (is_complex<Scalar>) {
        if (numeric_) umfpack.zi_free_numeric(&numeric_);
        status = umfpack.zi_numeric(mutable_pointer(column_starts_), mutable_pointer(row_indices_), as_doubles(values),
                                    nullptr, symbolic_, &numeric_, control_.data(), nullptr);
    } else {
        if (numeric_) umfpack.di_free_numeric(&numeric_);
        status = umfpack.di_numeric(mutable_pointer(column_starts_), mutable_pointer(row_indices_), as_doubles(values),
                                    symbolic_, &numeric_, control_.data(), nullptr);
    }
    if (status == UMFPACK_WARNING_singular_matrix) throw SingularMatrix(singular_column());
    if (status != UMFPACK_OK) fail("factorization", status);
}

// The column of A whose pivot (a diagonal entry of U) is zero.
template <typename Scalar>
std::size_t MultifrontalLu<Scalar>::singular_column() const {
    const Umfpack& umfpack = loaded_umfpack();
    std::vector<int> column_order(size_);
    std::vector<Scalar> diagonal(size_);
    int status = 0;
    if constexpr (is_complex<Scalar>)
        status = umfpack.zi_get_numeric(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                        column_order.data(), reinterpret_cast<double*>(diagonal.data()), nullptr,
                                        nullptr, nullptr, numeric_);
    else
        status = umfpack.di_get_numeric(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                        column_order.data(), diagonal.data(), nullptr, nullptr, numeric_);
    if (status == UMFPACK_OK)
        for (std::size_t k = 0; k < size_; ++k)
            if (diagonal[k] == Scalar(0)) return static_cast<std::size_t>(column_order[k]);
    return 0;
}

template <typename Scalar>
void MultifrontalLu<Scalar>::solve(std::span<Scalar> right_hand_side, bool adjoint) {
    const Umfpack& umfpack = loaded_umfpack();
    solution_.resize(size_);
    auto* x = reinterpret_cast<double*>(solution_.data());
    auto* b = reinterpret_cast<double*>(right_hand_side.data());
    int status = 0;
    if constexpr (is_complex<Scalar>)
        status = umfpack.zi_solve(adjoint ? UMFPACK_At : UMFPACK_A, mutable_pointer(column_starts_), mutable_pointer(row_indices_), nullptr,
                                  nullptr, x, nullptr, b, nullptr, numeric_, control_.data(), nullptr);
    else
        status = umfpack.di_solve(adjoint ? UMFPACK_At : UMFPACK_A, mutable_pointer(column_starts_), mutable_pointer(row_indices_), nullptr, x,
                                  b, numeric_, control_.data(), nullptr);
    if (status != UMFPACK_OK && status != UMFPACK_WARNING_singular_matrix) fail("solve", status);
    std::memcpy(right_hand_side.data(), solution_.data(), size_ * sizeof(Scalar));
}

template class MultifrontalLu<double>;
template class MultifrontalLu<std::complex<double>>;

}  // namespace hpsim::sim
