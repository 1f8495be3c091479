// Every class of deck error reads "file:line:col: error: message".
#include <catch2/catch.hpp>
#include <string>

#include "../support.hpp"
#include "spice/diagnostic.hpp"

using hpsim::spice::DeckError;

using hpsim::testing::error_of;

#define CHECK_ERROR(text, location, fragment)                            \
    do {                                                                 \
        const std::string message = error_of(text);                      \
        INFO(message);                                                   \
        CHECK(message.rfind(std::string("test.cir:") + location, 0) == 0);    \
        CHECK(message.find(": error: ") != std::string::npos);           \
        CHECK(message.find(fragment) != std::string::npos);              \
    } while (false)

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
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 1\n.ic v(a)=1\n.op\n", "4:1", ".ic is not supported yet");
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 1\n.step param r 1 2 1\n.op\n", "4:1", ".step is not supported yet");
    CHECK_ERROR("t\n.model rmod r\nV1 a 0 1\nR1 a 0 rmod 1\n.op\n", "4:8", "models are not supported");
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 1\n.frobnicate\n", "4:1", "unknown control card");
}

TEST_CASE("output and control cards are skipped with a warning naming the line", "[errors]") {
    const auto deck = hpsim::sim::load_deck_text(
        "t\nV1 a 0 1\nR1 a 0 1\n.print dc v(a)\n.options reltol=1e-6\n.control\nrun\nplot v(a)\n.endc\n.op\n.end\n",
        "test.cir");
    REQUIRE(deck.circuit.warnings.size() == 3);
    CHECK(deck.circuit.warnings[0].to_string().rfind("test.cir:6:1: warning: .control", 0) == 0);
    CHECK(deck.circuit.warnings[1].to_string().rfind("test.cir:4:1: warning: .print", 0) == 0);
    CHECK(deck.circuit.warnings[2].to_string().rfind("test.cir:5:1: warning: .options", 0) == 0);
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
