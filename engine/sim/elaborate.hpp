#pragma once
// Deck -> Circuit: expands subcircuit instances, evaluates parameters in their scopes,
// numbers the nodes and resolves the analysis cards. Errors throw spice::DeckError.
#include "sim/circuit.hpp"
#include "spice/netlist.hpp"

namespace hpsim::sim {

Circuit elaborate(const spice::Deck& deck);

}  // namespace hpsim::sim
