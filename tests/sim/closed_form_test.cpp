// Each analysis against physics with a closed form.
#include <catch2/catch.hpp>
#include <cmath>
#include <complex>
#include <numbers>

#include "../support.hpp"

using hpsim::testing::simulate_text;
using Complex = std::complex<double>;
constexpr double pi = std::numbers::pi;

namespace {

double relative_error(Complex actual, Complex expected) { return std::abs(actual - expected) / std::abs(expected); }

}  // namespace

TEST_CASE("a resistive divider splits the voltage by its resistances", "[op]") {
    const auto results = simulate_text("divider\nV1 top 0 10\nR1 top mid 1k\nR2 mid 0 3k\n.op\n");
    const auto& op = results.at(0);
    CHECK(relative_error(op.real_vector("v(mid)")[0], 7.5) < 1e-12);
    // The source delivers 2.5 mA out of its + terminal: i(v1), into +, is negative.
    CHECK(relative_error(op.real_vector("i(v1)")[0], -2.5e-3) < 1e-12);
}

TEST_CASE("an RC low-pass is 3.0103 dB down and 45 degrees behind at its corner", "[ac]") {
    const double corner_hz = 1.0 / (2 * pi * 1e3 * 159.154943e-9);
    const auto results = simulate_text("rc\nV1 in 0 AC 1\nR1 in out 1k\nC1 out 0 159.154943n\n.ac lin 1 " +
                                       std::to_string(corner_hz) + " " + std::to_string(corner_hz) + "\n");
    const Complex response = results.at(0).complex_vector("v(out)")[0];
    const double frequency = results.at(0).sweep[0];
    const Complex expected = 1.0 / (1.0 + Complex(0, 2 * pi * frequency * 1e3 * 159.154943e-9));
    CHECK(relative_error(response, expected) < 1e-9);
    CHECK(20 * std::log10(std::abs(response)) == Approx(-3.0103).margin(1e-4));
    CHECK(std::arg(response) * 180 / pi == Approx(-45.0).margin(1e-4));
}

TEST_CASE("a series RLC passes the load's share of the source at resonance and the complex divider elsewhere", "[ac]") {
    const auto results = simulate_text(
        "rlc\nVin in 0 AC 1\nR1 in a 10\nL1 a b 1m\nC1 b out 1u\nRload out 0 10\n.ac dec 50 100 100k\n");
    const auto& ac = results.at(0);
    const auto out = ac.complex_vector("v(out)");
    REQUIRE(out.size() == 151);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double omega = 2 * pi * ac.sweep[i];
        const Complex impedance = 20.0 + Complex(0, omega * 1e-3) + 1.0 / Complex(0, omega * 1e-6);
        CHECK(relative_error(out[i], 10.0 / impedance) < 1e-9);
    }
    const double resonance_hz = 1 / (2 * pi * std::sqrt(1e-3 * 1e-6));
    const auto at_resonance = simulate_text("rlc\nVin in 0 AC 1\nR1 in a 10\nL1 a b 1m\nC1 b out 1u\nRload out 0 10\n.ac lin 1 " +
                                            std::to_string(resonance_hz) + " " + std::to_string(resonance_hz) + "\n");
    CHECK(std::abs(at_resonance[0].complex_vector("v(out)")[0]) == Approx(0.5).epsilon(1e-6));
}

TEST_CASE("perfectly coupled inductors through K are an ideal transformer with ratio sqrt(L2/L1)", "[ac]") {
    const auto results = simulate_text("transformer\nV1 p 0 AC 1\nRs p a 1\nL1 a 0 10m\nL2 s 0 40m\nK1 L1 L2 1\n"
                                       "Rl s 0 100\n.ac dec 5 10 100k\n");
    const auto primary = results.at(0).complex_vector("v(a)");
    const auto secondary = results.at(0).complex_vector("v(s)");
    for (std::size_t i = 0; i < primary.size(); ++i) CHECK(relative_error(secondary[i] / primary[i], 2.0) < 1e-9);
}

TEST_CASE("coupling with k below one leaks: open-circuit secondary is k sqrt(L2/L1) of the primary", "[ac]") {
    const auto results = simulate_text("leaky\nV1 p 0 AC 1\nRs p a 1\nL1 a 0 10m\nL2 s 0 40m\nK1 L1 L2 0.9\n"
                                       "Rl s 0 1e15\n.ac lin 1 1k 1k\n");
    const Complex ratio = results.at(0).complex_vector("v(s)")[0] / results.at(0).complex_vector("v(a)")[0];
    CHECK(relative_error(ratio, 0.9 * 2.0) < 1e-9);
}

TEST_CASE("each linear controlled source produces its closed-form output", "[op]") {
    const auto results = simulate_text(R"(controlled
Vin in 0 DC 1
Rin in 0 1k
E1 e 0 in 0 2
Re e 0 1k
G1 0 g in 0 1m
Rg g 0 2k
Vsense e sense 0
Rsense sense 0 500
F1 0 f Vsense 3
Rf f 0 100
H1 h 0 Vsense 50
Rh h 0 1k
.op
)");
    const auto& op = results.at(0);
    CHECK(relative_error(op.real_vector("v(e)")[0], 2.0) < 1e-12);         // E: 2 * 1 V
    CHECK(relative_error(op.real_vector("v(g)")[0], 2.0) < 1e-12);         // G: 1 mS * 1 V * 2 kOhm
    CHECK(relative_error(op.real_vector("i(vsense)")[0], 4e-3) < 1e-12);   // 2 V / 500 Ohm
    CHECK(relative_error(op.real_vector("v(f)")[0], 1.2) < 1e-12);         // F: 3 * 4 mA * 100 Ohm
    CHECK(relative_error(op.real_vector("v(h)")[0], 0.2) < 1e-12);         // H: 50 Ohm * 4 mA
}

TEST_CASE("a DC sweep moves a divider linearly with its source", "[dc]") {
    const auto results = simulate_text("sweep\nVs top 0 0\nR1 top mid 1k\nR2 mid 0 1k\n.dc Vs -1 1 0.5\n");
    const auto& dc = results.at(0);
    REQUIRE(dc.sweep == std::vector<double>{-1, -0.5, 0, 0.5, 1});
    CHECK(dc.header.sweep_name == "vs");
    const auto mid = dc.real_vector("v(mid)");
    for (std::size_t i = 0; i < mid.size(); ++i) CHECK(mid[i] == Approx(dc.sweep[i] / 2).margin(1e-15));
}

TEST_CASE("a pulse into an RC charges as 1 - exp(-t/RC)", "[tran]") {
    const auto results = simulate_text("rc step\nV1 in 0 PULSE(0 1 1m 1n 1n 10 20)\nR1 in out 1k\nC1 out 0 1u\n"
                                       ".tran 10u 6m\n");
    const auto& tran = results.at(0);
    const auto out = tran.real_vector("v(out)");
    REQUIRE(tran.sweep.size() == 601);
    double worst = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double t = tran.sweep[i];
        const double expected = t <= 1e-3 ? 0.0 : 1 - std::exp(-(t - 1e-3) / 1e-3);
        worst = std::max(worst, std::abs(out[i] - expected));
        CHECK(t == Approx(static_cast<double>(i) * 10e-6).margin(1e-15));
    }
    CHECK(worst < 1e-3);
}

TEST_CASE("an inductor current rises as (V/R)(1 - exp(-tR/L)) from the operating point", "[tran]") {
    const auto results = simulate_text("rl\nV1 in 0 PWL(0 0 1n 1)\nR1 in out 10\nL1 out 0 1m\n.tran 1u 500u\n");
    const auto& tran = results.at(0);
    const auto current = tran.real_vector("i(l1)");
    double worst = 0;
    for (std::size_t i = 0; i < current.size(); ++i)
        worst = std::max(worst, std::abs(current[i] - 0.1 * (1 - std::exp(-tran.sweep[i] / 1e-4))));
    CHECK(worst < 1e-3 * 0.1);
}

TEST_CASE("a sine source in steady state through a divider keeps its amplitude ratio", "[tran]") {
    const auto results = simulate_text("sine\nV1 in 0 SIN(0.5 2 1k)\nR1 in out 1k\nR2 out 0 3k\n.tran 10u 2m\n");
    const auto& tran = results.at(0);
    const auto out = tran.real_vector("v(out)");
    for (std::size_t i = 0; i < out.size(); ++i)
        CHECK(out[i] == Approx(0.75 * (0.5 + 2 * std::sin(2 * pi * 1e3 * tran.sweep[i]))).margin(1e-12));
}

TEST_CASE("a .tran start time drops the rows before it", "[tran]") {
    const auto results = simulate_text("start\nV1 in 0 1\nR1 in 0 1\n.tran 1m 10m 5m\n");
    REQUIRE(results.at(0).sweep.size() == 6);
    CHECK(results.at(0).sweep.front() == Approx(5e-3));
}

TEST_CASE("analyses arrive in deck order with an ordinal per kind", "[results]") {
    const auto results = simulate_text("order\nV1 a 0 1 AC 1\nR1 a b 1\nC1 b 0 1u\n.ac lin 2 1 2\n.op\n.ac lin 3 1 3\n");
    REQUIRE(results.size() == 3);
    CHECK(results[0].header.kind == hpsim::sim::AnalysisKind::ac);
    CHECK(results[1].header.kind == hpsim::sim::AnalysisKind::op);
    CHECK(results[2].header.ordinal == 2);
    CHECK(results[2].sweep.size() == 3);
    CHECK(results[0].header.vector_names == std::vector<std::string>{"v(a)", "v(b)", "i(v1)"});
}
