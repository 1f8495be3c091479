#pragma once
// Runs a deck's analyses once per step of its .step sweep. The circuit was elaborated
// once; each step only replays the value program (the values that depend on the
// stepped parameters), restamps the kept MNA pattern and reruns every analysis with its
// kept factorisation (ordering, pivots and compiled elimination stay while the topology
// does). Results stream to the sink step by step, each analysis's header carrying the
// step's values: memory does not grow with the number of steps.
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "sim/analyses.hpp"
#include "sim/circuit.hpp"
#include "sim/elaborate.hpp"
#include "sim/mna.hpp"
#include "sim/phase_clock.hpp"
#include "sim/results.hpp"

namespace hpsim::sim {

class SteppedSimulation {
public:
    // Checks the topology (the same at every step). Throws spice::DeckError.
    SteppedSimulation(const Circuit& circuit, const DeckSteps& steps);
    SteppedSimulation(const SteppedSimulation&) = delete;
    SteppedSimulation& operator=(const SteppedSimulation&) = delete;

    std::size_t size() const { return sweep_.size(); }
    const StepSweep& sweep() const { return sweep_; }

    // Every analysis at step `step` (any order). Throws spice::DeckError, naming the
    // step, for a value that fails there or a singular matrix.
    void run_step(std::size_t step, ResultSink& sink, PhaseClock* clock = nullptr);
    // Every step, reaching the sink in step order; with jobs > 1, blocks of steps run on
    // that many threads (each with its own copy of the circuit and factorisations), with
    // the same numbers bit for bit.
    void run_all(ResultSink& sink, PhaseClock* clock = nullptr, unsigned jobs = 1);

private:
    std::unique_ptr<Circuit> circuit_;  // the system refers to it: it stays put
    StepSweep sweep_;
    ValueProgram program_;
    std::optional<MnaSystem> system_;
    std::vector<AnalysisWorkspace> workspaces_;  // one per analysis
    std::vector<double> step_values_;
};

}  // namespace hpsim::sim
