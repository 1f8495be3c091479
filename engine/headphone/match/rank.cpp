#include "headphone/match/rank.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <tuple>

#include "headphone/compiler.hpp"
#include "headphone/hazards.hpp"
#include "headphone/rig.hpp"

namespace hpsim::headphone::match {
namespace {

constexpr double reference_vrms = 1.0;

// The figure as the table prints it, so that differences nobody can see do not rank.
// `larger_is_better` figures are negated; an unknown figure ranks last.
double as_printed(double value, const char* pattern, bool larger_is_better) {
    if (!std::isfinite(value)) return INFINITY;
    char text[32];
    std::snprintf(text, sizeof text, pattern, value);
    const double shown = std::stod(text);
    return larger_is_better ? -shown : shown;
}

int verdict_order(const std::string& verdict) { return verdict == "ok" ? 0 : verdict == "flawed" ? 1 : 2; }

std::vector<std::string> reasons(const std::vector<Hazard>& hazards, const std::string& severity) {
    std::vector<std::string> messages;
    for (const Hazard& hazard : hazards) {
        if (hazard.severity != severity) continue;
        std::string message = hazard.message;
        if (message.rfind(severity + ": ", 0) == 0) message = message.substr(severity.size() + 2);
        messages.push_back(message);
    }
    return messages;
}

RankedPath simulate(const Catalog& catalog, const Equipment& equipment, const Path& path, std::size_t index, double target) {
    RankedPath ranked;
    ranked.path = path;
    ranked.rig = rig_text(path, equipment);
    const std::string label = equipment.amplifier_model + "-" + equipment.headphone_model + "-path-" + std::to_string(index + 1) + ".toml";
    const Rig rig = load_rig_text(ranked.rig, label, catalog);
    Measurements& m = ranked.measurements;
    m = measure(rig, compile_rig(rig), reference_vrms, nullptr);
    m.name = chain_text(path, equipment);
    m.hazards = assess_hazards(m, reference_vrms);
    const auto has = [&](const char* severity) {
        return std::any_of(m.hazards.begin(), m.hazards.end(), [&](const Hazard& h) { return h.severity == severity; });
    };
    ranked.verdict = has("danger") ? "do not use" : has("warning") ? "flawed" : "ok";
    ranked.reasons = reasons(m.hazards, ranked.verdict == "do not use" ? "danger" : "warning");
    const double left = m.left.clip_spl_db, right = m.right.clip_spl_db;
    ranked.max_spl_db = std::isnan(left) || std::isnan(right) ? NAN : std::min(left, right);
    ranked.headroom_db = ranked.max_spl_db - target;
    if (!std::isnan(ranked.headroom_db)) ranked.powerful_enough = ranked.headroom_db >= 0;
    ranked.crosstalk_db = std::max(m.left.crosstalk_db[3], m.right.crosstalk_db[3]);
    ranked.fr_error_db = std::max(m.left.fr_error_db, m.right.fr_error_db);
    ranked.damping_factor = std::min(m.left.damping_factor, m.right.damping_factor);
    return ranked;
}

Need needed(const Headphone& headphone, double target, const std::vector<RankedPath>& paths) {
    // The driver's conductance at 1 kHz from the first path that drives it.
    double conductance = NAN;
    for (const RankedPath& path : paths) {
        const Channel& left = path.measurements.left;
        if (left.drive_vrms > 0 && left.power_mw > 0) {
            conductance = left.power_mw / 1000 / (left.drive_vrms * left.drive_vrms);
            break;
        }
    }
    Need need;
    if (headphone.sensitivity_db_per_mw) {
        need.from = "dB/mW";
        need.power_mw = std::pow(10, (target - *headphone.sensitivity_db_per_mw) / 10);
        need.voltage_vrms = std::sqrt(need.power_mw / 1000 / conductance);
    } else if (headphone.sensitivity_db_per_v) {
        need.from = "dB/V";
        need.voltage_vrms = std::pow(10, (target - *headphone.sensitivity_db_per_v) / 20);
        need.power_mw = 1000 * need.voltage_vrms * need.voltage_vrms * conductance;
    }
    return need;
}

}  // namespace

Match match(const Catalog& catalog, Equipment equipment, double target_spl_db, int max_adapters) {
    Match result;
    result.target_spl_db = target_spl_db;
    result.max_adapters = max_adapters;
    result.search = find_paths(catalog, equipment, max_adapters);
    for (std::size_t i = 0; i < result.search.paths.size(); ++i)
        result.paths.push_back(simulate(catalog, equipment, result.search.paths[i], i, target_spl_db));
    const auto key = [](const RankedPath& p) {
        return std::make_tuple(verdict_order(p.verdict), as_printed(p.headroom_db, "%.1f", true), as_printed(p.crosstalk_db, "%.1f", false),
                               as_printed(p.fr_error_db, "%.2f", false), as_printed(p.damping_factor, "%.3g", true));
    };
    std::stable_sort(result.paths.begin(), result.paths.end(), [&](const RankedPath& a, const RankedPath& b) { return key(a) < key(b); });
    result.need = needed(equipment.headphone, target_spl_db, result.paths);
    for (int more = max_adapters + 1; result.paths.empty() && more <= max_adapters_limit; ++more) {
        const std::size_t found = find_paths(catalog, equipment, more).paths.size();
        if (found == 0) continue;
        result.adapters_that_would_fit = more;
        result.paths_with_more_adapters = found;
        break;
    }
    result.equipment = std::move(equipment);
    return result;
}

}  // namespace hpsim::headphone::match
