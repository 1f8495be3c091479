#include "fuzz_targets.hpp"

#include <filesystem>
#include <string>

#include "headphone/compiler.hpp"
#include "headphone/parts.hpp"
#include "headphone/rig.hpp"
#include "headphone/sweep/run.hpp"
#include "sim/load.hpp"
#include "sim/topology.hpp"

namespace hpsim::fuzz {
namespace {

std::string_view as_text(std::span<const std::uint8_t> input) {
    return {reinterpret_cast<const char*>(input.data()), input.size()};
}

// .include resolves against a folder with nothing in it (a fuzzed path may still name
// any file, as a user's deck may).
std::filesystem::path empty_folder() {
    static const std::filesystem::path folder = [] {
        auto path = std::filesystem::temp_directory_path() / "hpsim-fuzz-empty";
        std::filesystem::create_directories(path);
        return path;
    }();
    return folder;
}

const headphone::Catalog& shipped_catalog() {
    static const headphone::Catalog catalog = headphone::Catalog::load(HPSIM_SOURCE_DIR "/models");
    return catalog;
}

}  // namespace

void deck_input(std::span<const std::uint8_t> input) {
    try {
        const sim::LoadedDeck deck = sim::load_deck_text(as_text(input), "fuzz.cir", empty_folder());
        sim::check_topology(deck.circuit);
    } catch (const spice::DeckError&) {
    }
}

void rig_input(std::span<const std::uint8_t> input) {
    try {
        for (const char* mode : {"single-ended", "balanced"}) {
            const headphone::Rig rig = headphone::load_rig_text(std::string(as_text(input)), "fuzz.toml",
                                                                shipped_catalog(), std::string(mode));
            const headphone::CompiledRig compiled = headphone::compile_rig(rig);
            sim::load_deck_text(compiled.netlist, "fuzz.toml (compiled)", empty_folder());
        }
    } catch (const spice::DeckError&) {
    }
}

void catalog_input(std::span<const std::uint8_t> input) {
    try {
        headphone::Catalog catalog = shipped_catalog();
        catalog.add_text("fuzzed-entry.toml", as_text(input));
        const headphone::CatalogEntry& entry = *catalog.find("fuzzed-entry");
        const headphone::Fields fields(*entry.table, entry.path, "catalog entry 'fuzzed-entry'");
        const spice::SourceLocation where{"fuzz", 1, 1};
        if (entry.kind == "termination") headphone::read_termination(catalog, entry.name, where);
        if (entry.kind == "adapter") headphone::read_adapter(catalog, fields);
        if (entry.kind == "cable") headphone::read_cable(catalog, fields);
        if (entry.kind == "headphone") headphone::read_headphone(catalog, fields);
        if (entry.kind == "amplifier")
            for (const char* mode : {"single-ended", "balanced"}) headphone::read_amplifier(catalog, fields, mode, where);
    } catch (const spice::DeckError&) {
    }
}

void sweep_spec_input(std::span<const std::uint8_t> input) {
    try {
        // Beside the example specs, so that a seed's relative rig path finds its rig.
        const std::filesystem::path path = HPSIM_SOURCE_DIR "/netlists/sweeps/fuzz.toml";
        const headphone::sweep::Spec spec = headphone::sweep::load_spec_text(std::string(as_text(input)), path, shipped_catalog());
        const headphone::sweep::VariantSpace space(spec);
        headphone::MeasuringBench bench;
        for (const std::size_t variant : {std::size_t{0}, space.size() - 1}) {
            const headphone::sweep::Row row = headphone::sweep::run_variant(spec, shipped_catalog(), space.at(variant), bench);
            headphone::sweep::csv_row(row);
            headphone::sweep::jsonl_row(spec, row);
        }
    } catch (const spice::DeckError&) {
    }
}

}  // namespace hpsim::fuzz
