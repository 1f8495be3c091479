#include <catch2/catch.hpp>
#include <cmath>

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

TEST_CASE(".lib FILE SECTION reads that section of the file in place, nested sections too", "[lexer]") {
    const std::string folder = hpsim::testing::source_path("tests/data/library");
    const auto stream = read_deck_text("t\n.lib 'parts.lib' driver\n.op\n", "deck.cir", folder);
    std::vector<std::string> names;
    for (const auto& card : stream.cards) names.push_back(card.tokens.front().text);
    CHECK(names == std::vector<std::string>{".param", "rload", "v1", "rsrc", ".op"});
    REQUIRE(stream.warnings.size() == 1);
    CHECK(stream.warnings[0].to_string().find("words after '.endl source' ignored") != std::string::npos);
    // The section's cards are what ngspice is given to compare.
    const auto deck = hpsim::sim::load_deck_text("t\n.lib 'parts.lib' driver\n.ac lin 1 1k 1k\n", "deck.cir", folder);
    hpsim::sim::RecordingSink results;
    hpsim::sim::simulate(deck.circuit, results);
    CHECK(std::abs(results.analyses.at(0).complex_vector("v(out)")[0] - 32.0 / 34.0) < 1e-12);
}

TEST_CASE("bad .lib cards and sections are located", "[lexer][errors]") {
    const std::string folder = hpsim::testing::source_path("tests/data/library");
    const auto error_of = [&](const std::string& text) {
        try {
            read_deck_text(text, "deck.cir", folder);
        } catch (const hpsim::spice::DeckError& error) {
            return std::string(error.what());
        }
        return std::string();
    };
    CHECK(error_of("t\n.lib parts.lib nowhere\n").find("deck.cir:2:16: error: library file") == 0);
    CHECK(error_of("t\n.lib parts.lib nowhere\n").find("has no section 'nowhere'") != std::string::npos);
    CHECK(error_of("t\n.lib parts.lib unended\n").find("section 'unended' of") != std::string::npos);
    CHECK(error_of("t\n.lib parts.lib loop\n").find("library cycle: section 'loop'") != std::string::npos);
    CHECK(error_of("t\n.lib missing.lib a\n").find("deck.cir:2:6: error: cannot read library file") == 0);
    CHECK(error_of("t\n.lib mysection\nR1 a 0 1\n.endl\n").find("deck.cir:2:1: error: '.lib mysection' defines a library section") == 0);
    CHECK(error_of("t\nR1 a 0 1\n.endl\n").find("deck.cir:3:1: error: .endl outside a library section") == 0);
    CHECK(error_of("t\n.lib parts.lib\n").find("defines a library section") != std::string::npos);
}
