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
        for (const ResolvedWaveform& waveform : waveforms_) {
            waveform.append_breakpoints(stop_s, times);
            if (times.size() > max_breakpoints)
                throw spice::DeckError(where, "the sources have more than 10,000,000 corners in this run");
        }
        std::sort(times.begin(), times.end());
        times.erase(std::unique(times.begin(), times.end()), times.end());
        return times;
    }

private:
    const Circuit& circuit_;
    std::vector<ResolvedWaveform> waveforms_;
};

// The trapezoidal step (G + 2C/h) x1 = (2C/h - G) x0 + b0 + b1 for one step size h.
struct TrapezoidalStep {
    double step_s;
    std::vector<double> history;  // 2C/h - G, pattern order
    SparseLu<double> lu;

    TrapezoidalStep(const MnaSystem& system, double h)
        : step_s(h), history(system.conductance().size()), lu(system.size(), system.column_starts(), system.row_indices()) {
        std::vector<double> matrix(history.size());
        for (std::size_t k = 0; k < history.size(); ++k) {
            const double reactive = 2.0 * system.reactance()[k] / h;
            matrix[k] = system.conductance()[k] + reactive;
            history[k] = reactive - system.conductance()[k];
        }
        lu.factor(matrix);
    }
};

bool same_step(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(a, b); }

}  // namespace

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

    // Internal steps: at most max_step_s, landing on every output time and every corner.
    const double nominal_step = step / std::ceil(step / analysis.max_step_s - 1e-9);
    const double tolerance = 1e-9 * nominal_step;
    const std::vector<double> corners = sources.breakpoints(analysis.stop_s, analysis.where);
    std::unique_ptr<TrapezoidalStep> nominal, irregular;
    std::vector<double> rhs_before(system.size()), rhs_after(system.size()), history(system.size());
    sources.fill(system, 0.0, rhs_before);

    auto advance = [&](double h, double time_after) {
        std::unique_ptr<TrapezoidalStep>* chosen = &nominal;
        if (!same_step(h, nominal_step)) chosen = &irregular;
        try {
            if (!*chosen || !same_step((*chosen)->step_s, h)) *chosen = std::make_unique<TrapezoidalStep>(system, h);
        } catch (const SingularMatrix& singular) {
            throw spice::DeckError(analysis.where, "singular matrix in the transient: " +
                                                       system.describe_unknown(singular.column()) +
                                                       " is not determined by the circuit");
        }
        TrapezoidalStep& trapezoidal = **chosen;
        sources.fill(system, time_after, rhs_after);
        system.multiply(trapezoidal.history, solution.data(), history.data());
        for (std::size_t i = 0; i < solution.size(); ++i) solution[i] = history[i] + rhs_before[i] + rhs_after[i];
        trapezoidal.lu.solve(solution);
        std::swap(rhs_before, rhs_after);
    };

    double time = 0.0;
    auto corner = corners.begin();
    for (std::size_t output = 1; output <= last_output; ++output) {
        const double output_time = static_cast<double>(output) * step;
        while (time < output_time - tolerance) {
            while (corner != corners.end() && *corner <= time + tolerance) ++corner;
            const double target =
                corner != corners.end() && *corner < output_time - tolerance ? *corner : output_time;
            const double gap = target - time;
            const double substeps = std::max(1.0, std::ceil(gap / nominal_step - 1e-9));
            const double h = gap / substeps;
            for (double s = 1; s <= substeps; ++s) advance(h, s == substeps ? target : time + s * h);
            time = target;
        }
        require_finite(system, solution, analysis.where);
        if (output >= first_output) run.sink.real_point(output_time, solution);
    }
    run.sink.end();
}

}  // namespace hpsim::sim
