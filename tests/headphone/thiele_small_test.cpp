// A dynamic driver from Thiele-Small figures in any standard form: every consistent set
// gives the same network, the impedance peaks at Re (1 + Qms/Qes) at fs, and a set that
// disagrees with itself or does not determine the driver is an error that names why.
#include <catch2/catch.hpp>
#include <cmath>
#include <complex>
#include <numbers>

#include "headphone/thiele_small.hpp"
#include "rig_support.hpp"

using namespace hpsim;
using headphone::ThieleSmall;

namespace {

// Re 300 Ohm, fs 90 Hz, Qms 2, Qes 3 (an HD600-class fit: Res = 200 Ohm).
constexpr double re = 300, fs = 90, qms = 2, qes = 3;
const double omega = 2 * std::numbers::pi * fs;
const double cmes = qes / (omega * re), lces = 1 / (omega * omega * cmes), res = re * qms / qes;
// A mechanical set with the same electrical network: Bl 5 T m.
const double bl = 5, mms = cmes * bl * bl, cms = lces / (bl * bl), rms = bl * bl / res;

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.12g", value);
    return text;
}

ThieleSmall read(const std::string& keys) {
    static std::vector<std::unique_ptr<toml::table>> tables;  // Fields keep a reference for locations
    const std::string text = "re_ohm = 300\nle_h = 1e-9\n" + keys;
    tables.push_back(std::make_unique<toml::table>(toml::parse(std::string_view(text), std::string_view("driver.toml"))));
    return headphone::read_thiele_small(headphone::Fields(*tables.back(), "driver.toml", "driver"));
}

std::string error_of(const std::string& keys) {
    try {
        read(keys);
    } catch (const spice::DeckError& error) {
        return error.what();
    }
    return "";
}

void check_network(const ThieleSmall& figures) {
    CHECK(figures.res_ohm == Approx(res).epsilon(1e-9));
    CHECK(figures.cmes_f == Approx(cmes).epsilon(1e-9));
    CHECK(figures.lces_h == Approx(lces).epsilon(1e-9));
    CHECK(figures.fs_hz == Approx(fs).epsilon(1e-9));
    CHECK(figures.qms == Approx(qms).epsilon(1e-9));
    CHECK(figures.qes == Approx(qes).epsilon(1e-9));
}

}  // namespace

TEST_CASE("every standard form of the Thiele-Small figures gives the same motional network", "[thiele-small]") {
    const std::string forms[] = {
        "fs_hz = 90\nqms = 2\nqes = 3\n",
        "res_ohm = 200\nfs_hz = 90\nqms = 2\n",  // the catalog's older form
        "res_ohm = 200\nfs_hz = 90\nqes = 3\n",
        "res_ohm = " + number(res) + "\ncmes_f = " + number(cmes) + "\nlces_h = " + number(lces) + "\n",
        "mms_kg = " + number(mms) + "\ncms_m_per_n = " + number(cms) + "\nbl_tm = " + number(bl) + "\nrms_kg_per_s = " + number(rms) + "\n",
        "fs_hz = 90\nqms = 2\nqes = 3\nbl_tm = 5\n",                                        // Bl adds nothing electrical
        "fs_hz = 90\nqes = 3\nmms_kg = " + number(mms) + "\nrms_kg_per_s = " + number(rms) + "\n",  // Bl from Qes, Rms from Qms
        "qms = 2\nres_ohm = 200\nlces_h = " + number(lces) + "\n",                         // fs from the three together
        "fs_hz = 90\nqms = 2\nqes = 3\nres_ohm = 200.5\n",  // given twice over, within 1%
    };
    for (const std::string& form : forms) {
        INFO(form);
        const ThieleSmall figures = read(form);
        if (form.find("200.5") == std::string::npos) check_network(figures);
        else CHECK(figures.res_ohm == Approx(res).epsilon(0.003));
    }
}

TEST_CASE("the impedance of a Thiele-Small driver peaks at fs at Re (1 + Qms/Qes)", "[thiele-small]") {
    const ThieleSmall f = read("fs_hz = 90\nqms = 2\nqes = 3\n");
    const auto impedance = [&](double hz) {
        const std::complex<double> s(0, 2 * std::numbers::pi * hz);
        return f.re_ohm + s * f.le_h + 1.0 / (1.0 / f.res_ohm + s * f.cmes_f + 1.0 / (s * f.lces_h));
    };
    CHECK(std::abs(impedance(fs)) == Approx(re * (1 + qms / qes)).epsilon(1e-6));  // 500 Ohm
    CHECK(std::abs(impedance(fs * 1.01)) < std::abs(impedance(fs)));
    CHECK(std::abs(impedance(fs / 1.01)) < std::abs(impedance(fs)));
}

TEST_CASE("Thiele-Small figures that disagree by more than 1% are an error naming them", "[thiele-small][errors]") {
    CHECK(error_of("fs_hz = 90\nqms = 2\nqes = 3\nres_ohm = 220\n") ==
          "driver.toml:6:11: error: driver: inconsistent Thiele-Small figures: res_ohm = 220, but re_ohm, fs_hz, qms and qes give "
          "200 (9.091% apart; the tolerance is 1%)");
    const std::string mechanical = error_of("fs_hz = 95\nmms_kg = " + number(mms) + "\ncms_m_per_n = " + number(cms) + "\nbl_tm = 5\nqms = 2\n");
    CHECK(mechanical.rfind("driver.toml:3:9: error: driver: inconsistent Thiele-Small figures: fs_hz = 95, but re_ohm, qms, mms_kg, "
                           "cms_m_per_n and bl_tm give 90",
                           0) == 0);
}

TEST_CASE("Thiele-Small figures that do not determine the driver name what would", "[thiele-small][errors]") {
    CHECK(error_of("fs_hz = 90\nqms = 2\n") ==
          "driver.toml:1:1: error: driver: the Thiele-Small figures given (fs_hz and qms) do not determine the driver: add one of "
          "res_ohm, cmes_f, lces_h or qes");
    CHECK(error_of("mms_kg = 0.001\ncms_m_per_n = 0.001\nbl_tm = 5\n") ==
          "driver.toml:1:1: error: driver: the Thiele-Small figures given (mms_kg, cms_m_per_n and bl_tm) do not determine the "
          "driver: add one of res_ohm, qms or rms_kg_per_s");
    CHECK(error_of("fs_hz = 90\n") ==
          "driver.toml:1:1: error: driver: the Thiele-Small figures given (fs_hz) do not determine the driver: add two more, such "
          "as res_ohm and cmes_f");
    CHECK(error_of("") ==
          "driver.toml:1:1: error: driver: the Thiele-Small figures are missing: give fs_hz, qms and qes (or res_ohm, cmes_f and "
          "lces_h; or mms_kg, cms_m_per_n, bl_tm and rms_kg_per_s)");
    CHECK(error_of("fs_hz = 90\nqms = 2\nqes = -3\n") == "driver.toml:5:7: error: driver: 'qes' must be above zero");
}
