#include <algorithm>
#include <cmath>
#include <memory>

#include "sim/analyses.hpp"
#include "sim/conditioning.hpp"
#include "sim/sparse_lu.hpp"
#include "sim/transient_start.hpp"
#include "sim/truncation_error.hpp"

namespace hpsim::sim {
namespace {

constexpr std::size_t max_breakpoints = 10'000'000;

// Source values over time: the waveform where there is one, else the DC value.
class SourceSchedule {
public:
    SourceSchedule(const Circuit& circuit, const TranAnalysis& analysis) : circuit_(circuit) {
        waveforms_.resize(circuit.elements.size());
        for (std::size_t i = 0; i < circuit.elements.size(); ++i)
            waveforms_[i] = ResolvedWaveform(circuit.elements[i].excitation.waveform, analysis.step_s, analysis.stop_s);
    }

    double value(std::size_t element, double time_s) const {
        const Excitation& excitation = circuit_.elements[element].excitation;
        if (excitation.waveform.shape == WaveformShape::none) return excitation.dc.value_or(0.0);
        return waveforms_[element].value_at(time_s);
    }

    void fill(const MnaSystem& system, double time_s, std::vector<double>& rhs) const {
        std::fill(rhs.begin(), rhs.end(), 0.0);
        for (const SourceEntry& entry : system.sources()) rhs[entry.row] += entry.sign * value(entry.element, time_s);
    }

    std::vector<double> values_at(double time_s) const {
        std::vector<double> values(circuit_.elements.size());
        for (std::size_t i = 0; i < values.size(); ++i) values[i] = value(i, time_s);
        return values;
    }

    // Sorted, distinct corner times in (0, stop].
    std::vector<double> breakpoints(double stop_s, const SourceLocation& where) const {
        std::vector<double> times;
        for (const ResolvedWaveform& waveform : waveforms_)
            if (!waveform.append_breakpoints(stop_s, times, max_breakpoints))
                throw spice::DeckError(where, "the sources have more than 10,000,000 corners in this run");
        std::sort(times.begin(), times.end());
        times.erase(std::unique(times.begin(), times.end()), times.end());
        return times;
    }

private:
    const Circuit& circuit_;
    std::vector<ResolvedWaveform> waveforms_;
};

// One integration step of C dx/dt = b - G x, with the reactive current r = C dx/dt
// carried from point to point so that the circuit equations hold exactly at each one.
//   trapezoidal:     (G + 2C/h) x1 = b1 + (2/h) C x0 + r0,  r1 = (2/h) C (x1 - x0) - r0
//   backward Euler:  (G +  C/h) x1 = b1 + (1/h) C x0,       r1 = (1/h) C (x1 - x0)
// Backward Euler takes the first step after t = 0 and after each source corner: it
// damps the stiff modes a corner excites, which the trapezoidal rule would let ring.
struct IntegrationStep {
    double step_s;
    bool euler;
    SparseLu<double> lu;

    IntegrationStep(const MnaSystem& system, double h, bool backward_euler)
        : step_s(h), euler(backward_euler), lu(system.size(), system.column_starts(), system.row_indices()) {
        std::vector<double> matrix(system.conductance().size());
        for (std::size_t k = 0; k < matrix.size(); ++k)
            matrix[k] = system.conductance()[k] + coefficient() * system.reactance()[k];
        lu.factor(matrix);
    }
    double coefficient() const { return (euler ? 1.0 : 2.0) / step_s; }
    double history_weight() const { return euler ? 0.0 : 1.0; }  // of r0
};

// A point of the integration: x, q = C x, and the reactive current r.
struct IntegrationState {
    std::vector<double> solution, charge, reactive_current;

    explicit IntegrationState(std::size_t n) : solution(n, 0.0), charge(n, 0.0), reactive_current(n, 0.0) {}
    void swap(IntegrationState& other) {
        solution.swap(other.solution);
        charge.swap(other.charge);
        reactive_current.swap(other.reactive_current);
    }
};

// `next` from `now` by one step; `forcing` is added to the right-hand side and taken
// out of the reactive current (the sources b for the circuit, the defect d for its error).
void integrate(const MnaSystem& system, IntegrationStep& step, const IntegrationState& now,
               const std::vector<double>& forcing, IntegrationState& next, bool forcing_is_defect) {
    const std::size_t n = system.size();
    const double coefficient = step.coefficient(), weight = step.history_weight();
    for (std::size_t i = 0; i < n; ++i)
        next.solution[i] = forcing[i] + coefficient * now.charge[i] + weight * now.reactive_current[i];
    step.lu.solve(next.solution);
    system.multiply_reactance(next.solution.data(), next.charge.data());
    const double defect_weight = forcing_is_defect ? 1.0 : 0.0;
    for (std::size_t i = 0; i < n; ++i)
        next.reactive_current[i] = coefficient * (next.charge[i] - now.charge[i]) - weight * now.reactive_current[i] -
                                   defect_weight * forcing[i];
}

// The global error of x, e = x - x_exact. The exact solution fails the trapezoidal
// recurrence by the defect d of each step, so e follows the same recurrence with d as
// its only source:  (G + 2C/h) e1 = (2/h) C e0 + r_e0 + d. Lightly damped resonances
// accumulate it from step to step; damped circuits forget it.
class GlobalErrorTracker {
public:
    GlobalErrorTracker(std::size_t n, std::size_t voltages)
        : error_(n), next_(n), envelope_(n, 0.0), peak_(n, 0.0), voltages_(voltages) {}

    void step(const MnaSystem& system, IntegrationStep& step, const std::vector<double>& defect) {
        integrate(system, step, error_, defect, next_, true);
        error_.swap(next_);
    }
    // At an output point: the error and the waveform there are what the user sees.
    void output(const std::vector<double>& solution) {
        for (std::size_t i = 0; i < envelope_.size(); ++i) {
            envelope_[i] = std::max(envelope_[i], std::abs(error_.solution[i]));
            peak_[i] = std::max(peak_[i], std::abs(solution[i]));
        }
    }
    // Largest estimated error at the output points relative to what the tolerances allow.
    double budget_ratio(const TransientTolerances& tolerances) const {
        double worst = 0.0;
        for (std::size_t i = 0; i < envelope_.size(); ++i) {
            const double floor = i < voltages_ ? tolerances.voltage_floor_v : tolerances.current_floor_a;
            worst = std::max(worst, envelope_[i] / (tolerances.relative * peak_[i] + floor));
        }
        return worst;
    }

private:
    IntegrationState error_, next_;
    std::vector<double> envelope_, peak_;
    std::size_t voltages_;
};

// Output points of one pass, kept until the pass is known to be accurate enough.
class OutputBuffer {
public:
    explicit OutputBuffer(std::size_t unknowns) : unknowns_(unknowns) {}
    void add(double time, const std::vector<double>& solution) {
        values_.push_back(time);
        values_.insert(values_.end(), solution.begin(), solution.end());
    }
    void send(ResultSink& sink) const {
        for (std::size_t k = 0; k < values_.size(); k += unknowns_ + 1)
            sink.real_point(values_[k], std::span<const double>(values_.data() + k + 1, unknowns_));
    }

private:
    std::size_t unknowns_;
    std::vector<double> values_;
};

struct PassResult {
    double budget_ratio = 0.0;  // estimated global error / allowed, worst unknown
};

// One integration from the start to the stop time with a given local tolerance.
// Steps are h_max / 2^level, so a factorisation is kept per level; a step that would
// pass the next output time or source corner is cut short to land on it. The level
// rises when the estimated local error is too large (the step is redone) and falls
// when it is small. After a corner the history restarts, with small steps.
class TransientPass {
public:
    TransientPass(const AnalysisRun& run, const TranAnalysis& analysis, const SourceSchedule& sources,
                  const std::vector<double>& corners)
        : run_(run), analysis_(analysis), sources_(sources), corners_(corners) {}

    template <typename Emit>
    PassResult run(const TransientStart& start, double local_relative, Emit&& emit) {
        const MnaSystem& system = run_.system;
        const TransientTolerances& tolerances = run_.circuit.tolerances;
        const double step = analysis_.step_s;
        const auto first_output = static_cast<std::size_t>(std::ceil(analysis_.start_s / step - 1e-9));
        const auto last_output = static_cast<std::size_t>(std::floor(analysis_.stop_s / step + 1e-9));
        const std::size_t n = system.size();

        IntegrationState state(n), candidate(n);
        state.solution = start.solution;
        state.charge = start.charge;
        if (first_output == 0) emit(0.0, state.solution);

        const double largest_step = step / std::ceil(step / analysis_.max_step_s - 1e-9);
        const double time_tolerance = 1e-9 * largest_step;
        constexpr int deepest_level = 20, level_after_corner = 10;  // steps down to h_max / 10^6
        std::vector<std::unique_ptr<IntegrationStep>> by_level(deepest_level + 1);
        std::vector<double> step_of_level(deepest_level + 1);
        for (int k = 0; k <= deepest_level; ++k) step_of_level[static_cast<std::size_t>(k)] = std::ldexp(largest_step, -k);
        std::unique_ptr<IntegrationStep> irregular, euler;
        std::vector<double> rhs(n), defect(n);
        TruncationErrorEstimator estimator(n, system.voltage_count());
        estimator.set_tolerance(local_relative, tolerances.charge_floor, tolerances.truncation_factor);
        estimator.restart(0.0, state.charge);
        GlobalErrorTracker global_error(n, system.voltage_count());

        auto factorisation = [&](std::unique_ptr<IntegrationStep>& slot, double h, bool backward_euler) -> IntegrationStep& {
            try {
                if (!slot || slot->euler != backward_euler || std::abs(slot->step_s - h) > 1e-12 * h)
                    slot = std::make_unique<IntegrationStep>(system, h, backward_euler);
            } catch (const SingularMatrix& singular) {
                throw spice::DeckError(analysis_.where, "singular matrix in the transient: " +
                                                            system.describe_unknown(singular.column()) +
                                                            " is not determined by the circuit");
            }
            return *slot;
        };

        constexpr double max_steps = 1e8;
        double steps_taken = 0;
        double time = 0.0;
        int level = level_after_corner;
        auto corner = corners_.begin();
        for (std::size_t output = 1; output <= last_output; ++output) {
            const double output_time = static_cast<double>(output) * step;
            while (time < output_time - time_tolerance) {
                while (corner != corners_.end() && *corner <= time + time_tolerance) ++corner;
                const bool corner_first = corner != corners_.end() && *corner < output_time - time_tolerance;
                const double target = corner_first ? *corner : output_time;
                const double regular = step_of_level[static_cast<std::size_t>(level)];
                // Land on the target when a regular step would leave less than an eighth of
                // one before it: a sliver of a step would make C/h swamp the matrix.
                const bool lands = time + regular >= target - std::max(time_tolerance, regular / 8);
                const double time_after = lands ? target : time + regular;
                // A step cut short to land on a target uses a factorisation of its own.
                const bool is_regular = std::abs(time_after - time - regular) <= time_tolerance;
                const bool after_corner = estimator.points_since_corner() == 1;
                std::unique_ptr<IntegrationStep>& slot = after_corner ? euler : is_regular ? by_level[level] : irregular;
                IntegrationStep& integration =
                    factorisation(slot, is_regular ? regular : time_after - time, after_corner);
                sources_.fill(system, time_after, rhs);
                integrate(system, integration, state, rhs, candidate, false);
                if (++steps_taken > max_steps)
                    throw spice::DeckError(analysis_.where, "the transient needs more than 100,000,000 steps");
                const double error = estimator.error_ratio(time_after, candidate.charge, defect);
                if (error > 1.0 && level < deepest_level) {
                    const int deeper = std::max(1, static_cast<int>(std::ceil(std::log2(std::cbrt(error)))));
                    level = std::min(deepest_level, level + deeper);
                    continue;  // redo the step, smaller
                }
                time = time_after;
                state.swap(candidate);
                global_error.step(system, integration, defect);
                // A corner may coincide with an output time: the step landed on it either way.
                if (corner != corners_.end() && std::abs(*corner - time) <= time_tolerance) {
                    estimator.restart(time, state.charge);
                    level = std::max(level, level_after_corner);
                } else {
                    estimator.accept(time, state.charge);
                    if (is_regular && error < 0.05 && level > 0) --level;  // error ~ h^3: 8 * 0.05 < 1
                }
            }
            require_finite(system, state.solution, analysis_.where);
            if (output >= first_output) {
                emit(output_time, state.solution);
                global_error.output(state.solution);
            }
        }
        return {global_error.budget_ratio(tolerances)};
    }

private:
    const AnalysisRun& run_;
    const TranAnalysis& analysis_;
    const SourceSchedule& sources_;
    const std::vector<double>& corners_;
};

}  // namespace

// Integrates with a local tolerance, estimates the global error that left, and when it
// exceeds what the tolerances allow integrates again with a tighter local tolerance
// (global error ~ local tolerance^(2/3) for the trapezoidal rule). Output goes to the
// sink only from the accepted pass; a run too large to keep in memory is sent as it is
// computed, from the first pass.
void run_tran(const AnalysisRun& run, const TranAnalysis& analysis) {
    const MnaSystem& system = run.system;
    const TransientTolerances& tolerances = run.circuit.tolerances;
    const auto first_output = static_cast<std::size_t>(std::ceil(analysis.start_s / analysis.step_s - 1e-9));
    const auto last_output = static_cast<std::size_t>(std::floor(analysis.stop_s / analysis.step_s + 1e-9));
    const std::size_t outputs = last_output - first_output + 1;
    run.sink.begin({AnalysisKind::tran, run.ordinal, "time", system.unknown_names(), outputs, {}, {}, {}});

    const SourceSchedule sources(run.circuit, analysis);
    {  // the digits lost by the step matrix G + 2C/h at the largest step, driven by the sources at t = 0
        run.phase("condition");
        const double coefficient = 2.0 / std::min(analysis.step_s, analysis.max_step_s);
        std::vector<double> matrix(system.conductance().size());
        for (std::size_t k = 0; k < matrix.size(); ++k)
            matrix[k] = system.conductance()[k] + coefficient * system.reactance()[k];
        SparseLu<double> lu(system.size(), system.column_starts(), system.row_indices());
        try {
            lu.factor(matrix);
            std::vector<double> solution(system.size());
            fill_source_rhs(system, sources.values_at(0.0), solution);
            lu.solve(solution);
            ConditionMonitor monitor(run, analysis.where);
            monitor.check<double>(lu, matrix, solution, coefficient, "in the transient's step matrix");
            monitor.report();
        } catch (const SingularMatrix&) {
            // the integration reports it, at the step where it happens
        }
        run.phase("integrate");
    }
    const TransientStart start = transient_start(run.circuit, system, analysis, sources.values_at(0.0));
    const std::vector<double> corners = sources.breakpoints(analysis.stop_s, analysis.where);
    TransientPass pass(run, analysis, sources, corners);

    constexpr double max_buffered_values = 32e6;  // 256 MB
    constexpr int max_passes = 5;
    double local_relative = 1e-3 * tolerances.relative;
    if (static_cast<double>(outputs) * static_cast<double>(system.size() + 1) > max_buffered_values) {
        pass.run(start, local_relative, [&](double time, const std::vector<double>& x) { run.sink.real_point(time, x); });
        run.sink.end();
        return;
    }
    // The local tolerance is not tightened past 1e-10: below it the divided differences
    // of q are mostly rounding error, and a tighter pass only gets worse. The pass with the
    // smallest estimated error is the one sent.
    constexpr double tightest_local = 1e-10;
    OutputBuffer best(system.size());
    double best_ratio = INFINITY;
    for (int attempt = 1; attempt <= max_passes; ++attempt) {
        OutputBuffer buffer(system.size());
        const PassResult result =
            pass.run(start, local_relative, [&](double time, const std::vector<double>& x) { buffer.add(time, x); });
        const bool improved = !(result.budget_ratio >= best_ratio);  // a NaN ratio does not improve
        if (improved || attempt == 1) {
            best = std::move(buffer);
            best_ratio = result.budget_ratio;
        }
        if (!improved || result.budget_ratio <= 1.0 || local_relative <= tightest_local) break;
        // Aim at half the allowed error: tighten by (0.5 / ratio)^(3/2), within [1e-4, 0.5].
        local_relative = std::max(tightest_local, local_relative * std::clamp(std::pow(0.5 / result.budget_ratio, 1.5), 1e-4, 0.5));
    }
    best.send(run.sink);
    run.sink.end();
}

}  // namespace hpsim::sim
