// Each measurement against its closed form, on an ideal catalog (contacts and wires of
// microohms) where the formula holds to about 1e-7.
#include <catch2/catch.hpp>
#include <cmath>
#include <complex>
#include <numbers>

#include "../support.hpp"
#include "headphone/hazards.hpp"
#include "rig_support.hpp"

using namespace hpsim;
using Complex = std::complex<double>;

namespace {

using testing::ideal_catalog;

headphone::Measurements measure_rig(const std::string& name, const std::string& text, const std::optional<std::string>& mode = {},
                                    std::vector<headphone::CurvePoint>* curves = nullptr) {
    const auto path = testing::write_rig(name, text);
    const headphone::Rig rig = headphone::load_rig(path, ideal_catalog(), mode);
    const headphone::CompiledRig compiled = headphone::compile_rig(rig);
    headphone::Measurements m = headphone::measure(rig, compiled, 1.0, curves);
    m.hazards = headphone::assess_hazards(m, 1.0);
    return m;
}

bool has_hazard(const headphone::Measurements& m, const std::string& code) {
    return std::any_of(m.hazards.begin(), m.hazards.end(), [&](const auto& h) { return h.code == code; });
}

const char* bridged_rig = R"(
[amplifier]
model = "ideal-amp"
%s
[cable]
model = "ideal-4wire"
plug = { single-ended = "ideal-trs", balanced = "ideal-balanced" }
[headphone]
model = "ideal-32"
)";

std::string with(const char* pattern, const std::string& extra) {
    std::string text = pattern;
    return text.replace(text.find("%s"), 2, extra);
}

}  // namespace

TEST_CASE("bridged drive gives 4.00x the power of single-ended when voltage-limited", "[measure]") {
    const auto se = measure_rig("bridge-se", with(bridged_rig, ""), "single-ended");
    const auto bal = measure_rig("bridge-bal", with(bridged_rig, ""), "balanced");
    CHECK(se.clip_limited_by == "voltage");
    CHECK(bal.clip_limited_by == "voltage");
    // 2 Vrms into 32 Ohm: 125 mW single-ended, 500 mW bridged, each leg 125 mA.
    CHECK(se.left.clip_power_mw == Approx(125).epsilon(1e-6));
    CHECK(bal.left.clip_power_mw == Approx(500).epsilon(1e-6));
    CHECK(bal.left.clip_power_mw / se.left.clip_power_mw == Approx(4.00).epsilon(1e-6));
    CHECK(bal.left.drive_vrms / se.left.drive_vrms == Approx(2.0).epsilon(1e-6));
    CHECK(bal.legs[0].current_arms * bal.clip_scale == Approx(0.125).epsilon(1e-6));
}

TEST_CASE("when a leg's current limit binds, bridging gains only (I_limit R)^2 / V_limit^2", "[measure]") {
    const std::string limit = "current_limit_arms = 0.1";
    const auto se = measure_rig("limit-se", with(bridged_rig, limit), "single-ended");
    const auto bal = measure_rig("limit-bal", with(bridged_rig, limit), "balanced");
    CHECK(se.clip_limited_by == "voltage");   // 2 V / 32 Ohm = 62.5 mA < 100 mA
    CHECK(bal.clip_limited_by == "current");  // 4 V / 32 Ohm would need 125 mA
    CHECK(bal.left.clip_power_mw == Approx(1000 * 0.1 * 0.1 * 32).epsilon(1e-6));
    CHECK(bal.left.clip_power_mw / se.left.clip_power_mw == Approx(0.1 * 0.1 * 32 * 32 / 4).epsilon(1e-6));  // 2.56
}

TEST_CASE("shared-ground crosstalk is 20 log10(Rs / (Z + Rs + Zo))", "[measure]") {
    const auto m = measure_rig("crosstalk", R"(
[amplifier]
model = "ideal-amp"
ground_return_ohm = 0.1
output_impedance_ohm = 0.5
[cable]
model = "ideal-3wire"
plug = "ideal-trs"
[headphone]
model = "ideal-32"
)");
    const double expected = 20 * std::log10(0.1 / (32 + 0.1 + 0.5));
    for (int spot = 0; spot < 4; ++spot) {
        CHECK(m.right.crosstalk_db[spot] == Approx(expected).margin(0.01));
        CHECK(m.left.crosstalk_db[spot] == Approx(expected).margin(0.01));
    }
}

TEST_CASE("the response error is the spread of the complex divider Z / (Z + Zo)", "[measure]") {
    std::vector<headphone::CurvePoint> curves;
    const auto m = measure_rig("response", R"(
[amplifier]
model = "ideal-amp"
output_impedance_ohm = 10
[cable]
model = "ideal-3wire"
plug = "ideal-trs"
[headphone]
model = "ideal-dynamic"
)", {}, &curves);
    double lowest = INFINITY, highest = -INFINITY;
    for (const auto& point : curves) {
        const double omega = 2 * std::numbers::pi * point.frequency_hz;
        const Complex motional = 1.0 / (1.0 / 200 + Complex(0, omega * 17.7e-6) + 1.0 / Complex(0, omega * 0.177));
        const Complex z = 300.0 + Complex(0, omega * 0.1e-3) + motional;
        const double response = 20 * std::log10(std::abs(z / (z + 10.0)));
        CHECK(point.left_response_db == Approx(response).margin(1e-6));
        CHECK(point.left_impedance_ohm == Approx(std::abs(z)).epsilon(1e-6));
        CHECK(point.left_impedance_phase_deg == Approx(std::arg(z) * 180 / std::numbers::pi).margin(1e-4));
        CHECK(point.left_source_impedance_ohm == Approx(10).epsilon(1e-5));  // the output impedance, the rest microohms
        lowest = std::min(lowest, response), highest = std::max(highest, response);
    }
    CHECK(m.left.fr_error_db == Approx(highest - lowest).margin(1e-6));
    CHECK(m.left.fr_error_db == Approx(0.11).margin(0.01));  // Zo 10 Ohm on a 300-500 Ohm swing
    // The driver sees the 10 Ohm output impedance (the rest is microohms): DF = |Z(1 kHz)| / 10.
    const double omega = 2 * std::numbers::pi * 1000;
    const Complex z_1k = 300.0 + Complex(0, omega * 0.1e-3) + 1.0 / (1.0 / 200 + Complex(0, omega * 17.7e-6) + 1.0 / Complex(0, omega * 0.177));
    CHECK(m.left.damping_factor == Approx(std::abs(z_1k) / 10).epsilon(1e-5));
}

TEST_CASE("a reversed 2-pin keeps the power and flips the polarity", "[measure]") {
    const char* rig = R"(
[amplifier]
model = "ideal-amp"
[cable]
model = "ideal-3wire"
plug = "ideal-trs"
[headphone]
model = "ideal-32"
%s
)";
    const auto straight = measure_rig("straight", with(rig, ""));
    const auto reversed = measure_rig("reversed", with(rig, "reversed = [\"left\"]"));
    CHECK(std::abs(reversed.left.power_mw / straight.left.power_mw - 1) < 1e-9);
    CHECK(straight.left.polarity == '+');
    CHECK(reversed.left.polarity == '-');
    CHECK(reversed.right.polarity == '+');
    CHECK(std::abs(reversed.interchannel_phase_deg) == Approx(180).margin(1e-6));
    CHECK(has_hazard(reversed, "polarity-reversed"));
    CHECK_FALSE(has_hazard(straight, "polarity-reversed"));
    // A warning, not information: nothing is harmed, but the stereo image is.
    for (const headphone::Hazard& hazard : reversed.hazards)
        if (hazard.code == "polarity-reversed") CHECK(hazard.severity == "warning");
}

TEST_CASE("a CTIA headset in an OMTP jack puts (L-R)/2 across each driver", "[measure]") {
    const auto m = measure_rig("ctia", "[amplifier]\nmodel = \"ideal-omtp-phone\"\n[headphone]\nmodel = \"ideal-headset\"\n");
    // Left channel alone: the left driver gets +L/2, the right driver -L/2.
    CHECK(std::pow(10, m.left.response_db_vs_ideal / 20) == Approx(0.5).epsilon(0.01));
    CHECK(m.right.crosstalk_db[1] == Approx(0.0).margin(20 * std::log10(1.01)));
    CHECK(m.left.mono_ratio < 0.01);  // the same signal in both channels cancels
    CHECK(has_hazard(m, "common-not-grounded"));
}

TEST_CASE("a balanced amplifier through the tie-to-ground adapter raises a danger with the short-circuit current", "[measure]") {
    const auto path = testing::source_path("netlists/rigs/balanced-amp-se-adapter.toml");
    const headphone::Rig rig = headphone::load_rig(path, testing::catalog());
    auto m = headphone::measure(rig, headphone::compile_rig(rig), 1.0, nullptr);
    const auto hazards = headphone::assess_hazards(m, 1.0);
    const auto leg = std::find_if(m.legs.begin(), m.legs.end(), [](const auto& l) { return l.function == "left-"; });
    REQUIRE(leg != m.legs.end());
    // A -1 V source behind its 1 Ohm output impedance into the tied node.
    CHECK(leg->current_arms > 0.8);
    CHECK(leg->current_arms > leg->limit_arms);
    const auto danger = std::find_if(hazards.begin(), hazards.end(), [](const auto& h) { return h.severity == "danger"; });
    REQUIRE(danger != hazards.end());
    CHECK(danger->code == "leg-short");
    char current[16];
    std::snprintf(current, sizeof current, "%.3g A", leg->current_arms);
    CHECK(danger->message.find(current) != std::string::npos);
}

TEST_CASE("a leg whose current limit falls below the reference level clips early and is not a short", "[measure]") {
    // 1 V into 32 Ohm draws 31 mA, past a 20 mA limit: the clip level is 0.02 * 32 = 0.64 V.
    const auto m = measure_rig("early-clip", with(bridged_rig, "current_limit_arms = 0.02"), "single-ended");
    CHECK(m.clip_limited_by == "current");
    CHECK(m.clip_scale == Approx(0.02 * 32).epsilon(1e-6));
    CHECK(m.legs[0].current_arms > m.legs[0].limit_arms);
    CHECK_FALSE(has_hazard(m, "leg-short"));
}
