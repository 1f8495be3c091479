#pragma once
// Shared by the tests: simulate deck text and read results.
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/load.hpp"
#include "sim/results.hpp"
#include "sim/simulate.hpp"
#include "sim/step/stepped_simulation.hpp"

namespace hpsim::testing {

// Every analysis of the deck; with .step, every analysis of every step in step order.
inline std::vector<sim::RecordedAnalysis> simulate_text(const std::string& text) {
    const sim::LoadedDeck deck = sim::load_deck_text(text, "test.cir");
    sim::RecordingSink sink;
    if (deck.steps) sim::SteppedSimulation(deck.circuit, *deck.steps).run_all(sink);
    else sim::simulate(deck.circuit, sink);
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

// An n x n grid of 1 kOhm resistors with 1 nF from every node to ground, driven at a
// corner through 10 Ohm and loaded at the far corner; `analyses` are appended as written.
inline std::string rc_mesh_deck(int n, const std::string& analyses) {
    std::ostringstream deck;
    deck << "RC mesh " << n << " x " << n << "\nV1 in 0 DC 1 AC 1\nRin in n0_0 10\n";
    for (int row = 0; row < n; ++row)
        for (int column = 0; column < n; ++column) {
            if (column + 1 < n)
                deck << "Rh" << row << "_" << column << " n" << row << "_" << column << " n" << row << "_" << column + 1
                     << " 1k\n";
            if (row + 1 < n)
                deck << "Rv" << row << "_" << column << " n" << row << "_" << column << " n" << row + 1 << "_" << column
                     << " 1k\n";
            deck << "C" << row << "_" << column << " n" << row << "_" << column << " 0 1n\n";
        }
    deck << "Rfar n" << n - 1 << "_" << n - 1 << " 0 1k\n" << analyses;
    return deck.str();
}

// The value (ohms, farads, henries, volts, ...) the deck gives element `name`.
inline double element_value_of(const std::string& text, const std::string& name) {
    const sim::LoadedDeck deck = sim::load_deck_text(text, "test.cir");
    const std::optional<std::size_t> index = deck.circuit.find_element(name);
    if (!index) throw std::runtime_error("the deck has no element " + name);
    return deck.circuit.elements[*index].value;
}

// The deck text fails with "test.cir:LOCATION: error: ...FRAGMENT..." (location "line:col").
#define CHECK_ERROR(text, location, fragment)                                      \
    do {                                                                           \
        const std::string message = hpsim::testing::error_of(text);                \
        INFO(message);                                                             \
        CHECK(message.rfind(std::string("test.cir:") + location, 0) == 0);         \
        CHECK(message.find(": error: ") != std::string::npos);                     \
        CHECK(message.find(fragment) != std::string::npos);                        \
    } while (false)

inline std::string source_path(const std::string& relative) { return std::string(HPSIM_SOURCE_DIR) + "/" + relative; }

}  // namespace hpsim::testing
