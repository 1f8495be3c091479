// Rig sweeps against closed forms (an ideal catalog), against compare's own figures,
// and the spec's errors at their place in the spec.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

#include "../../support.hpp"
#include "../rig_support.hpp"
#include "headphone/comparison_text.hpp"
#include "headphone/hazards.hpp"
#include "headphone/sweep/run.hpp"
#include "../../scratch.hpp"

using namespace hpsim;
namespace sweep = headphone::sweep;
namespace fs = std::filesystem;

namespace {

using testing::ideal_catalog;

fs::path folder() {
    static const fs::path made = [] {
        const fs::path path = hpsim::testing::scratch_folder() / ("hpsim-sweep-test-" + std::to_string(::getpid()));
        fs::create_directories(path);
        return path;
    }();
    return made;
}

const char* ideal_rig = R"([amplifier]
model = "ideal-amp"
[cable]
model = "ideal-4wire"
plug = { single-ended = "ideal-trs", balanced = "ideal-balanced" }
[headphone]
model = "ideal-32"
)";

// Writes the rig and a spec beside it; returns the spec's path.
fs::path write_spec(const std::string& name, const std::string& spec_text, const std::string& rig_text = ideal_rig) {
    std::ofstream(folder() / (name + "-rig.toml")) << rig_text;
    const fs::path spec = folder() / (name + ".toml");
    std::ofstream(spec) << "rig = \"" << name << "-rig.toml\"\n" << spec_text;
    return spec;
}

std::vector<std::string> run(const sweep::Spec& spec, const headphone::Catalog& catalog, sweep::Format format, unsigned jobs = 1) {
    std::vector<std::string> rows;
    sweep::RunOptions options;
    options.jobs = jobs;
    sweep::run_sweep(spec, catalog, format, options, [&](const std::string& row) { rows.push_back(row); });
    return rows;
}

// The fields of one CSV line (RFC 4180 quoting), without its newline.
std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size() && line[i] != '\n'; ++i) {
        const char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') fields.back() += '"', ++i;
        else if (c == '"') quoted = !quoted;
        else if (c == ',' && !quoted) fields.emplace_back();
        else fields.back() += c;
    }
    return fields;
}

// CSV rows by column name.
std::vector<std::map<std::string, std::string>> table(const sweep::Spec& spec, const std::vector<std::string>& rows) {
    const std::vector<std::string> names = csv_fields(sweep::csv_header(spec));
    std::vector<std::map<std::string, std::string>> result;
    for (const std::string& row : rows) {
        const std::vector<std::string> fields = csv_fields(row);
        REQUIRE(fields.size() == names.size());
        std::map<std::string, std::string> by_name;
        for (std::size_t i = 0; i < names.size(); ++i) by_name[names[i]] = fields[i];
        result.push_back(by_name);
    }
    return result;
}

std::string error_of(const fs::path& spec, const headphone::Catalog& catalog) {
    try {
        sweep::load_spec(spec, catalog);
    } catch (const spice::DeckError& error) {
        return error.what();
    }
    return "";
}

// A JSONL row of a sweep against what compare prints for the rig written out with the
// row's figures: from "mode" on, the same bytes, and no error.
void check_row_is_compare(const std::string& row, const std::string& rig_name, const std::string& rig_text) {
    const auto compiled = testing::compile_rig_file(testing::write_rig(rig_name, rig_text));
    headphone::Measurements m = headphone::measure(compiled.rig, compiled.compiled, 1.0, nullptr);
    m.hazards = headphone::assess_hazards(m, 1.0);
    const std::string expected = headphone::variant_json(m);
    INFO(row);
    INFO(expected);
    const std::string from_mode = row.substr(row.find("\"mode\": "), row.find(", \"error\": ") - row.find("\"mode\": "));
    CHECK(from_mode == expected.substr(expected.find("\"mode\": "), expected.size() - 1 - expected.find("\"mode\": ")));
    CHECK(row.find("\"error\": null}") != std::string::npos);
}

}  // namespace

TEST_CASE("a sweep of the output impedance follows the divider R/(R+Zo) single-ended and 2R/(R+2Zo) balanced", "[sweep]") {
    const auto spec = sweep::load_spec(write_spec("divider", R"(modes = ["single-ended", "balanced"]
[[axis]]
figure = "amplifier.output_impedance_ohm"
values = [0.1, 1, 10, 100]
)"), ideal_catalog());
    const auto rows = table(spec, run(spec, ideal_catalog(), sweep::Format::csv));
    REQUIRE(rows.size() == 8);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const double output_impedance = std::stod(rows[i].at("amplifier.output_impedance_ohm"));
        const bool balanced = rows[i].at("mode") == "balanced";
        CHECK(rows[i].at("mode") == (i % 2 ? "balanced" : "single-ended"));  // the mode varies fastest
        const double drive = balanced ? 2 * 32 / (32 + 2 * output_impedance) : 32 / (32 + output_impedance);
        CHECK(std::stod(rows[i].at("drive_vrms.left")) == Approx(drive).epsilon(5e-6));
        CHECK(std::stod(rows[i].at("power_mw.right")) == Approx(1000 * drive * drive / 32).epsilon(5e-6));
        CHECK(std::stod(rows[i].at("damping_factor.left")) == Approx(32 / (balanced ? 2 * output_impedance : output_impedance)).epsilon(1e-4));
        CHECK(rows[i].at("error").empty());
    }
}

TEST_CASE("a product varies the first axis slowest and the mode fastest, a zip advances the axes together", "[sweep]") {
    const std::string axes = R"([[axis]]
figure = "cable.length_m"
values = [1, 2, 3]
[[axis]]
figure = "amplifier.output_impedance_ohm"
lin = { from = 1, to = 3, points = 3 }
)";
    const auto product = sweep::load_spec(write_spec("product", "modes = [\"balanced\", \"single-ended\"]\n" + axes), ideal_catalog());
    REQUIRE(sweep::VariantSpace(product).size() == 18);
    const auto rows = table(product, run(product, ideal_catalog(), sweep::Format::csv));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CHECK(rows[i].at("variant") == std::to_string(i));
        CHECK(rows[i].at("cable.length_m") == std::to_string(1 + i / 6));
        CHECK(rows[i].at("amplifier.output_impedance_ohm") == std::to_string(1 + i / 2 % 3));
        CHECK(rows[i].at("mode") == (i % 2 ? "single-ended" : "balanced"));
    }
    const auto zip = sweep::load_spec(write_spec("zip", "combine = \"zip\"\n" + axes), ideal_catalog());
    const auto zipped = table(zip, run(zip, ideal_catalog(), sweep::Format::csv));
    REQUIRE(zipped.size() == 3);
    for (std::size_t i = 0; i < zipped.size(); ++i) {
        CHECK(zipped[i].at("cable.length_m") == std::to_string(i + 1));
        CHECK(zipped[i].at("amplifier.output_impedance_ohm") == std::to_string(i + 1));
        CHECK(zipped[i].at("mode") == "single-ended");  // the rig's own mode
    }
}

TEST_CASE("each row of a sweep is what compare prints for the rig with those figures", "[sweep]") {
    const std::string rig_path = testing::source_path("netlists/rigs/player-se-vs-balanced-hd600.toml");
    std::ifstream rig_stream(rig_path);
    const std::string rig_text((std::istreambuf_iterator<char>(rig_stream)), std::istreambuf_iterator<char>());
    const auto spec = sweep::load_spec(write_spec("compare", R"(modes = ["single-ended", "balanced"]
[[axis]]
figure = "cable.length_m"
values = [0.5, 3]
[[axis]]
figure = "amplifier.output_impedance_ohm"
log = { from = 0.1, to = 100, points = 4 }
[[axis]]
figure = "headphone.model"
values = ["hd600-class", "iem-multi-ba"]
)", rig_text), testing::catalog());
    const auto rows = run(spec, testing::catalog(), sweep::Format::jsonl, 2);
    REQUIRE(rows.size() == 32);
    for (const std::size_t variant : {0, 5, 14, 19, 31}) {
        const double length = variant / 16 ? 3 : 0.5;
        const double output_impedance = std::pow(10.0, -1.0 + static_cast<double>(variant / 4 % 4));
        const std::string headphone = variant / 2 % 2 ? "iem-multi-ba" : "hd600-class";
        const std::string mode = variant % 2 ? "balanced" : "single-ended";
        // The rig as a user would write it, each figure in place.
        std::ostringstream rig;
        rig << "[amplifier]\nmodel = \"portable-player\"\nmode = \"" << mode << "\"\noutput_impedance_ohm = " << output_impedance
            << "\n[cable]\nmodel = \"headphone-modular-4wire-24awg\"\nlength_m = " << length
            << "\nplug = { single-ended = \"trs-3.5\", balanced = \"trrrs-4.4\" }\n[headphone]\nmodel = \"" << headphone << "\"\n";
        check_row_is_compare(rows[variant], "compare-" + std::to_string(variant), rig.str());
    }
}

TEST_CASE("an adapter's figures are swept as adapter.key, each row what compare prints for that adapter", "[sweep]") {
    const std::string rig_path = testing::source_path("netlists/rigs/balanced-amp-se-adapter.toml");
    std::ifstream rig_stream(rig_path);
    const std::string rig_text((std::istreambuf_iterator<char>(rig_stream)), std::istreambuf_iterator<char>());
    const auto spec = sweep::load_spec(write_spec("adapter", R"([[axis]]
figure = "adapter.wire_resistance_ohm"
values = [0.005, 2]
)", rig_text), testing::catalog());
    const auto rows = run(spec, testing::catalog(), sweep::Format::jsonl);
    REQUIRE(rows.size() == 2);
    for (const std::size_t variant : {0, 1}) {
        std::ostringstream rig;
        rig << "[amplifier]\nmodel = \"portable-balanced-amp\"\nmode = \"balanced\"\n[[adapter]]\nmodel = "
               "\"balanced-4.4-to-trs-3.5\"\nwire_resistance_ohm = "
            << (variant ? 2 : 0.005) << "\n[cable]\nmodel = \"iem-3wire-26awg\"\n[headphone]\nmodel = \"iem-dynamic-16\"\n";
        check_row_is_compare(rows[variant], "adapter-" + std::to_string(variant), rig.str());
    }
    const auto by_name = table(spec, run(spec, testing::catalog(), sweep::Format::csv));
    // The adapter ties the amplifier's minus legs to the ground: the more resistance in
    // that tie, the more of the minus leg's swing the driver's return sees.
    CHECK(std::stod(by_name[1].at("drive_vrms.left")) > std::stod(by_name[0].at("drive_vrms.left")) + 0.1);
    // Named by position too; one that the rig does not have is an unknown figure.
    CHECK(error_of(write_spec("adapter-first", "[[axis]]\nfigure = \"adapter.1.model\"\nvalues = [\"balanced-4.4-to-trs-3.5\"]\n",
                              rig_text), testing::catalog()).empty());
    CHECK_THAT(error_of(write_spec("adapter-second", "[[axis]]\nfigure = \"adapter.2.model\"\nvalues = [\"x\"]\n", rig_text),
                        testing::catalog()),
               Catch::Contains("adapter-second.toml:3:10: error: the rig has no figure 'adapter.2.model' (did you mean 'adapter.1.model'?)"));
    CHECK_THAT(error_of(write_spec("no-adapter", "[[axis]]\nfigure = \"adapter.model\"\nvalues = [\"x\"]\n"), ideal_catalog()),
               Catch::Contains("no-adapter.toml:3:10: error: the rig has no figure 'adapter.model'"));
}

TEST_CASE("two threads write the same rows as one", "[sweep]") {
    const auto spec = sweep::load_spec(write_spec("threads", R"(modes = ["single-ended", "balanced"]
[[axis]]
figure = "cable.length_m"
lin = { from = 0.6, to = 3, points = 40 }
[[axis]]
figure = "headphone.model"
values = ["ideal-32", "ideal-dynamic"]
)"), ideal_catalog());
    CHECK(run(spec, ideal_catalog(), sweep::Format::csv, 1) == run(spec, ideal_catalog(), sweep::Format::csv, 2));
}

TEST_CASE("a shard runs every N-th variant", "[sweep]") {
    const auto spec = sweep::load_spec(write_spec("shard", R"([[axis]]
figure = "cable.length_m"
lin = { from = 1, to = 10, points = 10 }
)"), ideal_catalog());
    sweep::RunOptions options;
    options.shard = {2, 3};
    std::vector<std::string> rows;
    sweep::run_sweep(spec, ideal_catalog(), sweep::Format::csv, options, [&](const std::string& row) { rows.push_back(row); });
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].rfind("1,2,", 0) == 0);
    CHECK(rows[1].rfind("4,5,", 0) == 0);
    CHECK(rows[2].rfind("7,8,", 0) == 0);
}

TEST_CASE("a variant whose parts do not fit is a row with its error, and the sweep goes on", "[sweep]") {
    // Each value works alone (the rig's plug follows its mode); the balanced mode with
    // the single-ended plug does not fit.
    const auto spec = sweep::load_spec(write_spec("misfit", R"([[axis]]
figure = "amplifier.mode"
values = ["single-ended", "balanced"]
[[axis]]
figure = "cable.plug"
values = ["ideal-trs"]
)", R"([amplifier]
model = "ideal-amp"
mode = "single-ended"
[cable]
model = "ideal-4wire"
plug = { single-ended = "ideal-trs", balanced = "ideal-balanced" }
[headphone]
model = "ideal-32"
)"), ideal_catalog());
    const auto rows = table(spec, run(spec, ideal_catalog(), sweep::Format::csv));
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].at("error").empty());
    CHECK(rows[1].at("mode") == "balanced");
    CHECK(rows[1].at("error").find("does not fit") != std::string::npos);
    CHECK(rows[1].at("drive_vrms.left").empty());
}

TEST_CASE("spec errors are located in the spec", "[sweep]") {
    const auto& catalog = ideal_catalog();
    CHECK_THAT(error_of(write_spec("typo", "[[axis]]\nfigure = \"cable.lenght_m\"\nvalues = [1]\n"), catalog),
               Catch::Contains("typo.toml:3:10: error: the rig has no figure 'cable.lenght_m' (did you mean 'cable.length_m'?)"));
    CHECK_THAT(error_of(write_spec("negative", "[[axis]]\nfigure = \"cable.length_m\"\nvalues = [1, -2]\n"), catalog),
               Catch::Contains("negative.toml:4:14: error: cable.length_m = -2: "));
    // Every value of a range is tried before anything runs, not only its ends and middle:
    // 2.5 sections is refused at the range, though 1, 4 and 7 are whole.
    CHECK_THAT(error_of(write_spec("sections", "[[axis]]\nfigure = \"cable.sections\"\nlin = { from = 1, to = 7, points = 5 }\n"), catalog),
               Catch::Contains("sections.toml:4:7: error: cable.sections = 2.5: "));
    CHECK_THAT(error_of(write_spec("part", "[[axis]]\nfigure = \"headphone.model\"\nvalues = [\"ideal-32\", \"hd-nothing\"]\n"), catalog),
               Catch::Contains("part.toml:4:23: error: headphone.model = hd-nothing: "));
    CHECK_THAT(error_of(write_spec("section", "[[axis]]\nfigure = \"amp.output_impedance_ohm\"\nvalues = [1]\n"), catalog),
               Catch::Contains("section.toml:3:10: error: a figure is section.key with section amplifier, adapter, cable, headphone or drive"));
    CHECK_THAT(error_of(write_spec("zip-lengths", "combine = \"zip\"\n[[axis]]\nfigure = \"cable.length_m\"\nvalues = [1, 2]\n"
                                                  "[[axis]]\nfigure = \"drive.left_vrms\"\nvalues = [1]\n"), catalog),
               Catch::Contains("zip-lengths.toml:7:10: error: zip combines axes of equal length: this one has 1 values, the first 2"));
    CHECK_THAT(error_of(write_spec("log-zero", "[[axis]]\nfigure = \"cable.length_m\"\nlog = { from = 0, to = 1, points = 3 }\n"), catalog),
               Catch::Contains("log-zero.toml:4:7: error: a log range needs from and to above zero"));
    CHECK_THAT(error_of(write_spec("unknown-key", "axes = 1\n[[axis]]\nfigure = \"cable.length_m\"\nvalues = [1]\n"), catalog),
               Catch::Contains("unknown-key.toml:2:1: error: unknown key 'axes'"));
    CHECK_THAT(error_of(write_spec("two-modes", "modes = [\"balanced\"]\n[[axis]]\nfigure = \"amplifier.mode\"\nvalues = [\"balanced\"]\n"), catalog),
               Catch::Contains("two-modes.toml:4:10: error: the output mode is swept by modes = [...] or by this axis, not both"));
    CHECK_THAT(error_of(write_spec("no-axis", "modes = [\"balanced\"]\n"), catalog), Catch::Contains("error: the spec has no [[axis]]"));
    CHECK_THAT(error_of(write_spec("mode", "modes = [\"bridged\"]\n[[axis]]\nfigure = \"cable.length_m\"\nvalues = [1]\n"), catalog),
               Catch::Contains("mode.toml:2:10: error: a mode is \"single-ended\" or \"balanced\""));
    CHECK_THAT(error_of(write_spec("huge", "[[axis]]\nfigure = \"cable.length_m\"\nlin = { from = 1, to = 2, points = 100000 }\n"
                                           "[[axis]]\nfigure = \"drive.left_vrms\"\nlin = { from = 1, to = 2, points = 100000 }\n"), catalog),
               Catch::Contains("error: the spec makes 1e+10 variants; at most 1e+09"));
}

TEST_CASE("a sweep over figures reads each topology's netlist once: two modes, two readings", "[sweep]") {
    const auto spec = sweep::load_spec(write_spec("readings", R"(modes = ["single-ended", "balanced"]
[[axis]]
figure = "cable.length_m"
lin = { from = 0.6, to = 3, points = 7 }
[[axis]]
figure = "amplifier.output_impedance_ohm"
log = { from = 0.1, to = 10, points = 5 }
)"), ideal_catalog());
    const sweep::VariantSpace space(spec);
    headphone::MeasuringBench bench;
    for (std::size_t v = 0; v < space.size(); ++v) CHECK(sweep::run_variant(spec, ideal_catalog(), space.at(v), bench).error.empty());
    CHECK(space.size() == 70);
    CHECK(bench.topologies() == 2);
}

TEST_CASE("a sweep value that makes a figure implausible is warned about at the value, once", "[sweep]") {
    const auto spec = sweep::load_spec(write_spec("implausible", "[[axis]]\nfigure = \"cable.length_m\"\nvalues = [1, 1500, 1500.0]\n"
                                                                 "[[axis]]\nfigure = \"drive.left_vrms\"\nvalues = [1, 2]\n"),
                                       ideal_catalog());
    REQUIRE(spec.warnings.size() == 2);  // 1500 and 1500.0 are two values: each said where it is written
    CHECK(spec.warnings[0].to_string().find("implausible.toml:4:14: warning: cable.length_m = 1500: cable 'ideal-4wire': length_m = "
                                            "1500 m is implausible") != std::string::npos);
    CHECK(spec.warnings[1].where.column == 20);
    CHECK(sweep::load_spec(write_spec("plausible", "[[axis]]\nfigure = \"cable.length_m\"\nvalues = [1, 3]\n"), ideal_catalog())
              .warnings.empty());
}
