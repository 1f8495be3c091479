// .ic inside a subcircuit: for each instance, its node (or the pin's node), its value
// in the instance's parameters, as ngspice 39 applies it.
#include <catch2/catch.hpp>
#include <cmath>

#include "../support.hpp"

using hpsim::testing::simulate_text;

TEST_CASE(".ic in a subcircuit holds each instance's node at the start of a transient", "[tran][ic]") {
    // Each cell discharges its capacitor through 1k from its own start: v0 exp(-t / 1 ms).
    const auto results = simulate_text("ic\n.subckt cell a params: v0=1\nR1 a n 1k\nC1 n 0 1u\n.ic v(n)={v0}\n.ends\n"
                                       "V1 a 0 0\nX1 a cell v0=2\nX2 a cell\n.tran 10u 2m\n");
    const auto& tran = results.at(0);
    const std::vector<double> one = tran.real_vector("v(x1.n)"), two = tran.real_vector("v(x2.n)");
    for (std::size_t i = 0; i < tran.sweep.size(); i += 17) {
        CHECK(one[i] == Approx(2 * std::exp(-tran.sweep[i] / 1e-3)).margin(2e-3));
        CHECK(two[i] == Approx(std::exp(-tran.sweep[i] / 1e-3)).margin(1e-3));
    }
}

TEST_CASE(".ic on a subcircuit's pin sets the node the instance connects there", "[tran][ic]") {
    const auto deck = hpsim::sim::load_deck_text("ic\n.subckt cell p\nC1 p 0 1u\n.ic v(p)=3\n.ends\nR1 top 0 1k\n"
                                                 "X1 top cell\n.tran 1u 1m\n");
    REQUIRE(deck.circuit.initial_voltages.size() == 1);
    CHECK(deck.circuit.node_names[static_cast<std::size_t>(deck.circuit.initial_voltages[0].node)] == "top");
    CHECK(deck.circuit.initial_voltages[0].value_v == 3);
}

TEST_CASE("an .ic naming no node of its subcircuit, or a node twice, is located", "[tran][ic][errors]") {
    CHECK_ERROR("ic\n.subckt cell p\nC1 p 0 1u\n.ic v(q)=3\n.ends\nR1 top 0 1k\nX1 top cell\n.tran 1u 1m\n", "4:5",
                ".ic names node 'q', which is not in subcircuit 'cell'");
    CHECK_ERROR("ic\n.subckt cell p\nC1 p 0 1u\n.ic v(p)=3\n.ends\nR1 top 0 1k\nX1 top cell\n.ic v(top)=1\n.tran 1u 1m\n",
                "8:5", ".ic sets node 'top' twice (first at test.cir:4:5)");
}
