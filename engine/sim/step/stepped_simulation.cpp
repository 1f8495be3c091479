#include "sim/step/stepped_simulation.hpp"

#include <map>

#include "sim/topology.hpp"

namespace hpsim::sim {
namespace {

template <class... Handlers>
struct Overloaded : Handlers... {
    using Handlers::operator()...;
};

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
                                  static_cast<AnalysisKind>(analysis.index()), &workspaces_[i]};
            start_phase(clock, run.label());
            std::visit(Overloaded{[&](const OpAnalysis& op) { run_op(run, op); },
                                  [&](const DcAnalysis& dc) { run_dc(run, dc); },
                                  [&](const AcAnalysis& ac) { run_ac(run, ac); },
                                  [&](const TranAnalysis& tran) { run_tran(run, tran); }},
                       analysis);
        }
    } catch (const spice::DeckError& error) {
        throw spice::DeckError(error.where(), error.message() + " (at step " + std::to_string(step + 1) + " of " +
                                                  std::to_string(size()) + ": " + sweep_.describe(step) + ")");
    }
    if (clock) clock->stop();
}

void SteppedSimulation::run_all(ResultSink& sink, PhaseClock* clock) {
    for (std::size_t step = 0; step < size(); ++step) run_step(step, sink, clock);
}

}  // namespace hpsim::sim
