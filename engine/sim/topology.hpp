#pragma once
// Topology rules checked before solving, each naming what is wrong:
// an element connected to itself, a loop of voltage sources and/or inductors,
// a node with no DC path to ground.
#include "sim/circuit.hpp"

namespace hpsim::sim {

void check_topology(const Circuit& circuit);  // throws spice::DeckError

}  // namespace hpsim::sim
