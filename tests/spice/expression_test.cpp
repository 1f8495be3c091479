#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <numbers>

#include "spice/expression.hpp"

using hpsim::spice::DeckError;
using hpsim::spice::SourceLocation;

namespace {

double evaluate(const std::string& text, const std::map<std::string, double>& params = {}) {
    return hpsim::spice::evaluate_expression(
        text,
        [&](std::string_view name) -> std::optional<double> {
            const auto found = params.find(std::string(name));
            return found == params.end() ? std::nullopt : std::optional<double>(found->second);
        },
        SourceLocation{"deck.cir", 3, 10});
}

std::string error_of(const std::string& text) {
    try {
        evaluate(text);
    } catch (const DeckError& error) {
        return error.what();
    }
    return "";
}

}  // namespace

TEST_CASE("arithmetic follows the usual precedence", "[expression]") {
    CHECK(evaluate("1 + 2 * 3") == 7);
    CHECK(evaluate("(1 + 2) * 3") == 9);
    CHECK(evaluate("2 * 1k") == 2000);
    CHECK(evaluate("10uF * 2") == Approx(2e-5));
    CHECK(evaluate("7 - 2 - 1") == 4);
    CHECK(evaluate("8 / 2 / 2") == 2);
}

TEST_CASE("power is right associative and binds tighter than unary minus", "[expression]") {
    CHECK(evaluate("2^3^2") == 512);
    CHECK(evaluate("-2^2") == -4);
    CHECK(evaluate("2**3") == 8);
    CHECK(evaluate("2^-1") == 0.5);
}

TEST_CASE("functions and pi", "[expression]") {
    CHECK(evaluate("sqrt(16)") == 4);
    CHECK(evaluate("exp(0) + log(1) + log10(100)") == 3);
    CHECK(evaluate("sin(0) + cos(0) + tan(0)") == 1);
    CHECK(evaluate("abs(-3) + min(1, 2) + max(1, 2) + pow(2, 10)") == 1030);
    CHECK(evaluate("2*pi") == Approx(2 * std::numbers::pi));
    CHECK(evaluate("SQRT(4)") == 2);
}

TEST_CASE("parameters are looked up by lower-case name", "[expression]") {
    CHECK(evaluate("R_Load * 2", {{"r_load", 16}}) == 32);
    CHECK(evaluate("1/(2*pi*sqrt(l*c))", {{"l", 1e-3}, {"c", 1e-6}}) == Approx(5032.92).epsilon(1e-5));
}

TEST_CASE("expression errors name the problem at its column", "[expression]") {
    CHECK(error_of("1 + foo") == "deck.cir:3:14: error: undefined parameter 'foo'");
    CHECK(error_of("bar(1)") == "deck.cir:3:10: error: unknown function 'bar'");
    CHECK(error_of("(1 + 2") == "deck.cir:3:16: error: expected ')'");
    CHECK(error_of("1/0") == "deck.cir:3:11: error: division by zero");
    CHECK(error_of("sqrt(-1)") == "deck.cir:3:10: error: domain error in 'sqrt'");
    CHECK(error_of("pow(2)") == "deck.cir:3:10: error: function 'pow' takes 2 arguments");
    CHECK(error_of("1e400") == "deck.cir:3:10: error: number out of range");
    CHECK(error_of("") == "deck.cir:3:10: error: empty expression");
    CHECK(error_of("1 # 2") == "deck.cir:3:12: error: unexpected '#' in expression");
    CHECK(error_of("exp(1000)") == "deck.cir:3:10: error: expression result is not finite");
    CHECK(error_of("pow(-8, 0.5)") == "deck.cir:3:10: error: domain error in 'pow'");
    CHECK(error_of("(-8)^0.5") == "deck.cir:3:14: error: domain error in '^' (negative base, fractional power)");
    CHECK(evaluate("(-2)^3") == -8);
    CHECK(error_of(std::string(500, '(') + "1" + std::string(500, ')')).find("nested too deeply") != std::string::npos);
    CHECK(evaluate(std::string(150, '(') + "1" + std::string(150, ')')) == 1);  // deep but reasonable
}

TEST_CASE("values that depend on the solution or on time are refused by name", "[expression]") {
    CHECK(error_of("1 + 2*v(cntl)") == "deck.cir:3:16: error: 'v(...)' depends on the solution: behavioural values are not supported");
    CHECK(error_of("i(v1)") == "deck.cir:3:10: error: 'i(...)' depends on the solution: behavioural values are not supported");
    CHECK(error_of("sin(time)") == "deck.cir:3:14: error: 'time' varies during the analysis: behavioural values are not supported");
}
