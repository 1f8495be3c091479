#include "headphone/measured/impedance_file.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numbers>
#include <optional>
#include <sstream>

#include "spice/diagnostic.hpp"

namespace hpsim::headphone::measured {
namespace {

using spice::DeckError;
using spice::SourceLocation;

struct Field {
    std::string text;
    int column;  // 1-based
};

bool separator(char c) { return c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\v' || c == '\f'; }

std::vector<Field> split_fields(const std::string& line) {
    std::vector<Field> fields;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && separator(line[i])) ++i;
        if (i == line.size()) break;
        const std::size_t start = i;
        while (i < line.size() && !separator(line[i])) ++i;
        std::string text = line.substr(start, i - start);
        if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);  // CSV quoting
        fields.push_back({text, static_cast<int>(start) + 1});
    }
    return fields;
}

// The whole field as a number (NaN and infinities included, so that they can be
// reported as such); nullopt for a word.
std::optional<double> parse_number(const std::string& text) {
    const char* begin = text.data();
    const char* end = begin + text.size();
    if (begin != end && *begin == '+') ++begin;
    double value = 0;
    const auto [stop, error] = std::from_chars(begin, end, value);
    if (error != std::errc() || stop != end) return std::nullopt;
    return value;
}

std::string figure(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

}  // namespace

std::complex<double> ImpedancePoint::impedance_ohm() const {
    return std::polar(magnitude_ohm, phase_deg * std::numbers::pi / 180);
}

ImpedanceCurve parse_impedance_text(const std::string& text, const std::filesystem::path& file) {
    const std::string name = file.string();
    const auto at = [&](int line, int column) { return SourceLocation{name, line, column}; };
    ImpedanceCurve curve;
    curve.file = file;
    const bool byte_order_mark = text.rfind("\xEF\xBB\xBF", 0) == 0;  // UTF-8, as some Windows tools write
    std::istringstream lines(byte_order_mark ? text.substr(3) : text);
    std::string line;
    int number = 0, last_data_line = 0;
    static const char* const columns[] = {"frequency (Hz)", "magnitude (Ohm)", "phase (degrees)"};
    while (std::getline(lines, line)) {
        ++number;
        const std::vector<Field> fields = split_fields(line);
        if (fields.empty() || fields[0].text[0] == '*' || fields[0].text[0] == ';') continue;
        if (!parse_number(fields[0].text)) {
            if (curve.points.empty()) continue;  // a header line of words
            throw DeckError(at(number, fields[0].column), "expected a frequency in Hz, found '" + fields[0].text + "'");
        }
        double values[3];
        for (std::size_t k = 0; k < 3; ++k) {
            if (k >= fields.size())
                throw DeckError(at(number, static_cast<int>(line.find_last_not_of(" \t\r,")) + 2),
                                "missing column: expected frequency (Hz), magnitude (Ohm) and phase (degrees), found " +
                                    std::to_string(fields.size()) + (fields.size() == 1 ? " value" : " values"));
            const std::optional<double> value = parse_number(fields[k].text);
            if (!value) throw DeckError(at(number, fields[k].column), std::string("expected a number for the ") + columns[k] + ", found '" + fields[k].text + "'");
            if (std::isnan(*value)) throw DeckError(at(number, fields[k].column), std::string("the ") + columns[k] + " is NaN (not a number)");
            if (!std::isfinite(*value)) throw DeckError(at(number, fields[k].column), std::string("the ") + columns[k] + " is infinite");
            values[k] = *value;
        }
        if (fields.size() > 3)
            throw DeckError(at(number, fields[3].column), "expected three columns: frequency (Hz), magnitude (Ohm) and phase (degrees), found " +
                                                              std::to_string(fields.size()));
        const ImpedancePoint point{values[0], values[1], values[2]};
        if (!(point.frequency_hz > 0)) throw DeckError(at(number, fields[0].column), "frequency " + figure(point.frequency_hz) + " Hz is not above zero");
        if (!curve.points.empty() && !(point.frequency_hz > curve.points.back().frequency_hz))
            throw DeckError(at(number, fields[0].column), "non-monotonic frequency: " + figure(point.frequency_hz) +
                                                              " Hz after " + figure(curve.points.back().frequency_hz) +
                                                              " Hz (frequencies must increase)");
        if (point.magnitude_ohm < 0) throw DeckError(at(number, fields[1].column), "negative magnitude " + figure(point.magnitude_ohm) + " Ohm");
        if (point.magnitude_ohm == 0) throw DeckError(at(number, fields[1].column), "zero magnitude: a driver's impedance is above zero");
        if (std::abs(point.phase_deg) > 90)
            throw DeckError(at(number, fields[2].column), "phase " + figure(point.phase_deg) +
                                                              " degrees is outside -90..90: not a passive impedance");
        curve.points.push_back(point);
        last_data_line = number;
    }
    if (curve.points.size() < minimum_points)
        throw DeckError(at(std::max(1, curve.points.empty() ? number : last_data_line), 0),
                        std::to_string(curve.points.size()) + (curve.points.size() == 1 ? " point" : " points") +
                            ": an impedance curve needs at least " + std::to_string(minimum_points));
    return curve;
}

ImpedanceCurve read_impedance_file(const std::filesystem::path& file, const SourceLocation& named_at) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream)
        throw DeckError(named_at.file.empty() ? SourceLocation{file.string(), 0, 0} : named_at,
                        "cannot read the impedance file '" + file.string() + "': " + spice::unreadable_reason(file.string()));
    std::ostringstream text;
    text << stream.rdbuf();
    return parse_impedance_text(text.str(), file);
}

}  // namespace hpsim::headphone::measured
