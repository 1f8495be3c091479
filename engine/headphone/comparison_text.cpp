#include "headphone/comparison_text.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "headphone/figures.hpp"
#include "headphone/json_text.hpp"
#include "headphone/number_text.hpp"

namespace hpsim::headphone {

std::vector<std::string> sentences(const std::vector<Measurements>& variants) {
    std::vector<std::string> lines;
    const Measurements& base = variants.front();
    for (std::size_t i = 1; i < variants.size(); ++i) {
        const Measurements& v = variants[i];
        const double gain = 20 * std::log10(v.left.drive_vrms / base.left.drive_vrms);
        lines.push_back(v.name + " gives " + format_number("%+.1f", gain) + " dB and " + format_number("%.2f", v.left.power_mw / base.left.power_mw) +
                        "x the power of " + base.name + " into this load at the same level; at clip, " +
                        format_number("%.3g", v.left.clip_power_mw) + " mW against " + format_number("%.3g", base.left.clip_power_mw) + " mW (" +
                        format_number("%+.1f", 10 * std::log10(v.left.clip_power_mw / base.left.clip_power_mw)) + " dB).");
    }
    for (const Measurements& v : variants) {
        std::string line = v.name + ": clips at " + format_number("%.3g", v.clip_scale) + "x the reference level, limited by the " +
                           v.clip_leg + " leg's " + v.clip_limited_by + " limit";
        line += v.clip_limited_by == "voltage" ? " (its current limit is not reached)" : " (before its voltage limit)";
        if (std::isfinite(v.left.clip_spl_db)) line += "; up to " + format_number("%.1f", v.left.clip_spl_db) + " dB SPL";
        lines.push_back(line + ".");
        for (const Hazard& hazard : v.hazards) lines.push_back(v.name + ": " + hazard.message + ".");
    }
    return lines;
}

std::vector<TableRow> comparison_rows(const std::vector<Measurements>& variants, double level) {
    std::vector<TableRow> rows;
    const auto row = [&](const std::string& label, auto cell) {
        TableRow& added = rows.emplace_back(TableRow{label, {}});
        for (const Measurements& v : variants) added.cells.push_back(cell(v));
    };
    const auto pair = [](const char* pattern, double left, double right) { return format_number(pattern, left) + " / " + format_number(pattern, right); };
    row("variant", [](const Measurements& v) { return v.name; });
    row("mode", [](const Measurements& v) { return v.mode; });
    row("drive L / R (Vrms)", [&](const Measurements& v) { return pair("%.4g", v.left.drive_vrms, v.right.drive_vrms); });
    row("gain vs " + variants.front().name.substr(0, 20) + " (dB)", [&](const Measurements& v) {
        return format_number("%+.2f", 20 * std::log10(v.left.drive_vrms / variants.front().left.drive_vrms));
    });
    row("power L / R (mW)", [&](const Measurements& v) { return pair("%.4g", v.left.power_mw, v.right.power_mw); });
    row("clip level (x " + format_number("%.3g", level) + " Vrms)", [](const Measurements& v) { return format_number("%.3g", v.clip_scale); });
    row("clip limited by", [](const Measurements& v) { return v.clip_leg + " " + v.clip_limited_by; });
    row("clip power L / R (mW)", [&](const Measurements& v) { return pair("%.4g", v.left.clip_power_mw, v.right.clip_power_mw); });
    row("max SPL L / R (dB)", [&](const Measurements& v) { return pair("%.1f", v.left.clip_spl_db, v.right.clip_spl_db); });
    const char* spots[] = {"100 Hz", "1 kHz", "10 kHz", "worst"};
    for (int k = 0; k < 4; ++k)
        row(std::string("crosstalk L>R / R>L ") + spots[k] + " (dB)", [&](const Measurements& v) {
            return format_level_db("%.1f", v.right.crosstalk_db[k]) + " / " + format_level_db("%.1f", v.left.crosstalk_db[k]);
        });
    row("response error L / R (dB)", [&](const Measurements& v) { return pair("%.2f", v.left.fr_error_db, v.right.fr_error_db); });
    row("damping factor 1 kHz L / R", [&](const Measurements& v) { return pair("%.3g", v.left.damping_factor, v.right.damping_factor); });
    row("damping factor min L / R", [&](const Measurements& v) { return pair("%.3g", v.left.damping_factor_min, v.right.damping_factor_min); });
    row("polarity L / R", [](const Measurements& v) { return std::string(1, v.left.polarity) + " / " + v.right.polarity; });
    row("L-R phase (degrees)", [](const Measurements& v) { return format_number("%.1f", v.interchannel_phase_deg); });
    row("hazards", [](const Measurements& v) {
        int dangers = 0, warnings = 0;
        for (const Hazard& h : v.hazards) dangers += h.severity == "danger", warnings += h.severity == "warning";
        return std::to_string(dangers) + " danger, " + std::to_string(warnings) + " warning";
    });
    return rows;
}

std::string format_table(const std::vector<Measurements>& variants, double level) {
    std::ostringstream out;
    char text[48];
    for (const TableRow& row : comparison_rows(variants, level)) {
        std::snprintf(text, sizeof text, "%-34s", row.label.c_str());
        out << text;
        for (const std::string& cell : row.cells) {
            std::snprintf(text, sizeof text, " %26s", cell.c_str());
            out << text;
        }
        out << "\n";
    }
    out << "\n";
    for (const std::string& line : sentences(variants)) out << "- " << line << "\n";
    return out.str();
}

std::string variant_json(const Measurements& v) {
    return "{\"name\": " + json_string(v.name) + ", " + nested_json_members(variant_figures(v)) + ", \"hazards\": " +
           hazards_json(v.hazards) + "}";
}

std::string hazards_json(const std::vector<Hazard>& hazards) {
    std::string out = "[";
    for (std::size_t h = 0; h < hazards.size(); ++h)
        out += (h ? ", " : "") + std::string("{\"severity\": ") + json_string(hazards[h].severity) + ", \"code\": " +
               json_string(hazards[h].code) + ", \"message\": " + json_string(hazards[h].message) + "}";
    return out + "]";
}

std::string format_json(const std::vector<Measurements>& variants, double level, const std::vector<SkippedMode>& skipped) {
    std::ostringstream out;
    out << "{\"level_vrms\": " << json_number(level) << ", \"variants\": [";
    for (std::size_t i = 0; i < variants.size(); ++i) out << (i ? ", " : "") << variant_json(variants[i]);
    out << "], \"skipped\": [";
    for (std::size_t i = 0; i < skipped.size(); ++i)
        out << (i ? ", " : "") << "{\"rig\": " << json_string(skipped[i].rig) << ", \"mode\": " << json_string(skipped[i].mode)
            << ", \"reason\": " << json_string(skipped[i].reason) << "}";
    out << "], \"sentences\": [";
    const auto lines = sentences(variants);
    for (std::size_t i = 0; i < lines.size(); ++i) out << (i ? ", " : "") << json_string(lines[i]);
    out << "]}\n";
    return out.str();
}

std::string format_curves_csv(const std::vector<Measurements>& variants, const std::vector<std::vector<CurvePoint>>& curves) {
    std::ostringstream out;
    out << "variant,frequency,left_response_db,right_response_db,crosstalk_left_to_right_db,crosstalk_right_to_left_db,"
           "left_impedance_ohm,right_impedance_ohm,left_impedance_phase_deg,right_impedance_phase_deg,"
           "left_source_impedance_ohm,right_source_impedance_ohm\n";
    const auto number = [](double value) {
        char text[32];
        std::snprintf(text, sizeof text, ",%.17g", value);
        return std::string(text);
    };
    const auto level = [&](double level_db) { return below_floor(level_db) || !std::isfinite(level_db) ? std::string(",") : number(level_db); };
    for (std::size_t v = 0; v < variants.size(); ++v)
        for (const CurvePoint& p : curves[v])
            out << json_string(variants[v].name) << number(p.frequency_hz) << level(p.left_response_db) << level(p.right_response_db)
                << level(p.crosstalk_lr_db) << level(p.crosstalk_rl_db) << number(p.left_impedance_ohm) << number(p.right_impedance_ohm)
                << number(p.left_impedance_phase_deg) << number(p.right_impedance_phase_deg) << number(p.left_source_impedance_ohm)
                << number(p.right_source_impedance_ohm) << "\n";
    return out.str();
}

}  // namespace hpsim::headphone
