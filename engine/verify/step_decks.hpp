#pragma once
// The deck one step of a .step sweep stands for, as another simulator reads it
// (ngspice has no .step): the .step cards removed, each stepped top-level .param
// given the step's value (full precision).
#include <string>
#include <vector>

#include "spice/lexer.hpp"

namespace hpsim::verify {

// `names[i]` takes `values[i]` (a sweep's parameters and one step's values).
spice::CardStream deck_for_step(const spice::CardStream& cards, const std::vector<std::string>& names,
                                const std::vector<double>& values);

}  // namespace hpsim::verify
