// Rigs compile to circuits that are right by construction and agree with ngspice.
#include <catch2/catch.hpp>
#include <cmath>
#include <complex>
#include <numeric>

#include "../support.hpp"
#include "rig_support.hpp"
#include "sim/simulate.hpp"
#include "verify/cross_check.hpp"

using namespace hpsim;
using testing::compile_rig_file;

namespace {

// Nodes joined through the rig's small resistances (contacts, wires, conductors) and
// conductor inductances: what "lands on" what.
class LowResistancePaths {
public:
    explicit LowResistancePaths(const sim::Circuit& circuit) : circuit_(circuit), parent_(circuit.node_names.size()) {
        std::iota(parent_.begin(), parent_.end(), 0);
        for (const auto& element : circuit.elements) {
            const bool small_resistor = element.kind == sim::ElementKind::resistor && element.value < 1.0;
            const bool conductor_inductance = element.kind == sim::ElementKind::inductor && element.value < 1e-5;
            if (small_resistor || conductor_inductance) parent_[find(element.nodes[0])] = find(element.nodes[1]);
        }
    }
    bool joined(const std::string& a, const std::string& b) { return find(node(a)) == find(node(b)); }

private:
    const sim::Circuit& circuit_;
    std::vector<std::size_t> parent_;
    std::size_t find(std::size_t i) { return parent_[i] == i ? i : parent_[i] = find(parent_[i]); }
    std::size_t find(int i) { return find(static_cast<std::size_t>(i)); }
    std::size_t node(const std::string& name) {
        for (std::size_t i = 0; i < circuit_.node_names.size(); ++i)
            if (circuit_.node_names[i] == name) return i;
        FAIL("no node " << name);
        return 0;
    }
};

// Sum of the resistors named prefix1, prefix2, ... (one per lumped section).
double sum_of_sections(const sim::Circuit& circuit, const std::string& prefix) {
    double total = 0;
    for (const auto& element : circuit.elements)
        if (element.kind == sim::ElementKind::resistor && element.name.rfind(prefix, 0) == 0 &&
            element.name.size() > prefix.size() && std::isdigit(static_cast<unsigned char>(element.name[prefix.size()])))
            total += element.value;
    return total;
}

}  // namespace

TEST_CASE("every example rig compiles, runs and agrees with ngspice", "[rig][ngspice]") {
    const std::filesystem::path folder = testing::source_path("netlists/rigs");
    std::size_t rigs = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() != ".toml") continue;
        ++rigs;
        for (const std::string mode : {"", "balanced"}) {
            if (!mode.empty() && entry.path().filename() != "player-se-vs-balanced-hd600.toml") continue;
            SECTION(entry.path().filename().string() + " " + mode) {
                const auto rig = compile_rig_file(entry.path(), mode.empty() ? std::nullopt : std::optional(mode));
                const auto report = verify::cross_check(rig.deck, verify::Tolerances{});
                for (const auto& problem : report.problems) UNSCOPED_INFO(problem);
                CHECK(report.passed());
            }
        }
    }
    CHECK(rigs == 11);
}

TEST_CASE("N metres of AWG 26 conductor is 133.9 mOhm per metre", "[rig]") {
    const auto path = testing::write_rig("awg", R"(
[amplifier]
model = "portable-player"
[cable]
model = "iem-3wire-26awg"
length_m = 2.5
y_split_leg_m = 0.5
sections = 3
[headphone]
model = "resistor-32"
)");
    const auto rig = compile_rig_file(path);
    // The left signal runs the main length (2 m) and then the left leg (0.5 m).
    const double left = sum_of_sections(rig.deck.circuit, "xcable.rleft") + sum_of_sections(rig.deck.circuit, "xcable.rleftleg_plus");
    CHECK(left == Approx(2.5 * 0.1339).epsilon(1e-12));
    CHECK(sum_of_sections(rig.deck.circuit, "xcable.rground") == Approx(2.0 * 0.1339).epsilon(1e-12));
    CHECK(sum_of_sections(rig.deck.circuit, "xcable.rleftleg_minus") == Approx(0.5 * 0.1339).epsilon(1e-12));
}

TEST_CASE("a 3-wire cable's shared return puts Rs/(R_right + Rs) of the left current's drop across the right driver", "[rig]") {
    // Resistive everything (negligible L and C), left channel driven, right silent.
    const auto path = testing::write_rig("shared", R"(
[amplifier]
model = "portable-player"
[cable]
model = "iem-3wire-26awg"
inductance_per_m_h = 1e-18
capacitance_per_m_f = 1e-21
[headphone]
model = "resistor-32"
[drive]
right_vrms = 0
)");
    const auto rig = compile_rig_file(path);
    sim::RecordingSink sink;
    sim::simulate(rig.deck.circuit, sink);
    const auto& ac = sink.analyses.at(1);
    const auto voltage = [&](const std::string& node) { return ac.complex_vector("v(" + node + ")")[0]; };
    const std::complex<double> right_driver = voltage(rig.compiled.right_driver.plus) - voltage(rig.compiled.right_driver.minus);
    const std::complex<double> left_driver = voltage(rig.compiled.left_driver.plus) - voltage(rig.compiled.left_driver.minus);

    // Two meshes: I_L (R_L + R_s) + I_R R_s = V and I_R (R_R + R_s) + I_L R_s = 0, so the
    // right driver carries I_R = -I_L R_s / (R_R + R_s).
    const double contact = 0.03 /* trs-3.5 */, cup_contact = 0.02 /* two-pin */, per_m = 0.1339;
    const double shared = 0.02 /* portable-player ground return */ + contact + (1.2 - 0.3) * per_m;
    const double right_path = 1.0 /* output impedance */ + contact + 1.2 * per_m + 2 * cup_contact + 32 + 0.3 * per_m;
    const double expected_ratio = -(32 * shared / (right_path + shared)) / 32;  // V_R / V_L = -I_R/I_L scaled by equal loads
    CHECK(std::abs(right_driver / left_driver - expected_ratio) < 1e-6 * std::abs(expected_ratio));
    const double crosstalk_db = 20 * std::log10(std::abs(right_driver / left_driver));
    CHECK(crosstalk_db == Approx(20 * std::log10(shared / (right_path + shared))).margin(0.001));
}

TEST_CASE("a CTIA headset in an OMTP jack lands its driver common on the mic contact", "[rig]") {
    const auto rig = compile_rig_file(testing::source_path("netlists/rigs/ctia-headset-omtp-jack.toml"));
    LowResistancePaths paths(rig.deck.circuit);
    CHECK(rig.compiled.left_driver.minus == "hp_ground");
    CHECK(paths.joined("hp_ground", "amp_mic"));
    CHECK_FALSE(paths.joined("hp_ground", "amp_ground"));
    CHECK(paths.joined("hp_left_p", "amp_left_p"));
}

TEST_CASE("the balanced-to-single-ended adapter lands the headphone's returns on L- and R-", "[rig]") {
    const auto rig = compile_rig_file(testing::source_path("netlists/rigs/balanced-amp-se-adapter.toml"));
    LowResistancePaths paths(rig.deck.circuit);
    CHECK(paths.joined(rig.compiled.left_driver.minus, "amp_left_n"));
    CHECK(paths.joined(rig.compiled.left_driver.minus, "amp_right_n"));
    CHECK(paths.joined(rig.compiled.left_driver.minus, "amp_ground"));
    CHECK(paths.joined(rig.compiled.left_driver.plus, "amp_left_p"));
    CHECK(paths.joined(rig.compiled.right_driver.plus, "amp_right_p"));
}

TEST_CASE("a reversed 2-pin swaps which cable conductor reaches each driver terminal", "[rig]") {
    const auto rig = compile_rig_file(testing::source_path("netlists/rigs/iem-2pin-left-reversed.toml"));
    LowResistancePaths paths(rig.deck.circuit);
    CHECK(paths.joined(rig.compiled.left_driver.plus, "amp_ground"));
    CHECK(paths.joined(rig.compiled.left_driver.minus, "amp_left_p"));
    CHECK(paths.joined(rig.compiled.right_driver.plus, "amp_right_p"));
}

TEST_CASE("mismatched mini-XLR vendors leave the driver unconnected", "[rig]") {
    const auto rig = compile_rig_file(testing::source_path("netlists/rigs/mini-xlr-vendor-mismatch.toml"));
    LowResistancePaths paths(rig.deck.circuit);
    CHECK_FALSE(paths.joined(rig.compiled.left_driver.plus, "amp_left_p"));
    CHECK_FALSE(paths.joined(rig.compiled.left_driver.minus, "amp_ground"));
}

TEST_CASE("a worn sleeve contact raises only the ground contact's resistance", "[rig]") {
    const auto rig = compile_rig_file(testing::source_path("netlists/rigs/iem-3wire-worn-sleeve.toml"));
    const auto& elements = rig.deck.circuit.elements;
    const auto worn = std::find_if(elements.begin(), elements.end(), [](const auto& e) { return e.name == "rmate1_3"; });
    REQUIRE(worn != elements.end());
    CHECK(worn->value == 0.5);
    CHECK(std::find_if(elements.begin(), elements.end(), [](const auto& e) { return e.name == "rmate1_1"; })->value == 0.03);
}
