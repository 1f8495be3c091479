#pragma once
// Deck -> Circuit: expands subcircuit instances, evaluates parameters in their scopes,
// numbers the nodes and resolves the analysis cards. Errors throw spice::DeckError.
#include <optional>

#include "sim/circuit.hpp"
#include "sim/step/step_sweep.hpp"
#include "sim/step/value_program.hpp"
#include "spice/netlist.hpp"

namespace hpsim::sim {

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

ElaboratedDeck elaborate_deck(const spice::Deck& deck);

// A deck whose named top-level .params will take other values (a sweep that varies
// them in code rather than by .step): the circuit at their written values, and the
// program that recomputes every value depending on them (inputs in the order named).
struct VaryingDeck {
    Circuit circuit;
    ValueProgram program;
};
VaryingDeck elaborate_varying(const spice::Deck& deck, const std::vector<std::string>& parameters);

// The circuit alone (of the first step, when the deck has .step).
Circuit elaborate(const spice::Deck& deck);

}  // namespace hpsim::sim
