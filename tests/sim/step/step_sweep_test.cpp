// The values of each .step form, their nesting (the first .step varies fastest, as in
// LTspice) and the limits, with errors located like a compiler's.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "../../support.hpp"

using Catch::Matchers::WithinRel;
using hpsim::testing::error_of;

namespace {

const std::string divider = "t\n.param a=1 b=2 c=3\nV1 x 0 {a}\nR1 x y {b}\nR2 y 0 {c}\n.op\n";

std::vector<double> steps_of(const std::string& cards, std::size_t dimension = 0) {
    const auto deck = hpsim::sim::load_deck_text(divider + cards, "test.cir");
    REQUIRE(deck.steps);
    return deck.steps->sweep.dimensions().at(dimension).values;
}

}  // namespace

TEST_CASE("a linear .step runs from start toward stop by the increment, stop included on the grid", "[step]") {
    CHECK(steps_of(".step param a 1 2 0.25\n") == std::vector<double>{1, 1.25, 1.5, 1.75, 2});
    CHECK(steps_of(".step param a 1 2.1 0.5\n") == std::vector<double>{1, 1.5, 2});
    const auto tenths = steps_of(".step param a 0 1 0.1\n");  // 1 is reached despite rounding
    REQUIRE(tenths.size() == 11);
    CHECK_THAT(tenths.back(), WithinRel(1.0, 1e-12));
    CHECK(steps_of(".step param a 5 5 1\n") == std::vector<double>{5});
}

TEST_CASE("dec and oct .step place N points per decade or octave from start to stop", "[step]") {
    const auto decade = steps_of(".step dec param a 1 100 2\n");
    REQUIRE(decade.size() == 5);
    for (std::size_t k = 0; k < decade.size(); ++k) CHECK_THAT(decade[k], WithinRel(std::pow(10.0, k / 2.0), 1e-12));
    const auto octave = steps_of(".step oct param a 1k 8k 1\n");
    CHECK(octave == std::vector<double>{1000, 2000, 4000, 8000});
}

TEST_CASE("a .step list keeps its values, and the first dimension is sorted increasing as LTspice does", "[step]") {
    CHECK(steps_of(".step param b list 3 1 2\n") == std::vector<double>{1, 2, 3});
    CHECK(steps_of(".step param a 3 1 -1\n") == std::vector<double>{1, 2, 3});
    CHECK(steps_of(".step param a list 1\n.step param b list 3 1 2\n", 1) == std::vector<double>{3, 1, 2});
}

TEST_CASE("nested .step: the first varies fastest", "[step]") {
    const auto results = hpsim::testing::simulate_text(divider + ".step param b list 1 2 3\n.step param c list 10 20\n");
    REQUIRE(results.size() == 6);
    const std::vector<std::pair<double, double>> expected{{1, 10}, {2, 10}, {3, 10}, {1, 20}, {2, 20}, {3, 20}};
    for (std::size_t step = 0; step < results.size(); ++step) {
        const auto& [b, c] = expected[step];
        CHECK(results[step].header.step_names == std::vector<std::string>{"b", "c"});
        CHECK(results[step].header.step_values == std::vector<double>{b, c});
        CHECK_THAT(results[step].real_vector("v(y)")[0], WithinRel(c / (b + c), 1e-12));  // the divider's ratio
    }
}

TEST_CASE("impossible .step sweeps are errors at the value at fault", "[step][errors]") {
    CHECK_ERROR(divider + ".step param a 1 2 0\n", "7:19", "increment is zero");
    CHECK_ERROR(divider + ".step param a 1 2 -1\n", "7:19", "goes away from the stop value");
    CHECK_ERROR(divider + ".step dec param a 0 10 5\n", "7:19", "start must be above zero");
    CHECK_ERROR(divider + ".step oct param a 1 -8 5\n", "7:21", "stop must be above zero");
    CHECK_ERROR(divider + ".step dec param a 10 1 5\n", "7:22", "stop is below the start");
    CHECK_ERROR(divider + ".step dec param a 1 10 0\n", "7:24", "number of points above zero");
    CHECK_ERROR(divider + ".step param a 0 1 1e-9\n", "7:1", "more than 1,000,000 values");
    CHECK_ERROR(divider + ".step param a 1 1000 1\n.step param b 1 1000 1\n.step param c 1 10 1\n", "9:1",
                "more than 1,000,000 steps");
    CHECK_ERROR(divider + ".step param a list 1 {zz}\n", "7:23", "undefined parameter 'zz'");
}
