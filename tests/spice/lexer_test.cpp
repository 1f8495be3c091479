#include <catch2/catch.hpp>

#include "../support.hpp"
#include "spice/lexer.hpp"

using hpsim::spice::read_deck_text;

TEST_CASE("continuation lines join their card and keep each token's own line", "[lexer]") {
    const auto cards = read_deck_text("title\nV1 a 0\n* a comment between\n+ DC 1\n\n.op\n", "d.cir", ".");
    REQUIRE(cards.cards.size() == 2);
    const auto& tokens = cards.cards[0].tokens;
    REQUIRE(tokens.size() == 5);
    CHECK(tokens[4].text == "1");
    CHECK(tokens[4].where.line == 4);
    CHECK(tokens[4].where.column == 6);
}

TEST_CASE("comments after a semicolon or a dollar sign are removed, the title is kept as written", "[lexer]") {
    const auto cards = read_deck_text("My Title; not a comment\nR1 a 0 1k ; load\nR2 a 0 2k $ other\n", "d.cir", ".");
    CHECK(cards.title == "My Title; not a comment");
    REQUIRE(cards.cards.size() == 2);
    CHECK(cards.cards[0].tokens.size() == 4);
    CHECK(cards.cards[1].tokens.size() == 4);
}

TEST_CASE("cards read case-insensitively and braces keep an expression whole", "[lexer]") {
    const auto cards = read_deck_text("t\nRLOAD OUT GND {2 * R_Base}\n", "d.cir", ".");
    const auto& tokens = cards.cards[0].tokens;
    CHECK(tokens[0].text == "rload");
    CHECK(tokens[1].text == "out");
    CHECK(tokens[3].kind == hpsim::spice::TokenKind::expression);
    CHECK(tokens[3].text == "2 * R_Base");
}

TEST_CASE(".end stops reading and .control blocks are skipped with a warning", "[lexer]") {
    const auto cards = read_deck_text("t\nR1 a 0 1\n.control\nrun\n.endc\n.end\nR2 a 0 1\n", "d.cir", ".");
    CHECK(cards.cards.size() == 1);
    REQUIRE(cards.warnings.size() == 1);
    CHECK(cards.warnings[0].where.line == 3);
}

TEST_CASE("a card reads back to the same tokens", "[lexer]") {
    const auto cards = read_deck_text("t\nV1 a 0 DC 1 SIN(0 1 1k) ac 1\nX1 a b sub params: r={2*k}\n", "d.cir", ".");
    CHECK(cards.cards[0].to_text() == "v1 a 0 dc 1 sin(0 1 1k) ac 1");
    CHECK(cards.cards[1].to_text() == "x1 a b sub params: r={2*k}");
}

TEST_CASE("every card that starts with .inc includes a file, as in ngspice", "[lexer]") {
    const std::string folder = hpsim::testing::source_path("tests/data/include-prefix");
    for (const std::string command : {".include", ".inc", ".incl", ".INCL"}) {
        const auto stream = read_deck_text("t\nV1 a 0 1\n" + command + " \"part.inc\"\n.op\n", "deck.cir", folder);
        REQUIRE(stream.cards.size() == 3);
        CHECK(stream.cards[1].tokens.front().text == "r1");
    }
}
