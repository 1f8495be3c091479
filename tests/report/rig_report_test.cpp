// hpsim report RIG... as a person would look at it: every figure drawn and readable,
// one page that opens from disk in a real browser without a console message or a
// request leaving the file, the numbers behind it, and the folder whole or absent.
#include <catch2/catch.hpp>

#include "../support.hpp"
#include "report_support.hpp"
#include "../scratch.hpp"

namespace {

namespace fs = std::filesystem;
using hpsim::testing::Outcome;
using hpsim::testing::read_file;

fs::path fresh_folder(const std::string& name) {
    const fs::path folder = hpsim::testing::scratch_folder() / ("hpsim-report-test-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
    return folder;
}

Outcome hpsim_report(const std::string& arguments) {
    return hpsim::testing::run_command(std::string(HPSIM_EXECUTABLE) + " report " + arguments);
}

std::string rig(const std::string& name) { return hpsim::testing::source_path("netlists/rigs/" + name + ".toml"); }

const char* const rig_figures[] = {"response", "crosstalk", "impedance", "clip-power", "clip-spl"};

void check_drawn(const fs::path& folder, const std::string& figure) {
    INFO(figure);
    const std::string svg = read_file(folder / (figure + ".svg"));
    CHECK(svg.find("<svg") != std::string::npos);
    CHECK(svg.find("</svg>") != std::string::npos);
    const auto png = hpsim::testing::decode_png(folder / (figure + ".png"));
    INFO(png.error);
    REQUIRE(png.ok);
    CHECK(png.width == 960);
    CHECK(png.height == 540);
    CHECK(png.colours > 2);  // not blank: background, ink, colour
    CHECK(fs::file_size(folder / "data" / (figure + ".json")) > 0);
}

}  // namespace

TEST_CASE("a report for every example rig: each figure as SVG and PNG, one page, the data behind it", "[report]") {
    const fs::path folder = fresh_folder("rigs");
    const struct {
        std::string rig, options;
    } cases[] = {{"player-se-vs-balanced-hd600", "--modes single-ended,balanced --target-spl 110"},
                 {"iem-3wire-worn-sleeve", ""},
                 {"iem-2pin-left-reversed", ""},
                 {"balanced-amp-se-adapter", ""},
                 {"ctia-headset-omtp-jack", ""},
                 {"mini-xlr-vendor-mismatch", ""},
                 {"hifiman-ts-cups-xlr4", "--level 0.5"}};
    for (const auto& c : cases) {
        INFO(c.rig);
        const fs::path out = folder / c.rig;
        const Outcome run = hpsim_report(rig(c.rig) + " " + c.options + " -o " + out.string());
        INFO(run.output);
        REQUIRE(run.exit_code == 0);
        for (const char* figure : rig_figures) check_drawn(out, figure);
        const std::string page = read_file(out / "report.html");
        CHECK(page.find("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"") != std::string::npos);
        CHECK(page.find("<script") == std::string::npos);
        CHECK(page.find("<link") == std::string::npos);
        CHECK(page.find("-200") == std::string::npos);  // the floor is never shown as a measured level
        for (const char* figure : rig_figures) CHECK(page.find("<figure id=\"figure-" + std::string(figure) + "\"") != std::string::npos);
        CHECK(page.find("compiled netlist") != std::string::npos);
        CHECK(page.find("rig file " + c.rig + ".toml") != std::string::npos);
        CHECK(read_file(out / "data/compare.json").find("\"variants\"") != std::string::npos);
        CHECK(read_file(out / "data/curves.csv").rfind("variant,frequency,", 0) == 0);
    }
    // Hazards by severity, danger first.
    const std::string adapter = read_file(folder / "balanced-amp-se-adapter/report.html");
    const std::size_t danger = adapter.find("<li class=\"danger\">"), info = adapter.find("<li class=\"info\">");
    CHECK(danger != std::string::npos);
    CHECK(adapter.find("drives a near short") != std::string::npos);
    if (info != std::string::npos) CHECK(danger < info);
    // The symmetric balanced path: no crosstalk, said as such in the table, the plot data and the legend.
    const fs::path player = folder / "player-se-vs-balanced-hd600";
    const std::string page = read_file(player / "report.html");
    CHECK(page.find("&lt; -150 / &lt; -150") != std::string::npos);
    CHECK(page.find("balanced L>R = R>L: none: symmetric (&lt; -150 dB)") != std::string::npos);  // the SVG legend
    CHECK(page.find("target 110 dB SPL") != std::string::npos);
    CHECK(page.find("single-ended reaches 108.2 dB SPL at clip: 1.8 dB short of 110 dB SPL.") != std::string::npos);
    const std::string crosstalk = read_file(player / "data/crosstalk.json");
    CHECK(crosstalk.find("\"title\": \"balanced L>R = R>L\", \"axis\": \"y\", \"x\": [20,") != std::string::npos);
    CHECK(crosstalk.find("\"y\": [null, null,") != std::string::npos);
    CHECK(crosstalk.find("\"null_reason\": \"below -150 dB, the numerical floor: none, the path is symmetric\"") != std::string::npos);
    // The bars are compare's numbers (108.2 and 114.2 dB SPL: 2 Vrms into 300 Ohm at 97 dB/mW, single-ended and bridged).
    const std::string spl = read_file(player / "data/clip-spl.json");
    CHECK(spl.find("\"categories\": [\"single-ended\", \"balanced\"]") != std::string::npos);
    const std::size_t values = spl.find("\"y\": [") + 6;
    char* next = nullptr;
    CHECK(std::strtod(spl.c_str() + values, &next) == Approx(108.2).margin(0.05));
    CHECK(std::strtod(next + 1, nullptr) == Approx(114.2).margin(0.05));
    fs::remove_all(folder);
}

TEST_CASE("a report opens from disk in a real browser: no console message, no request out, every figure laid out", "[report][browser]") {
    const fs::path folder = fresh_folder("browser");
    for (const std::string name : {"player-se-vs-balanced-hd600", "balanced-amp-se-adapter"}) {
        INFO(name);
        const fs::path out = folder / name;
        const Outcome run = hpsim_report(rig(name) + (name[0] == 'p' ? " --modes single-ended,balanced" : "") + " -o " + out.string());
        INFO(run.output);
        REQUIRE(run.exit_code == 0);
        const auto visit = hpsim::testing::visit_page(out / "report.html", folder / (name + "-screenshot.png"), folder / (name + "-browser"));
        std::string messages;
        for (const std::string& message : visit.console) messages += message + "\n";
        INFO(messages);
        CHECK(visit.console.empty());
        for (const std::string& url : visit.page_requests) CHECK(url.rfind("file:", 0) == 0);
        REQUIRE(visit.screenshot_taken);
        const auto screenshot = hpsim::testing::decode_png(folder / (name + "-screenshot.png"));
        REQUIRE(screenshot.ok);
        CHECK(screenshot.colours > 2);
        const auto sizes = hpsim::testing::figure_sizes(out / "report.html", folder / (name + "-browser"));
        for (const char* figure : rig_figures) {
            INFO(figure);
            const auto found = sizes.find("figure-" + std::string(figure));
            REQUIRE(found != sizes.end());
            CHECK(found->second.first > 300);
            CHECK(found->second.second > 150);
        }
    }
    fs::remove_all(folder);
}

TEST_CASE("the browser check sees what it must: a console error and a request out of a page", "[report][browser]") {
    // The checks above cannot pass by seeing nothing: a page that logs and fetches is caught.
    const fs::path folder = fresh_folder("browser-control");
    std::ofstream(folder / "bad.html") << "<!DOCTYPE html><html><body><script>console.error('broken')</script>"
                                          "<img src=\"http://192.0.2.1/x.png\"></body></html>";
    const auto visit = hpsim::testing::visit_page(folder / "bad.html", folder / "bad.png", folder / "browser");
    CHECK(!visit.console.empty());
    CHECK(std::find(visit.page_requests.begin(), visit.page_requests.end(), "http://192.0.2.1/x.png") != visit.page_requests.end());
    fs::remove_all(folder);
}

TEST_CASE("without gnuplot, report names the package to install and leaves no folder", "[report]") {
    const fs::path folder = fresh_folder("no-gnuplot");
    const fs::path out = folder / "out";
    const Outcome run = hpsim::testing::run_command("env PATH=" + (folder / "empty-path").string() + " " + HPSIM_EXECUTABLE + " report " +
                                                          rig("iem-3wire-worn-sleeve") + " -o " + out.string());
    INFO(run.output);
    CHECK(run.exit_code == 1);
    CHECK(run.output.find("hpsim report: error: gnuplot is not installed") != std::string::npos);
    CHECK(run.output.find("gnuplot-nox") != std::string::npos);
    CHECK(!fs::exists(out));
    CHECK(fs::directory_iterator(folder) == fs::directory_iterator());  // no partial folder beside it either
    fs::remove_all(folder);
}

TEST_CASE("a report replaces an earlier report in one step and refuses a folder that is not one", "[report]") {
    const fs::path folder = fresh_folder("replace");
    const fs::path out = folder / "out";
    REQUIRE(hpsim_report(rig("iem-3wire-worn-sleeve") + " -o " + out.string()).exit_code == 0);
    REQUIRE(hpsim_report(rig("iem-2pin-left-reversed") + " -o " + out.string()).exit_code == 0);
    CHECK(read_file(out / "report.html").find("iem-2pin-left-reversed") != std::string::npos);
    CHECK(read_file(out / "report.html").find("iem-3wire-worn-sleeve") == std::string::npos);

    const fs::path mine = folder / "mine";
    fs::create_directories(mine);
    std::ofstream(mine / "notes.txt") << "keep me\n";
    const Outcome refused = hpsim_report(rig("iem-3wire-worn-sleeve") + " -o " + mine.string());
    CHECK(refused.exit_code == 1);
    CHECK(refused.output.find("exists and is not an hpsim report") != std::string::npos);
    CHECK(read_file(mine / "notes.txt") == "keep me\n");
    CHECK(!fs::exists(mine / "report.html"));
    std::size_t entries = 0;
    for (const auto& entry : fs::directory_iterator(folder)) entries += entry.path().filename().string()[0] != '.';
    CHECK(entries == 2);  // out and mine, no partial folder
    for (const auto& entry : fs::directory_iterator(folder)) CHECK(entry.path().filename().string()[0] != '.');
    fs::remove_all(folder);
}

TEST_CASE("report misuse exits 2 and a bad rig exits 1 without a folder", "[report]") {
    const fs::path folder = fresh_folder("misuse");
    CHECK(hpsim_report(rig("iem-3wire-worn-sleeve")).exit_code == 2);  // no -o
    CHECK(hpsim_report("-o " + (folder / "x").string()).exit_code == 2);
    CHECK(hpsim_report(rig("iem-3wire-worn-sleeve") + " --modes bridged -o " + (folder / "x").string()).exit_code == 2);
    CHECK(hpsim_report(rig("iem-3wire-worn-sleeve") + " --measurements power_mw.left -o " + (folder / "x").string()).exit_code == 2);
    std::ofstream(folder / "bad.toml") << "[amplifier]\nmodel = \"no-such-amp\"\n";
    const Outcome bad = hpsim_report((folder / "bad.toml").string() + " -o " + (folder / "x").string());
    CHECK(bad.exit_code == 1);
    CHECK(bad.output.find("bad.toml:2:") != std::string::npos);
    CHECK(!fs::exists(folder / "x"));
    fs::remove_all(folder);
}
