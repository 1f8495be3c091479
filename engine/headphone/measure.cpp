#include "headphone/measure.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <stdexcept>

#include <unordered_map>

#include "sim/ac_response.hpp"
#include "sim/analyses.hpp"
#include "sim/elaborate.hpp"
#include "sim/load.hpp"
#include "spice/number.hpp"
#include "spice/parser.hpp"
#include "sim/topology.hpp"

namespace hpsim::headphone {
namespace {

using Complex = std::complex<double>;

constexpr double band_low_hz = 20, band_high_hz = 20000;
constexpr int points_per_decade = 40;
constexpr std::array<double, 3> spot_hz{100, 1000, 10000};

// Levels below -200 dB (a perfectly symmetric or disconnected path) report as -200.
constexpr double floor_db = -200;
double db(double ratio) { return ratio > 0 && std::isfinite(ratio) ? std::max(floor_db, 20 * std::log10(ratio)) : floor_db; }

// The drive states every measurement is made from. The circuit is linear, so both
// channels driven is the sum of each alone.
enum State : std::size_t { left_driven, right_driven, left_test, right_test, state_count };

// An unknown of the solution, found by name once; ground reads as zero.
struct Probe {
    static constexpr std::size_t ground = static_cast<std::size_t>(-1);
    std::size_t unknown = ground;
};

// A driver's terminals and the current into its + terminal, as probes.
struct DriverProbes {
    Probe plus, minus, current;
};

// Every state's solution at every frequency: the band sweep, then the spot frequencies.
struct Responses {
    std::size_t sweep_points = 0;
    std::vector<std::array<std::vector<Complex>, state_count>> at;  // [frequency][state] -> unknowns
    std::vector<double> operating_point;
    const std::unordered_map<std::string, std::size_t>* unknown = nullptr;  // "v(x)"/"i(x)" -> index

    Probe probe(const std::string& vector) const {
        if (vector == "v(0)") return {};
        const auto found = unknown->find(vector);
        if (found == unknown->end()) throw std::logic_error("the compiled rig has no vector '" + vector + "'");
        return {found->second};
    }
    DriverProbes probes(const DriverTerminals& driver) const {
        return {probe("v(" + driver.plus + ")"), probe("v(" + driver.minus + ")"), probe(driver.current)};
    }
    Complex value(std::size_t frequency, State state, Probe probe) const {
        return probe.unknown == Probe::ground ? Complex(0.0) : at[frequency][state][probe.unknown];
    }
    Complex both(std::size_t frequency, Probe probe) const {
        return value(frequency, left_driven, probe) + value(frequency, right_driven, probe);
    }
    Complex across(std::size_t frequency, State state, const DriverProbes& driver) const {
        return value(frequency, state, driver.plus) - value(frequency, state, driver.minus);
    }
    Complex across_both(std::size_t frequency, const DriverProbes& driver) const {
        return across(frequency, left_driven, driver) + across(frequency, right_driven, driver);
    }
    double dc(Probe probe) const { return probe.unknown == Probe::ground ? 0.0 : operating_point[probe.unknown]; }
    std::size_t spot(std::size_t which) const { return sweep_points + which; }
};

const std::vector<double>& measured_frequencies() {
    static const std::vector<double> frequencies = [] {
        std::vector<double> made;
        const auto points = static_cast<std::size_t>(std::round(std::log10(band_high_hz / band_low_hz) * points_per_decade)) + 1;
        for (std::size_t i = 0; i < points; ++i) made.push_back(band_low_hz * std::pow(10.0, static_cast<double>(i) / points_per_decade));
        made.insert(made.end(), spot_hz.begin(), spot_hz.end());
        return made;
    }();
    return frequencies;
}

}  // namespace

// The compiled rig as a circuit with a 1 A test source across each driver (silent
// unless its state is solved). Rigs of one topology share the matrix pattern and the
// factorisation's ordering and pivots; only the values are restamped.
struct MeasuringBench::Setup {
    std::string netlist;          // a parametric rig's netlist text (its topology); empty otherwise
    sim::ValueProgram program;    // how a parametric rig's values follow its .params
    sim::Circuit circuit;
    std::unique_ptr<sim::MnaSystem> system;
    std::unique_ptr<sim::AcResponse> response;
    std::unique_ptr<sim::SparseLu<double>> dc_lu;
    Responses responses;  // the last rig's, their arrays kept for the next
    std::unordered_map<std::string, std::size_t> unknown;
    std::size_t left_test_source = 0, right_test_source = 0;
};

MeasuringBench::MeasuringBench() = default;
MeasuringBench::~MeasuringBench() = default;
MeasuringBench::MeasuringBench(MeasuringBench&&) noexcept = default;
MeasuringBench& MeasuringBench::operator=(MeasuringBench&&) noexcept = default;

namespace {

sim::Element test_source(const std::string& name, int minus, int plus) {
    sim::Element source;  // 1 A from minus through the source into plus
    source.name = name;
    source.kind = sim::ElementKind::current_source;
    source.nodes = {minus, plus};
    source.node_where.resize(2);
    return source;
}

// The same node and element names: the probes found by name in one read the other.
bool same_names(const sim::Circuit& first, const sim::Circuit& second) {
    if (first.node_names != second.node_names) return false;
    for (std::size_t i = 0; i < first.elements.size(); ++i)
        if (first.elements[i].name != second.elements[i].name) return false;
    return true;
}

int node_number(const sim::Circuit& circuit, const std::string& name) {
    const auto found = std::find(circuit.node_names.begin(), circuit.node_names.end(), name);
    if (found == circuit.node_names.end()) throw std::logic_error("the compiled rig has no node '" + name + "'");
    return static_cast<int>(found - circuit.node_names.begin());
}

// The responses, in the setup's arrays (reused from rig to rig of its topology).
const Responses& respond(MeasuringBench::Setup& setup, const CompiledRig& compiled, double level, const spice::SourceLocation& where) {
    const sim::Circuit& circuit = setup.circuit;
    const sim::MnaSystem& system = *setup.system;
    std::array<std::vector<Complex>, state_count> excitations;
    std::vector<Complex> phasors(circuit.elements.size());
    for (std::size_t state = 0; state < state_count; ++state) {
        std::fill(phasors.begin(), phasors.end(), Complex(0.0));
        for (const AmplifierLeg& leg : compiled.legs) {
            const std::string element = leg.current.substr(2, leg.current.size() - 3);  // "i(x)" -> "x"
            const char channel = leg.function[0];
            if ((state == left_driven && channel == 'l') || (state == right_driven && channel == 'r'))
                phasors[*circuit.find_element(element)] = leg.function.back() == '-' ? -level : level;  // a "-" leg in opposite phase
        }
        if (state == left_test) phasors[setup.left_test_source] = 1.0;
        if (state == right_test) phasors[setup.right_test_source] = 1.0;
        excitations[state] = sim::ac_excitation(system, phasors);
    }

    Responses& responses = setup.responses;
    const std::vector<double>& frequencies = measured_frequencies();
    responses.sweep_points = frequencies.size() - spot_hz.size();
    responses.unknown = &setup.unknown;
    responses.at.resize(frequencies.size());
    for (auto& states : responses.at)
        for (auto& solution : states) solution.resize(system.size());
    try {
        setup.response->sweep(frequencies, excitations, [&](std::size_t f, std::size_t state, std::span<const Complex> solution) {
            std::copy(solution.begin(), solution.end(), responses.at[f][state].begin());
        });
    } catch (const sim::SingularAtFrequency& singular) {
        throw spice::DeckError(where, "singular matrix at " + std::to_string(singular.frequency_hz()) + " Hz: " +
                                          system.describe_unknown(singular.column()) + " is not determined by the circuit");
    } catch (const sim::NotFiniteAtFrequency& not_finite) {  // every solution delivered is finite
        throw spice::DeckError(where, "the solution is not finite at " + system.describe_unknown(not_finite.unknown()) + " at " +
                                          std::to_string(not_finite.frequency_hz()) + " Hz (a near-singular circuit or extreme values)");
    }
    std::vector<double> source_values(circuit.elements.size());
    for (std::size_t i = 0; i < circuit.elements.size(); ++i) source_values[i] = circuit.elements[i].excitation.dc_value();
    // The operating point, with the DC factorisation kept for the next rig of this topology.
    if (!setup.dc_lu) setup.dc_lu = std::make_unique<sim::SparseLu<double>>(system.size(), system.column_starts(), system.row_indices());
    responses.operating_point.resize(system.size());
    sim::fill_source_rhs(system, source_values, responses.operating_point);
    try {
        setup.dc_lu->factor(system.conductance());
    } catch (const sim::SingularMatrix& singular) {
        throw spice::DeckError(where, "singular matrix: " + system.describe_unknown(singular.column()) + " is not determined by the circuit");
    }
    setup.dc_lu->solve(responses.operating_point);
    sim::require_finite(system, responses.operating_point, where);
    return responses;
}

// Open-circuit signal across a driver from an ideal source and cable: each leg of the
// channel adds the level (a bridged output gives twice the voltage).
double ideal_drive(const CompiledRig& compiled, char channel, double level) {
    return level * static_cast<double>(std::count_if(compiled.legs.begin(), compiled.legs.end(),
                                                     [&](const AmplifierLeg& leg) { return leg.function[0] == channel; }));
}

}  // namespace

MeasuringBench::Setup& MeasuringBench::prepare(const Rig& rig, const CompiledRig& compiled) {
    const bool parametric = !compiled.parameter_values.empty();
    const std::string name = rig.path.string() + " (compiled)";
    // A parametric rig whose netlist text is one seen recently: only its numbers are new.
    // They go through the value program recorded when that text was read (nothing is
    // read or expanded again), as the number reader would have read them.
    if (parametric) {
        const auto cached = std::find_if(setups_.begin(), setups_.end(), [&](const auto& setup) { return setup->netlist == compiled.netlist; });
        if (cached != setups_.end()) {
            std::rotate(setups_.begin(), cached, cached + 1);
            Setup& setup = *setups_.front();
            std::vector<double> values(compiled.parameter_values.size());
            for (std::size_t i = 0; i < values.size(); ++i) {
                const std::optional<double> value = spice::parse_number(compiled.parameter_values[i]);
                if (!value) throw std::logic_error("the compiler wrote '" + compiled.parameter_values[i] + "' as a number");
                values[i] = *value;
            }
            setup.program.apply(values, setup.circuit);
            refresh(setup);
            return setup;
        }
    }
    sim::Circuit circuit;
    sim::ValueProgram program;
    if (parametric) {
        const spice::Deck deck = spice::parse_cards(spice::read_deck_text(compiled.deck_text(), name, rig.path.parent_path()));
        std::vector<std::string> inputs;
        for (std::size_t i = 0; i < compiled.parameter_values.size(); ++i) inputs.push_back(CompiledRig::parameter_name(i));
        sim::VaryingDeck varying = sim::elaborate_varying(deck, inputs);
        circuit = std::move(varying.circuit);
        program = std::move(varying.program);
    } else {
        circuit = sim::load_deck_text(compiled.netlist, name, rig.path.parent_path()).circuit;
    }
    circuit.analyses.clear();
    circuit.elements.push_back(test_source("itest_left", node_number(circuit, compiled.left_driver.minus),
                                           node_number(circuit, compiled.left_driver.plus)));
    circuit.elements.push_back(test_source("itest_right", node_number(circuit, compiled.right_driver.minus),
                                           node_number(circuit, compiled.right_driver.plus)));
    // The most recent topology first: a sweep alternates between a few (the output
    // modes, the parts on an axis).
    const auto cached = parametric ? setups_.end()
                                   : std::find_if(setups_.begin(), setups_.end(), [&](const auto& setup) {
                                         return setup->netlist.empty() && sim::same_structure(setup->circuit, circuit) &&
                                                same_names(setup->circuit, circuit);
                                     });
    if (cached != setups_.end()) {
        std::rotate(setups_.begin(), cached, cached + 1);
        Setup& setup = *setups_.front();
        setup.circuit = std::move(circuit);
        refresh(setup);
        return setup;
    }
    sim::check_topology(circuit);
    auto setup = std::make_unique<Setup>();
    setup->netlist = parametric ? compiled.netlist : std::string();
    setup->program = std::move(program);
    setup->circuit = std::move(circuit);
    setup->system = std::make_unique<sim::MnaSystem>(setup->circuit);
    setup->response = std::make_unique<sim::AcResponse>(*setup->system, measured_frequencies().size());
    const auto& names = setup->system->unknown_names();
    for (std::size_t i = 0; i < names.size(); ++i) setup->unknown.emplace(names[i], i);
    setup->left_test_source = setup->circuit.elements.size() - 2;
    setup->right_test_source = setup->circuit.elements.size() - 1;
    if (setups_.size() == kept_topologies) setups_.pop_back();
    setups_.insert(setups_.begin(), std::move(setup));
    ++topologies_;
    return *setups_.front();
}

// New values in a kept topology: restamped into the kept pattern, with pivots chosen
// from these values, as a lone compare chooses them (a variant's figures do not depend
// on the variants measured before it).
void MeasuringBench::refresh(Setup& setup) {
    setup.system->restamp(setup.circuit);
    setup.response->forget_pivots();
    if (setup.dc_lu) setup.dc_lu->forget_pivots();
}

Measurements MeasuringBench::measure(const Rig& rig, const CompiledRig& compiled, double level, std::vector<CurvePoint>* curves) {
    Setup& setup = prepare(rig, compiled);
    const Responses& r = respond(setup, compiled, level, spice::SourceLocation{rig.path.string() + " (compiled)", 0, 0});
    const std::size_t at_1khz = r.spot(1);
    const DriverProbes left_driver = r.probes(compiled.left_driver), right_driver = r.probes(compiled.right_driver);

    Measurements result;
    result.mode = rig.amplifier.output.mode;
    const Headphone& headphone = rig.headphone;

    for (const char side : {'l', 'r'}) {
        Channel& channel = side == 'l' ? result.left : result.right;
        const DriverProbes& own = side == 'l' ? left_driver : right_driver;
        const DriverProbes& other = side == 'l' ? right_driver : left_driver;
        const State alone = side == 'l' ? left_driven : right_driven;        // this channel driven
        const State from_other = side == 'l' ? right_driven : left_driven;   // the other channel driven
        const State test = side == 'l' ? left_test : right_test;
        const double ideal = ideal_drive(compiled, side, level);

        const Complex voltage = r.across_both(at_1khz, own);
        const Complex current = r.both(at_1khz, own.current);
        channel.drive_vrms = std::abs(voltage);
        channel.power_mw = 1000 * (voltage * std::conj(current)).real();

        for (std::size_t spot = 0; spot < spot_hz.size(); ++spot)
            channel.crosstalk_db[spot] = db(std::abs(r.across(r.spot(spot), from_other, own)) / std::abs(r.across(r.spot(spot), from_other, other)));
        double worst = -INFINITY, lowest = INFINITY, highest = -INFINITY, damping_min = INFINITY;
        for (std::size_t i = 0; i < r.sweep_points; ++i) {
            worst = std::max(worst, db(std::abs(r.across(i, from_other, own)) / std::abs(r.across(i, from_other, other))));
            const Complex own_voltage = r.across(i, alone, own);
            const double response = db(std::abs(own_voltage) / ideal);
            lowest = std::min(lowest, response);
            highest = std::max(highest, response);
            // Z_source from Z_driver || Z_source, measured with 1 A into the driver's + terminal.
            const Complex driver_impedance = own_voltage / r.value(i, alone, own.current);
            const Complex source_impedance = 1.0 / (1.0 / r.across(i, test, own) - 1.0 / driver_impedance);
            damping_min = std::min(damping_min, std::abs(driver_impedance) / std::abs(source_impedance));
        }
        channel.crosstalk_db[3] = worst;
        channel.fr_error_db = highest - lowest;
        channel.damping_factor_min = damping_min;
        const Complex alone_1k = r.across(at_1khz, alone, own);
        const Complex driver_impedance_1k = alone_1k / r.value(at_1khz, alone, own.current);
        const Complex parallel_1k = r.across(at_1khz, test, own);
        channel.damping_factor = std::abs(driver_impedance_1k) * std::abs(1.0 / parallel_1k - 1.0 / driver_impedance_1k);
        channel.polarity = alone_1k.real() >= 0 ? '+' : '-';
        channel.response_db_vs_ideal = db(std::abs(alone_1k) / ideal);
        channel.mono_ratio = std::abs(voltage) / std::abs(alone_1k);
        channel.dc_v = r.dc(own.plus) - r.dc(own.minus);
    }
    const Complex left_1k = r.across_both(at_1khz, left_driver), right_1k = r.across_both(at_1khz, right_driver);
    result.interchannel_phase_deg = std::arg(left_1k / right_1k) * 180 / std::numbers::pi;

    // The clip level: the circuit is linear, so the smallest ratio over the legs of
    // each limit to what the leg does at the reference level.
    const AmplifierOutput& output = rig.amplifier.output;
    result.clip_scale = INFINITY;
    for (const AmplifierLeg& leg : compiled.legs) {
        LegReading reading;
        reading.function = leg.function;
        const Complex current = r.both(at_1khz, r.probe(leg.current));
        reading.current_arms = std::abs(current);
        reading.limit_arms = output.current_limit_arms;
        reading.load_ohm = std::abs(r.both(at_1khz, r.probe("v(" + leg.node + ")"))) / reading.current_arms;
        if (level > 0 && output.voltage_limit_vrms / level < result.clip_scale) {
            result.clip_scale = output.voltage_limit_vrms / level;
            result.clip_limited_by = "voltage";
            result.clip_leg = leg.function;
        }
        if (reading.current_arms > 0 && output.current_limit_arms / reading.current_arms < result.clip_scale) {
            result.clip_scale = output.current_limit_arms / reading.current_arms;
            result.clip_limited_by = "current";
            result.clip_leg = leg.function;
        }
        result.legs.push_back(reading);
    }
    for (Channel* channel : {&result.left, &result.right}) {
        channel->clip_power_mw = channel->power_mw * result.clip_scale * result.clip_scale;
        if (headphone.sensitivity_db_per_mw && channel->clip_power_mw > 0)
            channel->clip_spl_db = *headphone.sensitivity_db_per_mw + 10 * std::log10(channel->clip_power_mw);
        else if (headphone.sensitivity_db_per_v && channel->drive_vrms > 0)
            channel->clip_spl_db = *headphone.sensitivity_db_per_v + db(channel->drive_vrms * result.clip_scale);
        else
            channel->clip_spl_db = NAN;
    }

    if (curves) {
        const double left_ideal = ideal_drive(compiled, 'l', level), right_ideal = ideal_drive(compiled, 'r', level);
        constexpr double degrees = 180 / std::numbers::pi;
        for (std::size_t i = 0; i < r.sweep_points; ++i) {
            const Complex left = r.across(i, left_driven, left_driver), right = r.across(i, right_driven, right_driver);
            const Complex left_leak = r.across(i, left_driven, right_driver), right_leak = r.across(i, right_driven, left_driver);
            const Complex left_z = left / r.value(i, left_driven, left_driver.current);
            const Complex right_z = right / r.value(i, right_driven, right_driver.current);
            // Z_source from Z_driver || Z_source, as for the damping factor.
            const Complex left_source = 1.0 / (1.0 / r.across(i, left_test, left_driver) - 1.0 / left_z);
            const Complex right_source = 1.0 / (1.0 / r.across(i, right_test, right_driver) - 1.0 / right_z);
            curves->push_back({band_low_hz * std::pow(10.0, static_cast<double>(i) / points_per_decade), db(std::abs(left) / left_ideal),
                               db(std::abs(right) / right_ideal), db(std::abs(left_leak) / std::abs(left)), db(std::abs(right_leak) / std::abs(right)),
                               std::abs(left_z), std::abs(right_z), std::arg(left_z) * degrees, std::arg(right_z) * degrees,
                               std::abs(left_source), std::abs(right_source)});
        }
    }
    return result;
}

Measurements measure(const Rig& rig, const CompiledRig& compiled, double level, std::vector<CurvePoint>* curves) {
    MeasuringBench bench;
    return bench.measure(rig, compiled, level, curves);
}

}  // namespace hpsim::headphone
