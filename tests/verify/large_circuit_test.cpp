// A circuit of thousands of nodes solves, and agrees with ngspice.
#include <catch2/catch.hpp>
#include <sstream>

#include "sim/load.hpp"
#include "verify/cross_check.hpp"

namespace {

// An n x n grid of 1 kOhm resistors with 1 nF from every node to ground, driven at a corner.
std::string rc_mesh(int n) {
    std::ostringstream deck;
    deck << "RC mesh " << n << " x " << n << "\nV1 in 0 DC 1 AC 1\nRin in n0_0 10\n";
    for (int row = 0; row < n; ++row)
        for (int column = 0; column < n; ++column) {
            if (column + 1 < n)
                deck << "Rh" << row << "_" << column << " n" << row << "_" << column << " n" << row << "_" << column + 1
                     << " 1k\n";
            if (row + 1 < n)
                deck << "Rv" << row << "_" << column << " n" << row << "_" << column << " n" << row + 1 << "_" << column
                     << " 1k\n";
            deck << "C" << row << "_" << column << " n" << row << "_" << column << " 0 1n\n";
        }
    deck << "Rfar n" << n - 1 << "_" << n - 1 << " 0 1k\n.op\n.ac lin 50 1k 50k\n";
    return deck.str();
}

}  // namespace

TEST_CASE("a 60 x 60 RC mesh solves .op and a 50-point .ac in agreement with ngspice", "[ngspice][large]") {
    const auto deck = hpsim::sim::load_deck_text(rc_mesh(60), "mesh.cir");
    REQUIRE(deck.circuit.node_names.size() == 3602);
    const auto report = hpsim::verify::cross_check(deck, hpsim::verify::Tolerances{1e-9, 1e-12, 1e-3});
    for (const auto& problem : report.problems) UNSCOPED_INFO(problem);
    CHECK(report.passed());
    CHECK(report.vectors.size() == 2 * 3602);
}
