#include "headphone/measure.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <stdexcept>

#include "sim/load.hpp"
#include "sim/simulate.hpp"

namespace hpsim::headphone {
namespace {

using Complex = std::complex<double>;

constexpr double band_low_hz = 20, band_high_hz = 20000;
constexpr int points_per_decade = 40;
constexpr std::array<double, 3> spot_hz{100, 1000, 10000};
constexpr std::size_t at_1khz = 2;  // analyses: sweep, 100 Hz, 1 kHz, 10 kHz, (op)

// Levels below -200 dB (a perfectly symmetric or disconnected path) report as -200.
constexpr double floor_db = -200;
double db(double ratio) { return ratio > 0 && std::isfinite(ratio) ? std::max(floor_db, 20 * std::log10(ratio)) : floor_db; }

// The compiled rig as a circuit, simulated in several drive states.
class Bench {
public:
    Bench(const Rig& rig, const CompiledRig& compiled)
        : compiled_(compiled), deck_(sim::load_deck_text(compiled.netlist, rig.path.string() + " (compiled)", rig.path.parent_path())) {
        for (const AmplifierLeg& leg : compiled.legs) {
            const std::string element = leg.current.substr(2, leg.current.size() - 3);  // "i(x)" -> "x"
            leg_elements_.push_back(*deck_.circuit.find_element(element));
        }
    }

    // Left and right legs at these open-circuit levels (a "-" leg gets the opposite
    // phase); with `test_across`, sources silent and 1 A injected into that driver's +.
    std::vector<sim::RecordedAnalysis> run(double left_vrms, double right_vrms, const DriverTerminals* test_across = nullptr,
                                           bool with_op = false) const {
        sim::Circuit circuit = deck_.circuit;
        for (std::size_t i = 0; i < leg_elements_.size(); ++i) {
            const std::string& function = compiled_.legs[i].function;
            const double level = test_across ? 0.0 : function[0] == 'l' ? left_vrms : right_vrms;
            circuit.elements[leg_elements_[i]].excitation.ac_phasor = function.back() == '-' ? -level : level;
        }
        if (test_across) {
            sim::Element source;
            source.name = "itest";
            source.kind = sim::ElementKind::current_source;
            source.nodes = {node(test_across->minus), node(test_across->plus)};
            source.node_where.resize(2);
            source.excitation.ac_phasor = 1.0;
            circuit.elements.push_back(source);
        }
        circuit.analyses.clear();
        sim::AcAnalysis sweep;
        sweep.start_hz = band_low_hz;
        sweep.step = std::pow(10.0, 1.0 / points_per_decade);
        sweep.points = static_cast<std::size_t>(std::round(std::log10(band_high_hz / band_low_hz) * points_per_decade)) + 1;
        circuit.analyses.push_back(sweep);
        for (const double frequency : spot_hz) {
            sim::AcAnalysis spot;
            spot.spacing = sim::AcAnalysis::Spacing::linear;
            spot.start_hz = frequency;
            spot.points = 1;
            circuit.analyses.push_back(spot);
        }
        if (with_op) circuit.analyses.push_back(sim::OpAnalysis{});
        sim::RecordingSink sink;
        sim::simulate(circuit, sink);
        return std::move(sink.analyses);
    }

private:
    const CompiledRig& compiled_;
    sim::LoadedDeck deck_;
    std::vector<std::size_t> leg_elements_;

    int node(const std::string& name) const {
        const auto& names = deck_.circuit.node_names;
        const auto found = std::find(names.begin(), names.end(), name);
        if (found == names.end()) throw std::logic_error("the compiled rig has no node '" + name + "'");
        return static_cast<int>(found - names.begin());
    }
};

std::vector<Complex> across(const sim::RecordedAnalysis& analysis, const DriverTerminals& driver) {
    const auto plus = analysis.complex_vector("v(" + driver.plus + ")");
    const auto minus = analysis.complex_vector("v(" + driver.minus + ")");
    std::vector<Complex> voltage(plus.size());
    for (std::size_t i = 0; i < plus.size(); ++i) voltage[i] = plus[i] - minus[i];
    return voltage;
}

Complex at(const std::vector<sim::RecordedAnalysis>& run, std::size_t analysis, const std::string& vector) {
    return run[analysis].complex_vector(vector)[0];
}

Complex across_at(const std::vector<sim::RecordedAnalysis>& run, std::size_t analysis, const DriverTerminals& driver) {
    return across(run[analysis], driver)[0];
}

// Open-circuit signal across a driver from an ideal source and cable: each leg of the
// channel adds the level (a bridged output gives twice the voltage).
double ideal_drive(const CompiledRig& compiled, char channel, double level) {
    return level * static_cast<double>(std::count_if(compiled.legs.begin(), compiled.legs.end(),
                                                     [&](const AmplifierLeg& leg) { return leg.function[0] == channel; }));
}

}  // namespace

Measurements measure(const Rig& rig, const CompiledRig& compiled, double level, std::vector<CurvePoint>* curves) {
    const Bench bench(rig, compiled);
    const auto both = bench.run(level, level, nullptr, true);
    const auto left_only = bench.run(level, 0);
    const auto right_only = bench.run(0, level);
    const auto left_test = bench.run(0, 0, &compiled.left_driver);
    const auto right_test = bench.run(0, 0, &compiled.right_driver);

    Measurements result;
    result.mode = rig.amplifier.output.mode;
    const Headphone& headphone = rig.headphone;

    for (const char side : {'l', 'r'}) {
        Channel& channel = side == 'l' ? result.left : result.right;
        const DriverTerminals& own = side == 'l' ? compiled.left_driver : compiled.right_driver;
        const DriverTerminals& other = side == 'l' ? compiled.right_driver : compiled.left_driver;
        const auto& alone = side == 'l' ? left_only : right_only;          // this channel driven
        const auto& from_other = side == 'l' ? right_only : left_only;     // the other channel driven
        const auto& test = side == 'l' ? left_test : right_test;
        const double ideal = ideal_drive(compiled, side, level);

        const Complex voltage = across_at(both, at_1khz, own);
        const Complex current = at(both, at_1khz, own.current);
        channel.drive_vrms = std::abs(voltage);
        channel.power_mw = 1000 * (voltage * std::conj(current)).real();

        for (std::size_t spot = 0; spot < spot_hz.size(); ++spot)
            channel.crosstalk_db[spot] = db(std::abs(across_at(from_other, spot + 1, own)) / std::abs(across_at(from_other, spot + 1, other)));
        const auto own_sweep = across(alone[0], own);
        const auto crosstalk_victim = across(from_other[0], own), crosstalk_source = across(from_other[0], other);
        const auto own_current = alone[0].complex_vector(own.current);
        const auto parallel = across(test[0], own);
        double worst = -INFINITY, lowest = INFINITY, highest = -INFINITY, damping_min = INFINITY;
        for (std::size_t i = 0; i < own_sweep.size(); ++i) {
            worst = std::max(worst, db(std::abs(crosstalk_victim[i]) / std::abs(crosstalk_source[i])));
            const double response = db(std::abs(own_sweep[i]) / ideal);
            lowest = std::min(lowest, response);
            highest = std::max(highest, response);
            // Z_source from Z_driver || Z_source, measured with 1 A into the driver's + terminal.
            const Complex driver_impedance = own_sweep[i] / own_current[i];
            const Complex source_impedance = 1.0 / (1.0 / parallel[i] - 1.0 / driver_impedance);
            damping_min = std::min(damping_min, std::abs(driver_impedance) / std::abs(source_impedance));
        }
        channel.crosstalk_db[3] = worst;
        channel.fr_error_db = highest - lowest;
        channel.damping_factor_min = damping_min;
        const Complex alone_1k = across_at(alone, at_1khz, own);
        const Complex driver_impedance_1k = alone_1k / at(alone, at_1khz, own.current);
        const Complex parallel_1k = across_at(test, at_1khz, own);
        channel.damping_factor = std::abs(driver_impedance_1k) * std::abs(1.0 / parallel_1k - 1.0 / driver_impedance_1k);
        channel.polarity = alone_1k.real() >= 0 ? '+' : '-';
        channel.response_db_vs_ideal = db(std::abs(alone_1k) / ideal);
        channel.mono_ratio = std::abs(voltage) / std::abs(alone_1k);
        channel.dc_v = both.back().real_vector("v(" + own.plus + ")")[0] - both.back().real_vector("v(" + own.minus + ")")[0];
    }
    const Complex left_1k = across_at(both, at_1khz, compiled.left_driver), right_1k = across_at(both, at_1khz, compiled.right_driver);
    result.interchannel_phase_deg = std::arg(left_1k / right_1k) * 180 / std::numbers::pi;

    // The clip level: the circuit is linear, so the smallest ratio over the legs of
    // each limit to what the leg does at the reference level.
    const AmplifierOutput& output = rig.amplifier.output;
    result.clip_scale = INFINITY;
    for (const AmplifierLeg& leg : compiled.legs) {
        LegReading reading;
        reading.function = leg.function;
        const Complex current = at(both, at_1khz, leg.current);
        reading.current_arms = std::abs(current);
        reading.limit_arms = output.current_limit_arms;
        reading.load_ohm = std::abs(at(both, at_1khz, "v(" + leg.node + ")")) / reading.current_arms;
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
        const auto left_sweep = across(left_only[0], compiled.left_driver), right_sweep = across(right_only[0], compiled.right_driver);
        const auto left_leak = across(left_only[0], compiled.right_driver), right_leak = across(right_only[0], compiled.left_driver);
        const auto left_current = left_only[0].complex_vector(compiled.left_driver.current);
        const auto right_current = right_only[0].complex_vector(compiled.right_driver.current);
        const auto left_parallel = across(left_test[0], compiled.left_driver), right_parallel = across(right_test[0], compiled.right_driver);
        constexpr double degrees = 180 / std::numbers::pi;
        for (std::size_t i = 0; i < left_sweep.size(); ++i) {
            const Complex left_z = left_sweep[i] / left_current[i], right_z = right_sweep[i] / right_current[i];
            // Z_source from Z_driver || Z_source, as for the damping factor.
            const Complex left_source = 1.0 / (1.0 / left_parallel[i] - 1.0 / left_z), right_source = 1.0 / (1.0 / right_parallel[i] - 1.0 / right_z);
            curves->push_back({left_only[0].sweep[i], db(std::abs(left_sweep[i]) / ideal_drive(compiled, 'l', level)),
                               db(std::abs(right_sweep[i]) / ideal_drive(compiled, 'r', level)),
                               db(std::abs(left_leak[i]) / std::abs(left_sweep[i])), db(std::abs(right_leak[i]) / std::abs(right_sweep[i])),
                               std::abs(left_z), std::abs(right_z), std::arg(left_z) * degrees, std::arg(right_z) * degrees,
                               std::abs(left_source), std::abs(right_source)});
        }
    }
    return result;
}

}  // namespace hpsim::headphone
