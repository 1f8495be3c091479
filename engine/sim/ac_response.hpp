#pragma once
// The small-signal response of one circuit to one or several excitations: at each
// frequency A = G + jwC is factored once and solved for every right-hand side. The
// factorisation keeps its ordering and pivots across frequencies and across restamps
// of the system (MnaSystem::restamp), and refactors from scratch only when a pivot
// goes bad. Frequencies go through in blocks of EliminationPlan::lanes: the block's
// matrices are stamped side by side and eliminated together with the kept pivots.
// Without pivots (the first point) one point is factored alone, which chooses them;
// a block whose pivots have gone bad is solved point by point, choosing new ones.
#include <complex>
#include <functional>
#include <optional>
#include <stdexcept>
#include <span>
#include <vector>

#include "sim/mna.hpp"
#include "sim/sparse_lu.hpp"

namespace hpsim::sim {

// A singular matrix at one frequency of a sweep.
class SingularAtFrequency : public SingularMatrix {
public:
    SingularAtFrequency(std::size_t column, double frequency_hz) : SingularMatrix(column), frequency_hz_(frequency_hz) {}
    double frequency_hz() const { return frequency_hz_; }

private:
    double frequency_hz_;
};

// A solution that is not finite at one frequency (a near-singular circuit or extreme
// values): `unknown` is the first such unknown.
class NotFiniteAtFrequency : public std::runtime_error {
public:
    NotFiniteAtFrequency(std::size_t unknown, double frequency_hz)
        : std::runtime_error("solution not finite"), unknown_(unknown), frequency_hz_(frequency_hz) {}
    std::size_t unknown() const { return unknown_; }
    double frequency_hz() const { return frequency_hz_; }

private:
    std::size_t unknown_;
    double frequency_hz_;
};

class AcResponse {
public:
    using Complex = std::complex<double>;
    // (frequency index, excitation index, solution)
    using Deliver = std::function<void(std::size_t, std::size_t, std::span<const Complex>)>;
    // A point factored on its own: (frequency index, its factorisation, the matrix's
    // values, the first excitation's solution), e.g. for a condition estimate.
    using Inspect = std::function<void(std::size_t, SparseLu<Complex>&, std::span<const Complex>, std::span<const Complex>)>;

    // `expected_frequencies`: how many matrices will be factored (pays for a compiled
    // elimination plan in long runs).
    AcResponse(const MnaSystem& system, std::size_t expected_frequencies);

    // Every excitation at every frequency, delivered a block of frequencies at a time
    // (in frequency order for one excitation; within a block, excitation by excitation
    // for several). Every solution delivered is finite. Throws SingularAtFrequency and
    // NotFiniteAtFrequency.
    // `inspect`, when given, sees every point factored on its own (the first always is).
    void sweep(std::span<const double> frequencies_hz, std::span<const std::vector<Complex>> excitations, const Deliver& deliver,
               const Inspect& inspect = {});
    // One frequency factored on its own (with the kept pivots while they hold), e.g. to
    // inspect a point the lanes solved. Throws SingularAtFrequency and NotFiniteAtFrequency.
    void solve_alone(std::size_t index, double frequency_hz, std::span<const std::vector<Complex>> excitations,
                     const Deliver& deliver, const Inspect& inspect = {});

    // The next sweep chooses its pivots afresh (see SparseLu::forget_pivots).
    void forget_pivots() { lu_.forget_pivots(); }

private:
    const MnaSystem& system_;
    SparseLu<Complex> lu_;
    std::vector<Complex> matrix_, solution_;
    std::vector<Complex> lane_solutions_;  // a block's solutions, [(excitation * lanes + lane) * unknowns + unknown]
    EliminationPlan::LaneFactors lane_factors_;
    EliminationPlan::LaneScratch lane_scratch_;

};

// The excitation b of the AC sources, with each V and I source's phasor taken from
// `phasors` (indexed by element).
std::vector<std::complex<double>> ac_excitation(const MnaSystem& system, std::span<const std::complex<double>> phasors);

}  // namespace hpsim::sim
