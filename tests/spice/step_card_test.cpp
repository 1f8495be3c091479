// .step cards: LTspice's forms are read, and what hpsim does not step is refused where it is written.
#include <catch2/catch.hpp>
#include <string>

#include "../support.hpp"
#include "spice/lexer.hpp"
#include "spice/parser.hpp"

using hpsim::testing::error_of;

namespace {

hpsim::spice::Deck parse(const std::string& text) {
    return hpsim::spice::parse_cards(hpsim::spice::read_deck_text(text, "test.cir", "."));
}

const std::string rc = "t\n.param r=1k c=1u\nV1 a 0 AC 1\nR1 a b {r}\nC1 b 0 {c}\n.ac dec 1 10 100\n";

}  // namespace

TEST_CASE("every LTspice form of .step param is read", "[step]") {
    using hpsim::spice::StepSpacing;
    const auto deck = parse(rc + ".step param r 1k 3k 1k\n.step dec param c 1n 1u 3\n.step param q list 1 2\n");
    REQUIRE(deck.steps.size() == 3);
    CHECK(deck.steps[0].spacing == StepSpacing::linear);
    CHECK(deck.steps[0].parameter == "r");
    CHECK(deck.steps[0].values.size() == 3);
    CHECK(deck.steps[1].spacing == StepSpacing::decade);
    CHECK(deck.steps[1].parameter == "c");
    CHECK(deck.steps[2].spacing == StepSpacing::list);
    CHECK(deck.steps[2].values.size() == 2);
    const auto after = parse(rc + ".step param c oct 1n 8n 1\n");
    CHECK(after.steps[0].spacing == StepSpacing::octave);
}

TEST_CASE("a malformed or unsupported .step is an error at its place", "[step][errors]") {
    CHECK_ERROR(rc + ".step param r list\n", "7:19", "at least one value");
    CHECK_ERROR(rc + ".step oct param r list 1 2\n", "7:19", "a .step list takes no lin, dec or oct");
    CHECK_ERROR(rc + ".step v1 1 2 1\n", "7:7", "source 'v1' is not supported");
    CHECK_ERROR(rc + ".step temp 0 50 10\n", "7:7", ".step temp is not supported");
    CHECK_ERROR(rc + ".step param r 1 2\n", "7:18", "an increment");
    CHECK_ERROR(rc + ".step param r list 1 2\n.step param r list 3\n", "8:13", "stepped twice");
    CHECK_ERROR(rc + ".step param r list 1\n.step param c list 1\n.step param a list 1\n.step param b list 1\n", "10:1",
                "more than three .step");
    CHECK_ERROR("t\n.subckt s a\n.step param r list 1\nR1 a 0 1\n.ends\nV1 a 0 1\nX1 a s\n.op\n", "3:1",
                ".step inside subcircuit");
}

TEST_CASE("a .step of a name that is no top-level .param is an error at the name", "[step][errors]") {
    CHECK_ERROR(rc + ".step param rr list 1 2\n", "7:13", "'rr', which is not a .param of the top level");
    CHECK_ERROR("t\n.subckt s a params: r=1\nR1 a 0 {r}\n.ends\nV1 a 0 1\nX1 a s\n.step param r list 1 2\n.op\n",
                "7:13", "not a .param of the top level");
}
