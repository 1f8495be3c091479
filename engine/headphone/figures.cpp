#include "headphone/figures.hpp"

#include <cstdio>

#include "headphone/json_text.hpp"

namespace hpsim::headphone {
namespace {

void add_pair(std::vector<Figure>& figures, const std::string& path, double left, double right) {
    figures.push_back({path + ".left", left});
    figures.push_back({path + ".right", right});
}

void add_crosstalk(std::vector<Figure>& figures, const std::string& path, const Measurements& variant, char victim_side) {
    const Channel& victim = victim_side == 'l' ? variant.left : variant.right;
    const char* const spots[] = {"100", "1000", "10000", "worst"};
    bool any_below = false;
    for (std::size_t i = 0; i < victim.crosstalk_db.size(); ++i) {
        const double level = victim.crosstalk_db[i];
        any_below = any_below || below_floor(level);
        figures.push_back({path + "." + spots[i], below_floor(level) ? FigureValue{} : FigureValue{level}});
    }
    figures.push_back({path + ".reason", any_below ? FigureValue{crosstalk_floor_reason(variant, victim_side)} : FigureValue{}});
}

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t dot; (dot = path.find('.', start)) != std::string::npos; start = dot + 1) parts.push_back(path.substr(start, dot - start));
    parts.push_back(path.substr(start));
    return parts;
}

std::string value_json(const FigureValue& value) {
    if (const double* number = std::get_if<double>(&value)) return json_number(*number);
    if (const std::string* word = std::get_if<std::string>(&value)) return json_string(*word);
    return "null";
}

}  // namespace

std::string crosstalk_floor_reason(const Measurements& v, char victim) {
    const Channel& source = victim == 'l' ? v.right : v.left;
    const std::string floor = "below " + std::to_string(static_cast<int>(numerical_floor_db)) + " dB, the numerical floor: ";
    if (below_floor(source.response_db_vs_ideal)) return floor + "none, the " + std::string(victim == 'l' ? "right" : "left") + " driver receives nothing";
    return floor + "none, the path is symmetric";
}

std::string format_level_db(const char* pattern, double level_db) {
    if (below_floor(level_db)) return "< " + std::to_string(static_cast<int>(numerical_floor_db));
    char text[48];
    std::snprintf(text, sizeof text, pattern, level_db);
    return text;
}

std::vector<Figure> variant_figures(const Measurements& v) {
    std::vector<Figure> figures;
    figures.push_back({"mode", v.mode});
    add_pair(figures, "drive_vrms", v.left.drive_vrms, v.right.drive_vrms);
    add_pair(figures, "power_mw", v.left.power_mw, v.right.power_mw);
    figures.push_back({"clip.scale", v.clip_scale});
    add_pair(figures, "clip.power_mw", v.left.clip_power_mw, v.right.clip_power_mw);
    figures.push_back({"clip.limited_by", v.clip_limited_by});
    figures.push_back({"clip.leg", v.clip_leg});
    add_pair(figures, "clip.spl_db", v.left.clip_spl_db, v.right.clip_spl_db);
    add_crosstalk(figures, "crosstalk_db.left_to_right", v, 'r');
    add_crosstalk(figures, "crosstalk_db.right_to_left", v, 'l');
    add_pair(figures, "fr_error_db", v.left.fr_error_db, v.right.fr_error_db);
    add_pair(figures, "damping_factor", v.left.damping_factor, v.right.damping_factor);
    add_pair(figures, "damping_factor_min", v.left.damping_factor_min, v.right.damping_factor_min);
    figures.push_back({"polarity.left", std::string(1, v.left.polarity)});
    figures.push_back({"polarity.right", std::string(1, v.right.polarity)});
    figures.push_back({"interchannel_phase_deg", v.interchannel_phase_deg});
    return figures;
}

std::string nested_json_members(const std::vector<Figure>& figures) {
    std::string out;
    std::vector<std::string> open;  // the objects the previous figure sits in
    for (const Figure& figure : figures) {
        const std::vector<std::string> parts = split_path(figure.path);
        std::size_t shared = 0;
        while (shared < open.size() && shared + 1 < parts.size() && open[shared] == parts[shared]) ++shared;
        for (; open.size() > shared; open.pop_back()) out += "}";
        // The object we are in already has a member unless nothing has been written.
        bool first_member = out.empty();
        for (std::size_t level = open.size(); level + 1 < parts.size(); ++level) {
            out += (first_member ? "" : ", ") + json_string(parts[level]) + ": {";
            open.push_back(parts[level]);
            first_member = true;
        }
        out += (first_member ? "" : ", ") + json_string(parts.back()) + ": " + value_json(figure.value);
    }
    for (; !open.empty(); open.pop_back()) out += "}";
    return out;
}

}  // namespace hpsim::headphone
