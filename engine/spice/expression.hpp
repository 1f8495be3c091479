#pragma once
// Evaluates SPICE parameter expressions: + - * / ^ (also **), parentheses, unary
// minus, numbers with engineering suffixes, parameters, pi, and the functions
// sqrt exp log log10 sin cos tan abs min max pow.
#include <functional>
#include <optional>
#include <string_view>

#include "spice/diagnostic.hpp"

namespace hpsim::spice {

// Finds a parameter's value by its lower-case name.
using ParameterLookup = std::function<std::optional<double>(std::string_view name)>;

// `where` locates text[0]; errors throw DeckError at the offending character.
double evaluate_expression(std::string_view text, const ParameterLookup& lookup, const SourceLocation& where);

}  // namespace hpsim::spice
