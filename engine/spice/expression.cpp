#include "spice/expression.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <algorithm>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

#include "spice/builtin_functions.hpp"
#include "spice/number.hpp"

namespace hpsim::spice {
namespace {

// The documented limit: parentheses and function calls nest at most this deep.
constexpr int max_nesting = 200;
// Each parenthesis or argument list descends nine grammar levels, a sign one: the
// recursion (a stack frame each) is bounded whatever the text nests.
constexpr int max_depth = 10 * (max_nesting + 10);
// User functions expand in place: a chain of functions that each call the next twice
// doubles the tree at every step. Past this many operations the expression is refused.
constexpr std::size_t max_nodes = 100'000;

[[noreturn]] void fail_at(const SourceLocation& where, std::size_t at, const std::string& message) {
    SourceLocation location = where;
    if (location.column > 0) location.column += static_cast<int>(at);
    throw DeckError(location, message);
}

}  // namespace

// Reads the text into the tree (recursive descent). Anything wrong with the text is
// an error here, even in a ?: branch that will not be taken; failures of values are
// the evaluation's. A user function's call reads its body with a compiler of its own
// that adds to the same tree, the parameters bound to the arguments' nodes.
class ExpressionCompiler {
public:
    using Op = CompiledExpression::Op;
    using Node = CompiledExpression::Node;

    // What the compilers of one expression share: the tree, and the user functions
    // being expanded (a call of one of them again would never end).
    struct Shared {
        CompiledExpression result;
        bool probes = false;  // v(...) and i(...) read the solution (a behavioural source)
        std::vector<const UserFunction*> expanding;
        int nesting = 0;  // parentheses, argument lists and function bodies open
    };

    ExpressionCompiler(Shared& shared, std::string_view text, std::uint32_t source, const FunctionScope* functions,
                       const std::vector<std::pair<std::string, int>>* bindings)
        : shared_(shared), text_(text), source_(source), functions_(functions), bindings_(bindings) {}

    static CompiledExpression compile(std::string_view text, const SourceLocation& where,
                                      const FunctionScope* functions, bool probes) {
        Shared shared;
        shared.probes = probes;
        shared.result.sources_.push_back({where, ""});
        ExpressionCompiler compiler(shared, text, 0, functions, nullptr);
        const int root = compiler.whole(0);
        CompiledExpression& result = shared.result;
        // The root goes last: evaluate() starts there.
        if (root != static_cast<int>(result.nodes_.size()) - 1) compiler.add(Node{result.nodes_[root]});
        return std::move(shared.result);
    }

private:
    Shared& shared_;
    std::string_view text_;
    std::uint32_t source_;  // index of text_ in the result's sources
    const FunctionScope* functions_;
    const std::vector<std::pair<std::string, int>>* bindings_;  // a function body's parameters: their nodes
    std::size_t position_ = 0;

    // Opens a parenthesis, argument list or function body at `at` for the life of the object.
    class Nested {
    public:
        Nested(ExpressionCompiler& compiler, std::size_t at) : compiler_(compiler) {
            if (++compiler_.shared_.nesting > max_nesting)
                compiler_.fail(at, "expression nests parentheses and function calls more than " +
                                       std::to_string(max_nesting) + " deep");
        }
        ~Nested() { --compiler_.shared_.nesting; }
        Nested(const Nested&) = delete;
        Nested& operator=(const Nested&) = delete;

    private:
        ExpressionCompiler& compiler_;
    };

    // The whole text: one expression and nothing after it.
    int whole(int depth) {
        skip_space();
        if (at_end()) fail(0, "empty expression");
        const int root = conditional(depth);
        skip_space();
        if (!at_end()) fail(position_, "unexpected '" + std::string(1, text_[position_]) + "' in expression");
        return root;
    }

    [[noreturn]] void fail(std::size_t at, const std::string& message) const {
        const CompiledExpression::Source& source = shared_.result.sources_[source_];
        fail_at(source.where, at, message + source.context);
    }
    bool at_end() const { return position_ >= text_.size(); }
    char peek() const { return at_end() ? '\0' : text_[position_]; }
    void skip_space() {
        while (!at_end() && std::isspace(static_cast<unsigned char>(text_[position_]))) ++position_;
    }
    bool take(char c) {
        skip_space();
        if (peek() != c) return false;
        ++position_;
        return true;
    }
    bool take(std::string_view symbol) {
        skip_space();
        if (text_.substr(position_, symbol.size()) != symbol) return false;
        position_ += symbol.size();
        return true;
    }
    void deeper(int depth) const {
        if (depth > max_depth) fail(position_, "expression nested too deeply (signs and operators)");
    }
    int add(Node node) {
        std::vector<Node>& nodes = shared_.result.nodes_;
        if (nodes.size() >= max_nodes)
            fail(position_, "expression too large (more than " + std::to_string(max_nodes) +
                                " operations once its user functions are expanded)");
        nodes.push_back(node);
        return static_cast<int>(nodes.size()) - 1;
    }
    int binary(Op op, std::size_t at, int left, int right) {
        return add(Node{op, source_, static_cast<std::uint32_t>(at), left, right, -1, 0.0, 0});
    }

    // c ? a : b, the lowest precedence (ngspice numparam's order: ?: below ||, below &&,
    // below comparisons, below + -). Only the branch taken is evaluated.
    int conditional(int depth) {
        deeper(depth);
        const int condition = logical_or(depth + 1);
        skip_space();
        const std::size_t at = position_;
        if (!take('?')) return condition;
        const int when_true = conditional(depth + 1);
        if (!take(':')) fail(position_, "expected ':' in '?:'");
        const int when_false = conditional(depth + 1);
        return add(Node{Op::conditional, source_, static_cast<std::uint32_t>(at), condition, when_true, when_false, 0.0, 0});
    }

    int logical_or(int depth) {
        deeper(depth);
        int value = logical_and(depth + 1);
        for (;;) {
            skip_space();
            const std::size_t at = position_;
            if (!take("||")) return value;
            value = binary(Op::logical_or, at, value, logical_and(depth + 1));
        }
    }

    int logical_and(int depth) {
        deeper(depth);
        int value = comparison(depth + 1);
        for (;;) {
            skip_space();
            const std::size_t at = position_;
            if (!take("&&")) return value;
            value = binary(Op::logical_and, at, value, comparison(depth + 1));
        }
    }

    // == != <> < > <= >=: 1 when true, 0 when false.
    int comparison(int depth) {
        deeper(depth);
        int value = sum(depth + 1);
        for (;;) {
            skip_space();
            const std::size_t at = position_;
            Op op;
            if (take("==")) op = Op::equal;
            else if (take("!=") || take("<>")) op = Op::not_equal;
            else if (take("<=")) op = Op::less_equal;
            else if (take(">=")) op = Op::greater_equal;
            else if (take('<')) op = Op::less;
            else if (take('>')) op = Op::greater;
            else return value;
            value = binary(op, at, value, sum(depth + 1));
        }
    }

    int sum(int depth) {
        deeper(depth);
        int value = product(depth + 1);
        for (;;) {
            skip_space();
            const std::size_t at = position_;
            if (take('+')) value = binary(Op::add, at, value, product(depth + 1));
            else if (take('-')) value = binary(Op::subtract, at, value, product(depth + 1));
            else return value;
        }
    }

    int product(int depth) {
        deeper(depth);
        int value = unary(depth + 1);
        for (;;) {
            skip_space();
            const std::size_t at = position_;
            if (peek() == '*' && position_ + 1 < text_.size() && text_[position_ + 1] == '*') return value;
            if (take('*')) value = binary(Op::multiply, at, value, unary(depth + 1));
            else if (take('/')) value = binary(Op::divide, at, value, unary(depth + 1));
            else return value;
        }
    }

    // Unary minus binds looser than the power: -2^2 = -4. ! is logical not.
    int unary(int depth) {
        deeper(depth);
        skip_space();
        const std::size_t at = position_;
        if (take('-')) return binary(Op::negate, at, unary(depth + 1), -1);
        if (take('+')) return unary(depth + 1);
        skip_space();
        if (peek() == '!' && (position_ + 1 >= text_.size() || text_[position_ + 1] != '=')) {
            ++position_;
            return binary(Op::logical_not, at, unary(depth + 1), -1);
        }
        return power(depth + 1);
    }

    // The exponent: signs, then a primary (a further ^ is the caller's to refuse).
    int power_operand(int depth) {
        deeper(depth);
        skip_space();
        const std::size_t at = position_;
        if (take('-')) return binary(Op::negate, at, power_operand(depth + 1), -1);
        if (take('+')) return power_operand(depth + 1);
        return primary(depth + 1);
    }

    bool take_power_operator() {
        skip_space();
        return take('^') || take("**");
    }

    // ngspice 39 reads a^b^c as (a^b)^c, where mathematics reads a^(b^c), and raises
    // |a| for a negative a (so (-2)^3 is 8 there): both are refused rather than read
    // one way or the other. A negative base to an even integer power is the same either way.
    int power(int depth) {
        deeper(depth);
        const int base = primary(depth + 1);
        skip_space();
        const std::size_t at = position_;
        if (!take_power_operator()) return base;
        const int exponent = power_operand(depth + 1);
        if (take_power_operator())
            fail(at, "a^b^c is read differently by ngspice 39 ((a^b)^c) and by mathematics (a^(b^c)): add parentheses");
        return binary(Op::power, at, base, exponent);
    }

    int primary(int depth) {
        deeper(depth);
        skip_space();
        const std::size_t start = position_;
        if (at_end()) fail(start, "expression ends where a value was expected");
        if (take('(')) {
            const Nested nested(*this, start);
            const int value = conditional(depth + 1);
            if (!take(')')) fail(position_, "expected ')'");
            return value;
        }
        const char c = peek();
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
            const NumberScan number = scan_number(text_.substr(position_));
            if (number.length == 0) fail(start, "malformed number");
            if (number.out_of_range) fail(start, "number out of range");
            position_ += number.length;
            return add(Node{Op::number, source_, static_cast<std::uint32_t>(start), -1, -1, -1, number.value, 0});
        }
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') return name(depth, start);
        char shown[8];
        if (std::isprint(static_cast<unsigned char>(c))) std::snprintf(shown, sizeof shown, "'%c'", c);
        else std::snprintf(shown, sizeof shown, "0x%02x", static_cast<unsigned char>(c));
        fail(start, std::string("unexpected ") + shown + " in expression");
    }

    int name(int depth, std::size_t start) {
        while (!at_end() && (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_')) ++position_;
        std::string identifier(text_.substr(start, position_ - start));
        for (char& c : identifier) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        skip_space();
        const auto at = static_cast<std::uint32_t>(start);
        if (peek() == '(') {
            if (functions_)
                if (const std::optional<FunctionScope::Found> user = functions_->find(identifier))
                    return user_call(depth, start, *user);
            const std::optional<std::size_t> function = find_function(identifier);
            if (!function && (identifier == "v" || identifier == "i") && shared_.probes)
                return probe(identifier.front(), start);
            if (!function && (identifier == "v" || identifier == "i"))
                fail(start, "'" + identifier + "(...)' depends on the solution: behavioural values are not supported");
            if (!function && is_random_function(identifier))
                fail(start, "random function '" + identifier + "' is not supported");
            if (!function) fail(start, "unknown function '" + identifier + "'");
            const std::vector<int> arguments = call_arguments(depth, start, identifier);
            const Function& f = builtin_functions()[*function];
            if (arguments.size() != f.arguments)
                fail(start, "function '" + identifier + "' takes " + std::to_string(f.arguments) + " argument" +
                                (f.arguments == 1 ? "" : "s"));
            std::vector<int>& list = shared_.result.call_arguments_;
            const auto first = static_cast<int>(list.size());
            list.insert(list.end(), arguments.begin(), arguments.end());
            return add(Node{Op::function, source_, at, first, static_cast<int>(arguments.size()), -1, 0.0,
                            static_cast<int>(*function)});
        }
        if (bindings_)
            for (const auto& [parameter, node] : *bindings_)
                if (parameter == identifier) return node;
        std::vector<std::string>& names = shared_.result.parameters_;
        const auto known = std::find(names.begin(), names.end(), identifier);
        const auto index = static_cast<int>(known - names.begin());
        if (known == names.end()) names.push_back(std::move(identifier));
        return add(Node{Op::parameter, source_, at, -1, -1, -1, 0.0, index});
    }

    // v(a), v(a, b) or i(source): names as written, up to ',' or ')'.
    int probe(char kind, std::size_t start) {
        ++position_;
        std::vector<std::string> names;
        for (;;) {
            skip_space();
            const std::size_t begin = position_;
            while (!at_end() && peek() != ',' && peek() != ')' && !std::isspace(static_cast<unsigned char>(peek())))
                ++position_;
            if (position_ == begin) fail(position_, std::string("expected a ") + (kind == 'v' ? "node" : "source") + " name");
            std::string name(text_.substr(begin, position_ - begin));
            for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            names.push_back(name == "gnd" ? "0" : name);
            if (!take(',')) break;
        }
        if (!take(')')) fail(position_, "expected ')' after the names in '" + std::string(1, kind) + "(...)'");
        if (names.size() > (kind == 'v' ? 2u : 1u))
            fail(start, kind == 'v' ? "v(...) takes one or two nodes" : "i(...) takes one voltage source");
        const CompiledExpression::Probe probe{kind, names[0], names.size() > 1 ? names[1] : "0"};
        std::vector<CompiledExpression::Probe>& probes = shared_.result.probes_;
        const auto known = std::find(probes.begin(), probes.end(), probe);
        const auto index = static_cast<int>(known - probes.begin());
        if (known == probes.end()) probes.push_back(probe);
        return add(Node{Op::probe, source_, static_cast<std::uint32_t>(start), -1, -1, -1, 0.0, index});
    }

    // "(a, b, ...)" after a function's name: the arguments' nodes.
    std::vector<int> call_arguments(int depth, std::size_t start, const std::string& identifier) {
        ++position_;
        const Nested nested(*this, start);
        std::vector<int> arguments;
        if (!take(')')) {
            do arguments.push_back(conditional(depth + 1));
            while (take(','));
            if (!take(')')) fail(position_, "expected ')' after the arguments of '" + identifier + "'");
        }
        return arguments;
    }

    // A user function's call: its body read in place, each parameter standing for its
    // argument; the body's own calls resolve where the function is defined.
    int user_call(int depth, std::size_t start, const FunctionScope::Found& found) {
        const UserFunction& function = *found.function;
        const std::vector<int> arguments = call_arguments(depth, start, function.name);
        if (arguments.size() != function.parameters.size())
            fail(start, "function '" + function.name + "' takes " + std::to_string(function.parameters.size()) +
                            " argument" + (function.parameters.size() == 1 ? "" : "s") + " (defined at " +
                            function.where.to_string() + ")");
        std::vector<const UserFunction*>& expanding = shared_.expanding;
        if (std::find(expanding.begin(), expanding.end(), &function) != expanding.end())
            fail(start, "function '" + function.name + "' calls itself (a .func cannot recurse)");
        std::vector<std::pair<std::string, int>> bindings;
        for (std::size_t i = 0; i < arguments.size(); ++i) bindings.emplace_back(function.parameters[i], arguments[i]);
        std::vector<CompiledExpression::Source>& sources = shared_.result.sources_;
        SourceLocation call = sources[source_].where;
        if (call.column > 0) call.column += static_cast<int>(start);
        sources.push_back({function.body_where,
                           " (in function '" + function.name + "' called at " + call.to_string() + ")" +
                               sources[source_].context});
        const Nested nested(*this, start);
        expanding.push_back(&function);
        ExpressionCompiler body(shared_, function.body, static_cast<std::uint32_t>(sources.size() - 1), found.scope,
                                &bindings);
        const int root = body.whole(depth + 1);
        expanding.pop_back();
        return root;
    }
};

// One evaluation of a compiled expression with one set of parameter values.
class ExpressionEvaluation {
public:
    using Op = CompiledExpression::Op;
    using Node = CompiledExpression::Node;

    ExpressionEvaluation(const CompiledExpression& expression, std::span<const double> values)
        : expression_(expression), values_(values) {}

    double value(int index) const {
        const Node& node = expression_.nodes_[static_cast<std::size_t>(index)];
        switch (node.op) {
            case Op::number: return node.number;
            case Op::parameter: return parameter(node);
            case Op::negate: return -value(node.first);
            case Op::logical_not: return value(node.first) == 0.0 ? 1.0 : 0.0;
            case Op::add: return checked(value(node.first) + value(node.second), node);
            case Op::subtract: return checked(value(node.first) - value(node.second), node);
            case Op::multiply: return checked(value(node.first) * value(node.second), node);
            case Op::divide: {
                const double dividend = value(node.first);
                const double divisor = value(node.second);
                if (divisor == 0.0) fail(node, "division by zero");
                return checked(dividend / divisor, node);
            }
            case Op::power: {
                const double base = value(node.first);
                const double exponent = value(node.second);
                if (base < 0 && std::fmod(exponent, 2.0) != 0.0)
                    fail(node, "negative base to the power " + std::to_string(exponent) +
                                      ": ngspice 39 raises its magnitude instead; write pow(base, exponent) or "
                                      "pwr(base, exponent)");
                return checked(std::pow(base, exponent), node);
            }
            case Op::equal: return value(node.first) == value(node.second);
            case Op::not_equal: return value(node.first) != value(node.second);
            case Op::less: return value(node.first) < value(node.second);
            case Op::greater: return value(node.first) > value(node.second);
            case Op::less_equal: return value(node.first) <= value(node.second);
            case Op::greater_equal: return value(node.first) >= value(node.second);
            case Op::logical_and: {  // both sides, as ngspice: no short circuit
                const double left = value(node.first);
                const double right = value(node.second);
                return (left != 0.0 && right != 0.0) ? 1.0 : 0.0;
            }
            case Op::logical_or: {
                const double left = value(node.first);
                const double right = value(node.second);
                return (left != 0.0 || right != 0.0) ? 1.0 : 0.0;
            }
            case Op::conditional: return value(node.first) != 0.0 ? value(node.second) : value(node.third);
            case Op::function: return call(node);
            case Op::probe: fail(node, "a value of the solution cannot be evaluated here");
        }
        return 0.0;
    }

private:
    const CompiledExpression& expression_;
    std::span<const double> values_;

    [[noreturn]] void fail(const Node& node, const std::string& message) const {
        const CompiledExpression::Source& source = expression_.sources_[node.source];
        fail_at(source.where, node.at, message + source.context);
    }
    double checked(double result, const Node& node) const {
        if (!std::isfinite(result)) fail(node, "expression result is not finite");
        return result;
    }
    double parameter(const Node& node) const {
        const double result = values_[static_cast<std::size_t>(node.index)];
        if (!std::isnan(result)) return result;
        const std::string& name = expression_.parameters_[static_cast<std::size_t>(node.index)];
        if (name == "time" || name == "temper" || name == "hertz")
            fail(node, "'" + name + "' varies during the analysis: behavioural values are not supported");
        fail(node, "undefined parameter '" + name + "'");
    }
    double call(const Node& node) const {
        const Function& f = builtin_functions()[static_cast<std::size_t>(node.index)];
        std::vector<double> arguments;
        arguments.reserve(static_cast<std::size_t>(node.second));
        for (int i = 0; i < node.second; ++i)
            arguments.push_back(value(expression_.call_arguments_[static_cast<std::size_t>(node.first + i)]));
        if (!f.in_domain(arguments)) fail(node, std::string("domain error in '") + f.name + "'");
        return checked(f.apply(arguments), node);
    }
};

CompiledExpression CompiledExpression::compile(std::string_view text, const SourceLocation& where,
                                               const FunctionScope* functions) {
    return ExpressionCompiler::compile(text, where, functions, false);
}

CompiledExpression CompiledExpression::compile_behavioural(std::string_view text, const SourceLocation& where,
                                                           const FunctionScope* functions) {
    return ExpressionCompiler::compile(text, where, functions, true);
}

double CompiledExpression::evaluate_node(int node, std::span<const double> values) const {
    return ExpressionEvaluation(*this, values).value(node);
}

double CompiledExpression::evaluate(std::span<const double> values) const {
    return ExpressionEvaluation(*this, values).value(static_cast<int>(nodes_.size()) - 1);
}

double undefined_parameter() { return std::numeric_limits<double>::quiet_NaN(); }


bool is_reserved_function_name(std::string_view name) {
    return find_function(name).has_value() || is_random_function(name) || name == "v" || name == "i";
}

double evaluate_expression(std::string_view text, const ParameterLookup& lookup, const SourceLocation& where,
                           const FunctionScope* functions) {
    // A plain number, the most common value by far, needs no tree.
    const NumberScan number = scan_number(text);
    if (number.length == text.size() && number.length > 0 && !number.out_of_range) return number.value;
    const CompiledExpression expression = CompiledExpression::compile(text, where, functions);
    std::vector<double> values;
    values.reserve(expression.parameters().size());
    for (const std::string& name : expression.parameters()) {
        const std::optional<double> found = lookup(name);
        values.push_back(found ? *found : name == "pi" ? std::numbers::pi : undefined_parameter());
    }
    return expression.evaluate(values);
}

}  // namespace hpsim::spice
