// A headphone whose driver is a measured impedance curve: in a rig, the fitted network
// gives the same compare figures as the network the curve came from, and a bad file or
// a fit outside its limit is an error at the catalog entry or rig that names it.
#include <catch2/catch.hpp>
#include <cmath>
#include <complex>
#include <cstdio>
#include <fstream>
#include <numbers>
#include <unistd.h>

#include "../support.hpp"
#include "headphone/measure.hpp"
#include "rig_support.hpp"
#include "../scratch.hpp"

using namespace hpsim;
using Complex = std::complex<double>;

namespace {

// The impedance of a catalog driver, written as a .zma file (48 points a decade).
std::filesystem::path write_curve(const std::string& name, const std::function<Complex(double)>& impedance,
                                  double low_hz = 10, double high_hz = 40000) {
    const auto path = hpsim::testing::scratch_folder() / ("hpsim-" + std::to_string(::getpid()) + "-" + name + ".zma");
    std::ofstream file(path);
    file << "* synthetic, from a known network\n";
    for (double f = low_hz; f <= high_hz * 1.0001; f *= std::pow(10.0, 1.0 / 48)) {
        const Complex z = impedance(f);
        char line[96];
        std::snprintf(line, sizeof line, "%.9g %.9g %.9g\n", f, std::abs(z), std::arg(z) * 180 / std::numbers::pi);
        file << line;
    }
    return path;
}

Complex catalog_driver(const headphone::Driver& driver, double f) {
    const Complex s(0, 2 * std::numbers::pi * f);
    const auto v = [&](const char* key) { return driver.values.at(key); };
    if (driver.type == "dynamic")
        return v("re_ohm") + s * v("le_h") + 1.0 / (1.0 / v("res_ohm") + s * v("cmes_f") + 1.0 / (s * v("lces_h")));
    const Complex woofer = v("woofer_re_ohm") + s * v("woofer_le_h");
    const Complex tweeter = 1.0 / (s * v("crossover_c_f")) + v("tweeter_re_ohm") + s * v("tweeter_le_h");
    return woofer * tweeter / (woofer + tweeter);
}

headphone::Measurements measure_text(const std::string& name, const std::string& text) {
    const auto rig = testing::compile_rig_file(testing::write_rig(name, text));
    return headphone::measure(rig.rig, rig.compiled, 1.0, nullptr);
}

std::string rig_text(const std::string& headphone_lines, double source_ohm) {
    return "[amplifier]\nmodel = \"portable-player\"\noutput_impedance_ohm = " + std::to_string(source_ohm) +
           "\n[cable]\nmodel = \"iem-3wire-26awg\"\n[headphone]\n" + headphone_lines;
}

double db(double ratio) { return 20 * std::log10(ratio); }

std::string load_error(const std::string& name, const std::string& text) {
    const auto path = testing::write_rig(name, text);
    try {
        headphone::load_rig(path, testing::catalog());
    } catch (const spice::DeckError& error) {
        const std::string message = error.what(), file = path.string();
        return message.rfind(file, 0) == 0 ? "RIG" + message.substr(file.size()) : message;
    }
    return "";
}

}  // namespace

TEST_CASE("a fitted measured driver gives the compare figures of its network within 0.05 dB on a 1 and a 10 Ohm source",
          "[measured][rig]") {
    const std::pair<const char*, const char*> pairs[] = {{"iem-multi-ba", "iem-multi-ba-measured"}, {"hd600-class", "dynamic-300-measured"}};
    for (const auto& [original, measured] : pairs) {
        const headphone::Headphone part =
            headphone::read_headphone(testing::catalog(), testing::catalog().get(original, "headphone", {"test", 1, 1}));
        const auto curve = write_curve(original, [&](double f) { return catalog_driver(part.driver, f); });
        for (const double source_ohm : {1.0, 10.0}) {
            INFO(original << " on " << source_ohm << " Ohm");
            const auto a = measure_text("orig", rig_text("model = \"" + std::string(original) + "\"\n", source_ohm));
            const auto b = measure_text("fitted", rig_text("model = \"" + std::string(measured) + "\"\nimpedance_file = \"" +
                                                               curve.string() + "\"\n", source_ohm));
            for (const auto& [x, y] : {std::pair(a.left, b.left), std::pair(a.right, b.right)}) {
                CHECK(std::abs(db(y.drive_vrms / x.drive_vrms)) <= 0.05);
                CHECK(std::abs(db(std::sqrt(y.power_mw / x.power_mw))) <= 0.05);
                CHECK(std::abs(y.fr_error_db - x.fr_error_db) <= 0.05);
                CHECK(std::abs(y.response_db_vs_ideal - x.response_db_vs_ideal) <= 0.05);
                for (int spot = 0; spot < 4; ++spot) CHECK(std::abs(y.crosstalk_db[spot] - x.crosstalk_db[spot]) <= 0.05);
                CHECK(std::abs(db(y.damping_factor / x.damping_factor)) <= 0.05);
                CHECK(std::abs(db(y.damping_factor_min / x.damping_factor_min)) <= 0.05);
            }
            CHECK(std::abs(b.left.clip_spl_db - a.left.clip_spl_db) <= 0.05);
        }
        // The source impedance colours the multi-BA: the 10 Ohm source's response error is
        // the spread of |Z / (Z + Zs)|, several dB.
        std::filesystem::remove(curve);
    }
}

TEST_CASE("the example rigs compare the fitted multi-BA IEM on a 1 and a 10 Ohm source", "[measured][rig]") {
    const auto one = testing::compile_rig_file(testing::source_path("netlists/rigs/multi-ba-measured-1-ohm.toml"));
    const auto ten = testing::compile_rig_file(testing::source_path("netlists/rigs/multi-ba-measured-10-ohm.toml"));
    const auto a = headphone::measure(one.rig, one.compiled, 1.0, nullptr);
    const auto b = headphone::measure(ten.rig, ten.compiled, 1.0, nullptr);
    // Z swings from about 7.4 to 42 Ohm: the divider Z / (Z + Zs) spreads by about
    // 20 log10((42 / 52) / (7.4 / 17.4)) = 5.6 dB behind 10 Ohm, 1.2 dB behind 1 Ohm.
    CHECK(a.left.fr_error_db == Approx(1.2).margin(0.2));
    CHECK(b.left.fr_error_db == Approx(5.6).margin(0.3));
    CHECK(one.compiled.netlist.find("passive R-L-C network fitted to") != std::string::npos);
}

TEST_CASE("measured driver errors are reported where the file is named", "[measured][errors]") {
    // A file that cannot be read: where the rig names it, with the path tried and why.
    const std::string missing = load_error("nofile", rig_text("model = \"iem-multi-ba-measured\"\nimpedance_file = \"no-such.zma\"\n", 1));
    CHECK(missing.rfind("RIG:8:18: error: cannot read the impedance file '", 0) == 0);
    CHECK(missing.find("no-such.zma': No such file or directory") != std::string::npos);
    const auto narrow = write_curve("narrow", [](double) { return Complex(10, 0); }, 100, 10000);
    CHECK(load_error("narrow", rig_text("model = \"iem-multi-ba-measured\"\nimpedance_file = \"" + narrow.string() + "\"\n", 1)) ==
          "RIG:8:18: error: headphone 'iem-multi-ba-measured' [driver]: impedance file " + narrow.string() +
              ": the curve covers 100 Hz-10 kHz, not the band 20 Hz-20 kHz (set fit_band_hz to the band it covers)");
    CHECK(load_error("narrow-band", rig_text("model = \"iem-multi-ba-measured\"\nimpedance_file = \"" + narrow.string() +
                                                 "\"\nfit_band_hz = [100, 10000]\n", 1)) == "");
    // +60 degrees at a constant magnitude: no passive network follows it.
    const auto impossible = write_curve("impossible", [](double) { return std::polar(10.0, std::numbers::pi / 3); });
    const std::string message = load_error("impossible", rig_text("model = \"iem-multi-ba-measured\"\nimpedance_file = \"" +
                                                                      impossible.string() + "\"\n", 1));
    CHECK(message.rfind("RIG:8:18: error: headphone 'iem-multi-ba-measured' [driver]: no passive R-L-C network up to 16 poles fits " +
                            impossible.string() + " within 0.1 dB and 1 degree: the best is off by ", 0) == 0);
    CHECK(message.find("(fit_limit_db and fit_limit_deg set the limit)") != std::string::npos);
    for (const auto& file : {narrow, impossible}) std::filesystem::remove(file);
}
