#pragma once
// E, G, F and H written as behavioural sources, after their two output nodes:
// "value={expr}", "vol={expr}" (E), "cur={expr}" (G), "POLY(n) controls c0 c1 ...".
// TABLE, LAPLACE and FREQ are refused by name.
#include "spice/card_reading.hpp"

namespace hpsim::spice {

bool at_behavioural_form(const Cursor& cursor);

// Reads the form into element.behaviour. Throws DeckError at the offending token.
void read_behavioural_form(Cursor& cursor, ElementCard& element);

}  // namespace hpsim::spice
