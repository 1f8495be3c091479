#pragma once
// Shared by the rig tests: write a rig, compile it, load it as a circuit.
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "headphone/compiler.hpp"
#include "sim/load.hpp"
#include "../scratch.hpp"

namespace hpsim::testing {

inline std::filesystem::path write_rig(const std::string& name, const std::string& text) {
    const auto path = hpsim::testing::scratch_folder() / ("hpsim-rig-" + std::to_string(::getpid()) + "-" + name + ".toml");
    std::ofstream(path) << text;
    return path;
}

inline const headphone::Catalog& catalog() {
    static const headphone::Catalog loaded = headphone::Catalog::load(headphone::Catalog::default_folder());
    return loaded;
}

// Parts of microohm contacts and wires (tests/data/ideal-models), where closed forms hold to about 1e-7.
inline const headphone::Catalog& ideal_catalog() {
    static const headphone::Catalog loaded = headphone::Catalog::load(std::string(HPSIM_SOURCE_DIR) + "/tests/data/ideal-models");
    return loaded;
}

struct CompiledCircuit {
    headphone::Rig rig;
    headphone::CompiledRig compiled;
    sim::LoadedDeck deck;
};

inline CompiledCircuit compile_rig_file(const std::filesystem::path& path, const std::optional<std::string>& mode = {}) {
    headphone::Rig rig = headphone::load_rig(path, catalog(), mode);
    headphone::CompiledRig compiled = headphone::compile_rig(rig);
    sim::LoadedDeck deck = sim::load_deck_text(compiled.netlist, path.string(), path.parent_path());
    return {std::move(rig), std::move(compiled), std::move(deck)};
}

}  // namespace hpsim::testing
