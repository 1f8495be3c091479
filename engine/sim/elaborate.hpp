#pragma once
// Deck -> Circuit: expands subcircuit instances, evaluates parameters in their scopes,
// numbers the nodes and resolves the analysis cards. Errors throw spice::DeckError.
#include <cstddef>

#include "sim/circuit.hpp"
#include "spice/netlist.hpp"

namespace hpsim::sim {

// How large a circuit may grow by expansion (README, "Limits"): past these a deck would
// not fit in memory (about 400 bytes a node and 250 an element while elaborating, and
// the matrix after). Tests lower them to reach them cheaply.
struct SizeLimits {
    std::size_t nodes = 1'000'000;     // besides ground
    std::size_t elements = 2'000'000;  // after subcircuit expansion
};

Circuit elaborate(const spice::Deck& deck, const SizeLimits& limits = {});

}  // namespace hpsim::sim
