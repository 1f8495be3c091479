// R, C and L .model cards and temperatures, read as ngspice 39 reads them, against the
// closed forms of its device code (restemp.c, captemp.c, indtemp.c).
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "../support.hpp"

using hpsim::testing::element_value_of;

TEST_CASE("a resistor model gives the value by sheet resistance and geometry, or its r", "[model]") {
    const std::string deck =
        "r\nV1 a 0 1\n.model sheet r (rsh=10 short=1u narrow=1u)\n.model plain res(r=2k rsh=0)\n"
        "R1 a 0 sheet l=100u w=10u\nR2 a 0 sheet\nR3 a 0 plain\nR4 a 0 sheet 5k\nR5 a 0 3k sheet\nR6 a 0 sheet r=4k\n"
        "R7 a 0 plain l=1u w=1u\n.op\n";
    CHECK(element_value_of(deck, "r1") == Approx((100e-6 - 2e-6) / (10e-6 - 2e-6) * 10).epsilon(1e-14));
    CHECK(element_value_of(deck, "r2") == Approx(10.0).epsilon(1e-14));  // l and w default to 10 um
    CHECK(element_value_of(deck, "r3") == 2e3);
    CHECK(element_value_of(deck, "r4") == 5e3);  // a value of its own wins over the geometry
    CHECK(element_value_of(deck, "r5") == 3e3);
    CHECK(element_value_of(deck, "r6") == 4e3);
    CHECK(element_value_of(deck, "r7") == 2e3);  // rsh = 0: no geometry, the model's r
}

TEST_CASE(".options scale multiplies l and w; scale= and m multiply the value", "[model]") {
    const std::string deck = "r\nV1 a 0 1\n.options scale=2\n.model sheet r(rsh=10 short=1u)\n"
                             "R1 a 0 sheet l=100u w=10u\nR2 a 0 1k scale=3 m=2\nC1 a 0 1u scale=2\nL1 a b 1m scale=4\n"
                             "R3 b 0 1\n.op\n";
    CHECK(element_value_of(deck, "r1") == Approx((200e-6 - 2e-6) / 20e-6 * 10).epsilon(1e-14));
    CHECK(element_value_of(deck, "r2") == 1.5e3);
    CHECK(element_value_of(deck, "c1") == Approx(2e-6).epsilon(1e-14));
    CHECK(element_value_of(deck, "l1") == Approx(4e-3).epsilon(1e-14));
}

TEST_CASE("a capacitor model gives cap, or cj and cjsw over its geometry (length 0 unless given)", "[model]") {
    constexpr double eps0 = 1.0 / (4e-7 * std::numbers::pi * 299792458.0 * 299792458.0);
    const std::string deck =
        "c\nV1 a 0 1\n.model fixed c(cap=2n)\n.model area c(cj=1e-3 cjsw=1e-9 narrow=1u short=2u)\n"
        ".model oxide c(thick=10n di=4)\n.model sio2 c(thick=10n del=1u)\n"
        "C1 a 0 fixed\nC2 a 0 area l=20u w=10u\nC3 a 0 area\nC4 a 0 oxide l=10u w=10u\nC5 a 0 sio2 l=12u w=12u\n"
        "C6 a 0 area 1p\n.op\n";
    CHECK(element_value_of(deck, "c1") == Approx(2e-9).epsilon(1e-14));
    CHECK(element_value_of(deck, "c2") == Approx(1e-3 * 9e-6 * 18e-6 + 1e-9 * 2 * (18e-6 + 9e-6)).epsilon(1e-14));
    CHECK(element_value_of(deck, "c3") == Approx(1e-3 * 9e-6 * -2e-6 + 1e-9 * 2 * (-2e-6 + 9e-6)).epsilon(1e-12));
    CHECK(element_value_of(deck, "c4") == Approx(4 * eps0 / 10e-9 * 100e-12).epsilon(1e-14));
    CHECK(element_value_of(deck, "c5") == Approx(3.9 * eps0 / 10e-9 * 10e-6 * 10e-6).epsilon(1e-14));  // del: 2 um off each
    CHECK(element_value_of(deck, "c6") == Approx(1e-12).epsilon(1e-14));
}

TEST_CASE("temperature coefficients act as 1 + tc1 d + tc2 d^2 with d the temperature above tnom", "[model]") {
    // .temp 50 over the model's tnom 20: d = 30; temp= and dtemp= on the element.
    const std::string deck =
        "t\nV1 a 0 1\n.temp 50\n.model warm r(r=1k tc1=1m tc2=10u tnom=20)\n.model exp r(r=1k tce=0.5)\n"
        ".model cm c(cap=1n tc1=-1m)\n.model lm l(ind=1m tc2=1u tnom=0)\n"
        "R1 a 0 warm\nR2 a 0 warm tc1=2m\nR3 a 0 1k tc1=1m temp=40\nR4 a 0 1k tc1=1m dtemp=-3\nR5 a 0 exp\n"
        "C1 a 0 cm\nL1 a b lm\nR6 b 0 1\n.op\n";
    CHECK(element_value_of(deck, "r1") == Approx(1e3 * (1 + 1e-3 * 30 + 10e-6 * 900)).epsilon(1e-14));
    CHECK(element_value_of(deck, "r2") == Approx(1e3 * (1 + 2e-3 * 30 + 10e-6 * 900)).epsilon(1e-14));
    CHECK(element_value_of(deck, "r3") == Approx(1e3 * (1 + 1e-3 * 13)).epsilon(1e-14));
    CHECK(element_value_of(deck, "r4") == Approx(1e3 * (1 + 1e-3 * 20)).epsilon(1e-14));
    CHECK(element_value_of(deck, "r5") == Approx(1e3 * std::pow(1.01, 0.5 * 23)).epsilon(1e-14));
    CHECK(element_value_of(deck, "c1") == Approx(1e-9 * (1 - 1e-3 * 23)).epsilon(1e-14));
    CHECK(element_value_of(deck, "l1") == Approx(1e-3 * (1 + 1e-6 * 2500)).epsilon(1e-14));
}

TEST_CASE(".options temp and tnom set the temperatures; .temp wins over options temp", "[model]") {
    CHECK(element_value_of("t\nV1 a 0 1\nR1 a 0 1k tc1=1m\n.options temp=50 tnom=20\n.op\n", "r1") ==
          Approx(1030).epsilon(1e-14));
    CHECK(element_value_of("t\nV1 a 0 1\nR1 a 0 1k tc1=1m\n.temp 40\n.options temp=50 tnom=20\n.op\n", "r1") ==
          Approx(1020).epsilon(1e-14));
}

TEST_CASE("a model's parameters evaluate in the subcircuit that holds it, once per instance", "[model]") {
    const std::string deck = "m\nV1 a 0 1\n.subckt s p n params: sheet=1\n.model rm r(rsh={sheet*2})\nR1 p n rm l=30u w=10u\n"
                             ".ends\nX1 a 0 s sheet=5\nX2 a 0 s\n.op\n";
    CHECK(element_value_of(deck, "x1.r1") == Approx(30.0).epsilon(1e-14));
    CHECK(element_value_of(deck, "x2.r1") == Approx(6.0).epsilon(1e-14));
}

TEST_CASE("model parameters and uses that ngspice 39 reads otherwise, or hpsim does not compute, are refused", "[model][errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nC1 a 0 cm\n.model cm c(c=1u)\n.op\n", "4:13", "'c' in a capacitor .model is a flag");
    CHECK_ERROR("t\nV1 a 0 1\nL1 a 0 lm\n.model lm l(l=1m)\n.op\n", "4:13", "'l' in an inductor .model is a flag");
    CHECK_ERROR("t\nV1 a 0 1\nC1 a 0 cm\n.model cm c(cj=1 defl=1u)\n.op\n", "4:18", "never used");
    CHECK_ERROR("t\nV1 a 0 1\nL1 a 0 lm\n.model lm l(ind=1m nt=10)\n.op\n", "4:20", "inductor geometry 'nt'");
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 rm\n.model rm r(rsh=1 level=2)\n.op\n", "4:19", "unknown resistor model parameter 'level'");
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 rm\n.model rm r(r=0.5m)\n.op\n", "4:15", "r at or below 1 mOhm");
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 rm\n.model rm r(r=1 r=2)\n.op\n", "4:17", "gives 'r' twice");
    CHECK_ERROR("t\nV1 a 0 1\nC1 a 0 rm 1u\n.model rm r(r=1)\n.op\n", "3:8", "c1 names .model 'rm', a R model");
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 dm\n.model dm d(is=1e-14)\n.op\n", "4:1", "device models other than R, C and L");
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 rm\n.model rm r(rsh=1)\n.model rm r(rsh=2)\n.op\n", "5:1", "defined twice");
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 rm l=0 w=1u\n.model rm r(rsh=1)\n.op\n", "3:1", "r1: no resistance");
    CHECK_ERROR("t\n.param r=1\nV1 a 0 1\nR1 a 0 rm\n.model rm r(r={r})\n.op\n.step param r list 2 3\n", "5:16",
                "depends on stepped parameter 'r'");
    CHECK_ERROR("t\n.subckt s p n\n.model rm r(r=1k)\n.ends\nV1 a 0 1\nR1 a 0 rm\n.op\n", "6:8", "unknown .model 'rm'");
}
