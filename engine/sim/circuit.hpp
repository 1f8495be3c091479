#pragma once
// A flattened circuit: every subcircuit expanded, every value a number, every node
// numbered (0 is ground). Hierarchical names join with '.', as ngspice names them.
#include <complex>
#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/waveform.hpp"
#include "spice/diagnostic.hpp"

namespace hpsim::sim {

using spice::SourceLocation;

enum class ElementKind {
    resistor,
    capacitor,
    inductor,
    voltage_source,
    current_source,
    voltage_controlled_voltage_source,  // E
    voltage_controlled_current_source,  // G
    current_controlled_current_source,  // F
    current_controlled_voltage_source,  // H
    inductor_coupling,                  // K
};

struct Excitation {
    std::optional<double> dc;         // the DC value, if the card gave one
    std::complex<double> ac_phasor;   // AC magnitude at its phase; 0 when not given
    Waveform waveform;

    // Value for .op and .dc: the DC value, else the waveform at t = 0 (as ngspice does).
    double dc_value() const;
};

struct Element {
    std::string name;  // hierarchical, lower case: "xf.x1.l1"
    ElementKind kind = ElementKind::resistor;
    std::vector<int> nodes;  // node numbers; E/G: out+, out-, control+, control-
    std::vector<SourceLocation> node_where;
    double value = 0.0;  // ohm, farad, henry, gain, siemens, coupling coefficient
    // R L C: value over the resistance (capacitance, inductance) the card or its model
    // gives, before m, scale= and temperature: a .dc of a resistor sets that one.
    double value_scale = 1.0;
    // F/H: the controlling voltage source; K: the two inductors (element indices).
    std::vector<std::size_t> references;
    Excitation excitation;  // V and I only
    // C: its voltage, L: its current at the start of a transient with uic (IC=).
    std::optional<double> initial_condition;
    SourceLocation where;
};

struct OpAnalysis {
    SourceLocation where;
};

// One source (or resistor) a .dc sweeps: start, start + step, ..., points values.
struct DcSweep {
    std::size_t source = 0;  // element index of the swept V or I source, or resistor
    double start = 0.0, step = 0.0;
    std::size_t points = 0;

    double value(std::size_t index) const { return start + static_cast<double>(index) * step; }
};

// With a second source (outer), the first sweeps at each of its values (as ngspice does).
struct DcAnalysis {
    DcSweep sweep;
    std::optional<DcSweep> outer;
    SourceLocation where;

    std::size_t points() const { return sweep.points * (outer ? outer->points : 1); }
};

struct AcAnalysis {
    enum class Spacing { linear, logarithmic } spacing = Spacing::logarithmic;
    double start_hz = 0.0;
    double step = 0.0;  // Hz between points (linear) or ratio between points (logarithmic)
    std::size_t points = 0;
    SourceLocation where;

    double frequency(std::size_t index) const;
};

struct TranAnalysis {
    double step_s = 0.0, stop_s = 0.0, start_s = 0.0;
    double max_step_s = 0.0;  // largest internal step
    // uic: start from the initial conditions (IC=, .ic) instead of the operating point.
    bool use_initial_conditions = false;
    SourceLocation where;
};

// How accurate a transient is, set by .options with ngspice's names.
//  reltol: every output waveform stays within reltol of its own peak (plus the floor
//          below) of the exact solution; hpsim estimates the global error it makes
//          and tightens its steps until the estimate meets this.
//  vntol, abstol: the floors of that bound for voltages (V) and currents (A).
//  chgtol: the floor (C or Wb) of the local truncation error allowed per step.
//  trtol: a factor on the local error allowed per step (ngspice's default is 7; a
//         larger one takes longer steps first, and leaves the global check more to do).
// hpsim's voltage and current floors are far below ngspice's defaults (1e-6 V, 1e-12 A):
// hpsim holds small waveforms, such as crosstalk, to the same relative accuracy as large
// ones. Its chgtol (1e-18) is below ngspice's 1e-14 for the same reason.
struct TransientTolerances {
    double relative = 1e-3;
    double voltage_floor_v = 1e-12;
    double current_floor_a = 1e-15;
    double charge_floor = 1e-18;
    double truncation_factor = 1.0;
};

// ".ic v(node)=value": forced during the operating point a transient starts from, or
// (with uic) the node's voltage at t = 0.
struct InitialVoltage {
    int node = 0;
    double value_v = 0.0;
    SourceLocation where;
};

using Analysis = std::variant<OpAnalysis, DcAnalysis, AcAnalysis, TranAnalysis>;

struct Circuit {
    std::string title;
    std::vector<std::string> node_names;  // [0] is ground, "0"
    std::vector<Element> elements;
    std::vector<Analysis> analyses;  // in deck order
    std::vector<InitialVoltage> initial_voltages;
    TransientTolerances tolerances;
    std::vector<spice::Warning> warnings;

    std::optional<std::size_t> find_element(const std::string& name) const;
};

bool has_branch_current(ElementKind kind);  // V, L, E, H carry a current unknown

}  // namespace hpsim::sim
