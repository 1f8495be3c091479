#include "sim/step/step_sweep.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hpsim::sim {
namespace {

using spice::DeckError;

// Steps from start by `count` equal intervals, with a margin of 1e-9 interval for the
// rounding of a stop value that lies on the grid.
std::size_t count_steps(double intervals, const spice::StepCard& card) {
    if (!(intervals + 1.0 <= static_cast<double>(max_steps)))
        throw DeckError(card.where, ".step of '" + card.parameter + "' has more than 1,000,000 values");
    return static_cast<std::size_t>(std::floor(intervals + 1e-9)) + 1;
}

std::vector<double> dimension_values(const spice::StepCard& card,
                                     const std::function<double(const spice::Expression&)>& evaluate) {
    std::vector<double> written;
    for (const spice::Expression& value : card.values) written.push_back(evaluate(value));
    if (card.spacing == spice::StepSpacing::list) return written;
    const double start = written[0], stop = written[1], increment = written[2];
    std::vector<double> values;
    if (card.spacing == spice::StepSpacing::linear) {
        if (increment == 0.0) throw DeckError(card.values[2].where, ".step increment is zero");
        const double intervals = (stop - start) / increment;
        if (intervals < 0.0)
            throw DeckError(card.values[2].where, ".step increment goes away from the stop value (impossible sweep)");
        const std::size_t count = count_steps(intervals, card);
        for (std::size_t k = 0; k < count; ++k) values.push_back(start + static_cast<double>(k) * increment);
        return values;
    }
    const bool decade = card.spacing == spice::StepSpacing::decade;
    const char* name = decade ? "dec" : "oct";
    if (!(start > 0.0)) throw DeckError(card.values[0].where, std::string(".step ") + name + " start must be above zero");
    if (!(stop > 0.0)) throw DeckError(card.values[1].where, std::string(".step ") + name + " stop must be above zero");
    if (stop < start)
        throw DeckError(card.values[1].where, std::string(".step ") + name + " stop is below the start (impossible sweep)");
    if (!(increment > 0.0))
        throw DeckError(card.values[2].where, std::string(".step ") + name + " needs a number of points above zero");
    // start * base^(k / N), N points per decade (base 10) or octave (base 2).
    const double base = decade ? 10.0 : 2.0;
    const std::size_t count = count_steps(std::log(stop / start) / std::log(base) * increment, card);
    for (std::size_t k = 0; k < count; ++k)
        values.push_back(start * std::pow(base, static_cast<double>(k) / increment));
    return values;
}

}  // namespace

StepSweep StepSweep::from_cards(const std::vector<spice::StepCard>& cards,
                                const std::function<double(const spice::Expression&)>& evaluate) {
    StepSweep sweep;
    double total = 1.0;
    for (const spice::StepCard& card : cards) {
        StepDimension dimension{card.parameter, dimension_values(card, evaluate), card.where};
        total *= static_cast<double>(dimension.values.size());
        if (total > static_cast<double>(max_steps))
            throw DeckError(card.where, ".step cards make more than 1,000,000 steps in all");
        // LTspice sorts the first dimension in increasing order.
        if (sweep.dimensions_.empty()) std::stable_sort(dimension.values.begin(), dimension.values.end());
        sweep.dimensions_.push_back(std::move(dimension));
    }
    return sweep;
}

std::size_t StepSweep::size() const {
    std::size_t count = 1;
    for (const StepDimension& dimension : dimensions_) count *= dimension.values.size();
    return count;
}

std::vector<std::string> StepSweep::parameters() const {
    std::vector<std::string> names;
    for (const StepDimension& dimension : dimensions_) names.push_back(dimension.parameter);
    return names;
}

void StepSweep::values(std::size_t step, std::vector<double>& out) const {
    out.clear();
    for (const StepDimension& dimension : dimensions_) {  // the first varies fastest
        out.push_back(dimension.values[step % dimension.values.size()]);
        step /= dimension.values.size();
    }
}

std::string StepSweep::describe(std::size_t step) const {
    std::vector<double> current;
    values(step, current);
    std::string text;
    for (std::size_t i = 0; i < current.size(); ++i) {
        char number[32];
        std::snprintf(number, sizeof number, "%.6g", current[i]);
        text += (i ? " " : "") + dimensions_[i].parameter + "=" + number;
    }
    return text;
}

}  // namespace hpsim::sim
