// A behavioural expression as a constant plus coefficients times what it reads of the
// solution, or a located error where it stops being linear.
#include <catch2/catch.hpp>

#include "spice/linear_form.hpp"

using hpsim::spice::CompiledExpression;
using hpsim::spice::DeckError;
using hpsim::spice::SourceLocation;

namespace {

struct Analysed {
    CompiledExpression expression;
    hpsim::spice::LinearForm form;
};

// Parameters k = 2, then undefined ones.
Analysed analyse(const std::string& text, const hpsim::spice::FunctionScope* functions = nullptr) {
    CompiledExpression expression = CompiledExpression::compile_behavioural(text, SourceLocation{"b.cir", 4, 10}, functions);
    std::vector<double> values;
    for (const std::string& name : expression.parameters()) values.push_back(name == "k" ? 2.0 : hpsim::spice::undefined_parameter());
    auto form = hpsim::spice::linear_form(expression, values);
    return {std::move(expression), std::move(form)};
}

std::string error_of(const std::string& text) {
    try {
        analyse(text);
    } catch (const DeckError& error) {
        return error.what();
    }
    return "";
}

}  // namespace

TEST_CASE("a linear expression gives its constant and a coefficient per value it reads", "[behavioural]") {
    const Analysed a = analyse("3 + 2*V(a) - v(b, C)/4 + k*i(Vx) - (v(a) - 1)*k");
    CHECK(a.form.constant == 5);
    REQUIRE(a.expression.probes().size() == 3);
    CHECK(a.expression.probes()[0] == CompiledExpression::Probe{'v', "a", "0"});
    CHECK(a.expression.probes()[1] == CompiledExpression::Probe{'v', "b", "c"});
    CHECK(a.expression.probes()[2] == CompiledExpression::Probe{'i', "vx", "0"});
    CHECK(a.form.coefficients == std::vector<double>{0, -0.25, 2});
}

TEST_CASE("conditions, functions and powers of parameters alone stay constants", "[behavioural]") {
    const Analysed a = analyse("(k > 1 ? sqrt(k*8) : 0) * v(gnd, n)^1 + pow(k, 3)");
    CHECK(a.form.constant == 8);
    CHECK(a.expression.probes()[0] == CompiledExpression::Probe{'v', "0", "n"});
    CHECK(a.form.coefficients == std::vector<double>{4});
}

TEST_CASE("a user function of a solution value expands and stays linear", "[behavioural]") {
    const std::vector<hpsim::spice::UserFunction> functions{{"twice", {"x"}, "2*x", SourceLocation{"b.cir", 2, 15}, {}}};
    const hpsim::spice::FunctionScope scope(&functions, nullptr);
    CHECK(analyse("twice(v(a)) + 1", &scope).form.coefficients == std::vector<double>{2});
}

TEST_CASE("operations that make an expression nonlinear are located", "[behavioural][errors]") {
    CHECK(error_of("v(a)*v(b)").find("b.cir:4:14: error: the product of two values of the solution is not linear") == 0);
    CHECK(error_of("1/v(a)").find("b.cir:4:11: error: a division by a value") == 0);
    CHECK(error_of("v(a)^2").find("b.cir:4:14: error: a power of a value") == 0);
    CHECK(error_of("abs(v(a))").find("b.cir:4:10: error: a function of a value") == 0);
    CHECK(error_of("v(a) > 0 ? 1 : 0").find("b.cir:4:15: error: a comparison of a value") == 0);
    CHECK(error_of("(v(a) + v(b)) ? 1 : 0").find("b.cir:4:24: error: a condition on a value") == 0);
    CHECK(error_of("v(a, b, c)").find("v(...) takes one or two nodes") != std::string::npos);
    CHECK(error_of("i(v1, v2)").find("i(...) takes one voltage source") != std::string::npos);
    CHECK(error_of("v()").find("expected a node name") != std::string::npos);
}
