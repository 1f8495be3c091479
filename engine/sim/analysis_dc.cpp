#include <cmath>
#include <bit>
#include <complex>
#include <cstdint>
#include <optional>
#include <span>
#include <type_traits>

#include "sim/analyses.hpp"
#include "sim/conditioning.hpp"
#include "sim/finite.hpp"
#include "sim/sparse_lu.hpp"

namespace hpsim::sim {
namespace {

std::vector<double> dc_source_values(const Circuit& circuit) {
    std::vector<double> values(circuit.elements.size(), 0.0);
    for (std::size_t i = 0; i < circuit.elements.size(); ++i) values[i] = circuit.elements[i].excitation.dc_value();
    return values;
}

[[noreturn]] void report_singular(const MnaSystem& system, const SingularMatrix& singular, const SourceLocation& where) {
    throw spice::DeckError(where, "singular matrix: " + system.describe_unknown(singular.column()) +
                                      " is not determined by the circuit");
}

void factor_or_report(SparseLu<double>& lu, const MnaSystem& system, const SourceLocation& where) {
    try {
        lu.factor(system.conductance());
    } catch (const SingularMatrix& singular) {
        report_singular(system, singular, where);
    }
}

}  // namespace

namespace {

bool is_finite(double value) { return std::isfinite(value); }
bool is_finite(const std::complex<double>& value) { return std::isfinite(value.real()) && std::isfinite(value.imag()); }

}  // namespace

void fill_source_rhs(const MnaSystem& system, const std::vector<double>& source_values, std::vector<double>& rhs) {
    std::fill(rhs.begin(), rhs.end(), 0.0);
    for (const SourceEntry& entry : system.sources()) rhs[entry.row] += entry.sign * source_values[entry.element];
}

template <typename Vector>
void require_finite(const MnaSystem& system, const Vector& solution, const SourceLocation& where) {
    if (all_finite(std::span(solution))) return;
    for (std::size_t i = 0; i < solution.size(); ++i)
        if (!is_finite(solution[i]))
            throw spice::DeckError(where, "the solution is not finite at " + system.describe_unknown(i) +
                                              " (a near-singular circuit or extreme values)");
}
template void require_finite(const MnaSystem&, const std::vector<double>&, const SourceLocation&);
template void require_finite(const MnaSystem&, const std::vector<std::complex<double>>&, const SourceLocation&);
template void require_finite(const MnaSystem&, const std::span<const std::complex<double>>&, const SourceLocation&);

SparseLu<double>& AnalysisWorkspace::real_lu(const MnaSystem& system, LuOptions options) {
    if (!real) real = std::make_unique<SparseLu<double>>(system.size(), system.column_starts(), system.row_indices(), options);
    return *real;
}

std::vector<double> solve_dc(const MnaSystem& system, const std::vector<double>& source_values,
                             const SourceLocation& where, const AnalysisRun* run) {
    if (run) run->phase("order");
    std::optional<SparseLu<double>> own;
    SparseLu<double>& lu = run && run->workspace ? run->workspace->real_lu(system)
                                                 : own.emplace(system.size(), system.column_starts(), system.row_indices());
    std::vector<double> solution(system.size());
    fill_source_rhs(system, source_values, solution);
    if (run) run->phase("factor");
    factor_or_report(lu, system, where);
    if (run) run->phase("solve");
    lu.solve(solution);
    if (run) {  // an analysis of its own (op): the digits its solution may have lost
        run->phase("condition");
        ConditionMonitor monitor(*run, where);
        monitor.check<double>(lu, system.conductance(), solution, 0.0, "");
        monitor.report();
    }
    require_finite(system, solution, where);
    return solution;
}

void run_op(const AnalysisRun& run, const OpAnalysis& analysis) {
    run.sink.begin({AnalysisKind::op, run.ordinal, "", run.system.unknown_names(), 1, {}, {}, {}});
    const std::vector<double> solution = solve_dc(run.system, dc_source_values(run.circuit), analysis.where, &run);
    run.sink.real_point(0.0, solution);
    run.sink.end();
}

namespace {

bool sweeps_resistor(const Circuit& circuit, const DcSweep& sweep) {
    return circuit.elements[sweep.source].kind == ElementKind::resistor;
}

// The points of a .dc, the outer (stepped) source's values outermost. set(sweep,
// value) gives a swept source or resistor its value; ready() makes `lu` the point's
// factorisation; each point is then solved, checked and delivered.
template <class Set, class Ready>
void solve_points(const AnalysisRun& run, const DcAnalysis& analysis, const MnaSystem& system, SparseLu<double>& lu,
                  const std::vector<double>& source_values, Set&& set, Ready&& ready) {
    ConditionMonitor monitor(run, analysis.where);  // at the first and the last value
    run.phase(std::to_string(analysis.points()) + " points");
    std::vector<double> solution(system.size());
    const std::size_t outer_points = analysis.outer ? analysis.outer->points : 1;
    for (std::size_t outer = 0; outer < outer_points; ++outer) {
        if (analysis.outer) {
            set(*analysis.outer, analysis.outer->value(outer));
            run.sink.outer_sweep(analysis.outer->value(outer));
        }
        for (std::size_t point = 0; point < analysis.sweep.points; ++point) {
            const double value = analysis.sweep.value(point);
            set(analysis.sweep, value);
            ready();
            fill_source_rhs(system, source_values, solution);
            lu.solve(solution);
            require_finite(system, solution, analysis.where);
            const bool first = outer == 0 && point == 0;
            const bool last = outer + 1 == outer_points && point + 1 == analysis.sweep.points;
            if (first || last) monitor.check<double>(lu, system.conductance(), solution, 0.0, "");
            run.sink.real_point(value, solution);
        }
    }
    monitor.report();
    run.sink.end();
}

// A .dc of a resistor (as ngspice allows): its resistance is the swept value times
// the m, scale= and temperature factor of its card; the matrix is restamped and
// factored at each point, with pivots chosen afresh.
void run_resistor_dc(const AnalysisRun& run, const DcAnalysis& analysis) {
    Circuit varied = run.circuit;
    MnaSystem system(varied);
    run.sink.begin({AnalysisKind::dc, run.ordinal, varied.elements[analysis.sweep.source].name, system.unknown_names(),
                    analysis.points(), {}, {}, analysis.outer ? varied.elements[analysis.outer->source].name : ""});
    SparseLu<double> lu(system.size(), system.column_starts(), system.row_indices());
    std::vector<double> source_values = dc_source_values(varied);
    const auto set = [&](const DcSweep& sweep, double value) {
        Element& element = varied.elements[sweep.source];
        if (element.kind != ElementKind::resistor) {
            source_values[sweep.source] = value;
            return;
        }
        if (value == 0.0) throw spice::DeckError(analysis.where, ".dc sets resistor '" + element.name + "' to zero ohms");
        element.value = value * element.value_scale;
    };
    const auto ready = [&] {
        system.restamp(varied);
        lu.forget_pivots();
        factor_or_report(lu, system, analysis.where);
    };
    solve_points(run, analysis, system, lu, source_values, set, ready);
}

}  // namespace

// The outer source (a nested .dc) steps; at each of its values the first one sweeps.
void run_dc(const AnalysisRun& run, const DcAnalysis& analysis) {
    if (sweeps_resistor(run.circuit, analysis.sweep) || (analysis.outer && sweeps_resistor(run.circuit, *analysis.outer))) {
        run_resistor_dc(run, analysis);
        return;
    }
    const MnaSystem& system = run.system;
    const std::vector<Element>& elements = run.circuit.elements;
    run.sink.begin({AnalysisKind::dc, run.ordinal, elements[analysis.sweep.source].name, system.unknown_names(),
                    analysis.points(), {}, {}, analysis.outer ? elements[analysis.outer->source].name : ""});
    run.phase("order");
    std::optional<SparseLu<double>> own;
    SparseLu<double>& lu = run.workspace ? run.workspace->real_lu(system)
                                         : own.emplace(system.size(), system.column_starts(), system.row_indices());
    run.phase("factor");
    factor_or_report(lu, system, analysis.where);  // once: only the right-hand side changes
    std::vector<double> source_values = dc_source_values(run.circuit);
    solve_points(
        run, analysis, system, lu, source_values,
        [&](const DcSweep& sweep, double value) { source_values[sweep.source] = value; }, [] {});
}

}  // namespace hpsim::sim
