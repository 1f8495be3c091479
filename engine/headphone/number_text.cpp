#include "headphone/number_text.hpp"

#include <cmath>
#include <cstdio>

namespace hpsim::headphone {

std::string format_number(const char* pattern, double value) {
    if (!std::isfinite(value)) return "n/a";
    char text[64];
    std::snprintf(text, sizeof text, pattern, value);
    return text;
}

}  // namespace hpsim::headphone
