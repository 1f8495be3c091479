#pragma once
// The whole path from a deck file to a circuit ready to simulate.
#include <filesystem>

#include <optional>

#include "sim/circuit.hpp"
#include "sim/elaborate.hpp"
#include "sim/phase_clock.hpp"
#include "spice/lexer.hpp"

namespace hpsim::sim {

struct LoadedDeck {
    spice::CardStream cards;  // as read: what another simulator is given to compare
    Circuit circuit;                 // with .step: the first step's
    std::optional<DeckSteps> steps;  // the deck's .step sweep; none without .step
};

// Throws spice::DeckError. A clock, when given, times read, parse and elaborate.
LoadedDeck load_deck(const std::filesystem::path& path, PhaseClock* clock = nullptr);
// Deck text; `name` appears in messages, .include resolves against base_folder.
LoadedDeck load_deck_text(std::string_view text, const std::string& name = "<deck>",
                          const std::filesystem::path& base_folder = ".", PhaseClock* clock = nullptr);

}  // namespace hpsim::sim
