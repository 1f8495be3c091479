// Impedance files as measuring tools export them; every malformed file is refused at
// the line (and column) of what is wrong.
#include <catch2/catch.hpp>
#include <cmath>

#include "headphone/measured/impedance_file.hpp"
#include "spice/diagnostic.hpp"

using namespace hpsim::headphone::measured;

namespace {

std::string error_of(const std::string& text) {
    try {
        parse_impedance_text(text, "z.zma");
    } catch (const hpsim::spice::DeckError& error) {
        return error.what();
    }
    return "";
}

const std::string five_points = "20 10 0\n100 10 1\n1000 11 5\n10000 15 30\n20000 20 45\n";

}  // namespace

TEST_CASE("a .zma file with comments and a header reads as frequency, magnitude and phase", "[measured]") {
    const auto curve = parse_impedance_text("* REW export\n; another comment\nFreq(Hz) Magnitude(Ohm) Phase(deg)\n" + five_points, "z.zma");
    REQUIRE(curve.points.size() == 5);
    CHECK(curve.points[2].frequency_hz == 1000);
    CHECK(curve.points[2].magnitude_ohm == 11);
    CHECK(curve.points[2].phase_deg == 5);
    CHECK(std::abs(curve.points[4].impedance_ohm() - std::polar(20.0, M_PI / 4)) < 1e-12);
}

TEST_CASE("comma, tab and quoted CSV columns read the same as spaces", "[measured]") {
    const auto csv = parse_impedance_text("\xEF\xBB\xBF\"Frequency\",\"Impedance\",\"Phase\"\r\n20,10,0\r\n100,\t10,1\r\n"
                                          "1000\t11\t5\r\n\"10000\",15,30\r\n2e4, 20, +45\r\n",
                                          "z.csv");
    REQUIRE(csv.points.size() == 5);
    CHECK(csv.points[1].phase_deg == 1);
    CHECK(csv.points[3].frequency_hz == 10000);
    CHECK(csv.points[4].frequency_hz == 20000);
    CHECK(csv.points[4].phase_deg == 45);
}

TEST_CASE("each malformed impedance file is refused at its line", "[measured][errors]") {
    CHECK(error_of("* header\n20 10 0\n100 10 1\n90 11 5\n10000 15 30\n20000 20 45\n") ==
          "z.zma:4:1: error: non-monotonic frequency: 90 Hz after 100 Hz (frequencies must increase)");
    CHECK(error_of("20 10 0\n100 10 1\n100 11 5\n10000 15 30\n20000 20 45\n") ==
          "z.zma:3:1: error: non-monotonic frequency: 100 Hz after 100 Hz (frequencies must increase)");
    CHECK(error_of("20 10 0\n100 10\n1000 11 5\n10000 15 30\n20000 20 45\n") ==
          "z.zma:2:7: error: missing column: expected frequency (Hz), magnitude (Ohm) and phase (degrees), found 2 values");
    CHECK(error_of("20 10 0\n100 10 1\n1000 -11 5\n10000 15 30\n20000 20 45\n") == "z.zma:3:6: error: negative magnitude -11 Ohm");
    CHECK(error_of("20 10 0\n100 10 1\n1000 11 nan\n10000 15 30\n20000 20 45\n") ==
          "z.zma:3:9: error: the phase (degrees) is NaN (not a number)");
    CHECK(error_of("20 10 0\n100 NaN 1\n1000 11 5\n10000 15 30\n20000 20 45\n") ==
          "z.zma:2:5: error: the magnitude (Ohm) is NaN (not a number)");
    CHECK(error_of("* few\n20 10 0\n100 10 1\n1000 11 5\n") == "z.zma:4: error: 3 points: an impedance curve needs at least 5");
    CHECK(error_of("* nothing\n") == "z.zma:1: error: 0 points: an impedance curve needs at least 5");
    CHECK(error_of(five_points + "30000 20 x\n") == "z.zma:6:10: error: expected a number for the phase (degrees), found 'x'");
    CHECK(error_of(five_points + "end of data\n") == "z.zma:6:1: error: expected a frequency in Hz, found 'end'");
    CHECK(error_of("20 10 0 7\n" + five_points) ==
          "z.zma:1:9: error: expected three columns: frequency (Hz), magnitude (Ohm) and phase (degrees), found 4");
    CHECK(error_of("0 10 0\n" + five_points) == "z.zma:1:1: error: frequency 0 Hz is not above zero");
    CHECK(error_of("10 10 95\n" + five_points) == "z.zma:1:7: error: phase 95 degrees is outside -90..90: not a passive impedance");
    CHECK(error_of("10 0 5\n" + five_points) == "z.zma:1:4: error: zero magnitude: a driver's impedance is above zero");
    CHECK(error_of("10 inf 5\n" + five_points) == "z.zma:1:4: error: the magnitude (Ohm) is infinite");
}

TEST_CASE("a missing impedance file is an error naming it", "[measured][errors]") {
    try {
        read_impedance_file("/nonexistent/hpsim/z.zma");
        FAIL("no error");
    } catch (const hpsim::spice::DeckError& error) {
        CHECK(std::string(error.what()) ==
              "/nonexistent/hpsim/z.zma: error: cannot read the impedance file '/nonexistent/hpsim/z.zma': No such file or directory");
    }
}
