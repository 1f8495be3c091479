// User functions (.func, and .param name(args) = ...) as ngspice 39 expands them:
// arguments in place of the parameters, other names looked up where the call is, the
// functions of the body that defines them and of the bodies around it.
#include <catch2/catch.hpp>

#include "../support.hpp"

using hpsim::testing::simulate_text;

using hpsim::testing::element_value_of;

TEST_CASE("a function's arguments take the place of its parameters", "[function]") {
    const std::string deck = "f\n.func twice(x) {2*x}\n.func sum3(a, b, c) 'a+b+c'\n.param r0=5k\n"
                             "V1 1 0 1\nR1 1 0 {twice(r0)}\nR2 1 0 {twice(r0 + 1k) - sum3(1, 2, twice(3))}\n"
                             "R3 1 0 {twice(twice(r0))}\n.op\n";
    CHECK(element_value_of(deck, "r1") == 10e3);
    CHECK(element_value_of(deck, "r2") == 12e3 - 9);  // 2 (r0 + 1k): the argument keeps its parentheses
    CHECK(element_value_of(deck, "r3") == 20e3);
}

TEST_CASE("a divider whose value comes from a function solves to its closed form", "[function]") {
    // R2 = half(10k) = 5k: v(2) = 5 * 5k / 15k.
    const auto results = simulate_text("f\n.param r1=10k\n.func half(x) {0.5*x}\nV1 1 0 5\nR1 1 2 {r1}\n"
                                       "R2 2 0 {half(r1)}\n.op\n");
    CHECK(results.at(0).real_vector("v(2)")[0] == Approx(5.0 / 3.0).epsilon(1e-12));
}

TEST_CASE("a .param card defines a function when its name is followed by parameters", "[function]") {
    const std::string deck = "f\n.param a=1\n.param ftest(x,y)={2*x+y}  b=12.0  ftest2(x)={3*x}\n"
                             "V1 1 0 1\nR1 1 2 {ftest(2.0,a)*b}\nR2 2 0 {ftest2(2.0)*b+a}\n.op\n";
    CHECK(element_value_of(deck, "r1") == 60);
    CHECK(element_value_of(deck, "r2") == 73);
}

TEST_CASE("functions are visible before their card, inside subcircuits, and hidden by inner ones", "[function]") {
    const std::string deck =
        "f\nR1 1 0 {frob(2)}\n.func frob(x) {10*x}\nX1 1 0 sub\nV1 1 0 1\n"
        ".subckt sub a b\n.func frob(x) {5*x}\nR1 a b {frob(2) + outer(1)}\n.ends\n.func outer(x) {x}\n.op\n";
    CHECK(element_value_of(deck, "r1") == 20);
    CHECK(element_value_of(deck, "x1.r1") == 11);
}

TEST_CASE("names in a function's body that are not its parameters are read where it is called", "[function]") {
    const std::string deck = "f\n.param k=3\n.func scaled(x) {x*k}\nV1 1 0 1\nR1 1 0 {scaled(2)}\nX1 1 0 sub\n"
                             ".subckt sub a b params: k=5\nR1 a b {scaled(2)}\n.ends\n.op\n";
    CHECK(element_value_of(deck, "r1") == 6);
    CHECK(element_value_of(deck, "x1.r1") == 10);
}

TEST_CASE("a function of a stepped parameter follows the steps", "[function][step]") {
    const auto results = simulate_text("f\n.param r=1k\n.func half(x) {x/2}\nV1 1 0 1\nR1 1 2 1k\nR2 2 0 {half(r)}\n"
                                       ".op\n.step param r list 2k 6k\n");
    REQUIRE(results.size() == 2);
    CHECK(results[0].real_vector("v(2)")[0] == Approx(0.5).epsilon(1e-12));
    CHECK(results[1].real_vector("v(2)")[0] == Approx(0.75).epsilon(1e-12));
}

TEST_CASE("bad function definitions and calls are located", "[function][errors]") {
    CHECK_ERROR("t\n.func f(x) {f(x)+1}\nV1 1 0 1\nR1 1 0 {f(2)}\n.op\n", "2:13",
                "function 'f' calls itself (a .func cannot recurse) (in function 'f' called at test.cir:4:9)");
    CHECK_ERROR("t\n.func f(x) {g(x)}\n.func g(x) {f(x)}\nV1 1 0 1\nR1 1 0 {f(2)}\n.op\n", "3:13",
                "function 'f' calls itself");
    CHECK_ERROR("t\n.func f(x, y) {x+y}\nV1 1 0 1\nR1 1 0 {1 + f(2)}\n.op\n", "4:13",
                "function 'f' takes 2 arguments (defined at test.cir:2:7)");
    CHECK_ERROR("t\n.func f(x) {x*missing}\nV1 1 0 1\nR1 1 0 {f(2)}\n.op\n", "2:15",
                "undefined parameter 'missing' (in function 'f' called at test.cir:4:9)");
    CHECK_ERROR("t\n.func f(x) {sqrt(x)}\nV1 1 0 1\nR1 1 0 {f(-4)}\n.op\n", "2:13", "domain error in 'sqrt' (in function 'f'");
    CHECK_ERROR("t\n.func f(x) {x}\n.func f(y) {y}\nV1 1 0 1\nR1 1 0 1\n.op\n", "3:7",
                "function 'f' is defined twice (first at test.cir:2:7)");
    CHECK_ERROR("t\n.func sqrt(x) {x}\nV1 1 0 1\nR1 1 0 1\n.op\n", "2:7", "'sqrt' is a built-in function");
    CHECK_ERROR("t\n.func f(x x) {x}\nV1 1 0 1\nR1 1 0 1\n.op\n", "2:11", "names parameter 'x' twice");
    CHECK_ERROR("t\n.func f x {x}\nV1 1 0 1\nR1 1 0 1\n.op\n", "2:9", "expected '(' and the parameters of function 'f'");
    CHECK_ERROR("t\n.func f(x)\nV1 1 0 1\nR1 1 0 1\n.op\n", "2:11", "expected the body of function 'f'");
    CHECK_ERROR("t\n.func f(x) {x+}\nV1 1 0 1\nR1 1 0 {f(1)}\n.op\n", "2:15", "expression ends where a value was expected");
}

TEST_CASE("a function called inside a subcircuit but defined in another is unknown there", "[function][errors]") {
    CHECK_ERROR("t\n.subckt a p n\n.func f(x) {x}\nR1 p n 1\n.ends\n.subckt b p n\nR1 p n {f(1)}\n.ends\n"
                "V1 1 0 1\nX1 1 0 a\nX2 1 0 b\n.op\n",
                "7:9", "unknown function 'f'");
}

TEST_CASE("functions that double at every call are refused once too large, not expanded forever", "[function][errors]") {
    std::string deck = "t\n.func f0(x) {x+x}\n";
    for (int i = 1; i <= 30; ++i)
        deck += ".func f" + std::to_string(i) + "(x) {f" + std::to_string(i - 1) + "(x)+f" + std::to_string(i - 1) + "(x)}\n";
    deck += "V1 1 0 1\nR1 1 0 {f30(1)}\n.op\n";
    CHECK(hpsim::testing::error_of(deck).find("expression too large") != std::string::npos);
}
