#pragma once
// Runs a deck through hpsim and through ngspice and compares every vector by name.
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/load.hpp"
#include "sim/results.hpp"

namespace hpsim::verify {

struct Tolerances {
    double relative = 1e-9;            // op, dc, ac: of each vector's peak magnitude
    double absolute = 1e-12;           // volts or amperes, added to the relative bound
    double transient_relative = 1e-3;  // tran: of the largest voltage (current) peak, at hpsim's time points
    // ngspice's largest transient step is the output step divided by this (and its
    // tolerances are tight), so that its own error stays well below the comparison's.
    double reference_steps_per_output = 20;
};

struct VectorComparison {
    std::string analysis;  // "op", "ac", "ac2", ...
    std::string vector;    // hpsim's name: "v(out)", "i(v1)"
    double worst_difference = 0.0;  // largest |hpsim - ngspice|
    double peak = 0.0;              // the scale: largest |ngspice| of the vector (tran: of its kind)
    double own_peak = 0.0;          // largest |ngspice| of the vector itself
    double allowed = 0.0;           // absolute + relative * peak
    std::string step;               // with .step: the step of the worst difference ("r=1000 c=1e-06")
    bool passed() const { return worst_difference <= allowed; }
};

struct CheckReport {
    std::vector<VectorComparison> vectors;
    std::vector<std::string> problems;  // analyses or vectors that could not be matched
    // "ngspice crashed on this deck (signal 11: ...)" when ngspice died: nothing is compared.
    std::string ngspice_crash;
    std::vector<sim::RecordedAnalysis> hpsim_results;  // hpsim's own, whatever ngspice did
    std::vector<spice::Warning> warnings;              // hpsim's, while simulating

    bool passed() const;
};

class NgspiceUnavailable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A deck with .step is compared one step at a time: ngspice (which has no .step) gets
// the deck with the stepped .param values replaced by each step's; each vector's row
// is its worst step.
// Throws spice::DeckError when hpsim rejects the deck, NgspiceUnavailable when
// libngspice cannot be loaded, and std::runtime_error when ngspice rejects it. ngspice
// runs in a child process: when it crashes, the report says so (ngspice_crash).
CheckReport cross_check(const sim::LoadedDeck& deck, const Tolerances& tolerances);

}  // namespace hpsim::verify
