#pragma once
// Numbers for a person, in tables and sentences.
#include <string>

namespace hpsim::headphone {

// printf(pattern, value) for a pattern with one double conversion ("%.1f", "%+.2f",
// "%.3g"); "n/a" for a number that is not finite (the damping factor of a driver that
// gets no current, say).
std::string format_number(const char* pattern, double value);

}  // namespace hpsim::headphone
