#pragma once
// The small-signal response of one circuit to several excitations at once: at each
// frequency, A = G + jwC is factored once and solved for every right-hand side (the
// excitations are linear, so each is a separate solve of the same matrix). The
// factorisation keeps its ordering and pivots across frequencies and across restamps
// of the system (MnaSystem::restamp), and refactors from scratch only when a pivot
// goes bad.
#include <complex>
#include <span>
#include <vector>

#include "sim/mna.hpp"
#include "sim/sparse_lu.hpp"

namespace hpsim::sim {

class AcResponse {
public:
    using Complex = std::complex<double>;

    // `expected_frequencies`: how many matrices will be factored (pays for a compiled
    // elimination plan in long runs).
    AcResponse(const MnaSystem& system, std::size_t expected_frequencies);

    // solutions[e] = A(frequency)^-1 excitations[e]. Throws SingularMatrix.
    void solve(double frequency_hz, std::span<const std::vector<Complex>> excitations, std::vector<std::vector<Complex>>& solutions);

private:
    const MnaSystem& system_;
    SparseLu<Complex> lu_;
    std::vector<Complex> matrix_;
};

// The excitation b of the AC sources, with each V and I source's phasor taken from
// `phasors` (indexed by element).
std::vector<std::complex<double>> ac_excitation(const MnaSystem& system, std::span<const std::complex<double>> phasors);

}  // namespace hpsim::sim
