// hpsim match: the search through the catalog, the closed-form figures of each path on a
// catalog of ideal parts (tests/data/match-models: 32 Ohm resistive headphones, contacts
// and wires of microohms), and the answers on the bundled catalog.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "../../support.hpp"
#include "../rig_support.hpp"
#include "headphone/match/answers.hpp"
#include "verify/cross_check.hpp"

using namespace hpsim;
namespace match = headphone::match;

namespace {

const headphone::Catalog& match_catalog() {
    static const headphone::Catalog loaded = headphone::Catalog::load(testing::source_path("tests/data/match-models"));
    return loaded;
}

match::Match run_match(const headphone::Catalog& catalog, const std::string& amplifier, const std::string& headphone,
                       int max_adapters = 1, double target_spl_db = 110) {
    return match::match(catalog, match::equipment_from_catalog(catalog, amplifier, headphone), target_spl_db, max_adapters);
}

std::set<std::string> chains(const match::Search& search, const match::Equipment& equipment) {
    std::set<std::string> found;
    for (const match::Path& path : search.paths) found.insert(match::chain_text(path, equipment));
    return found;
}

bool has_adapter(const match::Path& path, const std::string& model) {
    return std::any_of(path.adapters.begin(), path.adapters.end(), [&](const auto& a) { return a.model == model; });
}

double db10(double ratio) { return 10 * std::log10(ratio); }

}  // namespace

TEST_CASE("the search finds every path through a small catalog and never leads back to a jack", "[match]") {
    const auto equipment = match::equipment_from_catalog(match_catalog(), "m-amp", "m-32");
    // At the 3.5 mm jack: m-3wire and m-modular's 3.5 mm plug; at 6.35 mm: m-big-3wire; at
    // 4.4 mm: m-modular's 4.4 mm plug. Adapters: m-tie (4.4 -> 3.5), m-big-to-small (3.5 ->
    // 6.35), m-small-to-big (6.35 -> 3.5, which would lead back).
    const std::size_t expected[] = {3, 6, 7, 7};
    for (int adapters = 0; adapters <= 3; ++adapters) {
        INFO("up to " << adapters << " adapters");
        CHECK(match::find_paths(match_catalog(), equipment, adapters).paths.size() == expected[adapters]);
    }
    const std::set<std::string> two{
        "m-amp single-ended (m-trs) > m-3wire (m-trs plug) > m-32",
        "m-amp single-ended (m-trs) > m-modular (m-trs plug) > m-32",
        "m-amp single-ended (m-trs) > m-big-to-small > m-big-3wire (m-big-trs plug) > m-32",
        "m-amp balanced (m-bal) > m-modular (m-bal plug) > m-32",
        "m-amp balanced (m-bal) > m-tie > m-3wire (m-trs plug) > m-32",
        "m-amp balanced (m-bal) > m-tie > m-modular (m-trs plug) > m-32",
        "m-amp balanced (m-bal) > m-tie > m-big-to-small > m-big-3wire (m-big-trs plug) > m-32",
    };
    CHECK(chains(match::find_paths(match_catalog(), equipment, 2), equipment) == two);
}

TEST_CASE("the power and voltage needed and every path's headroom follow the closed forms", "[match]") {
    for (const char* headphone : {"m-32", "m-32-per-volt"}) {
        INFO(headphone);
        const auto result = run_match(match_catalog(), "m-amp", headphone);
        // 100 dB/mW (114.95 dB/V) to 110 dB SPL: 10 mW, sqrt(10 mW * 32 Ohm) = 0.566 Vrms.
        CHECK(result.need.power_mw == Approx(10).epsilon(1e-6));
        CHECK(result.need.voltage_vrms == Approx(std::sqrt(0.010 * 32)).epsilon(1e-6));
        REQUIRE(result.paths.size() == 6);
        for (const auto& path : result.paths) {
            INFO(match::chain_text(path.path, result.equipment));
            double max_power_mw = 0;
            if (has_adapter(path.path, "m-tie")) {
                // The tied L- leg drives its 1 Ohm into ground: its 0.1 A limit binds at 0.1 V
                // open circuit, and the driver gets 0.1 * 32 / 33 V from its L+ leg.
                max_power_mw = 1000 * std::pow(0.1 * 32 / 33, 2) / 32;
                CHECK(path.verdict == "do not use");
                CHECK(path.measurements.clip_limited_by == "current");
            } else if (path.path.mode == "balanced") {
                // Bridged: 2 V open circuit per leg would drive 4 / 34 A; the 0.1 A limit binds.
                max_power_mw = 1000 * 0.1 * 0.1 * 32;
                CHECK(path.verdict == "ok");
                CHECK(path.measurements.clip_limited_by == "current");
            } else {
                max_power_mw = 1000 * 2.0 * 2.0 / 32;  // the 2 V limit binds first
                CHECK(path.verdict == "ok");
                CHECK(path.measurements.clip_limited_by == "voltage");
            }
            CHECK(path.max_spl_db == Approx(100 + db10(max_power_mw)).margin(1e-4));
            CHECK(path.headroom_db == Approx(db10(max_power_mw / 10)).margin(1e-4));
        }
        // Ranked: the balanced path (15.05 dB), the single-ended ones (10.97 dB), the tied ones last.
        CHECK(result.paths.front().path.mode == "balanced");
        CHECK(result.paths.front().headroom_db == Approx(db10(320.0 / 10)).margin(1e-4));
        CHECK(has_adapter(result.paths.back().path, "m-tie"));
    }
}

TEST_CASE("a balanced-only amplifier with a single-ended IEM finds only the tie-to-ground adapter and marks it harmful", "[match]") {
    const auto ideal = run_match(match_catalog(), "m-balanced-only", "m-32-fixed");
    REQUIRE(ideal.paths.size() == 1);
    const auto& path = ideal.paths.front();
    CHECK(match::chain_text(path.path, ideal.equipment) == "m-balanced-only balanced (m-bal) > m-tie > m-32-fixed");
    CHECK(path.verdict == "do not use");
    REQUIRE(!path.reasons.empty());
    // 1 Vrms behind the leg's 1 Ohm into the tied node: 1 A, ten times its limit.
    CHECK(path.reasons.front().find("the left- leg drives a near short") == 0);
    CHECK(path.reasons.front().find(": 1 A rms at 1 Vrms, against a limit of 0.1 A") != std::string::npos);
    CHECK(path.headroom_db == Approx(db10(1000 * std::pow(0.1 * 32 / 33, 2) / 32 / 10)).margin(1e-4));
    const auto answers = match::answers(ideal);
    CHECK(answers[0] == "Which connection works: no path works cleanly; 1 path must not be used: an amplifier leg drives a near "
                        "short (the 4.4 mm balanced output through m-tie).");
    CHECK(answers[1] == "Powerful enough without balanced? No: the amplifier has no single-ended output; no balanced path is safe.");

    const auto bundled = run_match(testing::catalog(), "portable-balanced-amp", "iem-dynamic-16-fixed-cable");
    REQUIRE(bundled.paths.size() == 1);
    CHECK(has_adapter(bundled.paths.front().path, "balanced-4.4-to-trs-3.5"));
    CHECK(bundled.paths.front().verdict == "do not use");
}

TEST_CASE("a headphone with vendor B mini-XLR sockets does not match a vendor A cable", "[match]") {
    const auto ideal = run_match(match_catalog(), "m-amp", "m-vendor-b");
    CHECK(ideal.paths.empty());
    const auto& refusals = ideal.search.refusals;
    const auto refusal = std::find_if(refusals.begin(), refusals.end(), [](const auto& r) { return r.part == "cable m-vendor-a-cable"; });
    REQUIRE(refusal != refusals.end());
    CHECK(refusal->problem.aspect == "pin map");  // the same family and pin count: it goes in, and connects nothing
    CHECK(match::answers(ideal) ==
          std::vector<std::string>{"Nothing fits: no cable in the catalog fits the headphone's mini-XLR, vendor B sockets (m-minixlr-b)."});

    const auto bundled = run_match(testing::catalog(), "desktop-amp", "dca-planar-class");
    CHECK(bundled.paths.size() == 2);
    for (const auto& path : bundled.paths) {
        REQUIRE(path.path.cable);
        CHECK(path.path.cable->model == "mini-xlr-vendor-b-xlr4-4wire-24awg");
        CHECK(path.verdict == "ok");
    }
    std::set<std::string> refused_for_pin_map;
    for (const auto& r : bundled.search.refusals)
        if (r.problem.aspect == "pin map") refused_for_pin_map.insert(r.part);
    CHECK(refused_for_pin_map == std::set<std::string>{"cable mini-xlr-vendor-a-4wire-24awg", "cable mini-xlr-vendor-a-xlr4-4wire-24awg"});
}

TEST_CASE("when nothing fits, match names the jacks within reach and the plugs the headphone's cables have", "[match]") {
    const auto result = run_match(testing::catalog(), "phone-dongle", "dca-planar-class");
    CHECK(result.paths.empty());
    CHECK(match::answers(result) ==
          std::vector<std::string>{"Nothing fits: no cable in the catalog goes from a 3.5 mm TRRS headset, CTIA jack (trrs-ctia-3.5) or a "
                                   "6.35 mm TRS stereo jack (trs-6.35) to 4-pin mini-XLR per cup, vendor B variant (mini-xlr-vendor-b); "
                                   "the cables that fit the headphone end in xlr-4 plugs; with --max-adapters 2 there is 1 path."});
    // Only the voltage follows from dB/V without a path to measure the driver on.
    CHECK(result.need.voltage_vrms == Approx(std::pow(10, (110 - 100) / 20.0)).epsilon(1e-12));
    CHECK(std::isnan(result.need.power_mw));
}

TEST_CASE("paths rank by verdict, then headroom, then crosstalk, and the answers give the HD600 figures", "[match]") {
    const auto result = run_match(testing::catalog(), "portable-player", "hd600-class");
    REQUIRE(result.paths.size() == 15);
    const auto shown = [](double value) { return std::round(value * 10) / 10; };
    const auto order = [](const std::string& verdict) { return verdict == "ok" ? 0 : verdict == "flawed" ? 1 : 2; };
    for (std::size_t i = 1; i < result.paths.size(); ++i) {
        const auto &a = result.paths[i - 1], &b = result.paths[i];
        INFO("rank " << i + 1);
        REQUIRE(order(a.verdict) <= order(b.verdict));
        if (a.verdict != b.verdict) continue;
        REQUIRE(shown(a.headroom_db) >= shown(b.headroom_db));
        if (shown(a.headroom_db) == shown(b.headroom_db)) CHECK(shown(a.crosstalk_db) <= shown(b.crosstalk_db));
    }
    // HD600 class (300 Ohm, 97 dB/mW): 20 mW, 2.45 Vrms for 110 dB SPL; a 2 Vrms leg reaches
    // 108.2 dB single-ended and 114.2 dB bridged.
    CHECK(result.need.power_mw == Approx(19.95).margin(0.01));
    CHECK(result.need.voltage_vrms == Approx(2.45).margin(0.005));
    const auto answers = match::answers(result);
    CHECK(answers[1].rfind("Powerful enough without balanced? No: single-ended, the 3.5 mm TRS stereo output through ", 0) == 0);
    CHECK(answers[1].find("reaches 108.2 dB SPL (1.8 dB short of 110, voltage-limited); the 4.4 mm TRRRS balanced output through ") !=
          std::string::npos);
    CHECK(answers[1].find("reaches 114.2 dB (4.2 dB to spare, voltage-limited).") != std::string::npos);
    CHECK(answers[0].find("3 paths must not be used: an amplifier leg drives a near short (all through balanced-4.4-to-trs-3.5)") !=
          std::string::npos);
}

TEST_CASE("a rig file gives its amplifier and headphone with their overrides, and each path's rig measures alike", "[match]") {
    const auto rig_path = testing::source_path("netlists/rigs/iem-3wire-worn-sleeve.toml");
    auto equipment = match::equipment_from_rig(testing::catalog(), rig_path);
    CHECK(equipment.amplifier_lines == "model = \"portable-player\"\njack_contact_resistance_ohm = { ground = 0.5 }\n");
    CHECK(equipment.outputs.size() == 2);
    const auto result = match::match(testing::catalog(), std::move(equipment), 110, 0);
    // The rig's own path (single-ended, iem-3wire-26awg) is among them, measured as compare measures the rig.
    const auto own = std::find_if(result.paths.begin(), result.paths.end(), [](const match::RankedPath& p) {
        return p.path.mode == "single-ended" && p.path.cable && p.path.cable->model == "iem-3wire-26awg";
    });
    REQUIRE(own != result.paths.end());
    const headphone::Rig rig = headphone::load_rig(rig_path, testing::catalog());
    const auto direct = headphone::measure(rig, headphone::compile_rig(rig), 1.0, nullptr);
    CHECK(own->measurements.left.crosstalk_db[3] == Approx(direct.left.crosstalk_db[3]).margin(1e-9));
    CHECK(own->max_spl_db == Approx(std::min(direct.left.clip_spl_db, direct.right.clip_spl_db)).margin(1e-9));
    CHECK(own->rig.find("jack_contact_resistance_ohm = { ground = 0.5 }") != std::string::npos);
}

TEST_CASE("every path through the bundled catalog's new parts compiles to a circuit that agrees with ngspice", "[match][ngspice]") {
    // Between them these pairs use every adapter and cable added for match.
    const std::pair<const char*, const char*> pairs[] = {
        {"portable-player", "hd600-class"}, {"desktop-amp", "hd600-class"}, {"desktop-amp", "lcd-2-class"},
        {"desktop-amp", "dca-planar-class"}, {"portable-player", "sundara-class"}};
    std::size_t paths = 0;
    for (const auto& [amplifier, headphone] : pairs) {
        const auto result = run_match(testing::catalog(), amplifier, headphone);
        for (const auto& path : result.paths) {
            INFO(path.rig);
            const auto rig = headphone::load_rig_text(path.rig, "path.toml", testing::catalog());
            const auto deck = sim::load_deck_text(headphone::compile_rig(rig).netlist, "path.toml");
            const auto report = verify::cross_check(deck, verify::Tolerances{});
            for (const auto& problem : report.problems) UNSCOPED_INFO(problem);
            CHECK(report.passed());
            ++paths;
        }
    }
    CHECK(paths == 15 + 8 + 3 + 2 + 5);
}
