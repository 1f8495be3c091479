#pragma once
// Element cards (R L C V I E F G H K X), read as ngspice 39 reads them: a registry of
// readers keyed by the element's letter.
#include <cstddef>
#include <set>
#include <string>

#include "spice/card_reading.hpp"

namespace hpsim::spice {

// The names of the deck's .model cards: a word on an R, C or L card that is one names
// its model (as ngspice 39 reads it: a model name wins over a parameter name).
using ModelNames = std::set<std::string>;

// Whether hpsim reads elements of this letter (lower case).
bool is_known_element(char letter);

// Reads the rest of the card (after the name) into `element`, whose name and letter
// are set. Throws DeckError at the offending token.
void read_element(Cursor& cursor, ElementCard& element, const ModelNames& models);

// How many node names follow the element name (a node may share a .model's name).
std::ptrdiff_t leading_node_count(char letter);

}  // namespace hpsim::spice
