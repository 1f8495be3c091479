#include "sim/step/stepped_simulation.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>

#include "sim/ordered_parallel.hpp"

#include "sim/topology.hpp"

namespace hpsim::sim {
namespace {

// Adds the step's parameters and values to every analysis's header.
class StepTagging final : public ResultSink {
public:
    StepTagging(ResultSink& sink, const std::vector<std::string>& names, const std::vector<double>& values)
        : sink_(sink), names_(names), values_(values) {}
    void begin(const AnalysisHeader& header) override {
        AnalysisHeader tagged = header;
        tagged.step_names = names_;
        tagged.step_values = values_;
        sink_.begin(tagged);
    }
    void real_point(double sweep, std::span<const double> values) override { sink_.real_point(sweep, values); }
    void complex_point(double sweep, std::span<const std::complex<double>> values) override {
        sink_.complex_point(sweep, values);
    }
    void end() override { sink_.end(); }
    void outer_sweep(double value) override { sink_.outer_sweep(value); }
    void warning(const spice::Warning& warning) override { sink_.warning(warning); }

private:
    ResultSink& sink_;
    const std::vector<std::string>& names_;
    const std::vector<double>& values_;
};

}  // namespace

SteppedSimulation::SteppedSimulation(const Circuit& circuit, const DeckSteps& steps)
    : circuit_(std::make_unique<Circuit>(circuit)),
      sweep_(steps.sweep),
      program_(steps.program),
      workspaces_(circuit.analyses.size()) {
    check_topology(*circuit_);
}

void SteppedSimulation::run_step(std::size_t step, ResultSink& sink, PhaseClock* clock) {
    sweep_.values(step, step_values_);
    try {
        start_phase(clock, "step values");
        program_.apply(step_values_, *circuit_);
        start_phase(clock, "matrices");
        if (system_) system_->restamp(*circuit_);
        else system_.emplace(*circuit_);
        // Each step's pivots from its own values: its numbers are those of the deck run
        // with these values alone, whatever steps came before.
        for (AnalysisWorkspace& workspace : workspaces_) workspace.forget_pivots();
        const std::vector<std::string> names = sweep_.parameters();
        StepTagging tagged(sink, names, step_values_);
        std::map<std::size_t, int> ordinals;  // per analysis kind
        for (std::size_t i = 0; i < circuit_->analyses.size(); ++i) {
            const Analysis& analysis = circuit_->analyses[i];
            const AnalysisRun run{*circuit_, *system_, tagged, ++ordinals[analysis.index()], clock,
                                  static_cast<AnalysisKind>(analysis.index()), &workspaces_[i],
                                  step == 0 || step + 1 == size()};
            start_phase(clock, run.label());
            run_analysis(run, analysis);
        }
    } catch (const spice::DeckError& error) {
        throw spice::DeckError(error.where(), error.message() + " (at step " + std::to_string(step + 1) + " of " +
                                                  std::to_string(size()) + ": " + sweep_.describe(step) + ")");
    }
    if (clock) clock->stop();
}

void SteppedSimulation::run_all(ResultSink& sink, PhaseClock* clock, unsigned jobs) {
    if (jobs <= 1 || size() < 2) {
        for (std::size_t step = 0; step < size(); ++step) run_step(step, sink, clock);
        return;
    }
    // One simulation per thread, each with its own circuit and factorisations. Steps go
    // out in blocks (a few per thread and fewer than 16 steps each, so that threads
    // rarely wait on one another, nor the sink on them). A block's results go to one of
    // the sink's deferrals on its thread and reach the sink in step order; at most
    // `window` blocks are held at a time, each deferral reused once delivered. Each
    // step's pivots come from its own values, so the numbers are those of one thread,
    // bit for bit.
    jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, size()));
    const std::size_t steps_per_block = std::clamp<std::size_t>(size() / (8 * std::size_t{jobs}), 1, 16);
    const std::size_t blocks = (size() + steps_per_block - 1) / steps_per_block;
    const std::size_t window = 2 * static_cast<std::size_t>(jobs);
    std::vector<std::unique_ptr<SteppedSimulation>> workers;
    workers.reserve(jobs);
    for (unsigned worker = 0; worker < jobs; ++worker)
        workers.push_back(std::make_unique<SteppedSimulation>(*circuit_, DeckSteps{sweep_, program_}));
    // As many deferrals as blocks can be held (those produced or in production and not
    // yet delivered): made here, on the sink's thread.
    std::vector<std::unique_ptr<DeferredResults>> idle;
    for (std::size_t i = 0; i < window; ++i) idle.push_back(sink.defer());
    std::mutex idle_mutex;
    start_phase(clock, std::to_string(size()) + " steps on " + std::to_string(jobs) + " threads");
    ordered_parallel<std::unique_ptr<DeferredResults>>(
        blocks, jobs, window,
        [&](unsigned worker, std::size_t block) {
            std::unique_ptr<DeferredResults> part;
            {
                const std::lock_guard lock(idle_mutex);
                if (idle.empty()) throw std::logic_error("more blocks held than the window allows");
                part = std::move(idle.back());
                idle.pop_back();
            }
            const std::size_t first = block * steps_per_block, last = std::min(size(), first + steps_per_block);
            for (std::size_t step = first; step < last; ++step) workers[worker]->run_step(step, *part);
            return part;
        },
        [&](std::size_t, std::unique_ptr<DeferredResults>&& part) {
            part->deliver();
            const std::lock_guard lock(idle_mutex);
            idle.push_back(std::move(part));
        });
    if (clock) clock->stop();
}

}  // namespace hpsim::sim
