#include "headphone/match/answers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "headphone/comparison_text.hpp"
#include "headphone/figures.hpp"
#include "headphone/json_text.hpp"
#include "headphone/number_text.hpp"

namespace hpsim::headphone::match {
namespace {

std::string plural(std::size_t count, const std::string& one, const std::string& many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::string join(const std::vector<std::string>& words, const std::string& last_separator) {
    std::string text;
    for (std::size_t i = 0; i < words.size(); ++i)
        text += (i == 0 ? "" : i + 1 == words.size() ? last_separator : ", ") + words[i];
    return text;
}

// A hazard as a short clause, for summaries.
std::string hazard_clause(const std::string& code) {
    static const std::map<std::string, std::string> clauses{
        {"leg-short", "an amplifier leg drives a near short"},
        {"wrong-driver", "a channel reaches the wrong driver"},
        {"common-not-grounded", "the drivers' common is not grounded, so centre content cancels"},
        {"dc-on-driver", "DC reaches a driver"},
        {"driver-disconnected", "a driver receives nothing"},
        {"crosstalk", "crosstalk damages the stereo image"},
    };
    const auto found = clauses.find(code);
    return found == clauses.end() ? code : found->second;
}

// "the 4.4 mm TRRRS balanced output through balanced-2.5-to-4.4 and iem-4wire-26awg with its trrs-balanced-2.5 plug"
std::string route(const Path& path) {
    std::vector<std::string> parts;
    for (const AdapterStep& adapter : path.adapters) parts.push_back(adapter.model);
    if (path.cable) parts.push_back(path.cable->model + " with its " + path.cable->plug.name + " plug");
    const std::string output = "the " + short_description(path.output_jack) + " output";
    return parts.empty() ? "the headphone's own plug in " + output : output + " through " + join(parts, " and ");
}

std::string margin(double headroom_db, double target_spl_db) {
    const double shown = std::round(headroom_db * 10) / 10;
    return shown >= 0 ? format_number("%.1f dB to spare", shown) : format_number("%.1f dB short of ", -shown) + format_number("%g", target_spl_db);
}

void add_once(std::vector<std::string>& words, const std::string& word) {
    if (std::find(words.begin(), words.end(), word) == words.end()) words.push_back(word);
}

// The adapters and cable of a path.
std::vector<std::string> parts_of(const Path& path) {
    std::vector<std::string> parts;
    for (const AdapterStep& adapter : path.adapters) parts.push_back(adapter.model);
    if (path.cable) parts.push_back(path.cable->model);
    return parts;
}

// Distinct hazard clauses of the paths with this verdict, and where they come from: the
// one such path, else the parts every such path goes through, else all their parts.
std::string clauses_of(const Match& match, const std::string& verdict) {
    const std::string severity = verdict == "do not use" ? "danger" : "warning";
    std::vector<std::string> clauses, all_parts;
    std::vector<const RankedPath*> paths;
    for (const RankedPath& path : match.paths) {
        if (path.verdict != verdict) continue;
        paths.push_back(&path);
        for (const Hazard& hazard : path.measurements.hazards)
            if (hazard.severity == severity) add_once(clauses, hazard_clause(hazard.code));
        for (const std::string& part : parts_of(path.path)) add_once(all_parts, part);
    }
    std::vector<std::string> common;
    for (const std::string& part : all_parts)
        if (std::all_of(paths.begin(), paths.end(), [&](const RankedPath* p) {
                const auto parts = parts_of(p->path);
                return std::find(parts.begin(), parts.end(), part) != parts.end();
            }))
            common.push_back(part);
    const std::string where = paths.size() == 1 ? route(paths.front()->path)
                              : !common.empty() ? "all through " + join(common, " and ")
                                                : "through " + join(all_parts, " or ");
    return join(clauses, " or ") + " (" + where + ")";
}

std::string missing(const Match& match) {
    const Search& search = match.search;
    const Headphone& headphone = match.equipment.headphone;
    std::vector<std::string> jacks;
    for (const Termination& jack : search.jacks_offered) jacks.push_back("a " + short_description(jack) + " jack (" + jack.name + ")");
    std::string text = "Nothing fits: ";
    if (headphone.plug) {
        text += "no output or adapter in the catalog takes the headphone's " + short_description(*headphone.plug) + " plug (" +
                headphone.plug->name + "); the jacks within reach are " + join(jacks, " and ");
    } else if (search.cables_fitting.empty()) {
        text += "no cable in the catalog fits the headphone's " + short_description(*headphone.connector) + " sockets (" +
                headphone.connector->name + ")";
    } else {
        std::vector<std::string> plugs;
        for (const CableFit& cable : search.cables_fitting)
            for (const Termination& plug : cable.plugs)
                if (std::find(plugs.begin(), plugs.end(), plug.name) == plugs.end()) plugs.push_back(plug.name);
        text += "no cable in the catalog goes from " + join(jacks, " or ") + " to " + short_description(*headphone.connector) + " (" +
                headphone.connector->name + "); the cables that fit the headphone end in " + join(plugs, " or ") + " plugs";
    }
    if (match.adapters_that_would_fit > 0)
        text += "; with --max-adapters " + std::to_string(match.adapters_that_would_fit) + " there " +
                (match.paths_with_more_adapters == 1 ? "is 1 path" : "are " + std::to_string(match.paths_with_more_adapters) + " paths");
    return text + ".";
}

std::string works(const Match& match) {
    std::map<std::string, std::size_t> count;
    for (const RankedPath& path : match.paths) ++count[path.verdict];
    std::string text = "Which connection works: ";
    const RankedPath& best = match.paths.front();
    if (best.verdict == "ok")
        text += route(best.path) + (count["ok"] == 1 ? " is the one path that works" : " is the best of " + std::to_string(count["ok"]) + " paths that work");
    else
        text += "no path works cleanly";
    if (count["flawed"] > 0)
        text += "; " + plural(count["flawed"], "path connects", "paths connect") + " but " + clauses_of(match, "flawed");
    if (count["do not use"] > 0)
        text += "; " + plural(count["do not use"], "path", "paths") + " must not be used: " + clauses_of(match, "do not use");
    return text + ".";
}

std::string powerful_enough(const Match& match) {
    const auto has_output = [&](const std::string& mode) {
        const auto& outputs = match.equipment.outputs;
        return std::any_of(outputs.begin(), outputs.end(), [&](const AmplifierOutput& o) { return o.mode == mode; });
    };
    const auto best_of = [&](const std::string& mode) -> const RankedPath* {
        for (const RankedPath& path : match.paths)
            if (path.path.mode == mode && path.verdict != "do not use") return &path;
        return nullptr;
    };
    std::string text = "Powerful enough without balanced? ";
    if (match.need.from.empty())
        return text + "Cannot say: the headphone gives no sensitivity (dB/mW or dB/V).";
    // Why there is no usable path in a mode.
    const auto none_of = [&](bool has, const std::string& mode) {
        if (!has) return "the amplifier has no " + mode + " output";
        const bool any = std::any_of(match.paths.begin(), match.paths.end(), [&](const RankedPath& p) { return p.path.mode == mode; });
        return any ? "no " + mode + " path is safe" : "no " + mode + " path exists with these adapters";
    };
    const RankedPath* single = best_of("single-ended");
    const RankedPath* bridged = best_of("balanced");
    const auto reaches = [&](const RankedPath& path, const char* unit) {
        return " reaches " + format_number("%.1f", path.max_spl_db) + unit + " (" + margin(path.headroom_db, match.target_spl_db) + ", " +
               path.measurements.clip_limited_by + "-limited)";
    };
    if (single)
        text += std::string(std::round(single->headroom_db * 10) >= 0 ? "Yes" : "No") + ": single-ended, " + route(single->path) + "," +
                reaches(*single, " dB SPL");
    else
        text += "No: " + none_of(has_output("single-ended"), "single-ended");
    text += "; ";
    text += bridged ? route(bridged->path) + reaches(*bridged, " dB") : none_of(has_output("balanced"), "balanced");
    return text + ".";
}

std::string need_line(const Match& match) {
    const Need& need = match.need;
    const Headphone& headphone = match.equipment.headphone;
    // The second figure needs the driver's conductance, measured on a path.
    const std::string power = format_number("%.3g", need.power_mw) + " mW", voltage = format_number("%.3g", need.voltage_vrms) + " Vrms";
    const std::string figures = !std::isfinite(need.voltage_vrms) ? power : !std::isfinite(need.power_mw) ? voltage : power + " (" + voltage + ")";
    std::string text = match.equipment.headphone_model + " needs " + figures + " per channel for " + format_number("%g", match.target_spl_db) + " dB SPL";
    if (need.from == "dB/mW") return text + " (from " + format_number("%g", *headphone.sensitivity_db_per_mw) + " dB/mW)";
    if (need.from == "dB/V") return text + " (from " + format_number("%g", *headphone.sensitivity_db_per_v) + " dB/V)";
    return match.equipment.headphone_model + " gives no sensitivity: no SPL can be stated";
}

std::string json_strings(const std::vector<std::string>& texts) {
    std::string text = "[";
    for (std::size_t i = 0; i < texts.size(); ++i) text += (i ? ", " : "") + json_string(texts[i]);
    return text + "]";
}

std::string chain_json(const Path& path, const Equipment& equipment) {
    std::string text = "[{\"part\": \"amplifier\", \"model\": " + json_string(equipment.amplifier_model) +
                       ", \"output\": " + json_string(path.mode) + ", \"jack\": " + json_string(path.output_jack.name) + "}";
    for (const AdapterStep& adapter : path.adapters)
        text += ", {\"part\": \"adapter\", \"model\": " + json_string(adapter.model) + ", \"plug\": " + json_string(adapter.plug.name) +
                ", \"jack\": " + json_string(adapter.jack.name) + "}";
    if (path.cable)
        text += ", {\"part\": \"cable\", \"model\": " + json_string(path.cable->model) + ", \"plug\": " + json_string(path.cable->plug.name) +
                ", \"headphone_end\": " + json_string(path.cable->headphone_end.name) + "}";
    const Headphone& headphone = equipment.headphone;
    text += ", {\"part\": \"headphone\", \"model\": " + json_string(equipment.headphone_model) + ", " +
            (headphone.plug ? "\"plug\": " + json_string(headphone.plug->name) : "\"connector\": " + json_string(headphone.connector->name)) + "}";
    return text + "]";
}

}  // namespace

std::string refusal_text(const Refusal& refusal) {
    return refusal.part + ": " + refusal.plug.name + " does not go into " + refusal.jack.name + ": " + refusal.problem.aspect + " (" +
           refusal.problem.detail + ")";
}

std::vector<std::string> answers(const Match& match) {
    if (match.paths.empty()) return {missing(match)};
    return {works(match), powerful_enough(match)};
}

std::string format_table(const Match& match, bool verbose) {
    std::ostringstream out;
    const Equipment& equipment = match.equipment;
    out << equipment.amplifier_model << " to " << equipment.headphone_model << ": "
        << plural(match.paths.size(), "path", "paths")
        << (match.max_adapters == 0 ? std::string(" without adapters")
                                    : " with up to " + plural(static_cast<std::size_t>(match.max_adapters), "adapter", "adapters"))
        << "\n" << need_line(match) << "\n";
    if (!match.paths.empty()) {
        char line[256];
        // Two answers side by side: does it connect safely (connection), and is it
        // powerful enough for the target (power)?
        std::snprintf(line, sizeof line, "\n%4s  %-10s  %-12s  %7s  %8s  %-6s  %-14s  %9s  %8s  %7s\n", "rank", "connection", "mode", "max SPL",
                      "headroom", "power", "limited by", "crosstalk", "response", "damping");
        out << line;
        std::snprintf(line, sizeof line, "%4s  %-10s  %-12s  %7s  %8s  %-6s  %-14s  %9s  %8s  %7s\n", "", "", "", "(dB)", "(dB)", "", "", "(dB)",
                      "err (dB)", "(1 kHz)");
        out << line;
        for (std::size_t i = 0; i < match.paths.size(); ++i) {
            const RankedPath& p = match.paths[i];
            const std::string limit = p.measurements.clip_leg + " " + p.measurements.clip_limited_by;
            const char* power = !p.powerful_enough ? "n/a" : *p.powerful_enough ? "enough" : "short";
            std::snprintf(line, sizeof line, "%4zu  %-10s  %-12s  %7s  %8s  %-6s  %-14s  %9s  %8s  %7s\n", i + 1, p.verdict.c_str(), p.path.mode.c_str(),
                          format_number("%.1f", p.max_spl_db).c_str(), format_number("%+.1f", p.headroom_db).c_str(), power, limit.c_str(),
                          format_level_db("%.1f", p.crosstalk_db).c_str(), format_number("%.2f", p.fr_error_db).c_str(), format_number("%.3g", p.damping_factor).c_str());
            out << line << "      " << chain_text(p.path, equipment) << "\n";
            for (std::size_t r = 0; r < p.reasons.size(); ++r)
                out << "      " << (r == 0 ? p.verdict + ": " : std::string(p.verdict.size() + 2, ' ')) << p.reasons[r] << "\n";
        }
    }
    out << "\n";
    for (const std::string& sentence : answers(match)) out << "- " << sentence << "\n";
    if (verbose) {
        out << "\nPlugs offered a jack they do not go into:\n";
        for (const Refusal& refusal : match.search.refusals) out << "  " << refusal_text(refusal) << "\n";
    }
    return out.str();
}

std::string format_json(const Match& match, bool verbose) {
    std::ostringstream out;
    const Equipment& equipment = match.equipment;
    out << "{\"amplifier\": " << json_string(equipment.amplifier_model) << ", \"headphone\": " << json_string(equipment.headphone_model)
        << ", \"target_spl_db\": " << json_number(match.target_spl_db) << ", \"max_adapters\": " << match.max_adapters
        << ", \"needed\": {\"power_mw\": " << json_number(match.need.power_mw) << ", \"voltage_vrms\": " << json_number(match.need.voltage_vrms)
        << ", \"from\": " << (match.need.from.empty() ? "null" : json_string(match.need.from)) << "}, \"paths\": [";
    for (std::size_t i = 0; i < match.paths.size(); ++i) {
        const RankedPath& p = match.paths[i];
        out << (i ? ", " : "") << "{\"rank\": " << i + 1 << ", \"mode\": " << json_string(p.path.mode)
            << ", \"chain\": " << chain_json(p.path, equipment) << ", \"verdict\": " << json_string(p.verdict)
            << ", \"reasons\": " << json_strings(p.reasons) << ", \"headroom_db\": " << json_number(p.headroom_db)
            << ", \"powerful_enough\": " << (!p.powerful_enough ? "null" : *p.powerful_enough ? "true" : "false")
            << ", \"max_spl_db\": " << json_number(p.max_spl_db) << ", \"limited_by\": " << json_string(p.measurements.clip_limited_by)
            << ", \"limiting_leg\": " << json_string(p.measurements.clip_leg) << ", \"crosstalk_db\": " << (below_floor(p.crosstalk_db) ? "null" : json_number(p.crosstalk_db))
            << ", \"fr_error_db\": " << json_number(p.fr_error_db) << ", \"damping_factor\": " << json_number(p.damping_factor)
            << ", \"hazards\": " << hazards_json(p.measurements.hazards) << ", \"measurements\": " << variant_json(p.measurements) << "}";
    }
    out << "], \"sentences\": " << json_strings(answers(match));
    if (verbose) {
        out << ", \"not_mating\": [";
        const auto& refusals = match.search.refusals;
        for (std::size_t i = 0; i < refusals.size(); ++i)
            out << (i ? ", " : "") << "{\"part\": " << json_string(refusals[i].part) << ", \"plug\": " << json_string(refusals[i].plug.name)
                << ", \"jack\": " << json_string(refusals[i].jack.name) << ", \"aspect\": " << json_string(refusals[i].problem.aspect)
                << ", \"detail\": " << json_string(refusals[i].problem.detail) << "}";
        out << "]";
    }
    out << "}\n";
    return out.str();
}

}  // namespace hpsim::headphone::match
