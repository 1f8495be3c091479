#include "spice/number.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <system_error>
#include <utility>

namespace hpsim::spice {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool has_word_at(std::string_view text, std::size_t at, std::string_view word) {
    if (text.size() - at < word.size()) return false;
    return std::equal(word.begin(), word.end(), text.begin() + static_cast<std::ptrdiff_t>(at),
                      [](char w, char t) { return w == lower(t); });
}

// The engineering suffix at text[at]: its scale and length (0 when there is none).
std::pair<double, std::size_t> suffix_at(std::string_view text, std::size_t at) {
    if (at >= text.size()) return {1.0, 0};
    if (has_word_at(text, at, "meg")) return {1e6, 3};
    if (has_word_at(text, at, "mil")) return {25.4e-6, 3};
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

// from_chars reports underflow and overflow alike. ngspice reads a tiny value as zero,
// so only a huge one is out of range. `mantissa` has at least one nonzero digit.
bool is_huge(std::string_view mantissa, std::string_view exponent) {
    const std::size_t point = std::min(mantissa.find('.'), mantissa.size());
    const std::size_t first = mantissa.find_first_not_of("0.");
    // The mantissa is below 10^magnitude and at least 10^(magnitude - 1).
    long magnitude = static_cast<long>(point) - static_cast<long>(first);
    if (first > point) ++magnitude;
    bool negative = false;
    if (!exponent.empty() && (exponent.front() == '+' || exponent.front() == '-')) {
        negative = exponent.front() == '-';
        exponent.remove_prefix(1);
    }
    long power = 0;
    for (const char digit : exponent) power = std::min(power * 10 + (digit - '0'), 1'000'000L);
    return magnitude + (negative ? -power : power) > 0;
}

struct Scan {
    std::size_t length = 0;  // 0: not a number
    bool out_of_range = false;
    double value = 0.0;
};

Scan scan(std::string_view text) {
    std::size_t i = 0;
    std::size_t digits = 0;
    while (i < text.size() && is_digit(text[i])) ++i, ++digits;
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && is_digit(text[i])) ++i, ++digits;
    }
    if (digits == 0) return {};
    const std::size_t mantissa_end = i;
    std::size_t exponent_start = i;
    if (i < text.size() && lower(text[i]) == 'e') {
        exponent_start = ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        if (i == text.size() || !is_digit(text[i])) return {};  // "1e", "1e+"
        while (i < text.size() && is_digit(text[i])) ++i;
    }
    const std::string_view literal = text.substr(0, i);
    Scan result;
    const auto [end, error] = std::from_chars(literal.data(), literal.data() + literal.size(), result.value);
    if (end != literal.data() + literal.size()) return {};
    if (error == std::errc::result_out_of_range) {
        result.value = 0.0;
        result.out_of_range = is_huge(text.substr(0, mantissa_end), text.substr(exponent_start, i - exponent_start));
    } else if (error != std::errc{}) {
        return {};
    }
    const auto [scale, suffix_length] = suffix_at(text, i);
    i += suffix_length;
    while (i < text.size() && is_letter(text[i])) ++i;
    result.value *= scale;
    result.out_of_range = result.out_of_range || !std::isfinite(result.value);
    result.length = i;
    return result;
}

}  // namespace

NumberParse classify_number(std::string_view token) {
    bool negative = false;
    if (!token.empty() && (token.front() == '+' || token.front() == '-')) {
        negative = token.front() == '-';
        token.remove_prefix(1);
    }
    const Scan number = scan(token);
    if (number.length == 0 || number.length != token.size()) return {};
    if (number.out_of_range) return {true, true, 0.0};
    return {true, false, negative ? -number.value : number.value};
}

std::optional<double> parse_number(std::string_view token) {
    const NumberParse number = classify_number(token);
    if (!number.is_number || number.out_of_range) return std::nullopt;
    return number.value;
}

std::size_t scan_number(std::string_view text) { return scan(text).length; }

}  // namespace hpsim::spice
