#pragma once
// Reads cards into a Deck. Element syntax comes from a registry keyed by the element
// letter; dot-cards from a table of handlers. Errors throw DeckError at the token.
#include <filesystem>

#include "spice/lexer.hpp"
#include "spice/netlist.hpp"

namespace hpsim::spice {

Deck parse_cards(const CardStream& cards);
Deck parse_deck_file(const std::filesystem::path& path);

}  // namespace hpsim::spice
