// .param values in ngspice 39's order: the last assignment of a name counts, each one
// after the names it reads; a subcircuit's parameters and its body's .param cards are
// one set, which an instance overrides.
#include <catch2/catch.hpp>

#include "../support.hpp"

using hpsim::testing::element_value_of;

TEST_CASE("a .param may read a parameter defined after it", "[param]") {
    CHECK(element_value_of("p\n.param b={a*2}\n.param a=3\nV1 1 0 1\nR1 1 0 {b}\n.op\n", "r1") == 6);
    CHECK(element_value_of("p\n.param c={b+a} b={a*2} a=3\nV1 1 0 1\nR1 1 0 {c}\n.op\n", "r1") == 9);
}

TEST_CASE("a name assigned twice keeps its last assignment everywhere", "[param]") {
    CHECK(element_value_of("p\n.param a=1\n.param b={a}\n.param a=5\nV1 1 0 1\nR1 1 0 {b}\n.op\n", "r1") == 5);
}

TEST_CASE("a subcircuit's .param replaces a default of the same name, and an instance overrides both", "[param]") {
    const std::string deck = "p\n.subckt s in out params: par1=2 par2=2 par3={par1*par2*2}\n.param par3=100\n"
                             ".param q={par3+1}\nR1 in out {q}\n.ends\nV1 1 0 1\nX1 1 0 s\nX2 1 0 s par3={par1+par2}\n"
                             "X3 1 0 s q=7\n.op\n";
    CHECK(element_value_of(deck, "x1.r1") == 101);
    CHECK(element_value_of(deck, "x2.r1") == 5);
    CHECK(element_value_of(deck, "x3.r1") == 7);
}

TEST_CASE("a subcircuit declaring m takes an instance's m as its parameter, not as copies", "[param]") {
    // ngspice 39: the instance's m sets the parameter; R1's own m stays.
    const std::string deck = "p\n.subckt cell a b params: m=30\nR1 a b 0.5 m=30\nR2 a b {m}\n.ends\nV1 1 0 1\n"
                             "X1 1 0 cell m=2\n.op\n";
    CHECK(element_value_of(deck, "x1.r1") == Approx(0.5 / 30));
    CHECK(element_value_of(deck, "x1.r2") == 2);
}

TEST_CASE("parameters defined in terms of themselves or of each other are located", "[param][errors]") {
    CHECK_ERROR("p\n.param a={a*2}\nV1 1 0 1\nR1 1 0 {a}\n.op\n", "2:8", "parameter 'a' is defined in terms of itself");
    CHECK_ERROR("p\n.param a={b} b={c+1}\n.param c={a}\nV1 1 0 1\nR1 1 0 {a}\n.op\n", "2:8",
                "parameters defined in terms of each other: a -> b -> c -> a");
    CHECK_ERROR("p\n.subckt s x y params: p={q}\n.param q={p}\nR1 x y 1\n.ends\nV1 1 0 1\nX1 1 0 s\n.op\n", "2:23",
                "p -> q -> p");
}

TEST_CASE("a long chain of parameters is ordered without exhausting the stack", "[param]") {
    std::string deck = "p\n";
    constexpr int count = 50'000;
    for (int i = count; i > 0; --i) deck += ".param p" + std::to_string(i) + "={p" + std::to_string(i - 1) + "+1}\n";
    deck += ".param p0=1\nV1 1 0 1\nR1 1 0 {p" + std::to_string(count) + "}\n.op\n";
    CHECK(element_value_of(deck, "r1") == count + 1);
}
