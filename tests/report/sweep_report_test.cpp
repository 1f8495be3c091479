// Sweep reports from the CSV hpsim sweep writes, built here from real measurements: the
// HD600-class rig over the amplifier's output impedance (log-spaced) and two cable
// lengths, both modes.
#include <catch2/catch.hpp>
#include <cmath>

#include "../support.hpp"
#include "headphone/compiler.hpp"
#include "headphone/hazards.hpp"
#include "report/sweep_report.hpp"
#include "report/sweep_table.hpp"
#include "report_support.hpp"
#include "../headphone/rig_support.hpp"
#include "../scratch.hpp"

using namespace hpsim;

namespace {

namespace fs = std::filesystem;

const std::vector<double> output_impedances_ohm{1, 4, 16, 64, 256};
const std::vector<double> lengths_m{1.5, 3};

// One row per variant, the first axis varying slowest, as hpsim sweep writes them.
const std::string& hd600_sweep_csv() {
    static const std::string csv = [] {
        std::vector<testing::SweepVariant> variants;
        for (const double impedance : output_impedances_ohm)
            for (const double length : lengths_m)
                for (const std::string mode : {"single-ended", "balanced"}) {
                    char text[400];
                    std::snprintf(text, sizeof text,
                                  "[amplifier]\nmodel = \"portable-player\"\noutput_impedance_ohm = %g\n[cable]\nmodel = \"headphone-modular-4wire-24awg\"\n"
                                  "length_m = %g\nplug = { single-ended = \"trs-3.5\", balanced = \"trrrs-4.4\" }\n[headphone]\nmodel = \"hd600-class\"\n",
                                  impedance, length);
                    const headphone::Rig rig = headphone::load_rig_text(text, "sweep.toml", testing::catalog(), mode);
                    headphone::Measurements m = headphone::measure(rig, headphone::compile_rig(rig), 1.0, nullptr);
                    m.hazards = headphone::assess_hazards(m, 1.0);
                    char name[80];
                    std::snprintf(name, sizeof name, "%g Ohm, %g m, %s", impedance, length, mode.c_str());
                    variants.push_back({name, {headphone::json_number(impedance), headphone::json_number(length)}, m, ""});
                }
        return testing::sweep_csv({"amplifier.output_impedance_ohm", "cable.length_m"}, variants);
    }();
    return csv;
}

const report::Plot& plot_named(const std::vector<report::Plot>& plots, const std::string& name) {
    const auto found = std::find_if(plots.begin(), plots.end(), [&](const auto& p) { return p.name == name; });
    REQUIRE(found != plots.end());
    return *found;
}

}  // namespace

TEST_CASE("a sweep's CSV reads back with its axes, log spacing found from the values", "[report][sweep]") {
    const report::SweepTable table = report::parse_sweep_csv(hd600_sweep_csv(), "hd600.csv");
    REQUIRE(table.axes.size() == 2);
    CHECK(table.axes[0].name == "amplifier.output_impedance_ohm");
    CHECK(table.axes[0].numbers == output_impedances_ohm);
    CHECK(table.axes[0].log_spaced);
    CHECK(table.axes[1].numeric);
    CHECK(!table.axes[1].log_spaced);  // two values say nothing about spacing
    CHECK(table.modes == std::vector<std::string>{"single-ended", "balanced"});
    REQUIRE(table.rows.size() == 20);
    CHECK(table.rows[0].variant == "1 Ohm, 1.5 m, single-ended");  // quoted in the file: it holds commas
    CHECK(table.figure_index("crosstalk_db.left_to_right.reason") >= 0);
    CHECK(!report::log_spaced({1, 2, 3, 4}));
    CHECK(report::log_spaced({0.5, 1, 2, 4}));
    CHECK(report::csv_fields("a,\"b, \"\"c\"\"\",,d") == std::vector<std::string>{"a", "b, \"c\"", "", "d"});
}

TEST_CASE("a sweep plots each measurement against the first axis, a line per other value and mode, and finds where limits are crossed", "[report][sweep]") {
    const report::SweepTable table = report::parse_sweep_csv(hd600_sweep_csv(), "hd600.csv");
    const auto plots = report::sweep_plots(table, {});
    const report::Plot& error = plot_named(plots, "sweep-fr-error-db-left");
    CHECK(error.x.log);
    CHECK(error.series.size() == 4);  // 2 lengths x 2 modes
    CHECK(error.series[0].title == "cable.length_m = 1.5, single-ended");
    CHECK(error.series[1].dash == report::Dash::dashed);  // balanced
    REQUIRE(error.limits.size() == 1);
    CHECK(error.limits[0].y == 1.0);
    // The plotted values are the measured figures, in axis order.
    CHECK(error.series[0].x == output_impedances_ohm);
    const int column = table.figure_index("fr_error_db.left");
    CHECK(error.series[0].y.back() == std::stod(table.rows[16].figures[static_cast<std::size_t>(column)]));

    // Zo against the HD600-class swing (300 Ohm, about 500 at resonance): the error reaches 1 dB
    // where 500 (300 + Zs) / (300 (500 + Zs)) = 10^(1/20), Zs = 112 Ohm; balanced puts two legs in
    // series, so at Zo = 56.
    const auto crossings = report::limit_crossings(plots, table);
    const auto says = [&](const std::string& text) {
        return std::any_of(crossings.begin(), crossings.end(), [&](const auto& s) { return s.find(text) != std::string::npos; });
    };
    CHECK(says("response error, left (dB) (cable.length_m = 1.5, single-ended) crosses 1 dB response error between amplifier.output_impedance_ohm = 64 and 256"));
    CHECK(says("response error, left (dB) (cable.length_m = 1.5, balanced) crosses 1 dB response error between amplifier.output_impedance_ohm = 16 and 64"));
    // Balanced reaches 114 dB SPL with a low Zo, and falls below 110 as Zo grows.
    CHECK(says("maximum SPL at clip, left (dB SPL) (cable.length_m = 1.5, balanced) crosses target 110 dB SPL"));

    // Two numeric axes: a heat map per measurement and mode, each cell a variant.
    const report::Plot& heat = plot_named(plots, "heat-clip-spl-db-left-balanced");
    CHECK(heat.kind == report::Plot::Kind::heat_map);
    CHECK(heat.heat.x == output_impedances_ohm);
    CHECK(heat.heat.y == lengths_m);
    CHECK(heat.heat.z[0][0] == Approx(114.2).margin(0.05));  // 1 Ohm, 1.5 m: the README's bridged figure

    // The symmetric balanced crosstalk is no number, and says why.
    const report::Plot& crosstalk = plot_named(plots, "sweep-crosstalk-db-left-to-right-worst");
    CHECK(std::isnan(crosstalk.series[1].y[0]));
    CHECK(crosstalk.series[1].null_reason == "below -150 dB, the numerical floor: none, the path is symmetric");
    CHECK_THROWS_WITH(report::sweep_plots(table, {{"clip.limited_by"}, 110}), Catch::Contains("'clip.limited_by' is not a numeric column"));
}

TEST_CASE("hpsim report SWEEP.csv draws every figure, and the page opens in a real browser", "[report][sweep][browser]") {
    const fs::path folder = hpsim::testing::scratch_folder() / ("hpsim-sweep-report-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
    std::ofstream(folder / "hd600.csv") << hd600_sweep_csv();
    const fs::path out = folder / "out";
    const auto run = testing::run_command(std::string(HPSIM_EXECUTABLE) + " report " + (folder / "hd600.csv").string() + " -o " + out.string());
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    const std::string page = testing::read_file(out / "report.html");
    for (const char* figure : {"sweep-clip-spl-db-left", "sweep-power-mw-left", "sweep-crosstalk-db-left-to-right-worst", "sweep-fr-error-db-left",
                               "sweep-damping-factor-left", "heat-fr-error-db-left-single-ended", "heat-fr-error-db-left-balanced"}) {
        INFO(figure);
        CHECK(page.find("<figure id=\"figure-" + std::string(figure) + "\"") != std::string::npos);
        const auto png = testing::decode_png(out / (std::string(figure) + ".png"));
        REQUIRE(png.ok);
        CHECK(png.colours > 2);
        CHECK(fs::file_size(out / "data" / (std::string(figure) + ".json")) > 0);
    }
    CHECK(testing::read_file(out / "data/sweep.csv") == hd600_sweep_csv());
    CHECK(page.find("log-spaced") != std::string::npos);
    CHECK(page.find("crosses 1 dB response error") != std::string::npos);

    const auto visit = testing::visit_page(out / "report.html", folder / "screenshot.png", folder / "browser");
    std::string messages;
    for (const std::string& message : visit.console) messages += message + "\n";
    INFO(messages);
    CHECK(visit.console.empty());
    for (const std::string& url : visit.page_requests) CHECK(url.rfind("file:", 0) == 0);
    REQUIRE(visit.screenshot_taken);
    CHECK(testing::decode_png(folder / "screenshot.png").colours > 2);
    const auto sizes = testing::figure_sizes(out / "report.html", folder / "browser");
    // 5 measurements, and a heat map of each per mode but the balanced crosstalk (none: symmetric).
    CHECK(sizes.size() == 14);
    for (const auto& [figure, size] : sizes) {
        INFO(figure);
        CHECK(size.first > 300);
        CHECK(size.second > 150);
    }
    fs::remove_all(folder);
}

TEST_CASE("a sweep over part names plots them as categories and lists the variants that could not be simulated", "[report][sweep]") {
    std::vector<testing::SweepVariant> variants;
    for (const std::string model : {"hd600-class", "iem-multi-ba", "dca-planar-class", "resistor-32"})
        for (const double impedance : {1.0, 10.0}) {
            char text[400];
            std::snprintf(text, sizeof text,
                          "[amplifier]\nmodel = \"portable-player\"\noutput_impedance_ohm = %g\n[cable]\nmodel = \"headphone-modular-4wire-24awg\"\n"
                          "plug = \"trs-3.5\"\n[headphone]\nmodel = \"%s\"\n",
                          impedance, model.c_str());
            testing::SweepVariant variant{model + " " + headphone::json_number(impedance), {model, headphone::json_number(impedance)}, {}, ""};
            try {
                const headphone::Rig rig = headphone::load_rig_text(text, "parts.toml", testing::catalog());
                variant.measurements = headphone::measure(rig, headphone::compile_rig(rig), 1.0, nullptr);
                variant.measurements.hazards = headphone::assess_hazards(variant.measurements, 1.0);
            } catch (const spice::DeckError& error) {
                variant.measurements.mode = "single-ended";
                variant.error = error.message();
            }
            variants.push_back(variant);
        }
    REQUIRE(!variants[4].error.empty());  // a mini-XLR headphone on a 2-pin cable does not fit
    const report::SweepTable table = report::parse_sweep_csv(testing::sweep_csv({"headphone.model", "amplifier.output_impedance_ohm"}, variants), "parts.csv");
    CHECK(!table.axes[0].numeric);
    CHECK(table.rows[4].error == variants[4].error);
    const auto plots = report::sweep_plots(table, {});
    CHECK(plots.size() == 5);  // a part-name axis: lines, no heat map
    const report::Plot& power = plot_named(plots, "sweep-power-mw-left");
    CHECK(power.categories == std::vector<std::string>{"hd600-class", "iem-multi-ba", "dca-planar-class", "resistor-32"});
    CHECK(power.series[0].x == std::vector<double>{0, 1, 2, 3});
    CHECK(std::isnan(power.series[0].y[2]));
    CHECK(power.series[0].null_reason == "not simulated: " + variants[4].error);
    // Into 32 Ohm behind 1 Ohm (and the cable's few tenths): about (32 / 33.3)^2 / 32 W at 1 Vrms.
    CHECK(power.series[0].y[3] == Approx(1000 * std::pow(32 / 33.3, 2) / 32).epsilon(0.02));

    const fs::path folder = hpsim::testing::scratch_folder() / ("hpsim-sweep-parts-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    report::write_sweep_report(table, {}, folder);
    const std::string page = testing::read_file(folder / "report.html");
    // Failures and hazards by kind, with how many variants and which (a click away).
    CHECK(page.find("<span class=\"severity\">error</span><strong>not simulated: ") != std::string::npos);
    CHECK(page.find("</strong>: 1 of " + std::to_string(table.rows.size()) + " variants") != std::string::npos);
    CHECK(page.find("dca-planar-class 1 (") != std::string::npos);
    CHECK(page.find("(4 values, parts)") != std::string::npos);
    CHECK(testing::decode_png(folder / "sweep-power-mw-left.png").colours > 2);
    fs::remove_all(folder);
}

TEST_CASE("a malformed sweep table is refused at its line and column, with no folder written", "[report][sweep]") {
    const fs::path folder = hpsim::testing::scratch_folder() / ("hpsim-sweep-bad-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
    std::string csv = hd600_sweep_csv();
    const std::size_t third_line = csv.find('\n', csv.find('\n') + 1) + 1;
    std::string broken = csv.substr(0, third_line) + "only,three,fields\n" + csv.substr(third_line);
    std::ofstream(folder / "bad.csv") << broken;
    const auto run = testing::run_command(std::string(HPSIM_EXECUTABLE) + " report " + (folder / "bad.csv").string() + " -o " + (folder / "out").string());
    CHECK(run.exit_code == 1);
    CHECK(run.output.find("bad.csv:3:1: error: row has 3 fields") != std::string::npos);
    std::ofstream(folder / "not-a-sweep.csv") << "a,b\n1,2\n";
    const auto other = testing::run_command(std::string(HPSIM_EXECUTABLE) + " report " + (folder / "not-a-sweep.csv").string() + " -o " + (folder / "out").string());
    CHECK(other.exit_code == 1);
    CHECK(other.output.find("not-a-sweep.csv:1:1: error: not a sweep table") != std::string::npos);
    const auto unknown = testing::run_command(std::string(HPSIM_EXECUTABLE) + " report " + (folder / "bad.csv").string() + " --modes balanced -o " + (folder / "out").string());
    CHECK(unknown.exit_code == 2);
    CHECK(!fs::exists(folder / "out"));
    fs::remove_all(folder);
}

TEST_CASE("a sweep of three axes and thousands of variants draws what a reader can take in", "[report][sweep]") {
    // 20 x 30 x 9 x 2 modes = 10,800 variants of a figure that is x + 10 y + 100 z.
    std::string csv = "variant,amplifier.output_impedance_ohm,cable.length_m,amplifier.jack_contact_resistance_ohm.ground,mode,"
                      "clip.spl_db.left,hazards.danger,hazards.warning,hazards.info,hazards.codes,error\n";
    int variant = 0;
    for (int x = 1; x <= 20; ++x)
        for (int y = 1; y <= 30; ++y)
            for (int z = 1; z <= 9; ++z)
                for (const char* mode : {"single-ended", "balanced"})
                    csv += std::to_string(variant++) + "," + std::to_string(x) + "," + std::to_string(y) + "," + std::to_string(z) + "," + mode +
                           "," + std::to_string(x + 10 * y + 100 * z) + ",0," + (x == 1 ? "1" : "0") + ",0," + (x == 1 ? "crosstalk" : "") + ",\n";
    const report::SweepTable table = report::parse_sweep_csv(csv, "big.csv");
    const std::vector<report::Plot> plots = report::sweep_plots(table, {{"clip.spl_db.left"}, 110});
    const report::Plot& lines = plots.front();
    // The second axis thinned to 6 values (ends included) in each mode, the third held at its middle value.
    CHECK(lines.series.size() == 12);
    CHECK(lines.series.front().title == "cable.length_m = 1, single-ended");
    CHECK(lines.caption.find("with amplifier.jack_contact_resistance_ohm.ground = 5 (each the middle of its values)") != std::string::npos);
    for (const report::Series& series : lines.series) {
        REQUIRE(series.x.size() == 20);
        const double y = series.y[0] - 1 - 500;  // x = 1, z = 5
        CHECK(std::fmod(y, 10) == 0);
    }
    // Heat maps over the first two axes, the third held.
    REQUIRE(plots.size() == 3);
    CHECK(plots[1].heat.z.size() == 30);
    CHECK(plots[1].heat.z[0][0] == 1 + 10 + 500);
    const fs::path folder = hpsim::testing::scratch_folder() / ("hpsim-sweep-big-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    report::write_sweep_report(table, {}, folder);
    const std::string page = testing::read_file(folder / "report.html");
    // One hazard entry for the 540 variants that have it (x = 1); the table's first rows only.
    CHECK(page.find("<strong>crosstalk</strong>: 540 of 10800 variants") != std::string::npos);
    CHECK(page.find("... and 340 more") != std::string::npos);
    CHECK(page.find("the first 200 here, all in data/sweep.csv") != std::string::npos);
    CHECK(fs::file_size(folder / "report.html") < 2'000'000);
    fs::remove_all(folder);
}
