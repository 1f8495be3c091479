#pragma once
// Shared by the report tests: look at a report as a person would. Decode its PNG
// figures, open its page in headless Chromium (console messages, every request the
// page makes, a screenshot, the size of every figure as laid out), and build the CSV
// that `hpsim sweep` writes from real measurements.
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <png.h>
#include <set>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "../cli/cli_support.hpp"
#include "headphone/comparison_text.hpp"
#include "headphone/figures.hpp"
#include "headphone/json_text.hpp"

namespace hpsim::testing {

namespace fs = std::filesystem;

struct DecodedPng {
    bool ok = false;
    unsigned width = 0, height = 0;
    std::size_t colours = 0;  // distinct RGBA values
    std::string error;
};

// Decodes with libpng, as an image viewer would.
inline DecodedPng decode_png(const fs::path& path) {
    DecodedPng result;
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path.c_str())) {
        result.error = image.message;
        return result;
    }
    image.format = PNG_FORMAT_RGBA;
    std::vector<png_byte> pixels(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr)) {
        result.error = image.message;
        png_image_free(&image);
        return result;
    }
    std::set<std::uint32_t> colours;
    for (std::size_t i = 0; i + 3 < pixels.size() && colours.size() < 64; i += 4)
        colours.insert(static_cast<std::uint32_t>(pixels[i]) << 24 | pixels[i + 1] << 16 | pixels[i + 2] << 8 | pixels[i + 3]);
    result = {true, image.width, image.height, colours.size(), ""};
    return result;
}


inline std::string chromium() {
    for (const char* name : {"chromium", "chromium-browser"})
        if (run_command(std::string("command -v ") + name).exit_code == 0) return name;
    FAIL("headless Chromium is needed to look at reports: install the Debian package chromium (scripts/setup.sh does)");
    return "";
}

// A headless Chromium run with its own profile and no background services.
inline std::string chromium_command(const fs::path& profile) {
    return chromium() + " --headless --disable-gpu --no-sandbox --user-data-dir=" + profile.string() +
           " --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-extensions"
           " --disable-default-apps --hide-scrollbars --virtual-time-budget=3000";
}

struct PageVisit {
    std::vector<std::string> console;        // every message the page logged (errors, refused requests)
    std::vector<std::string> page_requests;  // every URL the page asked the network for
    bool screenshot_taken = false;
};

// Opens the page from disk: console messages from Chromium's log, the page's own
// requests from its network log (requests in the page's context, not the browser's
// background services), and a screenshot.
inline PageVisit visit_page(const fs::path& page, const fs::path& screenshot, const fs::path& work) {
    fs::create_directories(work);
    const fs::path net_log = work / "net-log.json";
    const Outcome run = run_command(chromium_command(work / "profile") + " --enable-logging=stderr --v=0 --log-net-log=" +
                                          net_log.string() + " --window-size=1200,2400 --screenshot=" + screenshot.string() + " file://" +
                                          fs::absolute(page).string());
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    PageVisit visit;
    std::istringstream log(run.output);
    for (std::string line; std::getline(log, line);)
        if (line.find(":CONSOLE") != std::string::npos) visit.console.push_back(line);
    std::istringstream events(read_file(net_log));
    for (std::string line; std::getline(events, line);) {
        if (line.find("\"network_isolation_key\":\"file://") == std::string::npos) continue;
        const std::size_t url = line.find("\"url\":\"");
        if (url != std::string::npos) visit.page_requests.push_back(line.substr(url + 7, line.find('"', url + 7) - url - 7));
    }
    visit.screenshot_taken = fs::exists(screenshot) && fs::file_size(screenshot) > 0;
    return visit;
}

// The laid-out size of each <figure>'s SVG, measured by a page that holds the report in
// a frame (the report itself runs no script).
inline std::map<std::string, std::pair<int, int>> figure_sizes(const fs::path& page, const fs::path& work) {
    fs::create_directories(work);
    const fs::path harness = work / "measure-figures.html";
    std::ofstream(harness) << "<!DOCTYPE html><html><body><iframe id=\"report\" style=\"width:1200px;height:900px\" src=\"file://"
                           << fs::absolute(page).string() << R"("></iframe><script>
document.getElementById('report').addEventListener('load', () => {
  let text = 'FIGURES';
  const doc = document.getElementById('report').contentDocument;
  doc.querySelectorAll('figure').forEach(f => {
    const svg = f.querySelector('svg');
    const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
    text += ' ' + f.id + '=' + Math.round(box.width) + 'x' + Math.round(box.height);
  });
  const out = document.createElement('pre'); out.textContent = text + ' END'; document.body.appendChild(out);
});
</script></body></html>
)";
    const Outcome run = run_command(chromium_command(work / "profile") + " --allow-file-access-from-files --dump-dom file://" + harness.string());
    INFO(run.output);
    const std::size_t start = run.output.find("<pre>FIGURES"), end = run.output.find(" END</pre>", start);
    REQUIRE(start != std::string::npos);
    REQUIRE(end != std::string::npos);
    std::map<std::string, std::pair<int, int>> sizes;
    std::istringstream words(run.output.substr(start + 12, end - start - 12));
    for (std::string word; words >> word;) {
        const std::size_t equals = word.find('='), times = word.find('x', equals);
        sizes[word.substr(0, equals)] = {std::stoi(word.substr(equals + 1, times - equals - 1)), std::stoi(word.substr(times + 1))};
    }
    return sizes;
}

// One field of hpsim sweep's CSV: numbers as compare's JSON writes them, null empty,
// text quoted only when it holds a comma or a quote.
inline std::string sweep_field(const headphone::FigureValue& value) {
    if (const double* number = std::get_if<double>(&value)) return std::isfinite(*number) ? headphone::json_number(*number) : "";
    if (const std::string* text = std::get_if<std::string>(&value)) {
        if (text->find_first_of(",\"") == std::string::npos) return *text;
        std::string quoted = "\"";
        for (const char c : *text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        return quoted + "\"";
    }
    return "";
}

struct SweepVariant {
    std::string name;
    std::vector<std::string> axis_values;
    headphone::Measurements measurements;  // mode only, when the variant could not be simulated
    std::string error;
};

// The CSV hpsim sweep writes for these variants (every one simulated).
inline std::string sweep_csv(const std::vector<std::string>& axes, const std::vector<SweepVariant>& variants) {
    std::string csv = "variant";
    for (const std::string& axis : axes) csv += ',', csv += axis;
    csv += ",mode";
    for (const auto& figure : headphone::variant_figures(variants.front().measurements))
        if (figure.path != "mode") csv += ',', csv += figure.path;
    csv += ",hazards.danger,hazards.warning,hazards.info,hazards.codes,error\n";
    for (const SweepVariant& variant : variants) {
        csv += sweep_field(variant.name);
        for (const std::string& value : variant.axis_values) csv += ',', csv += sweep_field(value);
        csv += ',', csv += variant.measurements.mode;
        for (const auto& figure : headphone::variant_figures(variant.measurements))
            if (figure.path != "mode") csv += ',', csv += variant.error.empty() ? sweep_field(figure.value) : "";
        if (!variant.error.empty()) {
            csv += ",,,,," + sweep_field(variant.error) + "\n";
            continue;
        }
        int counts[3] = {0, 0, 0};
        std::string codes;
        for (const auto& hazard : variant.measurements.hazards) {
            ++counts[hazard.severity == "danger" ? 0 : hazard.severity == "warning" ? 1 : 2];
            codes += (codes.empty() ? "" : " ") + hazard.code;
        }
        csv += "," + std::to_string(counts[0]) + "," + std::to_string(counts[1]) + "," + std::to_string(counts[2]) + "," + codes + ",\n";
    }
    return csv;
}

}  // namespace hpsim::testing
