#include <catch2/catch.hpp>

#include "spice/number.hpp"

using hpsim::spice::parse_number;

TEST_CASE("engineering suffixes scale numbers as ngspice reads them", "[number]") {
    CHECK(*parse_number("1f") == Approx(1e-15));
    CHECK(*parse_number("1p") == Approx(1e-12));
    CHECK(*parse_number("1n") == Approx(1e-9));
    CHECK(*parse_number("1u") == Approx(1e-6));
    CHECK(*parse_number("1m") == Approx(1e-3));
    CHECK(*parse_number("1k") == Approx(1e3));
    CHECK(*parse_number("1meg") == Approx(1e6));
    CHECK(*parse_number("1MEG") == Approx(1e6));
    CHECK(*parse_number("1g") == Approx(1e9));
    CHECK(*parse_number("1t") == Approx(1e12));
    CHECK(*parse_number("1mil") == Approx(25.4e-6));
}

TEST_CASE("trailing unit letters are ignored as SPICE does", "[number]") {
    CHECK(*parse_number("10uF") == Approx(1e-5));
    CHECK(*parse_number("2.2kOhm") == Approx(2200));
    CHECK(*parse_number("100KHZ") == Approx(1e5));
    CHECK(*parse_number("5V") == Approx(5));
    CHECK(*parse_number("1F") == Approx(1e-15));  // F is femto, not farad
    CHECK(*parse_number("1Hz") == Approx(1));
}

TEST_CASE("decimal points, exponents and signs", "[number]") {
    CHECK(*parse_number(".5") == Approx(0.5));
    CHECK(*parse_number("5.") == Approx(5));
    CHECK(*parse_number("-1.5e-3") == Approx(-1.5e-3));
    CHECK(*parse_number("+2E+3") == Approx(2e3));
    CHECK(*parse_number("1e3k") == Approx(1e6));
}

TEST_CASE("tokens that are not numbers are rejected", "[number]") {
    CHECK_FALSE(parse_number(""));
    CHECK_FALSE(parse_number("abc"));
    CHECK_FALSE(parse_number("1.2.3"));
    CHECK_FALSE(parse_number("--1"));
    CHECK_FALSE(parse_number("1k2"));
    CHECK_FALSE(parse_number("1e400"));  // out of range, never infinity
}
