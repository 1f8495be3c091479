#include "verify/cross_check.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdio>
#include <map>

#include "ngspice/ngspice_session.hpp"
#include "sim/simulate.hpp"
#include "sim/step/stepped_simulation.hpp"
#include "verify/step_decks.hpp"

namespace hpsim::verify {
namespace {

using Complex = std::complex<double>;

std::string analysis_label(const sim::AnalysisHeader& header) {
    std::string label = sim::analysis_kind_name(header.kind);
    if (header.ordinal > 1) label += std::to_string(header.ordinal);
    return label;
}

const ngspice::Vector* find_vector(const ngspice::Plot& plot, const std::string& name) {
    for (const ngspice::Vector& vector : plot.vectors)
        if (vector.name == name) return &vector;
    return nullptr;
}

// hpsim's vector in ngspice's plot. ngspice 39 turns an E or H written with POLY into
// an XSPICE code model: its current is "a$poly$e.x1.e3#branch_1_0" (same sign).
const ngspice::Vector* find_hpsim_vector(const ngspice::Plot& plot, const std::string& hpsim_name) {
    const std::string name = ngspice::to_ngspice_vector_name(hpsim_name);
    if (const ngspice::Vector* vector = find_vector(plot, name)) return vector;
    const std::string branch = "#branch";
    if (!hpsim_name.starts_with("i(") || !name.ends_with(branch)) return nullptr;
    return find_vector(plot, "a$poly$" + name.substr(0, name.size() - branch.size()) + "#branch_1_0");
}

std::vector<double> real_values(const ngspice::Vector& vector) {
    if (!vector.is_complex) return vector.real;
    std::vector<double> values;
    for (const Complex& value : vector.complex) values.push_back(value.real());
    return values;
}

std::vector<Complex> complex_values(const ngspice::Vector& vector) {
    if (vector.is_complex) return vector.complex;
    return {vector.real.begin(), vector.real.end()};
}

// ngspice's value at `time`, linear between its own time points.
double interpolate(const std::vector<double>& times, const std::vector<double>& values, double time) {
    const auto after = std::lower_bound(times.begin(), times.end(), time);
    if (after == times.begin()) return values.front();
    if (after == times.end()) return values.back();
    const std::size_t i = static_cast<std::size_t>(after - times.begin());
    const double fraction = (time - times[i - 1]) / (times[i] - times[i - 1]);
    return values[i - 1] + fraction * (values[i] - values[i - 1]);
}

// ngspice runs the analyses of a deck grouped by kind, and within a kind in reverse
// deck order; this finds the plot that belongs to hpsim's analysis.
const ngspice::Plot* matching_plot(const std::vector<ngspice::Plot>& plots, const sim::AnalysisHeader& header) {
    std::vector<const ngspice::Plot*> same_kind;
    for (const ngspice::Plot& plot : plots)
        if (plot.type == sim::analysis_kind_name(header.kind)) same_kind.push_back(&plot);
    std::reverse(same_kind.begin(), same_kind.end());
    const auto index = static_cast<std::size_t>(header.ordinal - 1);
    return index < same_kind.size() ? same_kind[index] : nullptr;
}

void compare_analysis(const sim::RecordedAnalysis& ours, const ngspice::Plot& theirs, const Tolerances& tolerances,
                      CheckReport& report) {
    const std::string label = analysis_label(ours.header);
    const bool transient = ours.header.kind == sim::AnalysisKind::tran;
    const std::size_t points = ours.sweep.size();
    std::vector<double> their_scale;
    if (!theirs.scale.empty()) {
        if (const ngspice::Vector* scale = find_vector(theirs, theirs.scale)) their_scale = real_values(*scale);
    }
    if (!transient && ours.header.kind != sim::AnalysisKind::op && their_scale.size() != points) {
        report.problems.push_back(label + ": hpsim has " + std::to_string(points) + " points, ngspice " +
                                  std::to_string(their_scale.size()));
        return;
    }
    if (transient && their_scale.empty()) {
        report.problems.push_back(label + ": ngspice returned no time vector");
        return;
    }
    const double relative = transient ? tolerances.transient_relative : tolerances.relative;
    const std::size_t first_row = report.vectors.size();
    for (std::size_t v = 0; v < ours.header.vector_names.size(); ++v) {
        const std::string& name = ours.header.vector_names[v];
        const ngspice::Vector* vector = find_hpsim_vector(theirs, name);
        if (!vector) {
            report.problems.push_back(label + ": ngspice has no vector for " + name);
            continue;
        }
        VectorComparison row{label, name, 0.0, 0.0, 0.0, 0.0, {}};
        if (ours.is_complex()) {
            const std::vector<Complex> values = complex_values(*vector);
            for (std::size_t p = 0; p < points && p < values.size(); ++p) {
                row.worst_difference = std::max(row.worst_difference, std::abs(ours.complex[p][v] - values[p]));
                row.peak = std::max(row.peak, std::abs(values[p]));
            }
        } else {
            const std::vector<double> values = real_values(*vector);
            for (std::size_t p = 0; p < points && p < values.size(); ++p) {
                // With uic ngspice writes no t = 0 point: nothing to compare before its first.
                if (transient && ours.sweep[p] < their_scale.front()) continue;
                const double expected = transient ? interpolate(their_scale, values, ours.sweep[p]) : values[p];
                row.worst_difference = std::max(row.worst_difference, std::abs(ours.real[p][v] - expected));
                row.peak = std::max(row.peak, std::abs(expected));
            }
        }
        if (!std::isfinite(row.worst_difference)) row.worst_difference = INFINITY;
        row.own_peak = row.peak;
        report.vectors.push_back(row);
    }
    // op/dc/ac: each vector against its own peak. tran: against the largest peak among
    // the analysis's voltages (or currents), the scale both simulators' step control
    // works to; a near-zero vector would otherwise demand far more than either claims.
    double largest_voltage = 0.0, largest_current = 0.0;
    for (std::size_t i = first_row; i < report.vectors.size(); ++i) {
        double& largest = report.vectors[i].vector.rfind("v(", 0) == 0 ? largest_voltage : largest_current;
        largest = std::max(largest, report.vectors[i].peak);
    }
    for (std::size_t i = first_row; i < report.vectors.size(); ++i) {
        VectorComparison& row = report.vectors[i];
        if (transient) row.peak = row.vector.rfind("v(", 0) == 0 ? largest_voltage : largest_current;
        row.allowed = tolerances.absolute + relative * row.peak;
    }
}

// The deck as ngspice gets it: tight tolerances and, in each .tran, a largest step of
// tstep/20 (or as asked), so that ngspice's own error and the error of interpolating
// between its time points stay well below the comparison's tolerance.
// `cards`: the deck's cards, or one step's (see deck_for_step).
std::vector<std::string> lines_for_ngspice(const sim::LoadedDeck& deck, const spice::CardStream& cards,
                                           double reference_steps_per_output) {
    std::vector<std::string> lines{cards.title.empty() ? std::string("* deck") : cards.title};
    std::vector<const sim::TranAnalysis*> transients;
    for (const sim::Analysis& analysis : deck.circuit.analyses)
        if (const auto* tran = std::get_if<sim::TranAnalysis>(&analysis)) transients.push_back(tran);
    std::size_t next_transient = 0;
    for (const spice::Card& card : cards.cards) {
        if (card.tokens.front().text == ".tran" && next_transient < transients.size()) {
            const sim::TranAnalysis& tran = *transients[next_transient++];
            char text[160];
            std::snprintf(text, sizeof text, ".tran %.17g %.17g %.17g %.17g", tran.step_s, tran.stop_s, tran.start_s,
                          std::min(tran.step_s, tran.max_step_s) / reference_steps_per_output);
            lines.emplace_back(std::string(text) + (tran.use_initial_conditions ? " uic" : ""));
        } else {
            lines.push_back(card.to_text());
        }
    }
    lines.emplace_back(".options reltol=1e-6 abstol=1e-15 vntol=1e-12");
    lines.emplace_back(".end");
    return lines;
}

}  // namespace

bool CheckReport::passed() const {
    return ngspice_crash.empty() && problems.empty() && std::all_of(vectors.begin(), vectors.end(), [](const auto& v) { return v.passed(); });
}

namespace {

void compare_run(const sim::RecordingSink& ours, const ngspice::RunResult& theirs, const Tolerances& tolerances,
                 CheckReport& report) {
    for (const sim::RecordedAnalysis& analysis : ours.analyses) {
        const ngspice::Plot* plot = matching_plot(theirs.plots, analysis.header);
        if (!plot) report.problems.push_back(analysis_label(analysis.header) + ": ngspice produced no such analysis");
        else compare_analysis(analysis, *plot, tolerances, report);
    }
}

ngspice::Session& ngspice_session() {
    std::string why_not;
    ngspice::Session* session = ngspice::Session::instance(why_not);
    if (!session) throw NgspiceUnavailable(why_not);
    return *session;
}

// How far a row is from failing: its difference over what is allowed.
double severity(const VectorComparison& row) {
    return row.allowed > 0.0 ? row.worst_difference / row.allowed : (row.worst_difference > 0.0 ? INFINITY : 0.0);
}

// Each step against ngspice's run of that step's deck (in its own process); per vector
// the worst step.
CheckReport cross_check_steps(const sim::LoadedDeck& deck, const Tolerances& tolerances) {
    sim::SteppedSimulation stepped(deck.circuit, *deck.steps);
    const std::vector<std::string> names = stepped.sweep().parameters();
    ngspice::Session& session = ngspice_session();
    CheckReport report;
    std::map<std::pair<std::string, std::string>, std::size_t> rows;  // (analysis, vector) -> row
    std::vector<double> values;
    for (std::size_t step = 0; step < stepped.size(); ++step) {
        sim::RecordingSink ours;
        stepped.run_step(step, ours);
        stepped.sweep().values(step, values);
        const std::string described = stepped.sweep().describe(step);
        report.warnings.insert(report.warnings.end(), ours.warnings.begin(), ours.warnings.end());
        ngspice::RunResult theirs;
        try {
            theirs = session.run_isolated(
                lines_for_ngspice(deck, deck_for_step(deck.cards, names, values), tolerances.reference_steps_per_output));
        } catch (const ngspice::NgspiceCrashed& crash) {
            report.ngspice_crash = std::string(crash.what()) + " at step " + std::to_string(step + 1) + " (" + described + ")";
            report.hpsim_results.insert(report.hpsim_results.end(), std::make_move_iterator(ours.analyses.begin()),
                                        std::make_move_iterator(ours.analyses.end()));
            return report;
        }
        CheckReport this_step;
        compare_run(ours, theirs, tolerances, this_step);
        for (const std::string& problem : this_step.problems)
            report.problems.push_back("step " + std::to_string(step + 1) + " (" + described + "): " + problem);
        for (VectorComparison& row : this_step.vectors) {
            row.step = described;
            const auto [found, added] = rows.emplace(std::make_pair(row.analysis, row.vector), report.vectors.size());
            if (added) report.vectors.push_back(row);
            else if (severity(row) > severity(report.vectors[found->second])) report.vectors[found->second] = row;
        }
        report.hpsim_results.insert(report.hpsim_results.end(), std::make_move_iterator(ours.analyses.begin()),
                                    std::make_move_iterator(ours.analyses.end()));
    }
    return report;
}

}  // namespace

CheckReport cross_check(const sim::LoadedDeck& deck, const Tolerances& tolerances) {
    if (deck.steps) return cross_check_steps(deck, tolerances);
    sim::RecordingSink ours;
    sim::simulate(deck.circuit, ours);
    ngspice::Session& session = ngspice_session();
    CheckReport report;
    report.warnings = ours.warnings;
    ngspice::RunResult theirs;
    try {
        theirs = session.run_isolated(lines_for_ngspice(deck, deck.cards, tolerances.reference_steps_per_output));
    } catch (const ngspice::NgspiceCrashed& crash) {
        report.ngspice_crash = crash.what();
        report.hpsim_results = std::move(ours.analyses);
        return report;
    }
    compare_run(ours, theirs, tolerances, report);
    report.hpsim_results = std::move(ours.analyses);
    return report;
}

}  // namespace hpsim::verify
