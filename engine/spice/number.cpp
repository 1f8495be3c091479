#include "spice/number.hpp"

#include <charconv>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

namespace hpsim::spice {
namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool starts_with_word(std::string_view text, std::size_t at, std::string_view word) {
    if (text.size() - at < word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (lower(text[at + i]) != word[i]) return false;
    return true;
}

// Engineering suffix at text[at]: its scale and length; "meg" and "mil" before "m".
std::pair<double, std::size_t> suffix(std::string_view text, std::size_t at) {
    if (at >= text.size()) return {1.0, 0};
    if (starts_with_word(text, at, "meg")) return {1e6, 3};
    if (starts_with_word(text, at, "mil")) return {25.4e-6, 3};
    switch (lower(text[at])) {
        case 'f': return {1e-15, 1};
        case 'p': return {1e-12, 1};
        case 'n': return {1e-9, 1};
        case 'u': return {1e-6, 1};
        case 'm': return {1e-3, 1};
        case 'k': return {1e3, 1};
        case 'g': return {1e9, 1};
        case 't': return {1e12, 1};
        default: return {1.0, 0};
    }
}

}  // namespace

NumberScan scan_number(std::string_view text) {
    std::size_t i = 0;
    std::size_t digits = 0;
    while (i < text.size() && is_digit(text[i])) ++i, ++digits;
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && is_digit(text[i])) ++i, ++digits;
    }
    if (digits == 0) return {};
    // An exponent counts only when digits follow it ("1e" is 1 with unit "e").
    if (i < text.size() && lower(text[i]) == 'e') {
        std::size_t j = i + 1;
        if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
        if (j < text.size() && is_digit(text[j])) {
            while (j < text.size() && is_digit(text[j])) ++j;
            i = j;
        }
    }
    const std::string mantissa(text.substr(0, i));
    errno = 0;
    double value = std::strtod(mantissa.c_str(), nullptr);
    const bool overflow = errno == ERANGE && std::isinf(value);
    const auto [scale, suffix_length] = suffix(text, i);
    i += suffix_length;
    while (i < text.size() && is_letter(text[i])) ++i;  // units: "F", "Ohm", "Hz"
    value *= scale;
    return {i, overflow || !std::isfinite(value), value};
}

std::optional<double> parse_number(std::string_view token) {
    double sign = 1.0;
    if (!token.empty() && (token.front() == '+' || token.front() == '-')) {
        sign = token.front() == '-' ? -1.0 : 1.0;
        token.remove_prefix(1);
    }
    const NumberScan scan = scan_number(token);
    if (scan.length == 0 || scan.length != token.size() || scan.out_of_range) return std::nullopt;
    return sign * scan.value;
}

std::string format_number(double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

}  // namespace hpsim::spice
