#pragma once
// How a plug goes into a jack, by geometry. Tip-ring-sleeve plugs touch the jack's
// contacts from the tip; the jack's last (sleeve) contact touches the plug's sleeve,
// which is long enough to reach any jack contact past the plug's last ring (so a TRS
// plug in a TRRS jack shorts ring 2 to the sleeve, as it does in life). Pin connectors
// mate pin to pin.
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "headphone/parts.hpp"

namespace hpsim::headphone {

// Why a plug does not go into a jack.
struct MatingProblem {
    std::string aspect;  // "plug family", "connector count", "diameter", "pin count", "pin map"
    std::string detail;  // "6.35 mm plug, 3.5 mm jack"
};

// The shape: family, one connector or a pair (one per channel), diameter, and for pin
// connectors the number of pins. nullopt when the plug goes in; a pair goes into a
// pair, left into left and right into right.
std::optional<MatingProblem> geometry_problem(const Termination& jack, const Termination& plug);

// (jack contact, plug pole) for every contact that touches a pole once the plug is in
// (it must fit). `reversed`: a pin plug inserted the other way round, last pin first.
std::vector<std::pair<std::size_t, std::size_t>> touching_contacts(const Termination& jack, const Termination& plug,
                                                                    bool reversed = false);

// A pin connector whose signal pins land on pins of another function: two vendors'
// variants of one connector (mini-XLR) that go together but do not connect. nullopt for
// tip-ring-sleeve connectors, whose crossed and partial contacts are what is simulated.
std::optional<MatingProblem> pin_map_problem(const Termination& socket, const Termination& plug);

// Geometry, then the pin map.
std::optional<MatingProblem> mating_problem(const Termination& jack, const Termination& plug);

}  // namespace hpsim::headphone
