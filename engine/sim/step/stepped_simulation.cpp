#include "sim/step/stepped_simulation.hpp"

#include <algorithm>
#include <map>
#include <mutex>

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

// Steps' results held for their turn, in a few flat arrays (no allocation per point):
// what the sink was given, to give again in the same order.
class StepBuffer final : public ResultSink {
public:
    void begin(const AnalysisHeader& header) override { analyses_.push_back({header, points_.size(), 0}); }
    void real_point(double sweep, std::span<const double> values) override {
        points_.push_back({sweep, real_.size(), values.size(), false});
        real_.insert(real_.end(), values.begin(), values.end());
        ++analyses_.back().points;
    }
    void complex_point(double sweep, std::span<const std::complex<double>> values) override {
        points_.push_back({sweep, complex_.size(), values.size(), false});
        complex_.insert(complex_.end(), values.begin(), values.end());
        ++analyses_.back().points;
    }
    void end() override {}
    void outer_sweep(double value) override {
        points_.push_back({value, 0, 0, true});
        ++analyses_.back().points;
    }
    void warning(const spice::Warning& warning) override { warnings_.push_back({analyses_.size(), warning}); }
    // Empty again, keeping the memory (no fresh pages for the next steps).
    void clear() {
        analyses_.clear();
        points_.clear();
        real_.clear();
        complex_.clear();
        warnings_.clear();
    }

    void replay(ResultSink& sink) const {
        std::size_t next_warning = 0;
        for (std::size_t a = 0; a <= analyses_.size(); ++a) {
            for (; next_warning < warnings_.size() && warnings_[next_warning].before_analysis == a; ++next_warning)
                sink.warning(warnings_[next_warning].warning);
            if (a == analyses_.size()) break;
            const Analysis& analysis = analyses_[a];
            sink.begin(analysis.header);
            const bool complex = analysis.header.kind == AnalysisKind::ac;
            for (std::size_t p = analysis.first_point; p < analysis.first_point + analysis.points; ++p) {
                const Point& point = points_[p];
                if (point.outer) sink.outer_sweep(point.sweep);
                else if (complex) sink.complex_point(point.sweep, std::span(complex_).subspan(point.first, point.count));
                else sink.real_point(point.sweep, std::span(real_).subspan(point.first, point.count));
            }
            sink.end();
        }
    }

private:
    struct Analysis {
        AnalysisHeader header;
        std::size_t first_point = 0, points = 0;
    };
    struct Point {
        double sweep = 0.0;
        std::size_t first = 0, count = 0;
        bool outer = false;  // not a point: the outer .dc source's value for those after it
    };
    std::vector<Analysis> analyses_;
    std::vector<Point> points_;
    std::vector<double> real_;
    std::vector<std::complex<double>> complex_;
    struct HeldWarning {
        std::size_t before_analysis = 0;  // how many analyses had begun when it was given
        spice::Warning warning;
    };
    std::vector<HeldWarning> warnings_;
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
    // rarely wait on one another, nor the sink on them), are recorded on the threads and
    // reach the sink in step order, at most two blocks per thread held at a time. Each
    // step's pivots come from its own values, so the numbers are those of one thread,
    // bit for bit.
    jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, size()));
    const std::size_t steps_per_block = std::clamp<std::size_t>(size() / (8 * std::size_t{jobs}), 1, 16);
    const std::size_t blocks = (size() + steps_per_block - 1) / steps_per_block;
    std::vector<std::unique_ptr<SteppedSimulation>> workers;
    workers.reserve(jobs);
    for (unsigned worker = 0; worker < jobs; ++worker)
        workers.push_back(std::make_unique<SteppedSimulation>(*circuit_, DeckSteps{sweep_, program_}));
    start_phase(clock, std::to_string(size()) + " steps on " + std::to_string(jobs) + " threads");
    std::mutex spare_mutex;
    std::vector<StepBuffer> spare;  // buffers the sink has replayed, for the next blocks
    ordered_parallel<StepBuffer>(
        blocks, jobs, 2 * static_cast<std::size_t>(jobs),
        [&](unsigned worker, std::size_t block) {
            StepBuffer buffer;
            {
                const std::lock_guard lock(spare_mutex);
                if (!spare.empty()) {
                    buffer = std::move(spare.back());
                    spare.pop_back();
                }
            }
            buffer.clear();
            const std::size_t first = block * steps_per_block, last = std::min(size(), first + steps_per_block);
            for (std::size_t step = first; step < last; ++step) workers[worker]->run_step(step, buffer);
            return buffer;
        },
        [&](std::size_t, StepBuffer&& buffer) {
            buffer.replay(sink);
            const std::lock_guard lock(spare_mutex);
            spare.push_back(std::move(buffer));
        });
    if (clock) clock->stop();
}

}  // namespace hpsim::sim
