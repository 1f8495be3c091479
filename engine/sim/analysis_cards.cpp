#include "sim/analysis_cards.hpp"

#include <cmath>
#include <map>

#include "spice/number.hpp"

namespace hpsim::sim {
namespace {

using spice::DeckError;

constexpr double max_points = 1e8;

std::size_t point_count(double span_in_steps, const SourceLocation& where) {
    if (!(span_in_steps < max_points))
        throw DeckError(where, "sweep has more than 100,000,000 points");
    return static_cast<std::size_t>(std::floor(span_in_steps)) + 1;
}

DcSweep dc_sweep(const spice::DcSweepCard& card, const ParamScope& globals, const Circuit& circuit,
                 const SourceLocation& where) {
    const auto source = circuit.find_element(card.source);
    if (!source || (circuit.elements[*source].kind != ElementKind::voltage_source &&
                    circuit.elements[*source].kind != ElementKind::current_source &&
                    circuit.elements[*source].kind != ElementKind::resistor))
        throw DeckError(card.source_where, ".dc sweeps '" + card.source + "', which is not a V or I source or a resistor");
    DcSweep sweep{*source, globals.evaluate(card.start), globals.evaluate(card.step), 0};
    const double stop = globals.evaluate(card.stop);
    if (sweep.step == 0.0) throw DeckError(card.step.where, ".dc step is zero");
    const double steps = (stop - sweep.start) / sweep.step;
    if (steps < 0.0) throw DeckError(card.step.where, ".dc step goes away from the stop value (impossible sweep)");
    sweep.points = point_count(steps + 1e-9, where);
    return sweep;
}

DcAnalysis dc_analysis(const spice::DcCard& card, const ParamScope& globals, const Circuit& circuit) {
    DcAnalysis analysis{dc_sweep(card.sweep, globals, circuit, card.where), std::nullopt, card.where};
    if (card.outer) {
        analysis.outer = dc_sweep(*card.outer, globals, circuit, card.where);
        if (analysis.outer->source == analysis.sweep.source)
            throw DeckError(card.outer->source_where, ".dc sweeps '" + card.outer->source + "' twice");
        point_count(static_cast<double>(analysis.sweep.points) * static_cast<double>(analysis.outer->points) - 1.0,
                    card.where);
    }
    return analysis;
}

// Frequencies as ngspice 39 places them: lin N gives N points (start + k (stop-start)/(N-1));
// dec N spaces floor(decades * N) equal ratios from start to exactly stop; oct N steps
// by 2^(1/N). Points continue while f <= stop + tolerance, tolerance = reltol * step
// (linear) or reltol * ratio * stop (logarithmic), reltol = 1e-3.
AcAnalysis ac_analysis(const spice::AcCard& card, const ParamScope& globals) {
    AcAnalysis analysis;
    analysis.where = card.where;
    const double points = globals.evaluate(card.points);
    if (points != std::floor(points))
        throw DeckError(card.points.where, ".ac takes a whole number of points, not " + spice::format_number(points) +
                                               " (ngspice 39 rounds it)");
    analysis.start_hz = globals.evaluate(card.start_hz);
    const double stop_hz = globals.evaluate(card.stop_hz);
    if (points < 1.0) throw DeckError(card.points.where, ".ac needs at least 1 point");
    if (!(points < max_points)) throw DeckError(card.where, "sweep has more than 100,000,000 points");
    if (stop_hz < analysis.start_hz)
        throw DeckError(card.stop_hz.where, ".ac stop frequency is below the start frequency (impossible sweep)");
    if (card.spacing == spice::AcSpacing::linear) {
        if (analysis.start_hz < 0.0) throw DeckError(card.start_hz.where, ".ac start frequency is negative");
        analysis.spacing = AcAnalysis::Spacing::linear;
        analysis.step = points > 1.0 ? (stop_hz - analysis.start_hz) / (points - 1.0) : 0.0;
        analysis.points = analysis.step > 0.0 ? point_count(points - 1.0, card.where) : 1;
        return analysis;
    }
    if (analysis.start_hz <= 0.0)
        throw DeckError(card.start_hz.where, ".ac dec/oct start frequency must be above zero");
    analysis.spacing = AcAnalysis::Spacing::logarithmic;
    const double span = stop_hz / analysis.start_hz;
    if (card.spacing == spice::AcSpacing::decade) {
        const double steps = std::floor(std::log10(span) * points);
        if (steps < 1.0) {
            analysis.step = 1.0;
            analysis.points = 1;
            return analysis;
        }
        analysis.step = std::exp(std::log(span) / steps);
    } else {
        analysis.step = std::exp2(1.0 / points);
    }
    const double limit = stop_hz * (1.0 + analysis.step * 1e-3);
    analysis.points = point_count(std::log(limit / analysis.start_hz) / std::log(analysis.step), card.where);
    return analysis;
}

TranAnalysis tran_analysis(const spice::TranCard& card, const ParamScope& globals) {
    TranAnalysis analysis;
    analysis.where = card.where;
    analysis.step_s = globals.evaluate(card.step_s);
    analysis.stop_s = globals.evaluate(card.stop_s);
    analysis.start_s = card.start_s ? globals.evaluate(*card.start_s) : 0.0;
    if (!(analysis.step_s > 0.0)) throw DeckError(card.step_s.where, ".tran time step must be above zero");
    if (!(analysis.stop_s > 0.0)) throw DeckError(card.stop_s.where, ".tran stop time must be above zero");
    if (analysis.start_s < 0.0 || analysis.start_s >= analysis.stop_s)
        throw DeckError(card.start_s->where, ".tran start time must lie in [0, stop time)");
    // ngspice's default largest step: min(tstep, (tstop - tstart) / 50).
    analysis.max_step_s = std::min(analysis.step_s, (analysis.stop_s - analysis.start_s) / 50.0);
    if (card.max_step_s) {
        const double max_step = globals.evaluate(*card.max_step_s);
        if (!(max_step > 0.0)) throw DeckError(card.max_step_s->where, ".tran largest step must be above zero");
        analysis.max_step_s = std::min(analysis.step_s, max_step);
    }
    point_count(analysis.stop_s / analysis.max_step_s, card.where);
    analysis.use_initial_conditions = card.use_initial_conditions;
    return analysis;
}

}  // namespace

DeckConditions deck_conditions(const spice::Deck& deck, const ParamScope& globals) {
    DeckConditions conditions;
    for (const spice::OptionSetting& setting : deck.options) {
        double* target = setting.name == "scale"  ? &conditions.geometry_scale
                         : setting.name == "temp" ? &conditions.temperature_c
                         : setting.name == "tnom" ? &conditions.nominal_temperature_c
                                                  : nullptr;
        if (!target) continue;
        if (!setting.value) throw DeckError(setting.where, "option '" + setting.name + "' needs a value");
        *target = globals.evaluate(*setting.value);
        if (target == &conditions.geometry_scale && !(*target > 0.0))
            throw DeckError(setting.value->where, "option 'scale' must be above zero");
    }
    if (deck.temperature) conditions.temperature_c = globals.evaluate(*deck.temperature);
    return conditions;
}

void apply_options(const std::vector<spice::OptionSetting>& settings, const ParamScope& globals, Circuit& circuit) {
    TransientTolerances& tolerances = circuit.tolerances;
    const std::map<std::string, double*> tolerance_options{
        {"reltol", &tolerances.relative},       {"vntol", &tolerances.voltage_floor_v},
        {"abstol", &tolerances.current_floor_a}, {"chgtol", &tolerances.charge_floor},
        {"trtol", &tolerances.truncation_factor}};
    for (const spice::OptionSetting& setting : settings) {
        if (const auto option = tolerance_options.find(setting.name); option != tolerance_options.end()) {
            if (!setting.value) throw DeckError(setting.where, "option '" + setting.name + "' needs a value");
            const double value = globals.evaluate(*setting.value);
            if (!(value > 0.0) || !std::isfinite(value))
                throw DeckError(setting.value->where, "option '" + setting.name + "' must be above zero");
            if (setting.name == "reltol" && !(value < 1.0))
                throw DeckError(setting.value->where, "option 'reltol' must be below 1");
            *option->second = value;
        } else if (setting.name == "scale" || setting.name == "temp" || setting.name == "tnom") {
            continue;  // read before the elements (deck_conditions)
        } else if (setting.name == "rshunt" || setting.name == "cshunt") {
            throw DeckError(setting.where, "option '" + setting.name +
                                               "' is not supported (ignoring it would change the results)");
        } else {
            circuit.warnings.push_back({setting.where, "option '" + setting.name + "' ignored"});
        }
    }
}

Analysis analysis(const spice::AnalysisCard& card, const ParamScope& globals, const Circuit& circuit) {
    if (const auto* op = std::get_if<spice::OpCard>(&card)) return OpAnalysis{op->where};
    if (const auto* dc = std::get_if<spice::DcCard>(&card)) return dc_analysis(*dc, globals, circuit);
    if (const auto* ac = std::get_if<spice::AcCard>(&card)) return ac_analysis(*ac, globals);
    return tran_analysis(std::get<spice::TranCard>(card), globals);
}

}  // namespace hpsim::sim
