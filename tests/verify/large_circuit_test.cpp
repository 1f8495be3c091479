// A circuit of thousands of nodes solves, and agrees with ngspice.
#include <catch2/catch.hpp>

#include "../support.hpp"
#include "sim/load.hpp"
#include "verify/cross_check.hpp"

TEST_CASE("a 60 x 60 RC mesh solves .op and a 50-point .ac in agreement with ngspice", "[ngspice][large]") {
    const auto deck = hpsim::sim::load_deck_text(hpsim::testing::rc_mesh_deck(60, ".op\n.ac lin 50 1k 50k\n"), "mesh.cir");
    REQUIRE(deck.circuit.node_names.size() == 3602);
    const auto report = hpsim::verify::cross_check(deck, hpsim::verify::Tolerances{1e-9, 1e-12, 1e-3});
    for (const auto& problem : report.problems) UNSCOPED_INFO(problem);
    CHECK(report.passed());
    CHECK(report.vectors.size() == 2 * 3602);
}
