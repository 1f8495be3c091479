// A stepped deck gives, at each step, what the deck with that step's .param values
// gives: against closed forms, through parameters that depend on the stepped one, in
// subcircuits and instance multipliers, and with errors that name the step.
#include <catch2/catch.hpp>
#include <cmath>
#include <complex>
#include <numbers>
#include <string>

#include "../../support.hpp"
#include "sim/step/stepped_simulation.hpp"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using hpsim::testing::error_of;
using hpsim::testing::simulate_text;

TEST_CASE("an RC's response follows each stepped resistance: H = 1 / (1 + j 2 pi f R C)", "[step]") {
    const auto results = simulate_text(
        "rc\n.param r=1 c=100n\nV1 in 0 AC 1\nR1 in out {r}\nC1 out 0 {c}\n.ac dec 10 10 100k\n"
        ".step dec param r 100 10k 4\n");
    REQUIRE(results.size() == 9);
    for (const auto& step : results) {
        const double r = step.header.step_values.at(0);
        const auto out = step.complex_vector("v(out)");
        for (std::size_t p = 0; p < step.sweep.size(); ++p) {
            const std::complex<double> expected = 1.0 / std::complex<double>(1.0, 2 * std::numbers::pi * step.sweep[p] * r * 100e-9);
            CHECK_THAT(std::abs(out[p] - expected), WithinAbs(0.0, 1e-12));
        }
    }
}

TEST_CASE("parameters that depend on a stepped one follow it, in every scope", "[step]") {
    // r2 = 2 r at the top; the subcircuit's default and its own .param derive from it too;
    // the instance's m (copies in parallel) follows n.
    const auto results = simulate_text(
        "t\n.param r=1 r2={2*r} n=1\n.subckt load a params: rl={r2}\n.param rin={rl/2}\nR1 a 0 {rin+rl}\n.ends\n"
        "V1 x 0 1\nRs x y {r}\nX1 y load m={n}\n.op\n.step param r list 10 20\n.step param n list 1 3\n");
    REQUIRE(results.size() == 4);
    for (const auto& step : results) {
        const double r = step.header.step_values[0], n = step.header.step_values[1];
        const double load = (r + 2 * r) / n;  // rin + rl = r + 2r, n copies in parallel
        CHECK_THAT(step.real_vector("v(y)")[0], WithinRel(load / (r + load), 1e-12));
    }
}

TEST_CASE("stepped source values: DC, AC magnitude and a waveform value", "[step]") {
    const auto results = simulate_text(
        "t\n.param v=1\nV1 a 0 DC {v} AC {2*v} SIN(0 {v} 1k)\nR1 a 0 1k\n.op\n.ac lin 1 1k 1k\n"
        ".tran 10u 250u\n.step param v list 1 5\n");
    REQUIRE(results.size() == 6);
    for (std::size_t step = 0; step < 2; ++step) {
        const double v = step == 0 ? 1 : 5;
        CHECK_THAT(results[3 * step].real_vector("v(a)")[0], WithinRel(v, 1e-12));
        CHECK_THAT(std::abs(results[3 * step + 1].complex_vector("v(a)")[0]), WithinRel(2 * v, 1e-12));
        const auto& tran = results[3 * step + 2];
        CHECK_THAT(tran.real_vector("v(a)").back(), WithinAbs(v * std::sin(2 * std::numbers::pi * 1e3 * tran.sweep.back()), 1e-6 * v));
    }
}

TEST_CASE("a value that fails at one step is an error at its place naming the step", "[step][errors]") {
    const std::string message = error_of("t\n.param r=1\nV1 a 0 1\nR1 a 0 {1/(r-2)}\n.op\n.step param r 1 3 1\n");
    INFO(message);
    CHECK(message.rfind("test.cir:4:", 0) == 0);
    CHECK(message.find("division by zero") != std::string::npos);
    CHECK(message.find("at step 2 of 3: r=2") != std::string::npos);
    const std::string zero = error_of("t\n.param r=1\nV1 a 0 1\nR1 a 0 {r}\n.op\n.step param r list 1 0\n");
    INFO(zero);
    CHECK(zero.find("resistance is zero (ngspice 39 would use 1 mOhm) (at step 1 of 2: r=0)") != std::string::npos);  // sorted: 0 comes first
}

TEST_CASE("analysis cards, options and .ic cannot follow a stepped parameter", "[step][errors]") {
    const std::string message = error_of("t\n.param f=1k\nV1 a 0 AC 1\nR1 a 0 1\n.ac lin 2 1 {f}\n.step param f list 1k 2k\n");
    INFO(message);
    CHECK(message.rfind("test.cir:5:14: error:", 0) == 0);
    CHECK(message.find("depends on stepped parameter 'f'") != std::string::npos);
}

TEST_CASE("each step equals the deck with that step's .param values, loaded on its own", "[step]") {
    const std::string body =
        "V1 in 0 DC 1 AC 1\nRo in a {ro}\nL1 a b 10u\nRc b c {rc}\nC1 c 0 1u\nRl c 0 32\n.op\n.ac dec 5 20 20k\n";
    const auto stepped = simulate_text("t\n.param ro=0 rc=0\n" + body + ".step param ro list 0.1 2 10\n.step param rc 0.1 0.3 0.1\n");
    REQUIRE(stepped.size() == 18);
    std::size_t index = 0;
    for (const double rc : {0.1, 0.2, 0.30000000000000004})
        for (const double ro : {0.1, 2.0, 10.0}) {
            char params[80];
            std::snprintf(params, sizeof params, ".param ro=%.17g rc=%.17g\n", ro, rc);
            const auto alone = simulate_text(std::string("t\n") + params + body);
            for (std::size_t a = 0; a < 2; ++a, ++index) {
                CHECK(stepped[index].real == alone[a].real);
                CHECK(stepped[index].complex == alone[a].complex);  // the same numbers, bit for bit
            }
        }
}

TEST_CASE("steps on three threads reach the sink in order with the numbers of one thread, bit for bit", "[step]") {
    const auto deck = hpsim::sim::load_deck_text(
        "rlc\n.param r=1 l=1m\nV1 in 0 DC 1 AC 1\nR1 in a {r}\nL1 a out {l}\nC1 out 0 1u\nR2 out 0 1k\n.op\n.ac dec 20 10 100k\n"
        ".step param r 0.5 20 0.5\n.step dec param l 10u 10m 5\n");
    REQUIRE(deck.steps);
    std::vector<std::vector<hpsim::sim::RecordedAnalysis>> runs;
    for (const unsigned jobs : {1u, 3u}) {
        hpsim::sim::SteppedSimulation stepped(deck.circuit, *deck.steps);
        hpsim::sim::RecordingSink sink;
        stepped.run_all(sink, nullptr, jobs);
        runs.push_back(std::move(sink.analyses));
    }
    REQUIRE(runs[0].size() == 2 * 40 * 16);
    REQUIRE(runs[1].size() == runs[0].size());
    for (std::size_t a = 0; a < runs[0].size(); ++a) {
        CHECK(runs[1][a].header.step_values == runs[0][a].header.step_values);
        CHECK(runs[1][a].real == runs[0][a].real);
        CHECK(runs[1][a].complex == runs[0][a].complex);
    }
}
