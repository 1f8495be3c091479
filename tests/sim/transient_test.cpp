// The transient against closed forms: current-fed inductors and capacitors, a lightly
// damped resonance, .ic and uic starts, and the .options that set its accuracy.
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "../support.hpp"

using hpsim::testing::error_of;
using hpsim::testing::simulate_text;
constexpr double pi = std::numbers::pi;

TEST_CASE("a current source feeding an inductor gives L di/dt through ramps, holds and falls", "[tran]") {
    // i(l1) = -I1 ramps 0 -> -5 A in 1 ms, holds 10 ms, returns in 1 ms: v(2) = L di/dt.
    const auto results = simulate_text(
        "current-fed inductor\nI1 1 0 PULSE(0 5 0 1m 1m 10m 25m)\nL1 2 0 10m\nR1 1 2 0.001\n.tran 0.1m 20m\n");
    const auto& tran = results.at(0);
    const auto voltage = tran.real_vector("v(2)");
    for (std::size_t k = 0; k < tran.sweep.size(); ++k) {
        const double t = tran.sweep[k];
        const bool in_ramp = t > 0 && t < 1e-3 - 1e-9, in_fall = t > 11e-3 + 1e-9 && t < 12e-3 - 1e-9;
        const bool steady = (t > 1e-3 + 1e-9 && t < 11e-3 - 1e-9) || t > 12e-3 + 1e-9;
        INFO("t = " << t);
        if (in_ramp) CHECK(voltage[k] == Approx(-50.0).margin(1e-6));
        if (in_fall) CHECK(voltage[k] == Approx(50.0).margin(1e-6));
        if (steady) CHECK(std::abs(voltage[k]) < 1e-6);
    }
}

TEST_CASE("a current source charging a capacitor beside a megohm ramps as i t / C", "[tran]") {
    // 1 mA into 1 uF for 1 ms: 1 V; the 1 MOhm takes 1 uA at most, a 1e-3 effect:
    // v(t) = I R (1 - exp(-t / RC)), RC = 1 s.
    const auto results = simulate_text("current-fed C\nI1 0 a PULSE(0 1m 0 1n 1n 1 2)\nC1 a 0 1u\nR1 a 0 1meg\n.tran 10u 1m\n");
    const auto& tran = results.at(0);
    const auto voltage = tran.real_vector("v(a)");
    for (std::size_t k = 1; k < tran.sweep.size(); ++k) {
        const double t = tran.sweep[k], shifted = t - 0.5e-9;  // the 1 ns rise delivers its charge half late
        const double expected = 1e-3 * 1e6 * (1 - std::exp(-shifted / 1.0));
        CHECK(voltage[k] == Approx(expected).margin(1e-6));  // 1e-6 of the 1 V peak
    }
}

TEST_CASE("an undamped LC tank keeps its phase over a hundred periods", "[tran]") {
    // 1 uF charged to 1 V released into 1 mH through a switch-like start (uic): v = cos(w t).
    const double omega = 1.0 / std::sqrt(1e-3 * 1e-6);
    const auto results = simulate_text("tank\nC1 a 0 1u IC=1\nL1 a 0 1m\n.tran 10u 20m uic\n");
    const auto& tran = results.at(0);
    const auto voltage = tran.real_vector("v(a)");
    double worst = 0.0;
    for (std::size_t k = 0; k < tran.sweep.size(); ++k)
        worst = std::max(worst, std::abs(voltage[k] - std::cos(omega * tran.sweep[k])));
    CHECK(20e-3 * omega / (2 * pi) > 100);
    CHECK(worst < 1e-3);  // reltol: of the waveform's peak, 1 V
}

TEST_CASE(".ic holds a node during the operating point and releases it in the transient", "[tran]") {
    // R C from 1 V with v(a) held at 0.2: v(a) = 1 - 0.8 exp(-t / RC), RC = 1 ms.
    const auto results = simulate_text("ic\nV1 in 0 1\nR1 in a 1k\nC1 a 0 1u\n.ic v(a)=0.2\n.tran 0.1m 5m\n");
    const auto& tran = results.at(0);
    const auto voltage = tran.real_vector("v(a)");
    CHECK(voltage[0] == Approx(0.2).epsilon(1e-9));
    for (std::size_t k = 0; k < tran.sweep.size(); ++k)
        CHECK(voltage[k] == Approx(1 - 0.8 * std::exp(-tran.sweep[k] / 1e-3)).epsilon(1e-3));
}

TEST_CASE("uic starts from the capacitor's IC= instead of the operating point", "[tran]") {
    const auto results = simulate_text("uic\nV1 in 0 1\nR1 in a 1k\nC1 a 0 1u IC=0.5\n.tran 0.1m 5m uic\n");
    const auto& tran = results.at(0);
    const auto voltage = tran.real_vector("v(a)");
    for (std::size_t k = 0; k < tran.sweep.size(); ++k)
        CHECK(voltage[k] == Approx(1 - 0.5 * std::exp(-tran.sweep[k] / 1e-3)).epsilon(1e-3));
}

TEST_CASE("reltol sets how close the transient stays to the exact waveform", "[tran]") {
    const double omega = 1.0 / std::sqrt(1e-3 * 1e-6);
    const auto worst_error = [&](const std::string& options) {
        const auto results = simulate_text("tank\nC1 a 0 1u IC=1\nL1 a 0 1m\n" + options + ".tran 10u 20m uic\n");
        const auto voltage = results.at(0).real_vector("v(a)");
        double worst = 0.0;
        for (std::size_t k = 0; k < voltage.size(); ++k)
            worst = std::max(worst, std::abs(voltage[k] - std::cos(omega * results.at(0).sweep[k])));
        return worst;
    };
    const double loose = worst_error(".options reltol=1e-2\n"), tight = worst_error(".options reltol=1e-4\n");
    CHECK(loose < 1e-2);
    CHECK(tight < 1e-4);
    CHECK(tight < loose / 10);
}

TEST_CASE("options that would change the answer are errors, others are warnings naming them", "[tran][errors]") {
    CHECK(error_of("t\nV1 a 0 1\nR1 a 0 1\n.options rshunt=1e9\n.op\n").find("not supported") != std::string::npos);
    CHECK(error_of("t\nV1 a 0 1\nR1 a 0 1\n.options reltol=0\n.op\n").find("test.cir:4:17: error: option 'reltol' must be above zero") == 0);
    CHECK(error_of("t\nV1 a 0 1\nR1 a 0 1\n.ic v(b)=1\n.op\n").find("test.cir:4:5: error: .ic names node 'b'") == 0);
    CHECK(error_of("t\nV1 a 0 1\nR1 a 0 1\n.ic v(a 0)=1\n.op\n").find(".ic sets one node voltage") != std::string::npos);
    const auto deck = hpsim::sim::load_deck_text("t\nV1 a 0 1\nR1 a 0 1\n.options method=gear itl4=100\n.op\n", "test.cir");
    REQUIRE(deck.circuit.warnings.size() == 2);
    CHECK(deck.circuit.warnings[0].to_string() == "test.cir:4:10: warning: option 'method' ignored");
}
