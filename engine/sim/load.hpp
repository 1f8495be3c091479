#pragma once
// The whole path from a deck file to a circuit ready to simulate.
#include <filesystem>

#include "sim/circuit.hpp"
#include "spice/lexer.hpp"

namespace hpsim::sim {

struct LoadedDeck {
    spice::CardStream cards;  // as read: what another simulator is given to compare
    Circuit circuit;
};

LoadedDeck load_deck(const std::filesystem::path& path);  // throws spice::DeckError
// Deck text; `name` appears in messages, .include resolves against base_folder.
LoadedDeck load_deck_text(std::string_view text, const std::string& name = "<deck>",
                          const std::filesystem::path& base_folder = ".");

}  // namespace hpsim::sim
