// Dual 3-pin XLR: an amplifier output with one jack per channel and a cable with one plug
// per channel. Each channel on its own pair of conductors: no crosstalk, and the bridged
// drive is twice the single-ended voltage.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "../support.hpp"
#include "headphone/match/answers.hpp"
#include "headphone/mating.hpp"
#include "rig_support.hpp"
#include "verify/cross_check.hpp"

using namespace hpsim;
namespace match = headphone::match;

namespace {

using testing::ideal_catalog;

headphone::Measurements measure_rig(const headphone::Catalog& catalog, const std::string& name, const std::string& text,
                                    const std::optional<std::string>& mode = {}) {
    const auto path = testing::write_rig(name, text);
    const headphone::Rig rig = headphone::load_rig(path, catalog, mode);
    return headphone::measure(rig, headphone::compile_rig(rig), 1.0, nullptr);
}

headphone::Termination termination(const std::string& name) {
    return headphone::read_termination(testing::catalog(), name, {"test", 1, 1});
}

}  // namespace

TEST_CASE("a per-channel connector is a pair at the amplifier: left's poles, then right's", "[dual-xlr]") {
    const auto pair = headphone::stereo_connector(termination("xlr-3-dual"));
    CHECK(pair.connectors == 2);
    CHECK(pair.poles == std::vector<std::string>{"ground", "left+", "left-", "ground", "right+", "right-"});
    CHECK_FALSE(headphone::mating_problem(pair, pair));
    const auto touching = headphone::touching_contacts(pair, pair);
    CHECK(touching.size() == 6);
    for (const auto& [contact, pole] : touching) CHECK(contact == pole);  // left into left, right into right
    const auto one = headphone::geometry_problem(pair, termination("xlr-3-dual"));
    REQUIRE(one);
    CHECK(one->aspect + ": " + one->detail == "connector count: one plug, a pair of jacks (one per channel)");
    CHECK(headphone::geometry_problem(termination("xlr-4"), pair)->aspect == "plug family");
}

TEST_CASE("dual 3-pin XLR: no crosstalk and twice the single-ended drive (ideal parts)", "[dual-xlr]") {
    const char* rig = R"(
[amplifier]
model = "ideal-dual-xlr-amp"
[cable]
model = "%s"
[headphone]
model = "ideal-32"
)";
    const auto with = [&](const char* cable) {
        std::string text = rig;
        return text.replace(text.find("%s"), 2, cable);
    };
    const auto balanced = measure_rig(ideal_catalog(), "dual-bal", with("ideal-dual-xlr-cable"), "balanced");
    const auto single = measure_rig(ideal_catalog(), "dual-se", with("ideal-3wire"), "single-ended");
    CHECK(balanced.left.drive_vrms == Approx(2.0).epsilon(1e-6));
    CHECK(single.left.drive_vrms == Approx(1.0).epsilon(1e-6));
    CHECK(balanced.right.drive_vrms / single.right.drive_vrms == Approx(2.0).epsilon(1e-6));
    CHECK(balanced.left.power_mw == Approx(4 * single.left.power_mw).epsilon(1e-5));
    for (int spot = 0; spot < 4; ++spot) {
        CHECK(balanced.left.crosstalk_db[spot] < -150);
        CHECK(balanced.right.crosstalk_db[spot] < -150);
    }
    CHECK(balanced.legs.size() == 4);
}

TEST_CASE("the bundled dual 3-pin XLR amplifier and cable drive 2 V Z / (Z + 2 R_leg) with no crosstalk", "[dual-xlr]") {
    // Resistive: a 32 Ohm load, conductors without L and C. Each leg: 0.5 Ohm output, the
    // XLR contact 5 mOhm, 3 m of AWG 24 (84.2 mOhm/m), the 2-pin contact 20 mOhm.
    const auto m = measure_rig(testing::catalog(), "dual-bundled", R"(
[amplifier]
model = "desktop-amp-dual-xlr"
mode = "balanced"
[cable]
model = "headphone-dual-xlr3-4wire-24awg-2pin"
inductance_per_m_h = 1e-18
capacitance_per_m_f = 1e-21
[headphone]
model = "resistor-32"
)");
    const double leg = 0.5 + 0.005 + 3 * 0.0842 + 0.02;
    CHECK(m.left.drive_vrms == Approx(2 * 32 / (32 + 2 * leg)).epsilon(1e-9));
    CHECK(m.right.drive_vrms == Approx(2 * 32 / (32 + 2 * leg)).epsilon(1e-9));
    CHECK(m.left.crosstalk_db[3] < -150);
    // With the cable's real capacitance the two pairs still couple symmetrically: none.
    const auto hd800 = testing::compile_rig_file(testing::source_path("netlists/rigs/dual-xlr3-hd800.toml"));
    const auto real = headphone::measure(hd800.rig, hd800.compiled, 1.0, nullptr);
    CHECK(real.left.crosstalk_db[3] < -120);
    CHECK(real.left.drive_vrms == Approx(2.0).epsilon(0.01));
}

TEST_CASE("match finds the dual 3-pin XLR paths, and each path's rig agrees with ngspice", "[dual-xlr][match][ngspice]") {
    const auto ideal = match::match(ideal_catalog(), match::equipment_from_catalog(ideal_catalog(), "ideal-dual-xlr-amp", "ideal-32"), 110, 0);
    std::set<std::string> chains;
    for (const auto& path : ideal.paths) chains.insert(match::chain_text(path.path, ideal.equipment));
    CHECK(chains == std::set<std::string>{"ideal-dual-xlr-amp single-ended (ideal-trs) > ideal-3wire (ideal-trs plug) > ideal-32",
                                          "ideal-dual-xlr-amp balanced (ideal-xlr3-dual) > ideal-dual-xlr-cable (ideal-xlr3-dual plug) > ideal-32"});
    REQUIRE(!ideal.paths.empty());
    CHECK(ideal.paths.front().path.mode == "balanced");  // twice the voltage: 6 dB more headroom
    CHECK(ideal.paths.front().headroom_db - ideal.paths.back().headroom_db == Approx(20 * std::log10(2.0)).margin(1e-4));

    const auto bundled = match::match(testing::catalog(), match::equipment_from_catalog(testing::catalog(), "desktop-amp-dual-xlr", "hd800-class"), 110, 1);
    std::set<std::string> balanced;
    for (const auto& path : bundled.paths) {
        if (path.path.mode != "balanced") continue;
        balanced.insert(match::chain_text(path.path, bundled.equipment));
        const auto rig = headphone::load_rig_text(path.rig, "path.toml", testing::catalog());
        const auto report = verify::cross_check(sim::load_deck_text(headphone::compile_rig(rig).netlist, "path.toml"), verify::Tolerances{});
        CHECK(report.passed());
        CHECK(path.verdict == "ok");
    }
    CHECK(balanced == std::set<std::string>{
                          "desktop-amp-dual-xlr balanced (xlr-3-dual) > headphone-dual-xlr3-4wire-24awg-2pin (xlr-3-dual plug) > hd800-class",
                          "desktop-amp-dual-xlr balanced (xlr-3-dual) > xlr-4-jack-to-dual-xlr-3-plugs > headphone-xlr4-4wire-24awg-2pin "
                          "(xlr-4 plug) > hd800-class"});
}
