// A level below the numerical floor reads as such everywhere: null with a reason in the
// figures (and so in compare's JSON and a sweep's columns), "< -150" in the table.
#include <catch2/catch.hpp>

#include "../support.hpp"
#include "headphone/figures.hpp"
#include "headphone/comparison_text.hpp"
#include "headphone/hazards.hpp"
#include "rig_support.hpp"

using namespace hpsim;

namespace {

headphone::Measurements measure_example(const std::string& name, const std::optional<std::string>& mode = {}) {
    const auto path = testing::source_path("netlists/rigs/" + name + ".toml");
    const headphone::Rig rig = headphone::load_rig(path, testing::catalog(), mode);
    headphone::Measurements m = headphone::measure(rig, headphone::compile_rig(rig), 1.0, nullptr);
    m.name = mode.value_or(name);
    m.hazards = headphone::assess_hazards(m, 1.0);
    return m;
}

const headphone::FigureValue& figure(const std::vector<headphone::Figure>& figures, const std::string& path) {
    const auto found = std::find_if(figures.begin(), figures.end(), [&](const auto& f) { return f.path == path; });
    REQUIRE(found != figures.end());
    return found->value;
}

}  // namespace

TEST_CASE("the crosstalk of a symmetric balanced path is null with its reason, not -200 dB", "[figures]") {
    const auto balanced = measure_example("player-se-vs-balanced-hd600", "balanced");
    REQUIRE(headphone::below_floor(balanced.right.crosstalk_db[3]));  // the simulator's number stays internal
    const auto figures = headphone::variant_figures(balanced);
    for (const std::string direction : {"left_to_right", "right_to_left"}) {
        for (const std::string spot : {"100", "1000", "10000", "worst"})
            CHECK(std::holds_alternative<std::monostate>(figure(figures, "crosstalk_db." + direction + "." + spot)));
        CHECK(std::get<std::string>(figure(figures, "crosstalk_db." + direction + ".reason")) ==
              "below -150 dB, the numerical floor: none, the path is symmetric");
    }
    const std::string json = headphone::variant_json(balanced);
    CHECK(json.find("\"left_to_right\": {\"100\": null, \"1000\": null, \"10000\": null, \"worst\": null, \"reason\": ") != std::string::npos);
    CHECK(json.find("-200") == std::string::npos);

    const auto single_ended = measure_example("player-se-vs-balanced-hd600", "single-ended");
    const auto measured = headphone::variant_figures(single_ended);
    CHECK(std::get<double>(figure(measured, "crosstalk_db.left_to_right.worst")) == Approx(single_ended.right.crosstalk_db[3]));
    CHECK(std::holds_alternative<std::monostate>(figure(measured, "crosstalk_db.left_to_right.reason")));

    const std::string table = headphone::format_table({single_ended, balanced}, 1.0);
    CHECK(table.find("< -150 / < -150") != std::string::npos);
    CHECK(table.find("-200") == std::string::npos);
}

TEST_CASE("crosstalk from a driver that receives nothing says so instead of a symmetric path", "[figures]") {
    const auto mismatch = measure_example("mini-xlr-vendor-mismatch");
    const auto figures = headphone::variant_figures(mismatch);
    CHECK(std::get<std::string>(figure(figures, "crosstalk_db.left_to_right.reason")) ==
          "below -150 dB, the numerical floor: none, the left driver receives nothing");
    CHECK(headphone::format_level_db("%.1f", -12.34) == "-12.3");
    CHECK(headphone::format_level_db("%.1f", -150.5) == "< -150");
}
