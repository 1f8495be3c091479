#include "report/plot.hpp"

#include <cmath>

#include "headphone/json_text.hpp"

namespace hpsim::report {
namespace {

using headphone::json_number;
using headphone::json_string;

std::string numbers_json(const std::vector<double>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + json_number(values[i]);
    return out + "]";
}

std::string axis_json(const Axis& axis) {
    return "{\"label\": " + json_string(axis.label) + ", \"log\": " + (axis.log ? "true" : "false") + "}";
}

}  // namespace

const std::vector<std::string>& palette() {
    // Okabe and Ito's colour-blind safe set, darkest first.
    static const std::vector<std::string> colours{"#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442"};
    return colours;
}

std::string plot_json(const Plot& plot) {
    std::string out = "{\"name\": " + json_string(plot.name) + ", \"title\": " + json_string(plot.title) +
                      ", \"caption\": " + json_string(plot.caption) + ", \"x\": " + axis_json(plot.x) + ", \"y\": " + axis_json(plot.y);
    if (!plot.y2.label.empty()) out += ", \"y2\": " + axis_json(plot.y2);
    if (!plot.categories.empty()) {
        out += ", \"categories\": [";
        for (std::size_t i = 0; i < plot.categories.size(); ++i) out += (i ? ", " : "") + json_string(plot.categories[i]);
        out += "]";
    }
    out += ", \"series\": [";
    for (std::size_t s = 0; s < plot.series.size(); ++s) {
        const Series& series = plot.series[s];
        bool any_null = false;
        for (const double y : series.y) any_null = any_null || !std::isfinite(y);
        out += (s ? ", " : "") + std::string("{\"title\": ") + json_string(series.title) + ", \"axis\": " +
               (series.right_axis ? "\"y2\"" : "\"y\"") + ", \"x\": " + numbers_json(series.x) + ", \"y\": " + numbers_json(series.y);
        if (any_null) out += ", \"null_reason\": " + json_string(series.null_reason.empty() ? "no value" : series.null_reason);
        out += "}";
    }
    out += "], \"limits\": [";
    for (std::size_t l = 0; l < plot.limits.size(); ++l)
        out += (l ? ", " : "") + std::string("{\"y\": ") + json_number(plot.limits[l].y) + ", \"label\": " + json_string(plot.limits[l].label) + "}";
    out += "]";
    if (plot.kind == Plot::Kind::heat_map) {
        out += ", \"heat_map\": {\"label\": " + json_string(plot.heat.z_label) + ", \"x\": " + numbers_json(plot.heat.x) +
               ", \"y\": " + numbers_json(plot.heat.y) + ", \"z\": [";
        for (std::size_t r = 0; r < plot.heat.z.size(); ++r) out += (r ? ", " : "") + numbers_json(plot.heat.z[r]);
        out += "]}";
    }
    return out + "}\n";
}

}  // namespace hpsim::report
