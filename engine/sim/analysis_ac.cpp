#include <optional>
#include <string>
#include <vector>

#include "sim/ac_response.hpp"
#include "sim/analyses.hpp"

namespace hpsim::sim {

AcResponse& AnalysisWorkspace::ac_response(const MnaSystem& system, std::size_t expected_frequencies) {
    if (!ac) ac = std::make_unique<AcResponse>(system, expected_frequencies);
    return *ac;
}

void AnalysisWorkspace::forget_pivots() {
    if (real) real->forget_pivots();
    if (ac) ac->forget_pivots();
}

// The analysis's sources as one excitation, swept by AcResponse (blocks of
// frequencies eliminated together with kept pivots).
void run_ac(const AnalysisRun& run, const AcAnalysis& analysis) {
    const MnaSystem& system = run.system;
    run.sink.begin({AnalysisKind::ac, run.ordinal, "frequency", system.unknown_names(), analysis.points});
    std::vector<std::complex<double>> phasors(run.circuit.elements.size());
    for (std::size_t i = 0; i < phasors.size(); ++i) phasors[i] = run.circuit.elements[i].excitation.ac_phasor;
    const std::vector<std::vector<std::complex<double>>> excitation{ac_excitation(system, phasors)};

    run.phase("order");
    std::optional<AcResponse> own;
    AcResponse& response = run.workspace ? run.workspace->ac_response(system, analysis.points) : own.emplace(system, analysis.points);
    std::vector<double> frequencies(analysis.points);
    for (std::size_t i = 0; i < analysis.points; ++i) frequencies[i] = analysis.frequency(i);
    run.phase(std::to_string(analysis.points) + " points");
    try {
        response.sweep(frequencies, excitation, [&](std::size_t index, std::size_t, std::span<const std::complex<double>> solution) {
            require_finite(system, solution, analysis.where);
            run.sink.complex_point(frequencies[index], solution);
        });
    } catch (const SingularAtFrequency& singular) {
        throw spice::DeckError(analysis.where, "singular matrix at " + std::to_string(singular.frequency_hz()) + " Hz: " +
                                                   system.describe_unknown(singular.column()) + " is not determined by the circuit");
    }
    run.sink.end();
}

}  // namespace hpsim::sim
