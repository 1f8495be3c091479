#pragma once
// A SPICE deck as written: cards with their expressions still unevaluated.
// This is the language layer: it knows nothing of matrices or headphones.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "spice/boxed.hpp"
#include "spice/diagnostic.hpp"
#include "spice/user_function.hpp"

namespace hpsim::spice {

// An expression as written (braces and quotes removed), evaluated later in its scope.
// A plain number such as "10uF" is an expression too.
struct Expression {
    std::string text;
    SourceLocation where;  // location of the first character of text
};

struct ParamAssignment {
    std::string name;  // lower case
    Expression value;
    SourceLocation where;
};

enum class WaveformKind { sine, pulse, pwl, exponential, frequency_modulated, amplitude_modulated };

struct WaveformCard {
    WaveformKind kind = WaveformKind::sine;
    std::vector<Expression> arguments;
    // PWL only: "td=" shifts the whole waveform, "r=" repeats it from that time point on.
    std::optional<Expression> pwl_delay, pwl_repeat_from;
    SourceLocation where;
};

// The excitation of an independent V or I source.
struct SourceCard {
    std::optional<Expression> dc;
    std::optional<Expression> ac_magnitude;  // "AC" alone means magnitude 1
    std::optional<Expression> ac_phase_deg;
    std::optional<WaveformCard> waveform;
};

// E G F H as behavioural sources: "value={expr}" ("vol=" on E, "cur=" on G), its
// expression reading the solution as v(a), v(a, b), i(source); or "POLY(n)" with n
// controls (E G: node pairs, F H: voltage sources) and the coefficients c0 c1 ...
struct BehaviouralCard {
    std::optional<Expression> expression;
    std::vector<std::string> control_nodes;  // POLY of E G: 2n, lower case
    std::vector<SourceLocation> control_node_where;
    std::vector<std::string> control_sources;  // POLY of F H: n, lower case
    std::vector<SourceLocation> control_source_where;
    std::vector<Expression> coefficients;  // POLY: c0 c1 c2 ...
    SourceLocation where;                  // the keyword
};

// R L C: what a card may say besides its value. Few cards say any of it.
struct DeviceInstanceCard {
    // tc1=, tc2= (R also tc=a b), tce= (R): the value's temperature dependence.
    std::optional<Expression> temperature_coefficient_1, temperature_coefficient_2;
    std::optional<Expression> temperature_coefficient_exponential;
    // The .model named on the card, and the instance parameters that work with one:
    // l= and w= (R, C), scale= (R C L: the value times scale).
    std::optional<std::string> model;
    SourceLocation model_where;
    std::optional<Expression> length, width, scale;
    // temp= (the element's own temperature, C) and dtemp= (its offset from the circuit's).
    std::optional<Expression> temperature, temperature_offset;
};

struct ElementCard {
    std::string name;  // lower case, first letter gives the kind: "r1", "xamp"
    char letter = 0;   // lower case kind letter
    std::vector<std::string> nodes;            // lower case; "gnd" already mapped to "0"
    std::vector<SourceLocation> node_where;    // one per node
    // Names the card refers to: F/H the controlling source, K the two inductors,
    // X the subcircuit.
    std::vector<std::string> references;
    std::vector<SourceLocation> reference_where;
    std::optional<Expression> value;           // R L C E G F H K, positional or by name (r=, c=, gain=, ...)
    std::optional<Expression> multiplier;      // m=: R/m, L/m, C*m, G and F gain*m
    std::optional<Expression> initial_condition;  // C: ic= volts, L: ic= amperes
    Boxed<DeviceInstanceCard> device;          // R L C: .model, geometry, temperature
    Boxed<BehaviouralCard> behaviour;          // E G F H in behavioural form (no value, no control of their own)
    Boxed<SourceCard> source;                  // V I
    std::vector<ParamAssignment> instance_params;  // X overrides
    SourceLocation where;
};

// ".ic v(node)=value": the node's voltage at the start of a transient.
struct InitialConditionCard {
    std::string node;  // lower case; "gnd" already mapped to "0"
    Expression value;
    SourceLocation where;
};

struct SubcircuitDefinition;

// ".model name type(param=value ...)", kept as written; the elaboration reads the
// R, C and L models and refuses an element that uses any other.
struct ModelCard {
    std::string name;  // lower case
    std::string type;  // lower case: "r", "res", "c", "l", "d", "nmos", ...
    std::vector<ParamAssignment> parameters;
    SourceLocation where;
};

// The contents of the top level or of a subcircuit body.
struct Body {
    std::vector<ParamAssignment> params;  // .param cards, in order
    std::vector<UserFunction> functions;  // .func cards (and .param name(args) = ...), in order
    std::vector<ModelCard> models;        // .model cards, in order
    std::vector<InitialConditionCard> initial_conditions;  // .ic: in a subcircuit, for each instance
    std::vector<ElementCard> elements;
    std::vector<SubcircuitDefinition> subcircuits;  // nested definitions
};

struct SubcircuitDefinition {
    std::string name;  // lower case
    std::vector<std::string> pins;
    std::vector<ParamAssignment> defaults;  // "params: a=1 b=2" on the .subckt line
    Body body;
    SourceLocation where;
};

struct OpCard {
    SourceLocation where;
};

// One source a .dc sweeps, and its range.
struct DcSweepCard {
    std::string source;  // lower case element name of a V or I source
    SourceLocation source_where;
    Expression start, stop, step;
};

// ".dc SRC start stop step [SRC2 start2 stop2 step2]": with a second source, it steps
// (the outer loop) and the first sweeps at each of its values.
struct DcCard {
    DcSweepCard sweep;
    std::optional<DcSweepCard> outer;
    SourceLocation where;
};

enum class AcSpacing { linear, decade, octave };

struct AcCard {
    AcSpacing spacing = AcSpacing::decade;
    Expression points;  // total (lin) or per decade/octave
    Expression start_hz, stop_hz;
    SourceLocation where;
};

struct TranCard {
    Expression step_s, stop_s;
    std::optional<Expression> start_s, max_step_s;
    bool use_initial_conditions = false;  // "uic": start from IC= and .ic, not the operating point
    SourceLocation where;
};

// One setting of an .options card: "reltol=1e-4", or a flag such as "noacct" (no value).
struct OptionSetting {
    std::string name;  // lower case
    std::optional<Expression> value;
    SourceLocation where;
};

// ".step [lin|dec|oct] param NAME start stop incr" or ".step param NAME list v1 v2 ...":
// the whole deck runs once per value of a top-level .param (LTspice's meaning).
enum class StepSpacing { linear, decade, octave, list };

struct StepCard {
    StepSpacing spacing = StepSpacing::linear;
    std::string parameter;  // lower case
    SourceLocation parameter_where;
    // linear: start, stop, increment; decade/octave: start, stop, points per decade
    // (octave); list: the values.
    std::vector<Expression> values;
    SourceLocation where;
};

using AnalysisCard = std::variant<OpCard, DcCard, AcCard, TranCard>;

struct Deck {
    std::string title;
    Body top;
    std::vector<AnalysisCard> analyses;  // in deck order
    std::vector<OptionSetting> options;  // in deck order; a later setting overrides
    std::vector<StepCard> steps;         // in deck order: the first varies fastest
    // ".global n1 n2 ...": nodes that are the same node in every subcircuit (lower case).
    std::vector<std::string> global_nodes;
    std::vector<Warning> warnings;       // cards skipped, and the like
    // ".temp T": the circuit's temperature in C (over ".options temp=", as in ngspice 39).
    std::optional<Expression> temperature;
};

}  // namespace hpsim::spice
