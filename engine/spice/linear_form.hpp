#pragma once
// A behavioural expression as a linear function of the solution it reads:
// constant + sum of coefficient * probe (v(a, b), i(source)), or a located error at the
// first operation that makes it nonlinear (a product or quotient of two solution
// values, a function or a power of one, a condition on one).
#include <span>
#include <vector>

#include "spice/expression.hpp"

namespace hpsim::spice {

struct LinearForm {
    double constant = 0.0;
    std::vector<double> coefficients;  // one per expression.probes()
};

// `values` as for CompiledExpression::evaluate (the expression's parameters). Throws
// DeckError.
LinearForm linear_form(const CompiledExpression& expression, std::span<const double> values);

}  // namespace hpsim::spice
