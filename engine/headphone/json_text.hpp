#pragma once
// JSON written by hand (the reports need only strings, numbers, arrays and objects):
// strings escaped, numbers to 6 significant digits, non-finite numbers as null.
#include <string>

namespace hpsim::headphone {

std::string json_string(const std::string& text);
std::string json_number(double value);
// The number json_number writes, read back: what a program parsing the JSON (or a
// sweep's CSV) gets. NaN where json_number writes null.
double json_number_value(double value);

}  // namespace hpsim::headphone
