#pragma once
// The deck's analysis cards and .options as the simulator takes them: sweeps counted
// and placed as ngspice 39 places them, tolerances, and the conditions every element
// value is read under (.options scale, temp, tnom and .temp). Errors throw DeckError.
#include <vector>

#include "sim/circuit.hpp"
#include "sim/param_scope.hpp"
#include "spice/netlist.hpp"

namespace hpsim::sim {

// What every element's value is read under (the last of each .options setting counts):
// ".options scale=s" multiplies each l= and w= of R and C by s; the temperature is the
// .temp card's, else ".options temp="; ".options tnom=" is where a model without tnom
// was measured (all 27 C unless given).
struct DeckConditions {
    double geometry_scale = 1.0;
    double temperature_c = 27.0;
    double nominal_temperature_c = 27.0;
};
DeckConditions deck_conditions(const spice::Deck& deck, const ParamScope& globals);

// .options: the transient tolerances take ngspice's names; options that would change
// the answer are errors; the rest are skipped with a warning naming them.
void apply_options(const std::vector<spice::OptionSetting>& settings, const ParamScope& globals, Circuit& circuit);

// An analysis card, its values evaluated at the top level; .dc names an element of
// `circuit` (expanded already).
Analysis analysis(const spice::AnalysisCard& card, const ParamScope& globals, const Circuit& circuit);

}  // namespace hpsim::sim
