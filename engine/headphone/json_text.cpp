#include "headphone/json_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>

namespace hpsim::headphone {

std::string json_string(const std::string& text) {
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            quoted += std::string("\\") + c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned char>(c));
            quoted += escape;
        } else {
            quoted += c;
        }
    }
    return quoted + "\"";
}

std::string json_number(double value) {
    if (!std::isfinite(value)) return "null";
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", value);
    return text;
}

double json_number_value(double value) {
    if (!std::isfinite(value)) return std::numeric_limits<double>::quiet_NaN();
    // to_chars with a precision writes what printf's %.6g writes; both conversions are
    // exact (and several times faster than snprintf and strtod).
    char text[32];
    const auto written = std::to_chars(text, text + sizeof text, value, std::chars_format::general, 6);
    double parsed = 0.0;
    std::from_chars(text, written.ptr, parsed);
    return parsed;
}

}  // namespace hpsim::headphone
