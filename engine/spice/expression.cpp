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

// Each parenthesis or argument list descends five grammar levels: 1000 allows about 200.
constexpr int max_depth = 1000;

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
    };
    return table;
}

class Evaluator {
public:
    Evaluator(std::string_view text, const ParameterLookup& lookup, const SourceLocation& where)
        : text_(text), lookup_(lookup), where_(where) {}

    double evaluate() {
        skip_space();
        if (at_end()) fail(0, "empty expression");
        const double value = sum(0);
        skip_space();
        if (!at_end()) fail(position_, "unexpected '" + std::string(1, text_[position_]) + "' in expression");
        return value;
    }

private:
    std::string_view text_;
    const ParameterLookup& lookup_;
    const SourceLocation& where_;
    std::size_t position_ = 0;

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
    double checked(double value, std::size_t at) const {
        if (!std::isfinite(value)) fail(at, "expression result is not finite");
        return value;
    }
    void deeper(int depth) const {
        if (depth > max_depth) fail(position_, "expression nested too deeply");
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
                if (divisor == 0.0) fail(at, "division by zero");
                value = checked(value / divisor, at);
            } else {
                return value;
            }
        }
    }

    // Unary minus binds looser than the power: -2^2 = -4.
    double unary(int depth) {
        deeper(depth);
        if (take('-')) return -unary(depth + 1);
        if (take('+')) return unary(depth + 1);
        return power(depth + 1);
    }

    // Right associative: 2^3^2 = 2^9.
    double power(int depth) {
        deeper(depth);
        const double base = primary(depth + 1);
        skip_space();
        const std::size_t at = position_;
        if (take('^') || (peek() == '*' && position_ + 1 < text_.size() && text_[position_ + 1] == '*' &&
                          (position_ += 2, true))) {
            const double exponent = unary(depth + 1);
            if (base < 0 && exponent != std::floor(exponent)) fail(at, "domain error in '^' (negative base, fractional power)");
            return checked(std::pow(base, exponent), at);
        }
        return base;
    }

    double primary(int depth) {
        deeper(depth);
        skip_space();
        const std::size_t start = position_;
        if (at_end()) fail(start, "expression ends where a value was expected");
        if (take('(')) {
            const double value = sum(depth + 1);
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
            if (function == functions().end()) fail(start, "unknown function '" + identifier + "'");
            ++position_;
            std::vector<double> arguments;
            if (!take(')')) {
                do arguments.push_back(sum(depth + 1));
                while (take(','));
                if (!take(')')) fail(position_, "expected ')' after the arguments of '" + identifier + "'");
            }
            const Function& f = function->second;
            if (arguments.size() != f.arguments)
                fail(start, "function '" + identifier + "' takes " + std::to_string(f.arguments) + " argument" +
                                (f.arguments == 1 ? "" : "s"));
            if (!f.in_domain(arguments)) fail(start, "domain error in '" + identifier + "'");
            return checked(f.apply(arguments), start);
        }
        if (const std::optional<double> value = lookup_(identifier)) return *value;
        if (identifier == "pi") return std::numbers::pi;
        if (identifier == "time" || identifier == "temper" || identifier == "hertz")
            fail(start, "'" + identifier + "' varies during the analysis: behavioural values are not supported");
        fail(start, "undefined parameter '" + identifier + "'");
    }
};

}  // namespace

double evaluate_expression(std::string_view text, const ParameterLookup& lookup, const SourceLocation& where) {
    return Evaluator(text, lookup, where).evaluate();
}

}  // namespace hpsim::spice
