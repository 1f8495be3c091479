#include "report/sweep_table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>

#include "spice/diagnostic.hpp"

namespace hpsim::report {
namespace {

using spice::DeckError;

std::optional<double> parse_number(const std::string& text) {
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc() || stop != end || text.empty()) return std::nullopt;
    return value;
}

int parse_count(const std::string& text, const std::string& file, int line, int column, const std::string& name) {
    const auto value = parse_number(text);
    if (text.empty()) return 0;
    if (!value || *value < 0 || *value != std::floor(*value)) throw DeckError({file, line, column}, name + " must be a count, not '" + text + "'");
    return static_cast<int>(*value);
}

int column_of(const std::vector<std::string>& fields, std::size_t index) {
    int column = 1;
    for (std::size_t i = 0; i < index && i < fields.size(); ++i) column += static_cast<int>(fields[i].size()) + 1;
    return column;
}

}  // namespace

std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') fields.back() += '"', ++i;
            else if (c == '"') quoted = false;
            else fields.back() += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    return fields;
}

bool log_spaced(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    if (values.size() < 3 || values.front() <= 0) return false;
    const double ratio = values[1] / values[0];
    for (std::size_t i = 2; i < values.size(); ++i)
        if (std::abs(values[i] / values[i - 1] / ratio - 1) > 1e-4) return false;
    return true;
}

int SweepTable::figure_index(const std::string& name) const {
    const auto found = std::find(figures.begin(), figures.end(), name);
    return found == figures.end() ? -1 : static_cast<int>(found - figures.begin());
}

SweepTable parse_sweep_csv(const std::string& text, const std::string& file) {
    SweepTable table;
    table.file = file;
    table.text = text;
    std::istringstream lines(text);
    std::string line;
    if (!std::getline(lines, line)) throw DeckError({file, 1, 1}, "empty sweep table (expected the header of hpsim sweep's CSV)");
    const std::vector<std::string> header = csv_fields(line);
    const auto mode_column = std::find(header.begin(), header.end(), "mode");
    const auto danger_column = std::find(header.begin(), header.end(), "hazards.danger");
    const std::vector<std::string> tail{"hazards.danger", "hazards.warning", "hazards.info", "hazards.codes", "error"};
    if (header.front() != "variant" || mode_column == header.end() || danger_column == header.end() || danger_column < mode_column ||
        !std::equal(tail.begin(), tail.end(), danger_column, header.end()))
        throw DeckError({file, 1, 1}, "not a sweep table: the header must read variant,<axes>,mode,<figures>," +
                                          std::string("hazards.danger,hazards.warning,hazards.info,hazards.codes,error"));
    const std::size_t axis_count = static_cast<std::size_t>(mode_column - header.begin()) - 1;
    if (axis_count == 0) throw DeckError({file, 1, 9}, "the sweep table has no axis between variant and mode");
    for (std::size_t a = 0; a < axis_count; ++a) table.axes.push_back({header[1 + a], {}, false, {}, false});
    table.figures.assign(mode_column + 1, danger_column);

    for (int number = 2; std::getline(lines, line); ++number) {
        if (line.empty() || line == "\r") continue;
        const std::vector<std::string> fields = csv_fields(line);
        if (fields.size() != header.size())
            throw DeckError({file, number, 1}, "row has " + std::to_string(fields.size()) + " fields, the header " + std::to_string(header.size()));
        SweepRow row;
        row.line = number;
        row.variant = fields[0];
        row.axis_values.assign(fields.begin() + 1, fields.begin() + 1 + static_cast<long>(axis_count));
        row.mode = fields[1 + axis_count];
        const std::size_t first_figure = 2 + axis_count, danger = first_figure + table.figures.size();
        row.figures.assign(fields.begin() + static_cast<long>(first_figure), fields.begin() + static_cast<long>(danger));
        row.dangers = parse_count(fields[danger], file, number, column_of(fields, danger), "hazards.danger");
        row.warnings = parse_count(fields[danger + 1], file, number, column_of(fields, danger + 1), "hazards.warning");
        row.infos = parse_count(fields[danger + 2], file, number, column_of(fields, danger + 2), "hazards.info");
        row.hazard_codes = fields[danger + 3];
        row.error = fields[danger + 4];
        for (std::size_t a = 0; a < axis_count; ++a) {
            auto& values = table.axes[a].values;
            if (std::find(values.begin(), values.end(), row.axis_values[a]) == values.end()) values.push_back(row.axis_values[a]);
        }
        if (std::find(table.modes.begin(), table.modes.end(), row.mode) == table.modes.end()) table.modes.push_back(row.mode);
        table.rows.push_back(std::move(row));
    }
    if (table.rows.empty()) throw DeckError({file, 2, 1}, "the sweep table has no rows");
    for (SweepAxis& axis : table.axes) {
        axis.numeric = true;
        for (const std::string& value : axis.values) {
            const auto number = parse_number(value);
            axis.numeric = axis.numeric && number && std::isfinite(*number);
            axis.numbers.push_back(number.value_or(NAN));
        }
        if (!axis.numeric) axis.numbers.clear();
        axis.log_spaced = axis.numeric && log_spaced(axis.numbers);
    }
    return table;
}

SweepTable read_sweep_csv(const std::filesystem::path& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream) throw DeckError({path.string(), 0, 0}, "cannot read the sweep table");
    std::ostringstream text;
    text << stream.rdbuf();
    return parse_sweep_csv(text.str(), path.string());
}

}  // namespace hpsim::report
