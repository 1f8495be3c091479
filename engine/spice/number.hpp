#pragma once
// SPICE numbers as ngspice reads them, case-insensitively: a mantissa ("1", "1.5", ".5",
// "5."), an optional exponent ("1e-3"), an optional engineering suffix (f p n u m k meg
// g t mil), then any letters, which are ignored as units: "10uF", "2.2kOhm", "1MEG".
#include <cstddef>
#include <optional>
#include <string_view>

namespace hpsim::spice {

struct NumberParse {
    bool is_number = false;     // the whole token reads as a number
    bool out_of_range = false;  // ...but its magnitude does not fit a double
    double value = 0.0;         // meaningful when is_number && !out_of_range
};

// Reads a whole token, with an optional leading sign.
NumberParse classify_number(std::string_view token);

// The token's value; nullopt when it is not a number or is out of range.
std::optional<double> parse_number(std::string_view token);

// How many leading characters of text form an unsigned number, suffix and units
// included; 0 when text does not start with one.
std::size_t scan_number(std::string_view text);

}  // namespace hpsim::spice
