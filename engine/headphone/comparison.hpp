#pragma once
// What `hpsim compare` measures: every rig in every mode asked, named by what differs
// between them. A mode that a rig's amplifier does not have is skipped, and said so,
// so that a single-ended-only rig stands beside a balanced one.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "headphone/catalog.hpp"
#include "headphone/measure.hpp"
#include "headphone/rig.hpp"

namespace hpsim::headphone {

// A rig file, or rig TOML text named by `path` (which need not exist; its relative
// files are found beside it) and shown in compare's columns as `label`.
struct RigInput {
    std::filesystem::path path;
    std::optional<std::string> text;
    std::string label;  // for a rig without a file: its name when it has no description
};

struct SkippedMode {
    std::string rig;   // as given
    std::string mode;
    std::string reason;  // "amplifier 'phone-dongle' has no balanced output"
};

struct Comparison {
    std::vector<Measurements> variants;  // rig by rig, mode by mode; named; hazards assessed
    std::vector<std::string> rig_of_variant;  // the rig as given
    std::vector<Rig> rigs;                    // per variant, as loaded in its mode
    std::vector<std::string> netlists;        // per variant, as compiled
    std::vector<SkippedMode> skipped;
    std::vector<std::vector<CurvePoint>> curves;  // per variant, when asked for
    std::vector<spice::Warning> warnings;         // each rig's implausible figures, once
};

// A rig (or a mode of it) that cannot be simulated: the circuit does not solve.
class MeasurementFailed : public DeckError {
public:
    explicit MeasurementFailed(const DeckError& error) : DeckError(error) {}
};

// `modes` empty: each rig in its own mode. Throws DeckError for a bad rig (and when no
// rig has any of the modes), MeasurementFailed for one that does not solve.
Comparison compare_rigs(const Catalog& catalog, const std::vector<RigInput>& rigs, const std::vector<std::string>& modes,
                        double level_vrms, bool with_curves);

}  // namespace hpsim::headphone
