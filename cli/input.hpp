#pragma once
// What run and check read: a SPICE deck, or a rig (.toml) compiled on the way in.
#include <optional>
#include <string>

#include "sim/load.hpp"

namespace hpsim::cli {

// Throws spice::DeckError for a bad deck, rig or catalog entry. A clock, when given,
// times the phases of loading.
sim::LoadedDeck load_input(const std::string& path, const std::optional<std::string>& mode,
                           sim::PhaseClock* clock = nullptr);

}  // namespace hpsim::cli
