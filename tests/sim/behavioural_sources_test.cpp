// Linear behavioural sources (value=, vol=, cur=, POLY) as the elementary controlled
// sources they stand for, against closed forms.
#include <catch2/catch.hpp>
#include <complex>

#include "../support.hpp"

using hpsim::testing::simulate_text;

TEST_CASE("G with cur= is a transconductance, times m", "[behavioural]") {
    // 0.02 * v(2) with m=10 into 100 Ohm: v(3) = -0.2 * 100 * v(2), v(2) = 0.75 * 12.
    const auto results = simulate_text("g\nVIN 1 0 12\nG 3 0 cur='v(2,0)*0.02' M=10\nR1 1 2 300\nR2 2 0 900\nR3 3 0 100\n.op\n");
    CHECK(results.at(0).real_vector("v(3)")[0] == Approx(-0.2 * 100 * 9).epsilon(1e-12));
}

TEST_CASE("a controlled source's value reads nodes of its subcircuit and pins", "[behavioural]") {
    const auto results = simulate_text("g\nVIN 1 0 1\nR1 1 0 1k\nX1 3 0 1 0 gsub\nR3 3 0 100\n"
                                       ".subckt gsub a b c d\nG1 a b value={v(c,d)*k} \n.param k=0.01\n.ends\n.op\n");
    CHECK(results.at(0).real_vector("v(3)")[0] == Approx(-1.0).epsilon(1e-12));
}

TEST_CASE("E with value= and one term is a VCVS or CCVS; a constant alone is a voltage source", "[behavioural]") {
    const auto deck = hpsim::sim::load_deck_text("e\nV1 1 0 2\nR1 1 0 1k\nE1 2 0 value={2*v(1)}\nR2 2 0 1\n"
                                                 "E2 3 0 vol='-500*i(V1)'\nR3 3 0 1\nE3 4 0 value={5}\nR4 4 0 1\n.op\n");
    using hpsim::sim::ElementKind;
    CHECK(deck.circuit.elements[*deck.circuit.find_element("e1")].kind == ElementKind::voltage_controlled_voltage_source);
    CHECK(deck.circuit.elements[*deck.circuit.find_element("e2")].kind == ElementKind::current_controlled_voltage_source);
    CHECK(deck.circuit.elements[*deck.circuit.find_element("e3")].kind == ElementKind::voltage_source);
    hpsim::sim::RecordingSink sink;
    hpsim::sim::simulate(deck.circuit, sink);
    const auto& op = sink.analyses.at(0);
    CHECK(op.real_vector("v(2)")[0] == Approx(4).epsilon(1e-12));
    CHECK(op.real_vector("v(3)")[0] == Approx(1).epsilon(1e-12));  // i(V1) = -2 mA
    CHECK(op.real_vector("v(4)")[0] == Approx(5).epsilon(1e-12));
}

TEST_CASE("a linear POLY sums its terms; its constant acts at DC and not in AC", "[behavioural]") {
    // G1 = 1m + 2m v(a) + 3m v(b) into 1 kOhm: DC v(out) = -(1 + 2*1 + 3*2) = -9; AC: -(2 + 3*2).
    const auto results = simulate_text("p\nVa a 0 DC 1 AC 1\nVb b 0 DC 2 AC 2\nRa a 0 1\nRb b 0 1\n"
                                       "G1 out 0 POLY(2) a 0 b 0 1m 2m 3m\nRout out 0 1k\n"
                                       "F1 fo 0 POLY(2) Va Vb 0 1 -1 0 0\nRf fo 0 1\n.op\n.ac lin 1 1k 1k\n");
    CHECK(results.at(0).real_vector("v(out)")[0] == Approx(-9).epsilon(1e-12));
    CHECK(std::abs(results.at(1).complex_vector("v(out)")[0] - std::complex<double>(-8, 0)) < 1e-12);
    // F1 = i(Va) - i(Vb) = -1 + 2 (each source's current into its + terminal): -1 A through 1 Ohm.
    CHECK(results.at(0).real_vector("v(fo)")[0] == Approx(-1).epsilon(1e-12));
}

TEST_CASE("behavioural forms that are not linear, or that hpsim cannot build, are refused where written", "[behavioural][errors]") {
    CHECK_ERROR("t\nV1 2 0 1\nR1 2 0 1\nE1 3 0 POLY(1) 2 0 3 2 1\nR3 3 0 1\n.op\n", "4:24",
                "e1: POLY coefficient 2 multiplies a term of degree two or more");
    CHECK_ERROR("t\nV1 2 0 1\nR1 2 0 1\nE1 3 0 value={v(2) + 1}\nR3 3 0 1\n.op\n", "4:8",
                "e1: a behavioural voltage source with more than one term, or a term and a constant");
    CHECK_ERROR("t\nV1 2 0 1\nR1 2 0 1\nG1 3 0 cur={v(2)*v(3)}\nR3 3 0 1\n.op\n", "4:17", "is not linear");
    CHECK_ERROR("t\nV1 2 0 1\nR1 2 0 1\nE1 3 0 table {v(2)} = (0,0) (1,1)\nR3 3 0 1\n.op\n", "4:8",
                "behavioural source form 'table' of e1 is not supported");
    CHECK_ERROR("t\nV1 2 0 1\nR1 2 0 1\nE1 3 0 cur={v(2)}\nR3 3 0 1\n.op\n", "4:8", "form 'cur' of e1 is not supported");
    CHECK_ERROR("t\nV1 2 0 1\nR1 2 0 1\nF1 3 0 value={i(v1)}\nR3 3 0 1\n.op\n", "4:8", "'value=' is not a form of f1");
    CHECK_ERROR("t\nV1 2 0 1\nR1 2 0 1\nG1 3 0 POLY(1) 2 0\nR3 3 0 1\n.op\n", "4:19", "expected the coefficients");
    CHECK_ERROR("t\nV1 2 0 1\nR1 2 0 1\nG1 3 0 POLY(0) 1\nR3 3 0 1\n.op\n", "4:13", "POLY takes a whole number of controls");
    CHECK_ERROR("t\nV1 2 0 1\nR1 2 0 1\nG1 3 0 value=v(2)\nR3 3 0 1\n.op\n", "4:14", "in braces or quotes");
    CHECK_ERROR("t\nV1 2 0 1\nR1 2 0 1\nH1 3 0 POLY(1) R1 0 1\nR3 3 0 1\n.op\n", "4:16", "'r1' is not a voltage source");
}
