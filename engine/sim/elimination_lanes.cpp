// EliminationPlan's replay for `lanes` frequencies at once (see elimination_plan.hpp).
//
// Every step is a loop over the 32 lanes with no dependence between lanes; the
// compiler turns it into vector instructions (an AVX2 version is chosen at load time
// where the processor has it). The values of A are written straight from G, C and w,
// without a stamped copy per lane.
#include <algorithm>
#include <cmath>

#include "sim/elimination_plan.hpp"

// The lanes of one entry never overlap those of another: no dependence between the
// iterations of a lane loop, whatever the positions.
#if defined(__clang__)
#define HPSIM_INDEPENDENT_LANES _Pragma("clang loop vectorize(assume_safety)")
#elif defined(__GNUC__)
#define HPSIM_INDEPENDENT_LANES _Pragma("GCC ivdep")
#else
#define HPSIM_INDEPENDENT_LANES
#endif

// Not under ThreadSanitizer: the clone's resolver runs while the program is loaded,
// before the sanitizer's runtime is ready for its instrumented code.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_THREAD__)
#define HPSIM_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define HPSIM_VECTOR_CLONES
#endif

namespace hpsim::sim {
namespace {

constexpr std::size_t L = EliminationPlan::lanes;
// A multiplier above this (|re| + |im|) means its pivot is below about 1e-6 of the
// entry it divides: the pivot is not trusted, and the caller chooses new ones.
constexpr double largest_multiplier = 1e6;

}  // namespace

HPSIM_VECTOR_CLONES
bool EliminationPlan::factor_frequencies(std::span<const double> conductance, std::span<const double> reactance,
                                         std::span<const double, lanes> omega, LaneFactors& factors) const {
    factors.real.resize(factor_size_ * L);
    factors.imag.resize(factor_size_ * L);
    double* const fr = factors.real.data();
    double* const fi = factors.imag.data();
    const std::size_t first_fill = scatter_.size() * L, last_fill = (factor_size_ - size_) * L;
    std::fill(fr + first_fill, fr + last_fill, 0.0);
    std::fill(fi + first_fill, fi + last_fill, 0.0);
    for (std::size_t k = 0; k < scatter_.size(); ++k) {  // A = G + jwC
        const std::size_t p = static_cast<std::size_t>(scatter_[k]) * L;
        const double g = conductance[k], c = reactance[k];
        for (std::size_t l = 0; l < L; ++l) {
            fr[p + l] = g;
            fi[p + l] = omega[l] * c;
        }
    }
    const std::size_t inverse_offset = (factor_size_ - size_) * L;
    unsigned bad = 0;  // a lane's pivot or multiplier is not trusted; integer, so that the lane loops vectorise
    std::size_t update = 0;
    for (std::size_t k = 0; k < size_; ++k) {
        const std::size_t d = static_cast<std::size_t>(diagonal_[k]) * L;
        double* const inverse_real = fr + inverse_offset + k * L;
        double* const inverse_imag = fi + inverse_offset + k * L;
        HPSIM_INDEPENDENT_LANES
        for (std::size_t l = 0; l < L; ++l) {  // 1/z = conj(z) / |z|^2
            const double scale = 1.0 / (fr[d + l] * fr[d + l] + fi[d + l] * fi[d + l]);
            bad |= static_cast<unsigned>(!(scale > 0.0)) | static_cast<unsigned>(!(scale < HUGE_VAL));
            inverse_real[l] = fr[d + l] * scale;
            inverse_imag[l] = -fi[d + l] * scale;
        }
        for (int a = lower_begin_[k]; a < lower_begin_[k + 1]; ++a) {
            const std::size_t p = static_cast<std::size_t>(lower_position_[a]) * L;
            HPSIM_INDEPENDENT_LANES
            for (std::size_t l = 0; l < L; ++l) {
                const double re = fr[p + l] * inverse_real[l] - fi[p + l] * inverse_imag[l];
                const double im = fr[p + l] * inverse_imag[l] + fi[p + l] * inverse_real[l];
                fr[p + l] = re;
                fi[p + l] = im;
                bad |= static_cast<unsigned>(!(std::abs(re) + std::abs(im) <= largest_multiplier));  // also NaN
            }
            for (int b = upper_begin_[k]; b < upper_begin_[k + 1]; ++b) {
                const std::size_t t = static_cast<std::size_t>(update_target_[update++]) * L;
                const std::size_t u = static_cast<std::size_t>(upper_position_[b]) * L;
                HPSIM_INDEPENDENT_LANES
                for (std::size_t l = 0; l < L; ++l) {  // every value read before the target is written
                    const double mr = fr[p + l], mi = fi[p + l], ur = fr[u + l], ui = fi[u + l];
                    fr[t + l] -= mr * ur - mi * ui;
                    fi[t + l] -= mr * ui + mi * ur;
                }
            }
        }
        if (bad) return false;
    }
    return true;
}

HPSIM_VECTOR_CLONES
void EliminationPlan::solve_frequencies(const LaneFactors& factors, std::span<const std::complex<double>> right_hand_side,
                                        std::span<std::complex<double>> solutions, LaneScratch& scratch) const {
    const double* const fr = factors.real.data();
    const double* const fi = factors.imag.data();
    const std::size_t inverse_offset = (factor_size_ - size_) * L;
    scratch.real.resize(size_ * L);
    scratch.imag.resize(size_ * L);
    double* const zr = scratch.real.data();
    double* const zi = scratch.imag.data();
    scratch.nonzero.resize(size_);
    unsigned char* const nonzero = scratch.nonzero.data();
    for (std::size_t i = 0; i < size_; ++i) {
        const std::complex<double> value = right_hand_side[row_order_[i]];
        std::fill_n(zr + i * L, L, value.real());
        std::fill_n(zi + i * L, L, value.imag());
        nonzero[i] = value != 0.0;
    }
    for (std::size_t k = 0; k < size_; ++k) {  // L z = P b, L unit lower triangular
        if (!nonzero[k]) continue;  // z_k = 0 changes no other row
        for (int a = lower_begin_[k]; a < lower_begin_[k + 1]; ++a) {
            nonzero[lower_row_[a]] = 1;
            const std::size_t p = static_cast<std::size_t>(lower_position_[a]) * L;
            const std::size_t i = static_cast<std::size_t>(lower_row_[a]) * L;
            HPSIM_INDEPENDENT_LANES
            for (std::size_t l = 0; l < L; ++l) {
                const double lr = fr[p + l], li = fi[p + l], kr = zr[k * L + l], ki = zi[k * L + l];
                zr[i + l] -= lr * kr - li * ki;
                zi[i + l] -= lr * ki + li * kr;
            }
        }
    }
    for (std::size_t k = size_; k-- > 0;) {  // U y = z
        for (int b = upper_begin_[k]; b < upper_begin_[k + 1]; ++b) {
            if (!nonzero[upper_column_[b]]) continue;  // y_j = 0 adds nothing
            nonzero[k] = 1;
            const std::size_t p = static_cast<std::size_t>(upper_position_[b]) * L;
            const std::size_t j = static_cast<std::size_t>(upper_column_[b]) * L;
            HPSIM_INDEPENDENT_LANES
            for (std::size_t l = 0; l < L; ++l) {
                const double ur = fr[p + l], ui = fi[p + l], jr = zr[j + l], ji = zi[j + l];
                zr[k * L + l] -= ur * jr - ui * ji;
                zi[k * L + l] -= ur * ji + ui * jr;
            }
        }
        if (!nonzero[k]) continue;
        const double* const inverse_real = fr + inverse_offset + k * L;
        const double* const inverse_imag = fi + inverse_offset + k * L;
        HPSIM_INDEPENDENT_LANES
        for (std::size_t l = 0; l < L; ++l) {
            const double re = zr[k * L + l] * inverse_real[l] - zi[k * L + l] * inverse_imag[l];
            const double im = zr[k * L + l] * inverse_imag[l] + zi[k * L + l] * inverse_real[l];
            zr[k * L + l] = re;
            zi[k * L + l] = im;
        }
    }
    for (std::size_t k = 0; k < size_; ++k) {
        std::complex<double>* const out = solutions.data() + column_order_[k];
        for (std::size_t l = 0; l < L; ++l) out[l * size_] = {zr[k * L + l], zi[k * L + l]};
    }
}

}  // namespace hpsim::sim
