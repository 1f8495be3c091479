#pragma once
// Every physical path from an amplifier to a headphone through the catalog: each output
// of the amplifier, then chains of adapters whose plugs go into the jack before them,
// then a cable whose plug goes into the last jack and whose far end goes into the
// headphone's sockets, or else the headphone's own plug when its cable is integrated.
// A modular cable is tried with each of its plugs. A chain never offers a jack it has
// offered before (an adapter pair that leads back is no new path), so the search ends.
#include <optional>
#include <string>
#include <vector>

#include "headphone/match/equipment.hpp"
#include "headphone/mating.hpp"

namespace hpsim::headphone::match {

struct AdapterStep {
    std::string model;
    Termination plug, jack;
};

struct CableStep {
    std::string model;
    Termination plug, headphone_end;
};

struct Path {
    std::string mode;  // of the amplifier output
    Termination output_jack;
    std::vector<AdapterStep> adapters;  // amplifier side first
    std::optional<CableStep> cable;     // none when the headphone's cable is integrated
};

// A plug offered to a jack that it does not go into.
struct Refusal {
    std::string part;  // "adapter trs-3.5-to-6.35", "cable iem-3wire-26awg", "headphone headset-ctia-32"
    Termination plug, jack;
    MatingProblem problem;
};

struct CableFit {
    std::string model;
    std::vector<Termination> plugs;
};

struct Search {
    std::vector<Path> paths;                // in search order: outputs, then shorter chains first at each jack
    std::vector<Refusal> refusals;          // each part, plug and jack once
    std::vector<Termination> jacks_offered;  // the outputs' and the adapters' jacks reached, each once
    std::vector<CableFit> cables_fitting;   // cables whose far end goes into the headphone's sockets
};

// Throws DeckError for a catalog entry that cannot be read.
Search find_paths(const Catalog& catalog, const Equipment& equipment, int max_adapters);

// The path as a rig file that `hpsim compare` runs.
std::string rig_text(const Path& path, const Equipment& equipment);

// "portable-player balanced (trrrs-4.4) > balanced-2.5-to-4.4 > iem-4wire-26awg (trrs-balanced-2.5 plug) > iem-dynamic-16"
std::string chain_text(const Path& path, const Equipment& equipment);

// A termination as people name it: its description up to any parenthesis.
std::string short_description(const Termination& termination);

}  // namespace hpsim::headphone::match
