// Fitting a passive R-L-C network to an impedance curve: curves computed from known
// networks are fitted back within 0.05 dB and 0.5 degrees across 20 Hz-20 kHz (checked
// between the file's points too), the network is passive and its transient decays.
#include <catch2/catch.hpp>
#include <cmath>
#include <complex>
#include <cstdio>
#include <fstream>
#include <functional>
#include <numbers>
#include <regex>
#include <sstream>

#include "../../support.hpp"
#include "headphone/measured/network_fit.hpp"
#include "headphone/measured/nnls.hpp"
#include "sim/load.hpp"
#include "sim/simulate.hpp"

using namespace hpsim;
using namespace hpsim::headphone::measured;
using Complex = std::complex<double>;

namespace {

Complex jw(double frequency_hz) { return {0, 2 * std::numbers::pi * frequency_hz}; }
Complex parallel(Complex a, Complex b) { return a * b / (a + b); }

// The catalog's hd600-class driver: Re + jwLe + (Res || Lces || Cmes), fs 90 Hz, Qms 2.
Complex dynamic_300(double f) {
    const double omega = 2 * std::numbers::pi * 90, cmes = 2 / (omega * 200), lces = 1 / (omega * omega * cmes);
    const Complex s = jw(f);
    return 300.0 + s * 0.1e-3 + 1.0 / (1.0 / 200 + s * cmes + 1.0 / (s * lces));
}

// The catalog's iem-multi-ba driver: a woofer R-L, and a tweeter R-L behind a capacitor.
Complex multi_ba(double f) {
    const Complex s = jw(f);
    return parallel(8.0 + s * 0.6e-3, 1.0 / (s * 4.7e-6) + 12.0 + s * 0.1e-3);
}

// A semi-inductance K (jw)^0.7 (eddy currents): no finite R-L-C network is exact.
Complex semi_inductive(double f) {
    const Complex s = jw(f);
    const double omega = 2 * std::numbers::pi * 60, cmes = 3 / (omega * 40), lces = 1 / (omega * omega * cmes);
    return 32.0 + 0.02 * std::pow(s, 0.7) + 1.0 / (1.0 / 40 + s * cmes + 1.0 / (s * lces));
}

// What a measuring tool writes: 48 points a decade from 10 Hz to 40 kHz, 6 digits.
std::string zma(Complex (*impedance)(double)) {
    std::ostringstream text;
    text << "* synthetic\nFreq(Hz) Magnitude(Ohm) Phase(deg)\n";
    for (int k = 0; k <= 48 * std::log10(4000.0) + 1e-9; ++k) {
        const double f = 10 * std::pow(10.0, k / 48.0);
        const Complex z = impedance(f);
        char line[96];
        std::snprintf(line, sizeof line, "%.6g %.6g %.6g\n", f, std::abs(z), std::arg(z) * 180 / std::numbers::pi);
        text << line;
    }
    return text.str();
}

struct Worst {
    double db = 0, deg = 0;
};

// Over 20 Hz-20 kHz at 400 points a decade (about 8 between two of the file's).
Worst against(const RlcNetwork& network, const std::function<Complex(double)>& truth) {
    Worst worst;
    for (double f = 20; f <= 20000 * 1.0001; f *= std::pow(10.0, 1.0 / 400)) {
        const Complex ratio = impedance_ohm(network, f) / truth(f);
        worst.db = std::max(worst.db, std::abs(20 * std::log10(std::abs(ratio))));
        worst.deg = std::max(worst.deg, std::abs(std::arg(ratio)) * 180 / std::numbers::pi);
    }
    return worst;
}

NetworkFit fit_text(const std::string& text) { return fit_network(parse_impedance_text(text, "synthetic.zma"), FitOptions{}); }

// The fitted network alone in a deck, driven by a 1 mA, 1 ms current pulse.
std::string pulse_deck(const RlcNetwork& network, double stop_s) {
    return "fitted network, pulse response\n.subckt fitted plus minus\n" + spice_cards(network) +
           ".ends fitted\nX1 plus 0 fitted\nI1 0 plus PULSE(0 1m 0 1u 1u 1m " + std::to_string(10 * stop_s) + ")\n.tran 20u " +
           std::to_string(stop_s) + "\n.end\n";
}

}  // namespace

TEST_CASE("curves from known networks are fitted back within 0.05 dB and 0.5 degrees across 20 Hz-20 kHz", "[measured]") {
    const std::pair<const char*, Complex (*)(double)> networks[] = {
        {"dynamic 300 Ohm", dynamic_300}, {"multi-BA", multi_ba}, {"semi-inductive dynamic", semi_inductive}};
    for (const auto& [name, impedance] : networks) {
        INFO(name);
        const NetworkFit fit = fit_text(zma(impedance));
        CHECK(fit.within(FitOptions{}));
        CHECK(fit.worst_db <= 0.05);
        CHECK(fit.worst_deg <= 0.5);
        const Worst worst = against(fit.network, impedance);
        CHECK(worst.db <= 0.05);
        CHECK(worst.deg <= 0.5);
    }
    // The rational ones are found exactly (to the file's 6 digits).
    CHECK(against(fit_text(zma(dynamic_300)).network, dynamic_300).db < 1e-3);
    CHECK(against(fit_text(zma(multi_ba)).network, multi_ba).db < 1e-3);
}

TEST_CASE("the fitted network is passive: every element above zero, Re Z >= 0 from 0.1 Hz to 10 MHz", "[measured]") {
    for (Complex (*impedance)(double) : {dynamic_300, multi_ba, semi_inductive}) {
        const NetworkFit fit = fit_text(zma(impedance));
        REQUIRE(!fit.network.elements.empty());
        for (const RlcElement& element : fit.network.elements) {
            INFO(element.name);
            CHECK(element.value > 0);
            CHECK(std::isfinite(element.value));
        }
        double lowest = INFINITY;
        for (double f = 0.1; f <= 1e7; f *= 1.01) lowest = std::min(lowest, impedance_ohm(fit.network, f).real());
        CHECK(lowest >= 0);
    }
}

TEST_CASE("the fitted network's transient is stable: a current pulse dies away", "[measured]") {
    for (Complex (*impedance)(double) : {dynamic_300, multi_ba, semi_inductive}) {
        const NetworkFit fit = fit_text(zma(impedance));
        sim::RecordingSink sink;
        sim::simulate(sim::load_deck_text(pulse_deck(fit.network, 0.2), "pulse.cir").circuit, sink);
        const auto voltage = sink.analyses.at(0).real_vector("v(plus)");
        double peak = 0;
        for (const double v : voltage) {
            REQUIRE(std::isfinite(v));
            peak = std::max(peak, std::abs(v));
        }
        CHECK(peak > 1e-3);                               // 1 mA into several ohms
        CHECK(std::abs(voltage.back()) < 1e-6 * peak);   // 199 ms after the pulse
    }
}

TEST_CASE("the shipped synthetic files fit their source networks across 20 Hz-20 kHz", "[measured]") {
    for (const std::string name : {"dynamic-300-synthetic", "iem-multi-ba-synthetic"}) {
        INFO(name);
        const std::string folder = testing::source_path("models/measurements/");
        const NetworkFit fit = fit_network(read_impedance_file(folder + name + ".zma"), FitOptions{});
        // The source deck, simulated densely: v(plus) is its impedance.
        std::ifstream source(folder + name + ".cir");
        std::stringstream text;
        text << source.rdbuf();
        const std::string dense = std::regex_replace(text.str(), std::regex("\\.ac dec 48 10 40k"), ".ac dec 400 20 20k");
        sim::RecordingSink sink;
        sim::simulate(sim::load_deck_text(dense, name + ".cir").circuit, sink);
        const auto& ac = sink.analyses.at(0);
        const auto truth = ac.complex_vector("v(plus)");
        double worst_db = 0, worst_deg = 0;
        for (std::size_t k = 0; k < truth.size(); ++k) {
            const Complex ratio = impedance_ohm(fit.network, ac.sweep[k]) / truth[k];
            worst_db = std::max(worst_db, std::abs(20 * std::log10(std::abs(ratio))));
            worst_deg = std::max(worst_deg, std::abs(std::arg(ratio)) * 180 / std::numbers::pi);
        }
        CHECK(truth.size() > 1000);
        CHECK(worst_db <= 0.05);
        CHECK(worst_deg <= 0.5);
    }
}

TEST_CASE("a curve no passive network can follow is fitted as well as it can be and marked outside the limit", "[measured]") {
    // A constant 10 Ohm at a constant +60 degrees: a positive-real impedance whose phase is
    // +60 degrees must rise in magnitude (about 13 dB a decade), so no R-L-C network follows it.
    std::string text;
    for (double f = 10; f <= 40000; f *= 1.2) text += std::to_string(f) + " 10 60\n";
    const NetworkFit fit = fit_text(text);
    CHECK_FALSE(fit.within(FitOptions{}));
    CHECK(fit.worst_db > 0.1);
}

TEST_CASE("a curve that does not cover the band is refused", "[measured][errors]") {
    std::string text;
    for (double f = 100; f <= 10000; f *= 1.2) text += std::to_string(f) + " 10 0\n";
    CHECK_THROWS_WITH(fit_text(text), Catch::StartsWith("the curve covers 100 Hz-9.54 kHz, not the band 20 Hz-20 kHz"));
}

TEST_CASE("non-negative least squares clamps what the unconstrained solution would make negative", "[measured]") {
    Eigen::MatrixXd a(3, 2);
    a << 1, 0, 0, 1, 1, 1;
    Eigen::VectorXd b(3);
    b << 1, -1, 0;
    // Unconstrained: x = (1, -1). With x2 = 0: (x1 - 1)^2 + 1 + x1^2 is least at x1 = 1/2.
    const Eigen::VectorXd x = non_negative_least_squares(a, b);
    CHECK(x(0) == Approx(0.5).epsilon(1e-12));
    CHECK(x(1) == 0);
    b << 1, 2, 3;  // an interior solution is the least-squares one
    const Eigen::VectorXd y = non_negative_least_squares(a, b);
    CHECK(y(0) == Approx(1).epsilon(1e-12));
    CHECK(y(1) == Approx(2).epsilon(1e-12));
}
