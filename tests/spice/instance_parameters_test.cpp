// Element values by name, the multiplier m, temperature coefficients, initial conditions
// and parameter names without braces, read as ngspice 39 reads them.
#include <catch2/catch.hpp>
#include <cmath>
#include <complex>
#include <numbers>

#include "../support.hpp"

using hpsim::testing::simulate_text;
using Complex = std::complex<double>;
constexpr double pi = std::numbers::pi;

namespace {

double element_value(const hpsim::sim::LoadedDeck& deck, const std::string& name) {
    const auto index = deck.circuit.find_element(name);
    REQUIRE(index);
    return deck.circuit.elements[*index].value;
}

}  // namespace

TEST_CASE("values given by name read as the positional value", "[instance]") {
    const auto deck = hpsim::sim::load_deck_text(
        "named\nV1 a 0 1\nR1 a 0 R=2k\nR2 a 0 resistance=4k\nC1 a 0 C=1u\nC2 a 0 capacitance=2u\nC3 a 0 cap=3u\n"
        "L1 a b L=1m\nL2 b 0 inductance=2m\nE1 e 0 a 0 gain=4\nG1 g 0 a 0 gain=5\nF1 f 0 V1 gain=6\nH1 h 0 V1 gain=7\n"
        "K1 L1 L2 k=0.5\n.op\n");
    CHECK(element_value(deck, "r1") == 2e3);
    CHECK(element_value(deck, "r2") == 4e3);
    CHECK(element_value(deck, "c1") == Approx(1e-6));
    CHECK(element_value(deck, "c2") == Approx(2e-6));
    CHECK(element_value(deck, "c3") == Approx(3e-6));
    CHECK(element_value(deck, "l1") == Approx(1e-3));
    CHECK(element_value(deck, "l2") == Approx(2e-3));
    CHECK(element_value(deck, "e1") == 4);
    CHECK(element_value(deck, "g1") == 5);
    CHECK(element_value(deck, "f1") == 6);
    CHECK(element_value(deck, "h1") == 7);
    CHECK(element_value(deck, "k1") == 0.5);
}

TEST_CASE("m is m elements in parallel: R/m, L/m, C*m and G, F gain*m", "[instance]") {
    const auto deck = hpsim::sim::load_deck_text(
        "m\nV1 a 0 1\nR1 a 0 1k m=4\nR2 a 0 r=1k m=2\nC1 a 0 1u m=3\nL1 a b 1m m=2\nR3 b 0 1\n"
        "G1 g 0 a 0 2 m=3\nR4 g 0 1\nF1 f 0 V1 2 m=5\nR5 f 0 1\n.op\n");
    CHECK(element_value(deck, "r1") == 250);
    CHECK(element_value(deck, "r2") == 500);
    CHECK(element_value(deck, "c1") == Approx(3e-6));
    CHECK(element_value(deck, "l1") == Approx(0.5e-3));
    CHECK(element_value(deck, "g1") == 6);
    CHECK(element_value(deck, "f1") == 10);
}

TEST_CASE("a multiplied resistor divides as its parallel copies do", "[instance]") {
    // 1k in series with 3k m=3 (1k): half the source.
    const auto results = simulate_text("divider\nV1 a 0 1\nR1 a b 1k\nR2 b 0 3k m=3\n.op\n");
    CHECK(results.at(0).real_vector("v(b)")[0] == Approx(0.5).epsilon(1e-12));
}

TEST_CASE("a multiplied capacitor moves an RC corner as m capacitors would", "[instance]") {
    // 1k with 1u m=2: a 2u low-pass.
    const auto results = simulate_text("rc\nV1 in 0 AC 1\nR1 in out 1k\nC1 out 0 1u m=2\n.ac lin 1 100 100\n");
    const Complex expected = 1.0 / (1.0 + Complex(0, 2 * pi * 100 * 1e3 * 2e-6));
    CHECK(std::abs(results.at(0).complex_vector("v(out)")[0] - expected) < 1e-12);
}

TEST_CASE("temperature coefficients change nothing at the nominal temperature", "[instance]") {
    const auto deck = hpsim::sim::load_deck_text(
        "tc\nV1 a 0 1\nR1 a 0 1k tc1=1m tc2=1u\nR2 a 0 1k tc=2m 3u\nC1 a 0 1u tc1=1m\nL1 a b 1m tc2=1u\nR3 b 0 1\n"
        ".temp 27\n.op\n");
    CHECK(element_value(deck, "r1") == 1e3);
    CHECK(element_value(deck, "r2") == 1e3);
    CHECK(element_value(deck, "c1") == Approx(1e-6));
    CHECK(element_value(deck, "l1") == Approx(1e-3));
}

TEST_CASE("ic on C and L is kept as the element's initial condition", "[instance]") {
    const auto deck = hpsim::sim::load_deck_text(
        "ic\n.param v0=2\nV1 a 0 1\nR1 a b 1k\nC1 b 0 1u ic={v0*1.5}\nL1 b c 1m IC=-3m\nR2 c 0 1\nC2 c 0 1n\n.op\n");
    const auto& elements = deck.circuit.elements;
    CHECK(elements[*deck.circuit.find_element("c1")].initial_condition == 3.0);
    CHECK(elements[*deck.circuit.find_element("l1")].initial_condition == -3e-3);
    CHECK_FALSE(elements[*deck.circuit.find_element("c2")].initial_condition);
}

TEST_CASE("a parameter name without braces stands for its value where ngspice allows it", "[instance]") {
    const auto deck = hpsim::sim::load_deck_text(
        "bare\n.param rval=2k cval=1u g=3 k=0.25 vdc=1.5 amp=2 ph=30 mval=2\n"
        "V1 a 0 vdc AC 1 ph\nV2 s 0 DC vdc SIN(0 amp 1k)\nR1 a 0 rval\nR2 a 0 r=rval*2 m=mval\nC1 a 0 cval\n"
        "L1 a x 1m\nRx x 0 1\nL2 b 0 1m\nR3 b 0 1\nK1 L1 L2 k\nE1 e 0 a 0 g\nR4 e 0 1\nF1 f 0 V1 g\nR5 f 0 1\n.op\n");
    CHECK(element_value(deck, "r1") == 2e3);
    CHECK(element_value(deck, "r2") == 2e3);
    CHECK(element_value(deck, "c1") == Approx(1e-6));
    CHECK(element_value(deck, "k1") == 0.25);
    CHECK(element_value(deck, "e1") == 3);
    CHECK(element_value(deck, "f1") == 3);
    const auto& v1 = deck.circuit.elements[*deck.circuit.find_element("v1")].excitation;
    CHECK(v1.dc == 1.5);
    CHECK(std::arg(v1.ac_phasor) == Approx(pi / 6));
    const auto& v2 = deck.circuit.elements[*deck.circuit.find_element("v2")].excitation;
    CHECK(v2.dc == 1.5);
    CHECK(v2.waveform.arguments.at(1) == 2.0);
}

TEST_CASE("a subcircuit instance with m is m copies in parallel, nested instances multiplying", "[instance]") {
    const auto deck = hpsim::sim::load_deck_text(
        "x m\n.subckt inner p n\nR1 p n 1k\nC1 p n 1u\nE1 q n p n 2\nRq q n 1k\n.ends\n"
        ".subckt outer p n\nXi p n inner\nL1 p n 1m\n.ends\nV1 a 0 1\nX1 a 0 outer m=2\nX2 a 0 inner m=4\n"
        "X3 a 0 inner\n.op\n");
    CHECK(element_value(deck, "x1.xi.r1") == 500);
    CHECK(element_value(deck, "x1.xi.c1") == Approx(2e-6));
    CHECK(element_value(deck, "x1.xi.e1") == 2);
    CHECK(element_value(deck, "x1.l1") == Approx(0.5e-3));
    CHECK(element_value(deck, "x2.r1") == 250);
    CHECK(element_value(deck, "x3.r1") == 1000);
}

TEST_CASE("subcircuit parameters evaluate in declaration order, each seeing those before it", "[instance]") {
    // As ngspice 39: an instance's expressions replace the defaults, then the parameters
    // evaluate in the order the .subckt declares them.
    const auto deck = hpsim::sim::load_deck_text(
        "params\n.subckt sub in out params: p1=2 p2=2 p3={p1*p2*2}\nR1 in out {p3}\n.ends\n"
        ".subckt pass in out params: r=100\nR1 in out {r}\n.ends\n.param p1=5 fred=3 r=30\n"
        "V1 1 0 1\nXa 1 0 sub p1={fred} p2={p1+10}\nXb 1 0 sub p2={p1+1}\nXc 1 0 sub p2={p1+1} p1=7\n"
        "Xd 1 0 pass r={r*2}\n.op\n");
    CHECK(element_value(deck, "xa.r1") == 3 * 13 * 2);
    CHECK(element_value(deck, "xb.r1") == 2 * 3 * 2);  // the subcircuit's p1, not the caller's
    CHECK(element_value(deck, "xc.r1") == 7 * 8 * 2);
    CHECK(element_value(deck, "xd.r1") == 60);  // r={r*2}: the caller's r, not the default
}

TEST_CASE("distortion inputs on a source read and change nothing outside .disto", "[instance]") {
    const auto deck = hpsim::sim::load_deck_text("disto\nV1 a 0 DC 2 AC 1 DISTOF1 1 DISTOF2 2 90 SIN(0 1 1k)\nR1 a 0 1\n.op\n");
    const auto& v1 = deck.circuit.elements[*deck.circuit.find_element("v1")].excitation;
    CHECK(v1.dc == 2);
    CHECK(v1.ac_phasor == std::complex<double>(1, 0));
    CHECK(v1.waveform.arguments.size() == 3);
}
