#include <cstdio>
#include <optional>
#include <string>
#include <vector>
#include <numbers>

#include "sim/ac_response.hpp"
#include "sim/analyses.hpp"
#include "sim/conditioning.hpp"

namespace hpsim::sim {
namespace {

std::string at_frequency(double frequency_hz) {
    char text[48];
    std::snprintf(text, sizeof text, "at %.6g Hz", frequency_hz);
    return text;
}

}  // namespace

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
    using Complex = std::complex<double>;
    const MnaSystem& system = run.system;
    run.sink.begin({AnalysisKind::ac, run.ordinal, "frequency", system.unknown_names(), analysis.points, {}, {}, {}});
    std::vector<Complex> phasors(run.circuit.elements.size());
    for (std::size_t i = 0; i < phasors.size(); ++i) phasors[i] = run.circuit.elements[i].excitation.ac_phasor;
    const std::vector<std::vector<Complex>> excitation{ac_excitation(system, phasors)};

    run.phase("order");
    std::optional<AcResponse> own;
    AcResponse& response = run.workspace ? run.workspace->ac_response(system, analysis.points) : own.emplace(system, analysis.points);
    std::vector<double> own_frequencies;
    std::vector<double>& frequencies = run.workspace ? run.workspace->frequencies_hz : own_frequencies;
    if (frequencies.size() != analysis.points) {
        frequencies.resize(analysis.points);
        for (std::size_t i = 0; i < analysis.points; ++i) frequencies[i] = analysis.frequency(i);
    }

    // The condition of the matrix at the first and the last frequency (the sweep's ends,
    // where the reactive parts are smallest and largest against the conductances).
    ConditionMonitor monitor(run, analysis.where);
    bool last_checked = false;
    const AcResponse::Inspect inspect = [&](std::size_t index, SparseLu<Complex>& lu, std::span<const Complex> matrix,
                                            std::span<const Complex> solution) {
        const bool last = index + 1 == analysis.points;
        if (index != 0 && !last) return;
        last_checked = last_checked || last;
        monitor.check<Complex>(lu, matrix, solution, 2.0 * std::numbers::pi * frequencies[index], at_frequency(frequencies[index]));
    };
    run.phase(std::to_string(analysis.points) + " points");
    try {
        response.sweep(
            frequencies, excitation,
            [&](std::size_t index, std::size_t, std::span<const Complex> solution) {
                run.sink.complex_point(frequencies[index], solution);
            },
            inspect);
        if (run.check_condition && !last_checked && analysis.points > 0)  // the last point went through the lanes
            response.solve_alone(analysis.points - 1, frequencies.back(), excitation, [](std::size_t, std::size_t, std::span<const Complex>) {},
                                 inspect);
    } catch (const NotFiniteAtFrequency& not_finite) {
        throw spice::DeckError(analysis.where, "the solution is not finite at " + system.describe_unknown(not_finite.unknown()) + " " +
                                                   at_frequency(not_finite.frequency_hz()) + " (a near-singular circuit or extreme values)");
    } catch (const SingularAtFrequency& singular) {
        throw spice::DeckError(analysis.where, "singular matrix at " + std::to_string(singular.frequency_hz()) + " Hz: " +
                                                   system.describe_unknown(singular.column()) + " is not determined by the circuit");
    }
    monitor.report();
    run.sink.end();
}

}  // namespace hpsim::sim
