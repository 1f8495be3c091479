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

TEST_CASE("power binds tighter than unary minus, as in ngspice", "[expression]") {
    CHECK(evaluate("-2^2") == -4);
    CHECK(evaluate("2**3") == 8);
    CHECK(evaluate("2^-1") == 0.5);
    CHECK(evaluate("(2^3)^2") == 64);
    CHECK(evaluate("2^(3^2)") == 512);
    CHECK(evaluate("(-2)^2") == 4);  // an even power: ngspice's |base|^2 is the same
}

TEST_CASE("powers that ngspice 39 reads otherwise than mathematics are refused", "[expression]") {
    // ngspice: 2^3^2 = (2^3)^2 = 64 and (-2)^3 = |-2|^3 = 8.
    CHECK(error_of("2^3^2").find("add parentheses") != std::string::npos);
    CHECK(error_of("(-2)^3").find("negative base") != std::string::npos);
    CHECK(error_of("(-8)**0.5").find("negative base") != std::string::npos);
    CHECK(evaluate("pow(-2, 3)") == -8);
    CHECK(evaluate("pwr(-2, 3)") == 8);
}

TEST_CASE("comparisons, logic and ?: read as ngspice's numparam reads them", "[expression]") {
    CHECK(evaluate("1 + 2 > 2") == 1);
    CHECK(evaluate("(2 >= 3) || (1 == 1)") == 1);
    CHECK(evaluate("1 && 0") == 0);
    CHECK(evaluate("!0 + 1 != 2") == 0);
    CHECK(evaluate("1 <> 2") == 1);
    CHECK(evaluate("x > 0 ? 2*x : 0", {{"x", 0.5}}) == 1);
    CHECK(evaluate("(a == b) ? c : d", {{"a", 4}, {"b", 3}, {"c", 2}, {"d", 1}}) == 1);
    CHECK(evaluate("1 ? 2 : 0 ? 3 : 4") == 2);
    // The branch not taken is read but not evaluated.
    CHECK(evaluate("x >= 0 ? sqrt(x) : 0", {{"x", -1}}) == 0);
    CHECK(evaluate("x != 0 ? 1/x : missing", {{"x", 4}}) == 0.25);
    CHECK(error_of("1 ? 2").find("expected ':'") != std::string::npos);
}

TEST_CASE("ngspice's other functions: int, nint, floor, ceil, sgn, sqr, ln, pwr and the trigonometry", "[expression]") {
    CHECK(evaluate("int(-2.5) + int(3.14159265)") == 1);
    CHECK(evaluate("nint(2.5) + nint(3.5) + nint(-0.4)") == 6);  // half to even: 2 + 4 + 0
    CHECK(evaluate("floor(-2.5) + ceil(2.1)") == 0);
    CHECK(evaluate("sgn(-3) + sgn(0) + sgn(2)") == 0);
    CHECK(evaluate("sqr(3) + ln(1) + pwr(-2, 2)") == 13);
    CHECK(evaluate("arctan(1)") == Approx(std::numbers::pi / 4));
    CHECK(evaluate("atan(1) + asin(1) + acos(1)") == Approx(3 * std::numbers::pi / 4));
    CHECK(evaluate("tanh(0) + sinh(0) + cosh(0) + asinh(0) + acosh(1) + atanh(0)") == 1);
    CHECK(evaluate("ternary_fcn(0, 1, 2)") == 2);
    CHECK(error_of("asin(2)").find("domain error in 'asin'") != std::string::npos);
    CHECK(error_of("agauss(1, 0.1, 3)").find("random function 'agauss' is not supported") != std::string::npos);
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
    CHECK(error_of(std::string(500, '(') + "1" + std::string(500, ')')).find("more than 200 deep") != std::string::npos);
    CHECK(evaluate(std::string(150, '(') + "1" + std::string(150, ')')) == 1);  // deep but reasonable
}

TEST_CASE("values that depend on the solution or on time are refused by name", "[expression]") {
    CHECK(error_of("1 + 2*v(cntl)") == "deck.cir:3:16: error: 'v(...)' depends on the solution: behavioural values are not supported");
    CHECK(error_of("i(v1)") == "deck.cir:3:10: error: 'i(...)' depends on the solution: behavioural values are not supported");
    CHECK(error_of("sin(time)") == "deck.cir:3:14: error: 'time' varies during the analysis: behavioural values are not supported");
}
