#include "headphone/comparison.hpp"

#include <algorithm>

#include "headphone/compiler.hpp"
#include "headphone/hazards.hpp"
#include "headphone/parts.hpp"

namespace hpsim::headphone {
namespace {

Rig load(const RigInput& input, const Catalog& catalog, const std::optional<std::string>& mode) {
    return input.text ? load_rig_text(*input.text, input.path, catalog, mode) : load_rig(input.path, catalog, mode);
}

}  // namespace

Comparison compare_rigs(const Catalog& catalog, const std::vector<RigInput>& rigs, const std::vector<std::string>& modes,
                        double level_vrms, bool with_curves) {
    Comparison comparison;
    for (const RigInput& input : rigs) {
        std::vector<std::optional<std::string>> wanted(modes.begin(), modes.end());
        if (wanted.empty()) wanted.emplace_back(std::nullopt);
        const std::string shown = input.path.string();
        std::string amplifier;
        std::vector<std::string> available;
        if (!modes.empty()) {
            const Rig own = load(input, catalog, std::nullopt);  // reports a bad rig first, in its own mode
            amplifier = own.amplifier_model;
            available = amplifier_modes(catalog, own.amplifier_model, own.amplifier_where);
        }
        for (const auto& mode : wanted) {
            if (mode && std::find(available.begin(), available.end(), *mode) == available.end()) {
                comparison.skipped.push_back({shown, *mode, "amplifier '" + amplifier + "' has no " + *mode + " output"});
                continue;
            }
            const Rig rig = load(input, catalog, mode);
            for (const spice::Warning& warning : rig.warnings) {
                const auto same = [&](const spice::Warning& w) { return w.to_string() == warning.to_string(); };
                if (std::none_of(comparison.warnings.begin(), comparison.warnings.end(), same)) comparison.warnings.push_back(warning);
            }
            const CompiledRig compiled = compile_rig(rig);
            std::vector<CurvePoint> curves;
            Measurements m = [&] {
                try {
                    return measure(rig, compiled, level_vrms, with_curves ? &curves : nullptr);
                } catch (const MeasurementFailed&) {
                    throw;
                } catch (const DeckError& error) {
                    throw MeasurementFailed(error);
                }
            }();
            // Named by what differs: the rig, the mode, or both. A rig without a file by
            // its description, else its label.
            const std::string rig_name = !input.text              ? input.path.stem().string()
                                         : !rig.description.empty() ? rig.description
                                                                     : input.label;
            m.name = modes.size() < 2 ? rig_name : rigs.size() < 2 ? m.mode : rig_name + " " + m.mode;
            m.hazards = assess_hazards(m, level_vrms);
            comparison.variants.push_back(std::move(m));
            comparison.rig_of_variant.push_back(shown);
            comparison.rigs.push_back(rig);
            comparison.netlists.push_back(compiled.netlist);
            if (with_curves) comparison.curves.push_back(std::move(curves));
        }
    }
    if (comparison.variants.empty()) {
        std::string reasons;
        for (const SkippedMode& skipped : comparison.skipped) reasons += (reasons.empty() ? "" : "; ") + skipped.rig + ": " + skipped.reason;
        throw DeckError({rigs.front().path.string(), 0, 0}, "no rig has an output in the modes asked (" + reasons + ")");
    }
    return comparison;
}

}  // namespace hpsim::headphone
