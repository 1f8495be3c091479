// The documented limits (docs/spice.md, "Limits"): each reached and passed, with a clear error.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "../support.hpp"
#include "sim/elaborate.hpp"
#include "spice/parser.hpp"
#include "../scratch.hpp"

using hpsim::testing::error_of;

namespace {

std::string nested_parentheses(int depth) {
    return "t\n.param p={" + std::string(static_cast<std::size_t>(depth), '(') + "1" +
           std::string(static_cast<std::size_t>(depth), ')') + "}\nV1 a 0 {p}\nR1 a 0 1\n.op\n";
}

// Instances nested `depth` deep: the top instantiates s<depth-1>, which instantiates s<depth-2>, ...
std::string nested_instances(int depth) {
    std::ostringstream deck;
    deck << "t\n.subckt s0 a b\nR1 a b 1\n.ends\n";
    for (int i = 1; i < depth; ++i) deck << ".subckt s" << i << " a b\nX1 a b s" << i - 1 << "\n.ends\n";
    deck << "V1 in 0 1\nX1 in 0 s" << depth - 1 << "\n.op\n";
    return deck.str();
}

}  // namespace

TEST_CASE("expressions nest parentheses 200 deep, and not 201", "[limits]") {
    CHECK(error_of(nested_parentheses(200)).empty());
    const std::string message = error_of(nested_parentheses(201));
    CHECK(message.rfind("test.cir:2:", 0) == 0);
    CHECK(message.find("error: expression nests parentheses and function calls more than 200 deep") != std::string::npos);
    CHECK(error_of("t\n.param p={" + std::string(5000, '-') + "1}\nV1 a 0 {p}\nR1 a 0 1\n.op\n").find("nested too deeply") !=
          std::string::npos);
}

TEST_CASE("subcircuit instances nest 100 deep, and not 101", "[limits]") {
    CHECK(error_of(nested_instances(100)).empty());
    const std::string message = error_of(nested_instances(101));
    INFO(message);
    CHECK(message.find("error: subcircuit instances nested more than 100 deep") != std::string::npos);
}

TEST_CASE("includes nest 32 deep, and not 33", "[limits]") {
    const auto folder = hpsim::testing::scratch_folder() / ("hpsim-include-depth-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    auto deck_with_includes = [&](int depth) {
        for (int i = 1; i <= depth; ++i) {
            std::ofstream file(folder / ("level" + std::to_string(i) + ".inc"));
            if (i < depth) file << ".include \"level" << i + 1 << ".inc\"\n";
            else file << "R1 a 0 1\n";
        }
        std::ofstream deck(folder / "deck.cir");
        deck << "t\nV1 a 0 1\n.include \"level1.inc\"\n.op\n";
    };
    deck_with_includes(32);
    CHECK_NOTHROW(hpsim::sim::load_deck(folder / "deck.cir"));
    deck_with_includes(33);
    try {
        hpsim::sim::load_deck(folder / "deck.cir");
        FAIL("33 nested includes were read");
    } catch (const hpsim::spice::DeckError& error) {
        CHECK(std::string(error.what()).find("level32.inc:1:11: error: includes nested more than 32 deep") !=
              std::string::npos);
    }
    std::filesystem::remove_all(folder);
}

TEST_CASE("a line holds 1,048,576 characters, and not one more", "[limits]") {
    const std::size_t limit = 1 << 20;
    auto deck = [](std::size_t length) {
        std::string card = "R1 a 0 1";
        card.resize(length, ' ');
        return "t\nV1 a 0 1\n" + card + "\n.op\n";
    };
    CHECK(error_of(deck(limit)).empty());
    const std::string message = error_of(deck(limit + 1));
    CHECK(message.rfind("test.cir:3:1048577: error: line longer than 1048576 characters", 0) == 0);
}

TEST_CASE("a circuit grows to its node and element limits and no further", "[limits]") {
    // The documented limits, and the same rule at limits small enough to reach quickly.
    CHECK(hpsim::sim::SizeLimits{}.nodes == 1'000'000);
    CHECK(hpsim::sim::SizeLimits{}.elements == 2'000'000);
    auto elaborate_ladder = [](int rungs, hpsim::sim::SizeLimits limits) {
        std::ostringstream text;  // V1 and `rungs` resistors in a chain: rungs nodes
        text << "ladder\n.subckt rung a b\nR1 a b 1\n.ends\nV1 n0 0 1\n";
        for (int i = 0; i < rungs; ++i) text << "X" << i << " n" << i << " n" << i + 1 << " rung\n";
        const auto cards = hpsim::spice::read_deck_text(text.str(), "test.cir", ".");
        return hpsim::sim::elaborate(hpsim::spice::parse_cards(cards), limits);
    };
    CHECK(elaborate_ladder(999, {1000, 10'000}).node_names.size() == 1001);  // n0 .. n999 and n1000
    try {
        elaborate_ladder(1000, {1000, 10'000});
        FAIL("a node past the limit was accepted");
    } catch (const hpsim::spice::DeckError& error) {
        CHECK(std::string(error.what()).find("circuit too large (more than 1,000 nodes after subcircuit expansion)") !=
              std::string::npos);
    }
    CHECK(elaborate_ladder(999, {10'000, 1000}).elements.size() == 1000);  // V1 and 999 resistors
    try {
        elaborate_ladder(1000, {10'000, 1000});
        FAIL("an element past the limit was accepted");
    } catch (const hpsim::spice::DeckError& error) {
        CHECK(std::string(error.what()).find("more than 1,000 elements") != std::string::npos);
    }
}
