#pragma once
// Shared by the tests: simulate deck text and read results.
#include <string>
#include <vector>

#include "sim/load.hpp"
#include "sim/results.hpp"
#include "sim/simulate.hpp"

namespace hpsim::testing {

inline std::vector<sim::RecordedAnalysis> simulate_text(const std::string& text) {
    const sim::LoadedDeck deck = sim::load_deck_text(text, "test.cir");
    sim::RecordingSink sink;
    sim::simulate(deck.circuit, sink);
    return std::move(sink.analyses);
}

// Loads and simulates the deck; the DeckError it raised, or "" if none.
inline std::string error_of(const std::string& text) {
    try {
        simulate_text(text);
    } catch (const spice::DeckError& error) {
        return error.what();
    }
    return "";
}

inline std::string source_path(const std::string& relative) { return std::string(HPSIM_SOURCE_DIR) + "/" + relative; }

}  // namespace hpsim::testing
