#include "spice/expression.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <numbers>
#include <string>
#include <vector>

#include "spice/number.hpp"

namespace hpsim::spice {
namespace {

// The documented limit: parentheses and function calls nest at most this deep.
constexpr int max_nesting = 200;
// Each parenthesis or argument list descends nine grammar levels, a sign one: the
// recursion (a stack frame each) is bounded whatever the text nests.
constexpr int max_depth = 10 * (max_nesting + 10);

struct Function {
    std::size_t arguments;
    double (*apply)(const std::vector<double>&);
    bool (*in_domain)(const std::vector<double>&);
};

bool always(const std::vector<double>&) { return true; }

const std::map<std::string, Function, std::less<>>& functions() {
    static const std::map<std::string, Function, std::less<>> table{
        {"sqrt", {1, [](const auto& a) { return std::sqrt(a[0]); }, [](const auto& a) { return a[0] >= 0; }}},
        {"exp", {1, [](const auto& a) { return std::exp(a[0]); }, always}},
        {"log", {1, [](const auto& a) { return std::log(a[0]); }, [](const auto& a) { return a[0] > 0; }}},
        {"log10", {1, [](const auto& a) { return std::log10(a[0]); }, [](const auto& a) { return a[0] > 0; }}},
        {"sin", {1, [](const auto& a) { return std::sin(a[0]); }, always}},
        {"cos", {1, [](const auto& a) { return std::cos(a[0]); }, always}},
        {"tan", {1, [](const auto& a) { return std::tan(a[0]); }, always}},
        {"abs", {1, [](const auto& a) { return std::abs(a[0]); }, always}},
        {"min", {2, [](const auto& a) { return std::min(a[0], a[1]); }, always}},
        {"max", {2, [](const auto& a) { return std::max(a[0], a[1]); }, always}},
        {"pow", {2, [](const auto& a) { return std::pow(a[0], a[1]); },
                 [](const auto& a) { return a[0] >= 0 || a[1] == std::floor(a[1]); }}},
        // The rest of ngspice 39's numparam functions (xpressn.c), with its meanings:
        // ln is log, arctan is atan, pwr(x, y) = |x|^y, int truncates, nint rounds half
        // to even, sgn is -1, 0 or 1.
        {"sqr", {1, [](const auto& a) { return a[0] * a[0]; }, always}},
        {"ln", {1, [](const auto& a) { return std::log(a[0]); }, [](const auto& a) { return a[0] > 0; }}},
        {"arctan", {1, [](const auto& a) { return std::atan(a[0]); }, always}},
        {"atan", {1, [](const auto& a) { return std::atan(a[0]); }, always}},
        {"asin", {1, [](const auto& a) { return std::asin(a[0]); }, [](const auto& a) { return std::abs(a[0]) <= 1; }}},
        {"acos", {1, [](const auto& a) { return std::acos(a[0]); }, [](const auto& a) { return std::abs(a[0]) <= 1; }}},
        {"sinh", {1, [](const auto& a) { return std::sinh(a[0]); }, always}},
        {"cosh", {1, [](const auto& a) { return std::cosh(a[0]); }, always}},
        {"tanh", {1, [](const auto& a) { return std::tanh(a[0]); }, always}},
        {"asinh", {1, [](const auto& a) { return std::asinh(a[0]); }, always}},
        {"acosh", {1, [](const auto& a) { return std::acosh(a[0]); }, [](const auto& a) { return a[0] >= 1; }}},
        {"atanh", {1, [](const auto& a) { return std::atanh(a[0]); }, [](const auto& a) { return std::abs(a[0]) < 1; }}},
        {"pwr", {2, [](const auto& a) { return std::pow(std::abs(a[0]), a[1]); }, always}},
        {"int", {1, [](const auto& a) { return std::trunc(a[0]); }, always}},
        {"nint", {1, [](const auto& a) { return std::nearbyint(a[0]); }, always}},
        {"floor", {1, [](const auto& a) { return std::floor(a[0]); }, always}},
        {"ceil", {1, [](const auto& a) { return std::ceil(a[0]); }, always}},
        {"sgn", {1, [](const auto& a) { return a[0] > 0 ? 1.0 : a[0] < 0 ? -1.0 : 0.0; }, always}},
        {"ternary_fcn", {3, [](const auto& a) { return a[0] != 0 ? a[1] : a[2]; }, always}},
    };
    return table;
}

// ngspice functions whose value is random from run to run.
bool is_random_function(std::string_view name) {
    return name == "agauss" || name == "gauss" || name == "unif" || name == "aunif" || name == "limit";
}

class Evaluator {
public:
    Evaluator(std::string_view text, const ParameterLookup& lookup, const SourceLocation& where)
        : text_(text), lookup_(lookup), where_(where) {}

    double evaluate() {
        skip_space();
        if (at_end()) fail(0, "empty expression");
        const double value = conditional(0);
        skip_space();
        if (!at_end()) fail(position_, "unexpected '" + std::string(1, text_[position_]) + "' in expression");
        return value;
    }

private:
    std::string_view text_;
    const ParameterLookup& lookup_;
    const SourceLocation& where_;
    std::size_t position_ = 0;
    int skipping_ = 0;  // > 0 inside the branch of a ?: that is not taken: read, not evaluated
    int nesting_ = 0;   // parentheses and argument lists open here

    // Opens a parenthesis or argument list at `at` for the life of the object.
    class Nested {
    public:
        Nested(Evaluator& evaluator, std::size_t at) : evaluator_(evaluator) {
            if (++evaluator_.nesting_ > max_nesting)
                evaluator_.fail(at, "expression nests parentheses and function calls more than " +
                                        std::to_string(max_nesting) + " deep");
        }
        ~Nested() { --evaluator_.nesting_; }
        Nested(const Nested&) = delete;
        Nested& operator=(const Nested&) = delete;

    private:
        Evaluator& evaluator_;
    };

    [[noreturn]] void fail(std::size_t at, const std::string& message) const {
        SourceLocation location = where_;
        if (location.column > 0) location.column += static_cast<int>(at);
        throw DeckError(location, message);
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
    // A failure of the value (domain, division by zero, unknown name) rather than of the
    // text: it does not count in a branch that is not taken.
    void value_fail(std::size_t at, const std::string& message) const {
        if (skipping_ == 0) fail(at, message);
    }
    double checked(double value, std::size_t at) const {
        if (!std::isfinite(value)) value_fail(at, "expression result is not finite");
        return std::isfinite(value) ? value : 0.0;
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

    // c ? a : b, the lowest precedence (ngspice numparam's order: ?: below ||, below &&,
    // below comparisons, below + -). Only the branch taken is evaluated.
    double conditional(int depth) {
        deeper(depth);
        const double condition = logical_or(depth + 1);
        if (!take('?')) return condition;
        const bool taken = condition != 0.0;
        skipping_ += taken ? 0 : 1;
        const double when_true = conditional(depth + 1);
        skipping_ -= taken ? 0 : 1;
        if (!take(':')) fail(position_, "expected ':' in '?:'");
        skipping_ += taken ? 1 : 0;
        const double when_false = conditional(depth + 1);
        skipping_ -= taken ? 1 : 0;
        return taken ? when_true : when_false;
    }

    double logical_or(int depth) {
        deeper(depth);
        double value = logical_and(depth + 1);
        while (take("||")) {
            const double right = logical_and(depth + 1);
            value = (value != 0.0 || right != 0.0) ? 1.0 : 0.0;
        }
        return value;
    }

    double logical_and(int depth) {
        deeper(depth);
        double value = comparison(depth + 1);
        while (take("&&")) {
            const double right = comparison(depth + 1);
            value = (value != 0.0 && right != 0.0) ? 1.0 : 0.0;
        }
        return value;
    }

    // == != <> < > <= >=: 1 when true, 0 when false.
    double comparison(int depth) {
        deeper(depth);
        double value = sum(depth + 1);
        for (;;) {
            if (take("==")) value = value == sum(depth + 1);
            else if (take("!=") || take("<>")) value = value != sum(depth + 1);
            else if (take("<=")) value = value <= sum(depth + 1);
            else if (take(">=")) value = value >= sum(depth + 1);
            else if (take('<')) value = value < sum(depth + 1);
            else if (take('>')) value = value > sum(depth + 1);
            else return value;
        }
    }

    double sum(int depth) {
        deeper(depth);
        double value = product(depth + 1);
        for (;;) {
            skip_space();
            const std::size_t at = position_;
            if (take('+')) value = checked(value + product(depth + 1), at);
            else if (take('-')) value = checked(value - product(depth + 1), at);
            else return value;
        }
    }

    double product(int depth) {
        deeper(depth);
        double value = unary(depth + 1);
        for (;;) {
            skip_space();
            const std::size_t at = position_;
            if (peek() == '*' && position_ + 1 < text_.size() && text_[position_ + 1] == '*') return value;
            if (take('*')) {
                value = checked(value * unary(depth + 1), at);
            } else if (take('/')) {
                const double divisor = unary(depth + 1);
                if (divisor == 0.0) value_fail(at, "division by zero");
                value = divisor == 0.0 ? 0.0 : checked(value / divisor, at);
            } else {
                return value;
            }
        }
    }

    // Unary minus binds looser than the power: -2^2 = -4. ! is logical not.
    double unary(int depth) {
        deeper(depth);
        if (take('-')) return -unary(depth + 1);
        if (take('+')) return unary(depth + 1);
        skip_space();
        if (peek() == '!' && (position_ + 1 >= text_.size() || text_[position_ + 1] != '=')) {
            ++position_;
            return unary(depth + 1) == 0.0 ? 1.0 : 0.0;
        }
        return power(depth + 1);
    }

    // The exponent: signs, then a primary (a further ^ is the caller's to refuse).
    double power_operand(int depth) {
        deeper(depth);
        if (take('-')) return -power_operand(depth + 1);
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
    double power(int depth) {
        deeper(depth);
        const double base = primary(depth + 1);
        skip_space();
        const std::size_t at = position_;
        if (!take_power_operator()) return base;
        const double exponent = power_operand(depth + 1);
        if (take_power_operator())
            fail(at, "a^b^c is read differently by ngspice 39 ((a^b)^c) and by mathematics (a^(b^c)): add parentheses");
        if (base < 0 && std::fmod(exponent, 2.0) != 0.0)
            value_fail(at, "negative base to the power " + std::to_string(exponent) +
                               ": ngspice 39 raises its magnitude instead; write pow(base, exponent) or "
                               "pwr(base, exponent)");
        return checked(std::pow(base, exponent), at);
    }

    double primary(int depth) {
        deeper(depth);
        skip_space();
        const std::size_t start = position_;
        if (at_end()) fail(start, "expression ends where a value was expected");
        if (take('(')) {
            const Nested nested(*this, start);
            const double value = conditional(depth + 1);
            if (!take(')')) fail(position_, "expected ')'");
            return value;
        }
        const char c = peek();
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
            const NumberScan number = scan_number(text_.substr(position_));
            if (number.length == 0) fail(start, "malformed number");
            if (number.out_of_range) fail(start, "number out of range");
            position_ += number.length;
            return number.value;
        }
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') return name(depth, start);
        char shown[8];
        if (std::isprint(static_cast<unsigned char>(c))) std::snprintf(shown, sizeof shown, "'%c'", c);
        else std::snprintf(shown, sizeof shown, "0x%02x", static_cast<unsigned char>(c));
        fail(start, std::string("unexpected ") + shown + " in expression");
    }

    double name(int depth, std::size_t start) {
        while (!at_end() && (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_')) ++position_;
        std::string identifier(text_.substr(start, position_ - start));
        for (char& c : identifier) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        skip_space();
        if (peek() == '(') {
            const auto function = functions().find(identifier);
            if (function == functions().end() && (identifier == "v" || identifier == "i"))
                fail(start, "'" + identifier + "(...)' depends on the solution: behavioural values are not supported");
            if (function == functions().end() && is_random_function(identifier))
                fail(start, "random function '" + identifier + "' is not supported");
            if (function == functions().end()) fail(start, "unknown function '" + identifier + "'");
            ++position_;
            const Nested nested(*this, start);
            std::vector<double> arguments;
            if (!take(')')) {
                do arguments.push_back(conditional(depth + 1));
                while (take(','));
                if (!take(')')) fail(position_, "expected ')' after the arguments of '" + identifier + "'");
            }
            const Function& f = function->second;
            if (arguments.size() != f.arguments)
                fail(start, "function '" + identifier + "' takes " + std::to_string(f.arguments) + " argument" +
                                (f.arguments == 1 ? "" : "s"));
            if (!f.in_domain(arguments)) {
                value_fail(start, "domain error in '" + identifier + "'");
                return 0.0;
            }
            return checked(f.apply(arguments), start);
        }
        if (const std::optional<double> value = lookup_(identifier)) return *value;
        if (identifier == "pi") return std::numbers::pi;
        if (identifier == "time" || identifier == "temper" || identifier == "hertz")
            fail(start, "'" + identifier + "' varies during the analysis: behavioural values are not supported");
        value_fail(start, "undefined parameter '" + identifier + "'");
        return 0.0;
    }
};

}  // namespace

double evaluate_expression(std::string_view text, const ParameterLookup& lookup, const SourceLocation& where) {
    return Evaluator(text, lookup, where).evaluate();
}

}  // namespace hpsim::spice
