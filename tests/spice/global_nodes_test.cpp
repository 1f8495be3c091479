// .global nodes, parenthesised pin lists and .nodeset, as ngspice 39 reads them.
#include <algorithm>
#include <catch2/catch.hpp>

#include "../support.hpp"

using hpsim::testing::simulate_text;

TEST_CASE("a .global node is one node in every subcircuit", "[global]") {
    // Each instance returns to the top-level vdd through 3 Ohm: two 3 Ohm in parallel from 4 V.
    const auto results = simulate_text("g\n.global vdd\nV1 vdd 0 4\nX1 a sub\nX2 b sub\nR1 a 0 1\nR2 b 0 1\n"
                                       ".subckt sub out\nRg vdd out 3\n.ends\n.op\n");
    CHECK(results.at(0).real_vector("v(a)")[0] == Approx(1.0).epsilon(1e-12));
    CHECK(results.at(0).real_vector("v(b)")[0] == Approx(1.0).epsilon(1e-12));
    const auto deck = hpsim::sim::load_deck_text("g\n.global vdd\nV1 vdd 0 4\nX1 a sub\nR1 a 0 1\n"
                                                 ".subckt sub out\nRg vdd out 3\n.ends\n.op\n");
    CHECK(std::count(deck.circuit.node_names.begin(), deck.circuit.node_names.end(), "x1.vdd") == 0);
}

TEST_CASE("a pin named like a .global node must connect to that node", "[global][errors]") {
    const std::string subcircuit = ".global g1\nV2 g1 0 4\n.subckt rsub a b g1\nRab a b 2\nRbg g1 b 3\n.ends\n.op\n";
    CHECK(hpsim::testing::error_of("g\nV1 1 0 1\nXr 1 2 g1 rsub\nR2 2 0 1\n" + subcircuit).empty());
    CHECK_ERROR("g\nV1 1 0 1\nXr 1 2 3 rsub\nR2 2 0 1\nR3 3 0 5\n" + subcircuit, "3:8",
                "xr connects '3' to pin 'g1' of subcircuit 'rsub', which is the .global node 'g1'");
    CHECK_ERROR("g\n.global\nV1 1 0 1\n.op\n", "2:8", "expected node names after .global");
}

TEST_CASE("pins and nodes in parentheses read as without them", "[global]") {
    const auto results = simulate_text("p\n.subckt half (in out)\nR1 in out 1k\nR2 out 0 1k\n.ends\nV1 a 0 2\n"
                                       "X1 (a b) half\n.op\n");
    CHECK(results.at(0).real_vector("v(b)")[0] == Approx(1.0).epsilon(1e-12));
    CHECK_ERROR("p\n.subckt half (in out\nR1 in out 1k\n.ends\nV1 a 0 1\n.op\n", "2:21", "expected ')' after the pins");
}

TEST_CASE(".nodeset is skipped with a warning: a linear circuit has one operating point", "[global]") {
    const auto deck = hpsim::sim::load_deck_text("n\nV1 a 0 1\nR1 a b 1\nR2 b 0 1\n.nodeset v(b)=0.7\n.op\n", "test.cir");
    REQUIRE(deck.circuit.warnings.size() == 1);
    CHECK(deck.circuit.warnings[0].to_string().find("test.cir:5:1: warning: .nodeset card skipped") == 0);
}
