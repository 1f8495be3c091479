#include "headphone/sweep/rows.hpp"

#include "headphone/comparison_text.hpp"
#include "headphone/json_text.hpp"

namespace hpsim::headphone::sweep {
namespace {

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string quoted = "\"";
    for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string csv_value(const FigureValue& value) {
    if (const double* number = std::get_if<double>(&value)) {
        const std::string text = json_number(*number);
        return text == "null" ? "" : text;
    }
    if (const std::string* word = std::get_if<std::string>(&value)) return csv_field(*word);
    return "";
}

std::string axis_json(const AxisValue& value) {
    if (const double* number = std::get_if<double>(&value)) return json_number(*number);
    return json_string(std::get<std::string>(value));
}

}  // namespace

std::size_t hazard_count(const std::vector<Hazard>& hazards, const std::string& severity) {
    std::size_t count = 0;
    for (const Hazard& hazard : hazards) count += hazard.severity == severity;
    return count;
}

std::string hazard_codes(const std::vector<Hazard>& hazards) {
    std::string codes;
    for (const Hazard& hazard : hazards) codes += (codes.empty() ? "" : " ") + hazard.code;
    return codes;
}

const std::vector<std::string>& figure_columns() {
    static const std::vector<std::string> columns = [] {
        std::vector<std::string> names;
        for (const Figure& figure : variant_figures(Measurements{}))
            if (figure.path != "mode") names.push_back(figure.path);
        return names;
    }();
    return columns;
}

std::string csv_header(const Spec& spec) {
    std::string header = "variant";
    for (const Axis& axis : spec.axes) header += ',' + csv_field(axis.figure);
    header += ",mode";
    for (const std::string& column : figure_columns()) header += ',' + column;
    return header + ",hazards.danger,hazards.warning,hazards.info,hazards.codes,error\n";
}

std::string csv_row(const Row& row) {
    std::string line = std::to_string(row.variant);
    for (const AxisValue& value : row.axis_values) line += ',' + csv_field(axis_value_text(value));
    line += ',' + csv_field(row.mode);
    if (row.figures.empty()) {
        line += std::string(figure_columns().size(), ',');
    } else {
        for (const Figure& figure : row.figures) line += ',' + csv_value(figure.value);
    }
    for (const char* severity : {"danger", "warning", "info"}) line += ',' + std::to_string(hazard_count(row.hazards, severity));
    line += ',' + csv_field(hazard_codes(row.hazards));
    line += ',' + csv_field(row.error);
    return line + "\n";
}

std::string jsonl_row(const Spec& spec, const Row& row) {
    std::string line = "{\"variant\": " + std::to_string(row.variant) + ", \"axes\": {";
    for (std::size_t a = 0; a < row.axis_values.size(); ++a)
        line += (a ? ", " : "") + json_string(spec.axes[a].figure) + ": " + axis_json(row.axis_values[a]);
    line += "}, \"mode\": " + json_string(row.mode);
    if (!row.figures.empty()) line += ", " + nested_json_members(row.figures);
    line += ", \"hazards\": " + hazards_json(row.hazards);
    line += ", \"error\": " + (row.error.empty() ? std::string("null") : json_string(row.error));
    return line + "}\n";
}

}  // namespace hpsim::headphone::sweep
