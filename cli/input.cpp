#include "input.hpp"

#include <filesystem>

#include "headphone/compiler.hpp"

namespace hpsim::cli {

sim::LoadedDeck load_input(const std::string& path, const std::optional<std::string>& mode,
                           sim::PhaseClock* clock) {
    const std::filesystem::path file(path);
    if (file.extension() != ".toml") {
        if (mode) throw spice::DeckError({path, 0, 0}, "--mode applies to rig files (.toml), not to SPICE decks");
        return sim::load_deck(file, clock);
    }
    sim::start_phase(clock, "rig");
    const headphone::Catalog catalog = headphone::Catalog::load(headphone::Catalog::default_folder());
    return headphone::load_rig_deck(headphone::load_rig(file, catalog, mode), file, clock);
}

}  // namespace hpsim::cli
