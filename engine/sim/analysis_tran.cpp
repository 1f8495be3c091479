#include <algorithm>
#include <cmath>
#include <memory>

#include "sim/analyses.hpp"
#include "sim/sparse_lu.hpp"

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

// Local truncation error of the trapezoidal rule, h^3 q'''/12, estimated on the
// reactive states q = C x (capacitor charges per node row, inductor fluxes per branch
// row), as ngspice does: node voltages fixed only through them (the common mode of a
// load reached only through inductors) would otherwise show the rule's alternating
// error and drive the step down for nothing. q''' is 6 times the third divided
// difference of the last four points. Allowed: 1e-6 of the row's own peak so far, plus
// 1e-9 of the largest peak among rows of its kind (node rows, branch rows).
class ErrorEstimator {
public:
    ErrorEstimator(std::size_t unknowns, std::size_t voltages) : peak_(unknowns, 0.0), voltages_(voltages) {}

    void restart(double time, const std::vector<double>& solution) {  // at a source corner
        times_.clear();
        values_.clear();
        accept(time, solution);
    }
    void accept(double time, const std::vector<double>& solution) {
        if (times_.size() == 3) {
            times_.erase(times_.begin());
            values_.erase(values_.begin());
        }
        times_.push_back(time);
        values_.push_back(solution);
        for (std::size_t i = 0; i < solution.size(); ++i) {
            peak_[i] = std::max(peak_[i], std::abs(solution[i]));
            double& largest = i < voltages_ ? largest_voltage_ : largest_current_;
            largest = std::max(largest, peak_[i]);
        }
    }
    std::size_t points_since_corner() const { return times_.size(); }
    // Largest LTE over the unknowns relative to what is allowed (> 1 rejects the step);
    // 0 until there are three earlier points since the last corner.
    double error_ratio(double time, const std::vector<double>& solution) const {
        if (times_.size() < 3) return 0.0;
        const double t0 = times_[0], t1 = times_[1], t2 = times_[2], t3 = time, h = t3 - t2;
        double worst = 0.0;
        for (std::size_t i = 0; i < solution.size(); ++i) {
            const double d01 = (values_[1][i] - values_[0][i]) / (t1 - t0);
            const double d12 = (values_[2][i] - values_[1][i]) / (t2 - t1);
            const double d23 = (solution[i] - values_[2][i]) / (t3 - t2);
            const double d0123 = ((d23 - d12) / (t3 - t1) - (d12 - d01) / (t2 - t0)) / (t3 - t0);
            const double error = std::abs(h * h * h * d0123 / 2.0);  // h^3 (6 d0123) / 12
            const double scale = i < voltages_ ? largest_voltage_ : largest_current_;
            const double allowed = relative_tolerance * std::max(peak_[i], std::abs(solution[i])) +
                                   scale_tolerance * scale + absolute_tolerance;
            worst = std::max(worst, error / allowed);
        }
        return worst;
    }

private:
    static constexpr double relative_tolerance = 1e-6;
    static constexpr double scale_tolerance = 1e-9;
    static constexpr double absolute_tolerance = 1e-15;
    std::vector<double> times_;
    std::vector<std::vector<double>> values_;
    std::vector<double> peak_;
    std::size_t voltages_;
    double largest_voltage_ = 0.0, largest_current_ = 0.0;
};

}  // namespace

// Steps are h_max / 2^level, so a factorisation is kept per level; a step that would
// pass the next output time or source corner is cut short to land on it. The level
// rises when the estimated local error is too large (the step is redone) and falls
// when it is small. After a corner the history restarts, with small steps.
void run_tran(const AnalysisRun& run, const TranAnalysis& analysis) {
    const MnaSystem& system = run.system;
    const double step = analysis.step_s;
    const auto first_output = static_cast<std::size_t>(std::ceil(analysis.start_s / step - 1e-9));
    const auto last_output = static_cast<std::size_t>(std::floor(analysis.stop_s / step + 1e-9));
    run.sink.begin({AnalysisKind::tran, run.ordinal, "time", system.unknown_names(), last_output - first_output + 1});

    const SourceSchedule sources(run.circuit, analysis);
    // The transient starts from the operating point with every source at its t = 0 value.
    std::vector<double> solution = solve_dc(system, sources.values_at(0.0), analysis.where);
    if (first_output == 0) run.sink.real_point(0.0, solution);

    const double largest_step = step / std::ceil(step / analysis.max_step_s - 1e-9);
    const double time_tolerance = 1e-9 * largest_step;
    constexpr int deepest_level = 20, level_after_corner = 10;  // steps down to h_max / 10^6
    const std::vector<double> corners = sources.breakpoints(analysis.stop_s, analysis.where);
    std::vector<std::unique_ptr<IntegrationStep>> by_level(deepest_level + 1);
    std::unique_ptr<IntegrationStep> irregular, euler;
    const std::size_t n = system.size();
    std::vector<double> candidate(n), reactive_current(n, 0.0), next_reactive_current(n);
    std::vector<double> charge(n), next_charge(n);  // C x at the current point and the candidate
    system.multiply_reactance(solution.data(), charge.data());
    ErrorEstimator estimator(n, run.circuit.node_names.size() - 1);
    estimator.restart(0.0, charge);

    // One step of h from `solution` into `candidate`.
    auto try_step = [&](std::unique_ptr<IntegrationStep>& slot, double h, bool backward_euler, double time_after) {
        try {
            if (!slot || slot->euler != backward_euler || std::abs(slot->step_s - h) > 1e-12 * h)
                slot = std::make_unique<IntegrationStep>(system, h, backward_euler);
        } catch (const SingularMatrix& singular) {
            throw spice::DeckError(analysis.where, "singular matrix in the transient: " +
                                                       system.describe_unknown(singular.column()) +
                                                       " is not determined by the circuit");
        }
        const double coefficient = slot->coefficient(), weight = slot->history_weight();
        sources.fill(system, time_after, candidate);
        for (std::size_t i = 0; i < n; ++i) candidate[i] += coefficient * charge[i] + weight * reactive_current[i];
        slot->lu.solve(candidate);
        system.multiply_reactance(candidate.data(), next_charge.data());
        for (std::size_t i = 0; i < n; ++i)
            next_reactive_current[i] = coefficient * (next_charge[i] - charge[i]) - weight * reactive_current[i];
    };

    constexpr double max_steps = 1e8;
    double steps_taken = 0;
    double time = 0.0;
    int level = level_after_corner;
    auto corner = corners.begin();
    for (std::size_t output = 1; output <= last_output; ++output) {
        const double output_time = static_cast<double>(output) * step;
        while (time < output_time - time_tolerance) {
            while (corner != corners.end() && *corner <= time + time_tolerance) ++corner;
            const bool corner_first = corner != corners.end() && *corner < output_time - time_tolerance;
            const double target = corner_first ? *corner : output_time;
            const double regular = std::ldexp(largest_step, -level);
            const bool lands = time + regular >= target - time_tolerance;
            const double time_after = lands ? target : time + regular;
            // A step cut short to land on a target uses a factorisation of its own.
            const bool is_regular = time_after - time >= regular - time_tolerance;
            const bool after_corner = estimator.points_since_corner() == 1;
            std::unique_ptr<IntegrationStep>& slot = after_corner ? euler : is_regular ? by_level[level] : irregular;
            try_step(slot, is_regular ? regular : time_after - time, after_corner, time_after);
            if (++steps_taken > max_steps)
                throw spice::DeckError(analysis.where, "the transient needs more than 100,000,000 steps");
            const double error = estimator.error_ratio(time_after, next_charge);
            if (error > 1.0 && level < deepest_level) {
                const int deeper = std::max(1, static_cast<int>(std::ceil(std::log2(std::cbrt(error)))));
                level = std::min(deepest_level, level + deeper);
                continue;  // redo the step, smaller
            }
            time = time_after;
            solution.swap(candidate);
            charge.swap(next_charge);
            reactive_current.swap(next_reactive_current);
            if (lands && corner_first) {
                estimator.restart(time, charge);
                level = std::max(level, level_after_corner);
            } else {
                estimator.accept(time, charge);
                if (is_regular && error < 0.05 && level > 0) --level;  // error ~ h^3: 8 * 0.05 < 1
            }
        }
        require_finite(system, solution, analysis.where);
        if (output >= first_output) run.sink.real_point(output_time, solution);
    }
    run.sink.end();
}

}  // namespace hpsim::sim
