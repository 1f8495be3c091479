#include "sim/sparse_lu.hpp"

#include <klu.h>
#include <sys/resource.h>
#include <unistd.h>

#include <utility>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <type_traits>

#include "sim/multifrontal_lu.hpp"

namespace hpsim::sim {
namespace {

// Below this pivot ratio (min |U_kk| / max |U_kk|) a reused pivot order is not trusted.
constexpr double smallest_trusted_rcond = 1e-12;
// Above this estimated flop count (AMD's, for the ordered pattern) the multifrontal
// method is faster than KLU (measured on RC meshes: from about 1e7 flops on), and as
// fast per frequency as a compiled plan running 32 frequencies at once, without the
// plan's memory (32 copies of the factors).
constexpr double multifrontal_flops = 15e6;
// A plan costs about as much to compile as 25 refactorisations (hashing every update
// position); below this many flops it is compiled always (it also speeds up the solves),
// above only for a sweep of at least plan_factorizations points (which then also runs
// 32 frequencies at a time).
constexpr double always_planned_flops = 1e6;
constexpr std::size_t plan_factorizations = 64;

template <typename Scalar>
constexpr bool is_complex = !std::is_same_v<Scalar, double>;

// MemAvailable (/proc/meminfo), within what RLIMIT_AS and RLIMIT_DATA leave of the
// process's address space and data (/proc/self/statm: size and data, in pages).
std::optional<double> system_memory_available_bytes() {
    std::optional<double> available;
    if (std::FILE* meminfo = std::fopen("/proc/meminfo", "r")) {
        char line[256];
        while (std::fgets(line, sizeof line, meminfo)) {
            unsigned long long kilobytes = 0;
            if (std::sscanf(line, "MemAvailable: %llu kB", &kilobytes) == 1) available = static_cast<double>(kilobytes) * 1024.0;
        }
        std::fclose(meminfo);
    }
    double used_pages[7] = {};  // size resident shared text lib data dirty
    if (std::FILE* statm = std::fopen("/proc/self/statm", "r")) {
        for (double& pages : used_pages)
            if (std::fscanf(statm, "%lf", &pages) != 1) break;
        std::fclose(statm);
    }
    const double page_bytes = static_cast<double>(::sysconf(_SC_PAGESIZE));
    const std::pair<int, double> limits[] = {{RLIMIT_AS, used_pages[0] * page_bytes}, {RLIMIT_DATA, used_pages[5] * page_bytes}};
    for (const auto& [resource, used_bytes] : limits) {
        rlimit limit{};
        if (::getrlimit(resource, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
            available = std::min(available.value_or(INFINITY), std::max(0.0, static_cast<double>(limit.rlim_cur) - used_bytes));
    }
    return available;
}

// The factors' size from the ordering's fill estimate: every entry of L and U a value
// and an index, twice over for the working copies of a factorisation (KLU's
// reallocation as it grows, UMFPACK's frontal matrices).
template <typename Scalar>
double factor_bytes(const klu_symbolic& symbolic, std::size_t size) {
    return 2.0 * (symbolic.lnz + symbolic.unz + static_cast<double>(size)) * static_cast<double>(sizeof(Scalar) + sizeof(int));
}

klu_symbolic* as_symbolic(void* pointer) { return static_cast<klu_symbolic*>(pointer); }
klu_numeric* as_numeric(void* pointer) { return static_cast<klu_numeric*>(pointer); }

void free_numeric(void*& numeric, klu_common* common, bool complex) {
    auto* typed = as_numeric(numeric);
    if (complex) klu_z_free_numeric(&typed, common);
    else klu_free_numeric(&typed, common);
    numeric = nullptr;
}

}  // namespace

template <typename Scalar>
SparseLu<Scalar>::SparseLu(std::size_t size, std::vector<int> column_starts, std::vector<int> row_indices,
                           LuOptions options)
    : size_(size),
      column_starts_(std::move(column_starts)),
      row_indices_(std::move(row_indices)),
      options_(options),
      common_storage_(sizeof(klu_common)) {
    auto* common = reinterpret_cast<klu_common*>(common_storage_.data());
    klu_defaults(common);
    if (size_ == 0) return;
    symbolic_ = klu_analyze(static_cast<int>(size_), column_starts_.data(), row_indices_.data(), common);
    if (!symbolic_) throw std::runtime_error("sparse LU: ordering failed");
    const double needed = factor_bytes<Scalar>(*as_symbolic(symbolic_), size_);
    // Small factors fit anywhere: the system is asked (two files read) only for large ones,
    // as a transient makes a factorisation per step size.
    constexpr double always_fits_bytes = 64e6;
    const std::optional<double> available =
        options_.memory_available_bytes ? options_.memory_available_bytes
        : needed > always_fits_bytes    ? system_memory_available_bytes()
                                        : std::nullopt;
    if (available && needed > *available) {
        auto* symbolic = as_symbolic(symbolic_);
        klu_free_symbolic(&symbolic, common);
        symbolic_ = nullptr;
        char message[256];
        std::snprintf(message, sizeof message,
                      "the circuit's matrix (%zu unknowns) needs about %.3g GB for its LU factors, more than the "
                      "%.3g GB of memory available",
                      size_, needed / 1e9, *available / 1e9);
        throw MatrixTooLarge(message);
    }
    const bool large = as_symbolic(symbolic_)->est_flops > multifrontal_flops;
    if (options_.method == LuMethod::multifrontal ||
        (options_.method == LuMethod::automatic && large && MultifrontalLu<Scalar>::available())) {
        auto* symbolic = as_symbolic(symbolic_);
        klu_free_symbolic(&symbolic, common);
        symbolic_ = nullptr;
        multifrontal_ = std::make_unique<MultifrontalLu<Scalar>>(size_, column_starts_, row_indices_);
    }
}

template <typename Scalar>
SparseLu<Scalar>::~SparseLu() {
    auto* common = reinterpret_cast<klu_common*>(common_storage_.data());
    if (numeric_) free_numeric(numeric_, common, is_complex<Scalar>);
    if (symbolic_) {
        auto* symbolic = as_symbolic(symbolic_);
        klu_free_symbolic(&symbolic, common);
    }
}

template <typename Scalar>
void SparseLu<Scalar>::factor_from_scratch(const double* values) {
    auto* common = reinterpret_cast<klu_common*>(common_storage_.data());
    if (numeric_) free_numeric(numeric_, common, is_complex<Scalar>);
    auto* mutable_values = const_cast<double*>(values);  // KLU's API is not const-correct
    if constexpr (is_complex<Scalar>)
        numeric_ = klu_z_factor(column_starts_.data(), row_indices_.data(), mutable_values, as_symbolic(symbolic_), common);
    else
        numeric_ = klu_factor(column_starts_.data(), row_indices_.data(), mutable_values, as_symbolic(symbolic_), common);
    ++full_factorizations_;
    if (!numeric_ || common->status == KLU_SINGULAR) {
        const int column = common->singular_col;
        throw SingularMatrix(column >= 0 && static_cast<std::size_t>(column) < size_ ? column : 0);
    }
}

template <typename Scalar>
void SparseLu<Scalar>::compile_plan() {
    auto* common = reinterpret_cast<klu_common*>(common_storage_.data());
    std::vector<int> row_order(size_), column_order(size_);
    bool extracted = false;
    if constexpr (is_complex<Scalar>)  // L, U and F (each with an imaginary part) are not needed: only P and Q
        extracted = klu_z_extract(as_numeric(numeric_), as_symbolic(symbolic_), nullptr, nullptr, nullptr, nullptr,
                                  nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                  row_order.data(), column_order.data(), nullptr, nullptr, common);
    else
        extracted = klu_extract(as_numeric(numeric_), as_symbolic(symbolic_), nullptr, nullptr, nullptr, nullptr,
                                nullptr, nullptr, nullptr, nullptr, nullptr, row_order.data(), column_order.data(),
                                nullptr, nullptr, common);
    if (!extracted) {
        plan_.reset();
        retained_plan_.reset();
        return;
    }
    if (retained_plan_ && row_order == plan_row_order_ && column_order == plan_column_order_) {
        plan_ = std::move(retained_plan_);  // the same pivots: the same plan
    } else {
        plan_ = EliminationPlan::compile(size_, column_starts_, row_indices_, row_order, column_order);
        plan_row_order_ = std::move(row_order);
        plan_column_order_ = std::move(column_order);
    }
    retained_plan_.reset();
    plan_too_large_ = !plan_;
}

template <typename Scalar>
void SparseLu<Scalar>::forget_pivots() {
    if (multifrontal_ || size_ == 0) return;  // the multifrontal method pivots afresh every time
    auto* common = reinterpret_cast<klu_common*>(common_storage_.data());
    if (numeric_) free_numeric(numeric_, common, is_complex<Scalar>);
    if (plan_) retained_plan_ = std::move(plan_);
    plan_.reset();
    plan_too_large_ = false;  // as a new SparseLu: these values' pivots may give a smaller plan
    solve_with_plan_ = false;
}

template <typename Scalar>
bool SparseLu<Scalar>::plan_pays_off() {
    auto* common = reinterpret_cast<klu_common*>(common_storage_.data());
    const bool counted = is_complex<Scalar> ? klu_z_flops(as_symbolic(symbolic_), as_numeric(numeric_), common)
                                            : klu_flops(as_symbolic(symbolic_), as_numeric(numeric_), common);
    if (!counted) return false;
    return common->flops <= always_planned_flops || options_.expected_factorizations >= plan_factorizations;
}

template <typename Scalar>
void SparseLu<Scalar>::factor(std::span<const Scalar> values) {
    if (size_ == 0) return;
    if (multifrontal_) {
        multifrontal_->factor(values);
        ++full_factorizations_;
        return;
    }
    // The usual path: same pivots, compiled elimination.
    if (plan_ && plan_->factor(values, factors_)) {
        solve_with_plan_ = true;
        return;
    }
    const auto* raw = reinterpret_cast<const double*>(values.data());
    auto* common = reinterpret_cast<klu_common*>(common_storage_.data());
    solve_with_plan_ = false;
    if (!plan_ && numeric_) {  // same pivots, KLU's refactorisation
        auto* mutable_values = const_cast<double*>(raw);  // KLU's API is not const-correct
        bool trusted = false;
        if constexpr (is_complex<Scalar>)
            trusted = klu_z_refactor(column_starts_.data(), row_indices_.data(), mutable_values,
                                     as_symbolic(symbolic_), as_numeric(numeric_), common) &&
                      klu_z_rcond(as_symbolic(symbolic_), as_numeric(numeric_), common);
        else
            trusted = klu_refactor(column_starts_.data(), row_indices_.data(), mutable_values, as_symbolic(symbolic_),
                                   as_numeric(numeric_), common) &&
                      klu_rcond(as_symbolic(symbolic_), as_numeric(numeric_), common);
        if (trusted && common->rcond >= smallest_trusted_rcond) return;
    }
    // New pivots for these values.
    factor_from_scratch(raw);
    plan_.reset();  // it replays the old pivots
    if (!plan_too_large_ && plan_pays_off()) compile_plan();
    solve_with_plan_ = plan_ && plan_->factor(values, factors_);
}

template <typename Scalar>
void SparseLu<Scalar>::solve(std::span<Scalar> right_hand_side) {
    if (size_ == 0) return;
    if (multifrontal_) {
        multifrontal_->solve(right_hand_side);
        return;
    }
    if (solve_with_plan_) {
        plan_->solve(factors_, right_hand_side, scratch_);
        return;
    }
    auto* common = reinterpret_cast<klu_common*>(common_storage_.data());
    auto* raw = reinterpret_cast<double*>(right_hand_side.data());
    if constexpr (is_complex<Scalar>)
        klu_z_solve(as_symbolic(symbolic_), as_numeric(numeric_), static_cast<int>(size_), 1, raw, common);
    else
        klu_solve(as_symbolic(symbolic_), as_numeric(numeric_), static_cast<int>(size_), 1, raw, common);
}

// Skeel's condition number of the solution x of A x = b,
//   cond(A, x) = || |A^-1| |A| |x| ||_inf / ||x||_inf,
// the factor by which LU's rounding (a backward error of a few eps |A| |x|) grows into
// the error of x; unlike cond(A) it does not count parts of the circuit that carry no
// signal, nor the scale of each row. With g = |A| |x| >= 0, || |A^-1| g ||_inf is the
// 1-norm of N = diag(g) A^-H, estimated by Hager's method as refined by Higham ("FORTRAN
// codes for estimating the one-norm of a real or complex matrix", ACM TOMS 14, 1988:
// algorithm 4.1 and the alternative estimate of 4.2, a lower bound that is almost
// always within a factor of 3), as Arioli, Demmel and Duff do for sparse systems.
template <typename Scalar>
double SparseLu<Scalar>::condition_estimate(std::span<const Scalar> values, std::span<const Scalar> solution) {
    if (size_ == 0) return 1.0;
    const std::size_t n = size_;
    double solution_norm = 0.0;
    for (const Scalar& value : solution) solution_norm = std::max(solution_norm, std::abs(value));
    if (!std::isfinite(solution_norm)) return INFINITY;
    if (solution_norm == 0.0) return 1.0;  // nothing to lose
    if (!multifrontal_ && solve_with_plan_) {  // KLU's factors are of older values: refactor them (same pivots)
        auto* common = reinterpret_cast<klu_common*>(common_storage_.data());
        auto* raw = const_cast<double*>(reinterpret_cast<const double*>(values.data()));
        const bool refactored =
            is_complex<Scalar>
                ? klu_z_refactor(column_starts_.data(), row_indices_.data(), raw, as_symbolic(symbolic_), as_numeric(numeric_), common)
                : klu_refactor(column_starts_.data(), row_indices_.data(), raw, as_symbolic(symbolic_), as_numeric(numeric_), common);
        if (!refactored) return INFINITY;
    }
    std::vector<double> weight(n, 0.0);  // g = |A| |x|
    for (std::size_t column = 0; column < n; ++column)
        for (int k = column_starts_[column]; k < column_starts_[column + 1]; ++k)
            weight[row_indices_[k]] += std::abs(values[k]) * std::abs(solution[column]);
    const bool plan_solves = solve_with_plan_;
    solve_with_plan_ = false;  // solve() below uses KLU's (or UMFPACK's) factors, which also solve A^H
    auto apply = [&](std::vector<Scalar>& x) {  // x <- N x = g .* (A^-H x)
        solve_adjoint(x);
        for (std::size_t i = 0; i < n; ++i) x[i] *= weight[i];
    };
    auto apply_adjoint = [&](std::vector<Scalar>& x) {  // x <- N^H x = A^-1 (g .* x)
        for (std::size_t i = 0; i < n; ++i) x[i] *= weight[i];
        solve(x);
    };
    auto one_norm = [](const std::vector<Scalar>& x) {
        double sum = 0.0;
        for (const Scalar& value : x) sum += std::abs(value);
        return sum;
    };
    std::vector<Scalar> x(n, Scalar(1.0 / static_cast<double>(n))), z(n);
    double estimate = 0.0;
    std::size_t previous_index = n;
    for (int iteration = 0; iteration < 5; ++iteration) {
        apply(x);
        const double next = one_norm(x);
        if (!std::isfinite(next)) {
            estimate = INFINITY;
            break;
        }
        if (iteration > 0 && next <= estimate) break;
        estimate = next;
        for (std::size_t i = 0; i < n; ++i)  // the sign of each entry (its phase when complex)
            z[i] = std::abs(x[i]) > 0 ? x[i] / std::abs(x[i]) : Scalar(1.0);
        apply_adjoint(z);
        std::size_t index = 0;
        for (std::size_t i = 1; i < n; ++i)
            if (std::abs(z[i]) > std::abs(z[index])) index = i;
        if (iteration > 0 && index == previous_index) break;
        previous_index = index;
        std::fill(x.begin(), x.end(), Scalar(0.0));
        x[index] = 1.0;
    }
    if (std::isfinite(estimate)) {  // the alternative: x_i = (-1)^i (1 + i / (n - 1))
        for (std::size_t i = 0; i < n; ++i)
            x[i] = (i % 2 ? -1.0 : 1.0) * (1.0 + (n > 1 ? static_cast<double>(i) / static_cast<double>(n - 1) : 0.0));
        apply(x);
        estimate = std::max(estimate, 2.0 * one_norm(x) / (3.0 * static_cast<double>(n)));
    }
    solve_with_plan_ = plan_solves;
    return std::max(1.0, estimate / solution_norm);
}

template <typename Scalar>
void SparseLu<Scalar>::solve_adjoint(std::span<Scalar> right_hand_side) {
    if (multifrontal_) {
        multifrontal_->solve(right_hand_side, true);
        return;
    }
    auto* common = reinterpret_cast<klu_common*>(common_storage_.data());
    auto* raw = reinterpret_cast<double*>(right_hand_side.data());
    if constexpr (is_complex<Scalar>)
        klu_z_tsolve(as_symbolic(symbolic_), as_numeric(numeric_), static_cast<int>(size_), 1, raw, 1, common);
    else
        klu_tsolve(as_symbolic(symbolic_), as_numeric(numeric_), static_cast<int>(size_), 1, raw, common);
}

template class SparseLu<double>;
template class SparseLu<std::complex<double>>;

}  // namespace hpsim::sim
