#pragma once
// The steps of a deck's .step cards (LTspice's meaning): up to three nested sweeps of
// top-level .param values; the first .step varies fastest (the innermost loop) and its
// values are sorted in increasing order, as LTspice sorts its first dimension.
//   linear  start, start + incr, ... up to stop (incr of either sign, toward stop)
//   dec/oct start * 10^(k/N) (2^(k/N)) up to stop, N points per decade (octave)
//   list    the values as written
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "spice/netlist.hpp"

namespace hpsim::sim {

// At most this many steps in all (the product of the dimensions).
constexpr std::size_t max_steps = 1'000'000;

struct StepDimension {
    std::string parameter;  // lower case
    std::vector<double> values;
    spice::SourceLocation where;
};

class StepSweep {
public:
    StepSweep() = default;
    // `evaluate` gives each value expression's number. Throws DeckError: an increment
    // of zero or away from stop, dec/oct bounds not above zero, too many steps.
    static StepSweep from_cards(const std::vector<spice::StepCard>& cards,
                                const std::function<double(const spice::Expression&)>& evaluate);

    bool empty() const { return dimensions_.empty(); }
    std::size_t size() const;  // the number of steps; 1 without .step
    const std::vector<StepDimension>& dimensions() const { return dimensions_; }
    std::vector<std::string> parameters() const;  // one per dimension, first .step first
    // The values of step `step`, one per dimension.
    void values(std::size_t step, std::vector<double>& out) const;
    std::string describe(std::size_t step) const;  // "rload=32 cload=1e-09"

private:
    std::vector<StepDimension> dimensions_;
};

}  // namespace hpsim::sim
