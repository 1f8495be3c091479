// Every example deck agrees with ngspice, through the same code path as `hpsim check`.
#include <catch2/catch.hpp>
#include <filesystem>

#include "../support.hpp"
#include "verify/cross_check.hpp"

namespace {

void require_agreement(const std::filesystem::path& deck_path) {
    const auto deck = hpsim::sim::load_deck(deck_path);
    const auto report = hpsim::verify::cross_check(deck, hpsim::verify::Tolerances{});
    for (const auto& problem : report.problems) UNSCOPED_INFO(problem);
    for (const auto& row : report.vectors)
        if (!row.passed()) UNSCOPED_INFO(row.analysis << " " << row.vector << " differs by " << row.worst_difference);
    CHECK(report.passed());
    CHECK(!report.vectors.empty());
}

}  // namespace

TEST_CASE("every deck in netlists/decks agrees with ngspice", "[ngspice]") {
    const std::filesystem::path folder = hpsim::testing::source_path("netlists/decks");
    std::size_t decks = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() != ".cir") continue;
        ++decks;
        SECTION(entry.path().filename().string()) { require_agreement(entry.path()); }
    }
    CHECK(decks >= 6);
}

TEST_CASE("a deck hpsim solves wrongly would be caught by the comparison", "[ngspice]") {
    // The same divider, but hpsim is given a different value than ngspice: the check must fail.
    auto deck = hpsim::sim::load_deck_text("divider\nV1 a 0 1\nR1 a b 1k\nR2 b 0 1k\n.op\n");
    deck.circuit.elements[2].value = 1001.0;
    const auto report = hpsim::verify::cross_check(deck, hpsim::verify::Tolerances{});
    CHECK_FALSE(report.passed());
}

TEST_CASE("a stepped deck hpsim solves wrongly at its steps would be caught", "[ngspice][step]") {
    // The stepped .param's own value (1k) is not any step's: were it given to ngspice
    // instead of the step's value, or were hpsim's steps not applied, the check fails.
    auto deck = hpsim::sim::load_deck_text(
        "divider\n.param r=1k\nV1 a 0 1\nR1 a b {r}\nR2 b 0 1k\n.op\n.step param r list 10 100\n");
    REQUIRE(deck.steps);
    CHECK(hpsim::verify::cross_check(deck, hpsim::verify::Tolerances{}).passed());
    deck.circuit.elements[2].value = 1001.0;  // R2, which no step rewrites
    const auto report = hpsim::verify::cross_check(deck, hpsim::verify::Tolerances{});
    CHECK_FALSE(report.passed());
    for (const auto& row : report.vectors)
        if (!row.passed()) CHECK(row.step.rfind("r=", 0) == 0);
}

TEST_CASE("a stepped .param beside a function definition reaches ngspice with the function whole", "[ngspice][step]") {
    const auto deck = hpsim::sim::load_deck_text(
        "functions\n.param r=1k twice(x)={2*x} k=(r==1)?1:2\nV1 a 0 1\nR1 a b {twice(r)*k}\nR2 b 0 1k\n.op\n"
        ".step param r list 100 300\n");
    const auto report = hpsim::verify::cross_check(deck, hpsim::verify::Tolerances{});
    for (const auto& problem : report.problems) UNSCOPED_INFO(problem);
    CHECK(report.passed());
    CHECK(report.vectors.size() == 3);
}
