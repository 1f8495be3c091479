#pragma once
// Runs every analysis of a circuit in deck order, delivering results to a sink.
#include "sim/circuit.hpp"
#include "sim/results.hpp"

namespace hpsim::sim {

// Checks the topology, builds the MNA system once, runs the analyses.
// Throws spice::DeckError (bad topology, singular matrix, non-finite result).
void simulate(const Circuit& circuit, ResultSink& sink);

}  // namespace hpsim::sim
