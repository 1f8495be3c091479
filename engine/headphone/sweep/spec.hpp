#pragma once
// A sweep specification: a rig, and axes of figures to vary over it.
//
//   rig = "../rigs/player-se-vs-balanced-hd600.toml"   # relative to the spec
//   modes = ["single-ended", "balanced"]               # default: the rig's mode
//   level_vrms = 1                                     # as compare --level
//   combine = "product"                                # or "zip" (axes of equal length)
//   [[axis]]
//   figure = "cable.length_m"                          # section.figure, as a rig overrides it
//   values = [0.5, 1, 2, 3]                            # or lin/log = { from, to, points }
//
// A figure is `section.key` with section amplifier, cable, headphone or drive, and key
// anything the rig file may write there (a part's figure, `model`, `plug`, `mode`,
// `jack_contact_resistance_ohm.<contact>`).
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "headphone/toml.hpp"

#include "headphone/catalog.hpp"

namespace hpsim::headphone::sweep {

using AxisValue = std::variant<double, std::string>;

struct Axis {
    std::string figure;                    // "cable.length_m"
    enum class Spacing { list, linear, logarithmic } spacing = Spacing::list;
    std::vector<AxisValue> values;
    std::vector<SourceLocation> value_where;  // of each value (of the range for lin/log)
    SourceLocation where;                     // of the figure's name
};

struct Spec {
    std::filesystem::path path;
    std::filesystem::path rig_path;
    toml::table rig_document;                 // as read; each variant edits a copy
    std::vector<std::string> modes;           // empty: the rig's own mode
    double level_vrms = 1.0;
    enum class Combine { product, zip } combine = Combine::product;
    std::vector<Axis> axes;
    // Implausible figures in the rig, or made so by an axis's values (at the value).
    std::vector<spice::Warning> warnings;
};

// Reads and checks the spec: every figure exists for the rig's parts (with "did you
// mean" for a misspelt one), and every value is accepted by the rig on its own, in
// every mode. Throws DeckError located in the spec.
Spec load_spec(const std::filesystem::path& path, const Catalog& catalog);
// A spec written in memory; errors are located in `path` (which need not exist), and
// the rig is found relative to it.
Spec load_spec_text(const std::string& text, const std::filesystem::path& path, const Catalog& catalog);

// The value as the CSV and JSON write it (numbers to 6 significant digits).
std::string axis_value_text(const AxisValue& value);
// Sets `figure` to `value` in a rig document (creating the section or sub-table).
void set_figure(toml::table& rig_document, const std::string& figure, const AxisValue& value);

}  // namespace hpsim::headphone::sweep
