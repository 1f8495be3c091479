#pragma once
// Evaluates SPICE parameter expressions: + - * / ^ (also **), parentheses, unary
// minus, comparisons, && || !, c ? a : b, numbers with engineering suffixes,
// parameters, pi, and ngspice's numparam functions.
//
// An expression is read once into a CompiledExpression (a small tree) that evaluates
// many times with new parameter values: a .step sweep re-evaluates without re-reading.
// Calls of user functions (.func) are expanded in place as they are read.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "spice/diagnostic.hpp"
#include "spice/user_function.hpp"

namespace hpsim::spice {

// Finds a parameter's value by its lower-case name.
using ParameterLookup = std::function<std::optional<double>(std::string_view name)>;

class CompiledExpression {
public:
    // Throws DeckError at the offending character for anything wrong in the text
    // itself (syntax, unknown function, wrong argument count, a^b^c, a user function
    // that calls itself). `functions`: the user functions visible where text is written.
    static CompiledExpression compile(std::string_view text, const SourceLocation& where,
                                      const FunctionScope* functions = nullptr);
    // A behavioural source's expression: v(node), v(node, node) and i(source) read the
    // solution (probes()); it cannot be evaluate()d, only analysed (spice/linear_form.hpp).
    static CompiledExpression compile_behavioural(std::string_view text, const SourceLocation& where,
                                                  const FunctionScope* functions = nullptr);

    // The parameter names the expression reads (lower case, distinct, first use first).
    const std::vector<std::string>& parameters() const { return parameters_; }

    // What a behavioural expression reads of the solution: v(first, second) (second "0"
    // for v(node)) or i(first), names lower case, "gnd" as "0".
    struct Probe {
        char kind = 'v';
        std::string first, second;
        friend bool operator==(const Probe&, const Probe&) = default;
    };
    const std::vector<Probe>& probes() const { return probes_; }

    // values[i] is the value of parameters()[i]; NaN stands for a name that is not
    // defined, an error only where the value is used (not in a ?: branch not taken).
    // Throws DeckError for a value that fails: division by zero, a domain error, a
    // result that is not finite, an undefined parameter.
    double evaluate(std::span<const double> values) const;

    enum class Op : std::uint8_t {
        number, parameter, negate, logical_not, add, subtract, multiply, divide, power,
        equal, not_equal, less, greater, less_equal, greater_equal, logical_and, logical_or,
        conditional, function, probe,
    };
    struct Node {
        Op op = Op::number;
        std::uint32_t source = 0;  // the text it was read from: 0 the expression, then user function bodies
        std::uint32_t at = 0;      // offset in that text, for messages
        int first = -1, second = -1, third = -1;  // operands (node indices); function: arguments' span
        double number = 0.0;
        int index = 0;  // parameter: into parameters(); function: into the function table; probe: into probes()
    };

    // A text the nodes were read from: where it starts, and the calls that brought a
    // user function's body in (" (in function 'f' called at deck.cir:4:12)").
    struct Source {
        SourceLocation where;
        std::string context;
    };

private:
    std::vector<Node> nodes_;  // the root is the last
    std::vector<int> call_arguments_;  // function arguments, node indices
    std::vector<std::string> parameters_;
    std::vector<Source> sources_;
    std::vector<Probe> probes_;

    // The value of one node's subtree (which must read no probe).
    double evaluate_node(int node, std::span<const double> values) const;
    friend class LinearAnalysis;
    friend class ExpressionCompiler;
    friend class ExpressionEvaluation;
};

// One-off evaluation of text: each name is looked up, then pi; anything else is an
// undefined parameter. `where` locates text[0]; errors throw DeckError at the
// offending character.
double evaluate_expression(std::string_view text, const ParameterLookup& lookup, const SourceLocation& where,
                           const FunctionScope* functions = nullptr);

// A name a user function may not take: a built-in function, a random one, v or i.
bool is_reserved_function_name(std::string_view name);

// The value of an undefined parameter in CompiledExpression::evaluate's values.
double undefined_parameter();

}  // namespace hpsim::spice
