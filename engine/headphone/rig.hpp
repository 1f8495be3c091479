#pragma once
// A rig: amplifier and output mode, adapters (amplifier side first), cable and
// headphone, each named from the catalog with any figure overridden in place.
//
//   [amplifier]  model = "portable-player"   mode = "balanced"   output_impedance_ohm = 2
//                jack_contact_resistance_ohm = { ground = 0.5 }   # a worn contact
//   [[adapter]]  model = "balanced-4.4-to-trs-3.5"
//   [cable]      model = "iem-3wire-26awg"   length_m = 1.5   plug = "trs-3.5"
//   [headphone]  model = "hd600-class"   reversed = ["left"]
//   [drive]      left_vrms = 1   right_vrms = 1   # open-circuit level of each leg
// Any figure may be given per output mode: plug = { single-ended = "trs-3.5", balanced = "trrrs-4.4" }.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "headphone/parts.hpp"

namespace hpsim::headphone {

struct Rig {
    std::filesystem::path path;
    std::string description;
    std::string amplifier_model;
    Amplifier amplifier;
    std::map<std::string, double> jack_contact_resistance_ohm;  // by function, at the amplifier's jack
    std::vector<std::pair<std::string, Adapter>> adapters;        // model name, part
    std::optional<std::pair<std::string, Cable>> cable;
    std::string headphone_model;
    Headphone headphone;
    bool left_reversed = false, right_reversed = false;
    double left_vrms = 1.0, right_vrms = 1.0;
    // Where each part is named in the rig file, for errors about how parts fit.
    SourceLocation amplifier_where, cable_where, headphone_where;
    std::vector<SourceLocation> adapter_where;
    // Figures far outside what their kind of part has (a 1,500 m headphone cable, a
    // 1 MOhm output impedance): probably a slip of units or digits. The rig still runs.
    std::vector<spice::Warning> warnings;
};

// `mode` replaces the rig's output mode when given. Throws DeckError.
Rig load_rig(const std::filesystem::path& path, const Catalog& catalog, const std::optional<std::string>& mode = {});
// A rig already read as TOML (a sweep edits figures in the document); errors are
// located in `path` through the document's source regions.
Rig load_rig_document(const toml::table& document, const std::filesystem::path& path, const Catalog& catalog,
                      const std::optional<std::string>& mode = {});
// A rig written in memory; errors are located in `path`, which need not exist.
Rig load_rig_text(const std::string& text, const std::filesystem::path& path, const Catalog& catalog,
                  const std::optional<std::string>& mode = {});

}  // namespace hpsim::headphone
