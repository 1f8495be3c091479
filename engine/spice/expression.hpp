#pragma once
// SPICE parameter expressions, case-insensitive: + - * / ^ (or **, right associative and
// binding tighter than unary minus: -2^2 = -4), parentheses, numbers with engineering
// suffixes ("2*1k"), parameters, pi, and the functions sqrt exp log (natural) log10 sin
// cos tan abs min max pow.
#include <functional>
#include <optional>
#include <string_view>

#include "spice/diagnostic.hpp"

namespace hpsim::spice {

// A parameter's value by its lower-case name; nullopt when it is not defined.
using ParameterLookup = std::function<std::optional<double>(std::string_view name)>;

// `where` locates text[0]. Throws DeckError located at the offending character for a
// syntax error, an undefined name, a domain error or a result that is not finite.
double evaluate_expression(std::string_view text, const ParameterLookup& lookup, const SourceLocation& where);

}  // namespace hpsim::spice
