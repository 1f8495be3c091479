// Every class of deck error reads "file:line:col: error: message".
#include <catch2/catch.hpp>
#include <string>

#include "../support.hpp"
#include "spice/diagnostic.hpp"

using hpsim::spice::DeckError;

using hpsim::testing::error_of;

TEST_CASE("garbage bytes are reported at their column", "[errors]") {
    CHECK_ERROR("t\nR1 a 0 1\x01k\n.op\n", "2:9", "unexpected byte 0x01");
    CHECK_ERROR(std::string("t\nR1 a 0 1\n\xff\xfe\x00\n", 14), "3:1", "unexpected byte 0xff");
}

TEST_CASE("a number too large for a double is an error, not infinity", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 1e400\n.op\n", "3:8", "out of range");
}

TEST_CASE("an include cycle is reported at the include that closes it", "[errors]") {
    const std::string path = hpsim::testing::source_path("tests/data/include-cycle/deck.cir");
    try {
        hpsim::sim::load_deck(path);
        FAIL("no error");
    } catch (const DeckError& error) {
        const std::string message = error.what();
        INFO(message);
        CHECK(message.find("b.inc:2:") != std::string::npos);
        CHECK(message.find("include cycle") != std::string::npos);
    }
}

TEST_CASE("a missing include file is an error at its path", "[errors]") {
    CHECK_ERROR("t\n.include \"no/such/file.inc\"\n", "2:11", "cannot read included file");
}

TEST_CASE("an unknown subcircuit is named", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nX1 a 0 nowhere\n.op\n", "3:8", "unknown subcircuit 'nowhere'");
}

TEST_CASE("a recursive subcircuit is an error, not a hang", "[errors]") {
    CHECK_ERROR("t\n.subckt loop a b\nR1 a b 1\nX1 a b loop\n.ends\nV1 a 0 1\nX1 a 0 loop\n.op\n", "4:1", "recursion");
}

TEST_CASE("a .subckt without .ends is reported at the .subckt", "[errors]") {
    CHECK_ERROR("t\n.subckt open a b\nR1 a b 1\n", "2:1", "has no .ends");
}

TEST_CASE("an undefined parameter is named at its column", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 {2*missing}\n.op\n", "3:11", "undefined parameter 'missing'");
}

TEST_CASE("a bad expression points into the expression", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 {2*(3+}\n.op\n", "3:", "expression");
}

TEST_CASE("K naming a missing inductor is an error", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nL1 a 0 1m\nK1 L1 L9 0.5\n.op\n", "4:7", "unknown inductor 'l9'");
}

TEST_CASE("a coupling coefficient above one is an error", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nL1 a 0 1m\nL2 b 0 1m\nR2 b 0 1\nK1 L1 L2 1.5\n.op\n", "6:10", "outside [-1, 1]");
}

TEST_CASE("impossible sweeps are errors", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 1\n.dc V1 0 1 -0.1\n", "4:", "impossible sweep");
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 1\n.dc V1 0 1 0\n", "4:", "step is zero");
    CHECK_ERROR("t\nV1 a 0 AC 1\nR1 a 0 1\n.ac dec 10 1k 10\n", "4:", "impossible sweep");
    CHECK_ERROR("t\nV1 a 0 AC 1\nR1 a 0 1\n.ac dec 10 0 10\n", "4:", "above zero");
    CHECK_ERROR("t\nV1 a 0 AC 1\nR1 a 0 1\n.ac dec 1e12 1 1e12\n", "4:", "100,000,000 points");
}

TEST_CASE("a zero time step is an error", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 1\n.tran 0 1m\n", "4:7", "time step must be above zero");
}

TEST_CASE("element kinds hpsim does not read are named", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nD1 a 0 dmod\n.op\n", "3:1", "element type 'd'");
}

TEST_CASE("dot-cards that would change the answer are not skipped", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 1\n.tf v(a) V1\n.op\n", "4:1", ".tf is not supported yet");
    CHECK_ERROR("t\n.model dmod d\nV1 a 0 1\nE1 b 0 a 0 dmod\nR1 b 0 1\n.op\n", "4:12", "models are not supported");
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 1\n.frobnicate\n", "4:1", "unknown control card");
}

TEST_CASE("output and control cards are skipped with a warning naming the line", "[errors]") {
    const auto deck = hpsim::sim::load_deck_text(
        "t\nV1 a 0 1\nR1 a 0 1\n.print dc v(a)\n.options post reltol=1e-6\n.control\nrun\nplot v(a)\n.endc\n.op\n.end\n",
        "test.cir");
    REQUIRE(deck.circuit.warnings.size() == 3);
    CHECK(deck.circuit.warnings[0].to_string().rfind("test.cir:6:1: warning: .control", 0) == 0);
    CHECK(deck.circuit.warnings[1].to_string().rfind("test.cir:4:1: warning: .print", 0) == 0);
    CHECK(deck.circuit.warnings[2].to_string().rfind("test.cir:5:10: warning: option 'post' ignored", 0) == 0);
}

TEST_CASE("a subcircuit instance with the wrong number of nodes is an error", "[errors]") {
    CHECK_ERROR("t\n.subckt two a b\nR1 a b 1\n.ends\nV1 a 0 1\nX1 a two\n.op\n", "6:1", "has 2 pins");
}

TEST_CASE("an element defined twice is an error", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 1\nR1 a 0 2\n.op\n", "4:1", "defined twice");
    // Within one subcircuit body, also around a nested definition; the first is named.
    CHECK_ERROR("t\n.subckt s a\nR1 a 0 1\n.subckt inner b\nR1 b 0 1\n.ends\nR1 a 0 2\n.ends\nV1 a 0 1\nX1 a s\n.op\n",
                "7:1", "defined twice (first at test.cir:3:1)");
}

TEST_CASE("one name in different bodies is no error", "[errors]") {
    // The top level, two subcircuits one after the other, and one nested in another.
    CHECK(error_of("t\nR1 a 0 1\n.subckt s a\nR1 a 0 1\n.subckt inner b\nR1 b 0 1\n.ends\n.ends\n"
                    ".subckt u a\nR1 a 0 1\n.ends\nV1 a 0 1\nX1 a s\nX2 a u\n.op\n") == "");
}

TEST_CASE("an unknown instance parameter is named at its column", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 1k foo=2\n.op\n", "3:11", "unknown instance parameter 'foo' for r1");
    CHECK_ERROR("t\nV1 a 0 1\nE1 b 0 a 0 2 m=2\nR1 b 0 1\n.op\n", "3:14", "unknown instance parameter 'm' for e1");
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 1k 2k\n.op\n", "3:11", "unexpected '2k' after the value of r1");
}

TEST_CASE("instance parameters hpsim does not model are refused by name", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 1k ac=2k\n.op\n", "3:11", "instance parameter 'ac' of r1 is not supported");
    CHECK_ERROR("t\nV1 a 0 1\nC1 a 0 1u bv_max=5\n.op\n", "3:11", "instance parameter 'bv_max' of c1 is not supported");
}

TEST_CASE("a value given twice is an error, not a silent choice", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 1k r=2k\n.op\n", "3:11", "r1 is given a resistance twice");
    CHECK_ERROR("t\nV1 a 0 1\nC1 a 0 1u m=2 m=3\n.op\n", "3:15", "'m' is given twice for c1");
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 m=2\n.op\n", "3:1", "expected a resistance for r1");
}

TEST_CASE("a multiplier must be above zero", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 1k m=0\n.op\n", "3:13", "multiplier m must be above zero");
}

TEST_CASE("m after gain= on G or F is refused (ngspice 39 ignores it there)", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nG1 b 0 a 0 gain=2 m=3\nR1 b 0 1\n.op\n", "3:21", "m= with gain= on g1 is not supported");
}

TEST_CASE("coupling an inductor that has m is refused", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 AC 1\nR0 a x 1\nL1 x 0 1m m=2\nL2 b 0 1m\nR2 b 0 1\nK1 L1 L2 0.5\n.ac lin 1 1k 1k\n", "7:4",
                "coupling inductor 'l1', which has m=, is not supported");
}


TEST_CASE("an AC magnitude that is a parameter name without braces is refused as ngspice refuses it", "[errors]") {
    CHECK_ERROR("t\n.param amp=2\nV1 a 0 AC amp\nR1 a 0 1\n.op\n", "3:11", "write {amp}");
}

TEST_CASE("source functions are checked for their number of values and their keywords", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 EXP(0 1 2 3 4 5 6)\nR1 a 0 1\n.tran 1 10\n", "2:8", "EXP takes 2 to 6 values");
    CHECK_ERROR("t\nV1 a 0 SFFM(0)\nR1 a 0 1\n.tran 1 10\n", "2:8", "SFFM takes 2 to 7 values");
    CHECK_ERROR("t\nV1 a 0 AM(1 2 3 4 5 6 7 8)\nR1 a 0 1\n.tran 1 10\n", "2:8", "AM takes 2 to 7 values");
    CHECK_ERROR("t\nV1 a 0 TRNOISE(1n 1u 0 0)\nR1 a 0 1\n.tran 1 10\n", "2:8", "source function 'trnoise' of v1 is not supported");
    CHECK_ERROR("t\nV1 a 0 PWL(0 0 1 1 2 0) r=1.5\nR1 a 0 1\n.tran 1 10\n", "2:27", "PWL r= must be one of the time points");
    CHECK_ERROR("t\nV1 a 0 SIN(0 1 1k) td=1\nR1 a 0 1\n.tran 1 10\n", "2:20", "unknown parameter 'td' for source v1");
}

TEST_CASE("behavioural forms hpsim does not read are named", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nE1 b 0 LAPLACE {v(a)} = {1/(1+s)}\nR1 b 0 1\n.op\n", "3:8",
                "behavioural source form 'laplace' of e1 is not supported");
    CHECK_ERROR("t\nV1 a 0 1\nG1 b 0 freq {v(a)} (0 0 0) (1k 1 0)\nR1 b 0 1\n.op\n", "3:8", "form 'freq' of g1");
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 r=1 foo=2\n.op\n", "3:12", "unknown instance parameter 'foo'");
}

TEST_CASE("an m of its own inside a subcircuit instantiated with m is refused (ngspice 39 replaces it)", "[errors]") {
    CHECK_ERROR("t\n.subckt cell p n\nR1 p n 1k m=2\n.ends\nV1 a 0 1\nX1 a 0 cell m=3\n.op\n", "3:13",
                "x1.r1: m= inside subcircuit 'cell', which is instantiated with m, is not supported");
    CHECK_ERROR("t\n.subckt cell p n\nR1 p n 1k\n.ends\n.subckt two p n\nXa p n cell m=2\n.ends\n"
                "V1 a 0 1\nX1 a 0 two m=3\n.op\n",
                "6:13", "x1.xa: m= inside subcircuit 'two'");
    CHECK_ERROR("t\n.subckt src p n\nI1 p n 1m\n.ends\nR1 a 0 1\nX1 a 0 src m=2\n.op\n", "3:1",
                "current source inside a subcircuit instance with m is not supported");
}

TEST_CASE("a node may share the name of a .model", "[errors]") {
    CHECK(hpsim::testing::error_of("t\nV1 n 0 1\nR1 n 0 1\n.model n nmos\n.op\n").empty());
    CHECK_ERROR("t\n.model n r\nV1 a 0 1\nR1 a 0 n\n.op\n", "4:1", "r1: no resistance: give a value, or .model 'n'");
}

TEST_CASE("a subcircuit that names a pin twice is refused where it is defined", "[errors]") {
    CHECK_ERROR("t\nR1 1 0 1\nX1 1 2 sub\n.subckt sub b b\nr1 b 0 1\n.ends\n.op\n", "4:1", "names pin 'b' twice");
}

TEST_CASE("F and H in polynomial form name voltage sources as their controls", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 1\nF1 b 0 POLY(2) V1 V2 0 3 3\nR2 b 0 1\n.op\n", "4:19", "f1: unknown voltage source 'v2'");
}

TEST_CASE(".ac cards ngspice 39 reads otherwise than written are refused", "[errors]") {
    CHECK_ERROR("t\nV1 a 0 AC 1\nR1 a 0 1\n.ac dec 0.5 100 1e6\n", "4:9", ".ac takes a whole number of points, not 0.5");
    CHECK_ERROR("t\nV1 a 0 AC 1\nR1 a 0 1\n.ac dec 5 100 0\n", "4:15", "stop frequency is below the start frequency");
    CHECK_ERROR("t\nV1 a 0 AC 1\nR1 a 0 1\n.ac dec 0 100 1k\n", "4:9", ".ac needs at least 1 point");
}

TEST_CASE("comparisons written without braces in a .param read as comparisons", "[errors]") {
    const auto deck = hpsim::sim::load_deck_text(
        "t\n.param a=4 b=3\n.param t8= (a==b)?2:1 t9= (a>=b)?2:1 t10=(a!=b)?(3):1\nV1 x 0 1\nR1 x 0 {t8}\nR2 x 0 {t9}\n"
        "R3 x 0 {t10}\n.op\n");
    CHECK(deck.circuit.elements[1].value == 1);
    CHECK(deck.circuit.elements[2].value == 2);
    CHECK(deck.circuit.elements[3].value == 3);
}
