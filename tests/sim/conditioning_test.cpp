// Digits lost to ill-conditioned matrices: a warning per analysis, only when it matters.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "../support.hpp"
#include "headphone/compiler.hpp"
#include "sim/conditioning.hpp"
#include "sim/sparse_lu.hpp"

namespace {

std::vector<hpsim::spice::Warning> warnings_of(const std::string& text) {
    const auto deck = hpsim::sim::load_deck_text(text, "test.cir");
    hpsim::sim::RecordingSink sink;
    hpsim::sim::simulate(deck.circuit, sink);
    return sink.warnings;
}

}  // namespace

TEST_CASE("the condition estimate of a diagonal system is the spread its solution needs", "[conditioning]") {
    // A = diag(1, 1e-8), x = (1, 1): |A^-1| |A| |x| = |x|, so Skeel's condition is 1 (the
    // scales of rows cost nothing); with A = [[1, 1], [1, 1 + d]] it is about 4 / d.
    hpsim::sim::SparseLu<double> diagonal(2, {0, 1, 2}, {0, 1});
    const std::vector<double> diagonal_values{1.0, 1e-8};
    diagonal.factor(diagonal_values);
    std::vector<double> x{1.0, 1e-8};
    diagonal.solve(x);
    CHECK(diagonal.condition_estimate(diagonal_values, x) == Approx(1.0));

    const double d = 1e-9;
    hpsim::sim::SparseLu<double> near_singular(2, {0, 2, 4}, {0, 1, 0, 1});
    const std::vector<double> values{1.0, 1.0, 1.0, 1.0 + d};  // column order
    near_singular.factor(values);
    std::vector<double> solution{2.0, 2.0};  // x = (2, 0)
    near_singular.solve(solution);
    const double exact = 1.0 + 2.0 / d;  // || |A^-1| |A| |x| ||_inf / ||x||_inf, worked by hand for x = (2, 0)
    const double estimate = near_singular.condition_estimate(values, solution);
    CHECK(estimate <= exact * 1.001);
    CHECK(estimate >= exact / 3);
}

TEST_CASE("ideal parts from 1e-12 to 1e12 Ohm warn once per analysis with the digits lost and the elements",
          "[conditioning]") {
    const auto warnings = warnings_of(
        "ideal parts\nV1 in 0 DC 1 AC 1\nRtiny in mid 1e-12\nRhuge mid 0 1e12\nL1 mid a 1m\nRa a 0 1\n"
        "L2 b 0 1m\nRb b 0 1\nK1 L1 L2 0.999999\n.op\n.ac dec 5 1m 1g\n.tran 1u 10u\n");
    REQUIRE(warnings.size() == 3);
    for (const auto& warning : warnings) {
        INFO(warning.to_string());
        CHECK(warning.message.find("ill-conditioned matrix") != std::string::npos);
        CHECK(warning.message.find("of the 16 significant digits may be lost") != std::string::npos);
        CHECK(warning.message.find("1e-12 S (rhuge)") != std::string::npos);
        CHECK(warning.message.find("1e+12 S (rtiny)") != std::string::npos);
    }
    CHECK(warnings[0].where.line == 10);  // .op
    CHECK(warnings[1].where.line == 11);  // .ac
    CHECK(warnings[1].message.find("k1 (k = 1)") != std::string::npos);
    CHECK(warnings[2].where.line == 12);  // .tran
}

TEST_CASE("a resistor of 1e-12 against 1e12 Ohm loses more than the warned digits, 1 mOhm against 1 MOhm does not",
          "[conditioning]") {
    const auto ideal = warnings_of("t\nV1 in 0 1\nR1 in mid 1e-12\nR2 mid 0 1e12\n.op\n");
    REQUIRE(ideal.size() == 1);
    const auto lost = ideal[0].message.find("so about ");
    REQUIRE(lost != std::string::npos);
    CHECK(std::stod(ideal[0].message.substr(lost + 9)) > hpsim::sim::warned_digits_lost);
    CHECK(warnings_of("t\nV1 in 0 1\nR1 in mid 1m\nR2 mid 0 1meg\n.op\n").empty());
}

TEST_CASE("every example deck and rig simulates without a conditioning warning", "[conditioning]") {
    for (const auto& file : std::filesystem::directory_iterator(hpsim::testing::source_path("netlists/decks"))) {
        if (file.path().extension() != ".cir") continue;
        INFO(file.path().string());
        const auto deck = hpsim::sim::load_deck(file.path());
        hpsim::sim::RecordingSink sink;
        hpsim::sim::simulate(deck.circuit, sink);
        CHECK(sink.warnings.empty());
    }
    const auto catalog = hpsim::headphone::Catalog::load(hpsim::headphone::Catalog::default_folder());
    for (const auto& file : std::filesystem::directory_iterator(hpsim::testing::source_path("netlists/rigs")))
        for (const char* mode : {"single-ended", "balanced"}) {
            INFO(file.path().string() << " " << mode);
            hpsim::headphone::CompiledRig compiled;
            try {
                compiled = hpsim::headphone::compile_rig(hpsim::headphone::load_rig(file.path(), catalog, std::string(mode)));
            } catch (const hpsim::spice::DeckError&) {
                continue;  // a rig whose parts do not fit in this mode
            }
            const auto deck = hpsim::sim::load_deck_text(compiled.netlist, "rig.cir");
            hpsim::sim::RecordingSink sink;
            hpsim::sim::simulate(deck.circuit, sink);
            for (const auto& warning : sink.warnings) FAIL_CHECK(warning.to_string());
        }
}

TEST_CASE("coupled inductors whose inductance matrix is not positive semidefinite are an error naming the K cards",
          "[conditioning][errors]") {
    const std::string message = hpsim::testing::error_of(
        "t\nV1 a 0 AC 1\nR1 a x 1\nL1 x 0 1m\nL2 y 0 1m\nR2 y 0 1\nL3 z 0 1m\nR3 z 0 1\n"
        "K12 L1 L2 0.9\nK23 L2 L3 0.9\nK13 L1 L3 -0.9\n.ac lin 1 1k 1k\n");
    INFO(message);
    CHECK(message.rfind("test.cir:9:1: error: ", 0) == 0);
    CHECK(message.find("k12, k23, k13") != std::string::npos);
    CHECK(message.find("not positive semidefinite") != std::string::npos);
    // Two K cards on one pair add up: 0.6 + 0.6 > 1.
    CHECK(hpsim::testing::error_of("t\nV1 a 0 AC 1\nR1 a x 1\nL1 x 0 1m\nL2 y 0 1m\nR2 y 0 1\nK1 L1 L2 0.6\n"
                                   "K2 L1 L2 0.6\n.ac lin 1 1k 1k\n")
              .find("k1, k2") != std::string::npos);
    // An ideal transformer (k = 1: singular, not indefinite) and a consistent set are not.
    CHECK(hpsim::testing::error_of("t\nV1 a 0 AC 1\nR1 a x 1\nL1 x 0 1m\nL2 y 0 4m\nR2 y 0 1\nK1 L1 L2 1\n"
                                   ".ac lin 1 1k 1k\n")
              .empty());
    CHECK(hpsim::testing::error_of("t\nV1 a 0 AC 1\nR1 a x 1\nL1 x 0 1m\nL2 y 0 1m\nR2 y 0 1\nL3 z 0 1m\nR3 z 0 1\n"
                                   "K12 L1 L2 0.9\nK23 L2 L3 0.9\nK13 L1 L3 0.9\n.ac lin 1 1k 1k\n")
              .empty());
}
