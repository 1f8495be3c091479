#pragma once
// Deck -> Circuit: expands subcircuit instances, evaluates parameters in their scopes,
// numbers the nodes and resolves the analysis cards. Errors throw spice::DeckError.
#include <cstddef>
#include <optional>

#include "sim/circuit.hpp"
#include "sim/step/step_sweep.hpp"
#include "sim/step/value_program.hpp"
#include "spice/netlist.hpp"

namespace hpsim::sim {

// How large a circuit may grow by expansion (docs/spice.md, "Limits"): past these a deck would
// not fit in memory (about 400 bytes a node and 250 an element while elaborating, and
// the matrix after). Tests lower them to reach them cheaply.
struct SizeLimits {
    std::size_t nodes = 1'000'000;     // besides ground
    std::size_t elements = 2'000'000;  // after subcircuit expansion
};

// What a deck's .step cards make of it: the steps, and how the circuit's values follow
// the stepped parameters.
struct DeckSteps {
    StepSweep sweep;
    ValueProgram program;  // inputs in the sweep's dimension order
};

struct ElaboratedDeck {
    Circuit circuit;                 // with .step: the circuit of the first step
    std::optional<DeckSteps> steps;  // none without .step
};

ElaboratedDeck elaborate_deck(const spice::Deck& deck, const SizeLimits& limits = {});

// A deck whose named top-level .params will take other values (a sweep that varies
// them in code rather than by .step): the circuit at their written values, and the
// program that recomputes every value depending on them (inputs in the order named).
struct VaryingDeck {
    Circuit circuit;
    ValueProgram program;
};
VaryingDeck elaborate_varying(const spice::Deck& deck, const std::vector<std::string>& parameters);

// The circuit alone (of the first step, when the deck has .step).
Circuit elaborate(const spice::Deck& deck, const SizeLimits& limits = {});

}  // namespace hpsim::sim
