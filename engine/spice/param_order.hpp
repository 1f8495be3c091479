#pragma once
// The order in which ngspice 39 evaluates the .param assignments of one scope (the top
// level, or a subcircuit's parameters and the .param cards of its body): a name
// assigned twice keeps only its last assignment, and each assignment comes after the
// assignments of the names it reads (so ".param b={a}" may precede ".param a=1").
// Names the scope does not assign are read from the enclosing scope.
#include <vector>

#include "spice/netlist.hpp"

namespace hpsim::spice {

// The assignments that count, in evaluation order (among independent ones, deck order).
// Throws DeckError for an assignment that reads itself or a cycle of them.
std::vector<const ParamAssignment*> evaluation_order(const std::vector<const ParamAssignment*>& assignments,
                                                     const FunctionScope* functions);

}  // namespace hpsim::spice
