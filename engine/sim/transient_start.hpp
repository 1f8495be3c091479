#pragma once
// Where a transient starts: the unknowns x and the reactive states q = C x (capacitor
// charges per node row, inductor fluxes per branch row) at t = 0.
#include <vector>

#include "sim/circuit.hpp"
#include "sim/mna.hpp"

namespace hpsim::sim {

struct TransientStart {
    std::vector<double> solution;  // x at t = 0
    std::vector<double> charge;    // q at t = 0; with uic not always C x (see below)
};

// Without uic: the operating point with every source at its t = 0 value, each .ic node
// held at its voltage as ngspice holds it (the node's equation replaced by v = value).
// With uic: no operating point. Node voltages are the .ic values (0 elsewhere), inductor
// currents their IC= (0 elsewhere), capacitors hold C IC= where given and C (v+ - v-)
// of those node voltages where not; x is then what the circuit makes of those charges
// at t = 0+ (capacitors sharing charge, sources driving the rest).
TransientStart transient_start(const Circuit& circuit, const MnaSystem& system, const TranAnalysis& analysis,
                               const std::vector<double>& source_values_at_zero);

}  // namespace hpsim::sim
