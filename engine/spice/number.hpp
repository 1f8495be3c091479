#pragma once
// SPICE numbers as ngspice reads them: "10uF", "2.2kOhm", "1MEG", "3mil", "1e-3".
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hpsim::spice {

struct NumberScan {
    std::size_t length = 0;    // characters that form the number, suffix and units included; 0: none
    bool out_of_range = false; // the value does not fit a double
    double value = 0.0;
};

// Reads the number at the start of text (no sign; the expression reader handles it).
NumberScan scan_number(std::string_view text);

// The whole token as a number, with an optional sign; nullopt when it is not one
// (or is out of range).
std::optional<double> parse_number(std::string_view token);

// The shortest text that reads back to exactly this value ("0.5", "1e-12", "-3").
std::string format_number(double value);

}  // namespace hpsim::spice
