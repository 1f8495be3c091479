#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>

#include "headphone/json_text.hpp"

using hpsim::headphone::json_number;
using hpsim::headphone::json_number_value;

namespace {

// What a program reading the JSON gets: the text parsed by strtod.
double parsed(double value) {
    const std::string text = json_number(value);
    return text == "null" ? std::numeric_limits<double>::quiet_NaN() : std::strtod(text.c_str(), nullptr);
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

TEST_CASE("a number's printed value is what parsing its JSON text gives, bit for bit", "[headphone][json]") {
    // Values on the edges of the 6-digit rounding and of printf's switch to exponents,
    // then random doubles over the whole range (any bit pattern that is finite).
    const double edges[] = {0.0, -0.0, 1.0, 0.1, 999999.5, 999999.4999999, 9.999995, 9.9999949999, 1e-5, 9.999995e-5,
                            1e-4, 123456.5, 1234565.0, 1e15, 1e-300, 4.9e-324, std::numeric_limits<double>::max(),
                            std::numeric_limits<double>::min(), -75.59025, 2.5e-7, 0.30000000000000004};
    for (const double value : edges) {
        INFO(value);
        CHECK(same_bits(json_number_value(value), parsed(value)));
        CHECK(same_bits(json_number_value(-value), parsed(-value)));
    }
    std::mt19937_64 random(7);
    for (int i = 0; i < 200000; ++i) {
        double value;
        const std::uint64_t bits = random();
        std::memcpy(&value, &bits, sizeof value);
        if (!std::isfinite(value)) continue;
        INFO(json_number(value));
        REQUIRE(same_bits(json_number_value(value), parsed(value)));
    }
    std::uniform_real_distribution<double> decades(-12, 12);
    for (int i = 0; i < 200000; ++i) {
        const double value = std::pow(10.0, decades(random));
        INFO(json_number(value));
        REQUIRE(same_bits(json_number_value(value), parsed(value)));
    }
}

TEST_CASE("a number that JSON writes as null reads back as NaN", "[headphone][json]") {
    CHECK(std::isnan(json_number_value(std::numeric_limits<double>::infinity())));
    CHECK(std::isnan(json_number_value(-std::numeric_limits<double>::infinity())));
    CHECK(std::isnan(json_number_value(std::numeric_limits<double>::quiet_NaN())));
}
