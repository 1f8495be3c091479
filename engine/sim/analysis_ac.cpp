#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <numbers>

#include "sim/analyses.hpp"
#include "sim/conditioning.hpp"
#include "sim/sparse_lu.hpp"

namespace hpsim::sim {
namespace {

using Complex = std::complex<double>;
constexpr std::size_t lanes = EliminationPlan::lanes;

// A = G + jwC for one frequency, in the pattern's order.
void stamp(const MnaSystem& system, double omega, std::vector<Complex>& matrix) {
    const std::vector<double>& conductance = system.conductance();
    const std::vector<double>& reactance = system.reactance();
    for (std::size_t k = 0; k < matrix.size(); ++k) matrix[k] = Complex(conductance[k], omega * reactance[k]);
}

std::string at_frequency(double frequency_hz) {
    char text[48];
    std::snprintf(text, sizeof text, "at %.6g Hz", frequency_hz);
    return text;
}

}  // namespace

// Frequencies go through in blocks of `lanes`: the block's matrices are stamped side
// by side and eliminated together with the kept pivots. A block whose pivots have gone
// bad (and the first block, before there are pivots) is solved point by point, which
// chooses new pivots.
void run_ac(const AnalysisRun& run, const AcAnalysis& analysis) {
    const MnaSystem& system = run.system;
    const std::size_t n = system.size();
    run.sink.begin({AnalysisKind::ac, run.ordinal, "frequency", system.unknown_names(), analysis.points});

    std::vector<Complex> excitation(n);
    for (const SourceEntry& entry : system.sources())
        excitation[entry.row] += entry.sign * run.circuit.elements[entry.element].excitation.ac_phasor;

    const std::size_t entries = system.conductance().size();
    run.phase("order");
    SparseLu<Complex> lu(n, system.column_starts(), system.row_indices(), {.expected_factorizations = analysis.points});
    std::vector<Complex> matrix(entries), solution(n);
    // The lanes' arrays are made when there is a compiled plan to run them through.
    std::vector<double> lane_real, lane_imag, lane_rhs_real, lane_rhs_imag;
    EliminationPlan::LaneFactors lane_factors, lane_scratch;
    auto prepare_lanes = [&] {
        if (!lane_real.empty()) return;
        lane_real.resize(entries * lanes);
        lane_imag.resize(entries * lanes);
        for (std::size_t k = 0; k < entries; ++k)  // G is the same at every frequency
            std::fill_n(lane_real.begin() + static_cast<std::ptrdiff_t>(k * lanes), lanes, system.conductance()[k]);
        lane_rhs_real.resize(n * lanes);
        lane_rhs_imag.resize(n * lanes);
    };

    // The condition of the matrix at the first and the last frequency (the sweep's ends,
    // where the reactive parts are smallest and largest against the conductances).
    ConditionMonitor monitor(run, analysis.where);
    bool last_checked = false;
    auto factor_point = [&](double frequency) {
        const double omega = 2.0 * std::numbers::pi * frequency;
        stamp(system, omega, matrix);
        try {
            lu.factor(matrix);
        } catch (const SingularMatrix& singular) {
            throw spice::DeckError(analysis.where, "singular matrix at " + std::to_string(frequency) + " Hz: " +
                                                       system.describe_unknown(singular.column()) +
                                                       " is not determined by the circuit");
        }
    };
    auto check_point = [&](double frequency) {
        monitor.check<Complex>(lu, matrix, solution, 2.0 * std::numbers::pi * frequency, at_frequency(frequency));
    };
    auto solve_point = [&](std::size_t index) {
        const double frequency = analysis.frequency(index);
        const bool last = index + 1 == analysis.points;
        last_checked = last_checked || last;
        factor_point(frequency);
        solution = excitation;
        lu.solve(solution);
        require_finite(system, solution, analysis.where);
        if (index == 0 || last) check_point(frequency);
        run.sink.complex_point(frequency, solution);
    };

    run.phase(std::to_string(analysis.points) + " points");
    for (std::size_t first = 0; first < analysis.points; first += lanes) {
        const std::size_t count = std::min(lanes, analysis.points - first);
        double frequency[lanes];
        for (std::size_t l = 0; l < lanes; ++l) frequency[l] = analysis.frequency(first + std::min(l, count - 1));
        const EliminationPlan* plan = lu.plan();
        bool solved_together = false;
        if (plan) {  // a short last block repeats its last frequency in the spare lanes
            prepare_lanes();
            for (std::size_t k = 0; k < entries; ++k)
                for (std::size_t l = 0; l < lanes; ++l)
                    lane_imag[k * lanes + l] = 2.0 * std::numbers::pi * frequency[l] * system.reactance()[k];
            solved_together = plan->factor_lanes(lane_real, lane_imag, lane_factors);
        }
        if (!solved_together) {
            for (std::size_t l = 0; l < count; ++l) solve_point(first + l);
            continue;
        }
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t l = 0; l < lanes; ++l) {
                lane_rhs_real[i * lanes + l] = excitation[i].real();
                lane_rhs_imag[i * lanes + l] = excitation[i].imag();
            }
        plan->solve_lanes(lane_factors, lane_rhs_real, lane_rhs_imag, lane_scratch);
        for (std::size_t l = 0; l < count; ++l) {
            for (std::size_t i = 0; i < n; ++i)
                solution[i] = Complex(lane_rhs_real[i * lanes + l], lane_rhs_imag[i * lanes + l]);
            require_finite(system, solution, analysis.where);
            run.sink.complex_point(frequency[l], solution);
        }
    }
    if (!last_checked && analysis.points > 0) {  // the last point went through the lanes
        const double frequency = analysis.frequency(analysis.points - 1);
        factor_point(frequency);
        solution = excitation;
        lu.solve(solution);
        check_point(frequency);
    }
    monitor.report();
    run.sink.end();
}

}  // namespace hpsim::sim
