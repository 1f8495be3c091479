#pragma once
// What `hpsim match` starts from: an amplifier and a headphone, named from the catalog
// or taken from a rig file (with the figures the rig overrides).
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "headphone/parts.hpp"

namespace hpsim::headphone::match {

struct Equipment {
    std::string amplifier_model, headphone_model;
    std::vector<AmplifierOutput> outputs;  // single-ended first, then balanced: those the amplifier has
    Headphone headphone;
    // The lines a rig writes under [amplifier] (without its mode) and [headphone].
    std::string amplifier_lines, headphone_lines;
};

// Throws DeckError: an unknown name is reported at "hpsim match".
Equipment equipment_from_catalog(const Catalog& catalog, const std::string& amplifier, const std::string& headphone);

// The rig's [amplifier] (every output mode the model has) and [headphone] with their
// overrides, `reversed` included (every path's earpieces go in as the rig says); its
// adapters, cable, drive level and mode are left out. Throws DeckError located in the rig.
Equipment equipment_from_rig(const Catalog& catalog, const std::filesystem::path& rig);
// A rig written in memory; errors are located in `path` (which need not exist), and
// its files are found beside it.
Equipment equipment_from_rig_text(const Catalog& catalog, const std::string& text, const std::filesystem::path& path);

}  // namespace hpsim::headphone::match
