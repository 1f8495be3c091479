#pragma once
// Runs every analysis of a circuit in deck order, delivering results to a sink.
#include "sim/circuit.hpp"
#include "sim/phase_clock.hpp"
#include "sim/results.hpp"

namespace hpsim::sim {

// Checks the topology, builds the MNA system once, runs the analyses.
// Throws spice::DeckError (bad topology, singular matrix, non-finite result).
// A clock, when given, times the topology check, the matrices and each analysis.
void simulate(const Circuit& circuit, ResultSink& sink, PhaseClock* clock = nullptr);

}  // namespace hpsim::sim
