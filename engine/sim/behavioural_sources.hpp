#pragma once
// Linear behavioural sources: an E, G, F or H written with value= (vol=, cur=) or POLY,
// whose value is a constant plus coefficients times node voltages and branch currents,
// stands for the elementary sources that sum to it:
//  - a current (G, F): a G per voltage term and an F per current term, in parallel,
//    and a current source for the constant (its DC value; none in AC, as ngspice's
//    small-signal source has none);
//  - a voltage (E, H): one term and no constant is an E or an H, a constant alone a
//    voltage source; more is refused (it would need nodes ngspice does not have).
// A nonlinear expression, or a POLY term of degree two or more, is refused where it is.
#include <vector>

#include "sim/param_scope.hpp"
#include "spice/netlist.hpp"

namespace hpsim::sim {

// The card's parts as element cards with numbers for values, in the card's own names
// (nodes and sources as written, each part named as the card). Throws DeckError.
std::vector<spice::ElementCard> linear_parts(const spice::ElementCard& card, const ParamScope& params);

}  // namespace hpsim::sim
