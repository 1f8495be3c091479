#pragma once
// Time-domain source waveforms with ngspice's semantics and defaults.
#include <cstddef>
#include <optional>
#include <vector>

namespace hpsim::sim {

enum class WaveformShape { none, sine, pulse, pwl, exponential, frequency_modulated, amplitude_modulated };

// The arguments as written; defaults (which depend on the .tran card) are filled in
// by ResolvedWaveform. A missing argument is std::nullopt.
struct Waveform {
    WaveformShape shape = WaveformShape::none;
    std::vector<std::optional<double>> arguments;
    double pwl_delay_s = 0.0;                  // PWL td=: the whole waveform this much later
    std::optional<double> pwl_repeat_from_s;   // PWL r=: the points from this time on repeat forever
};

// A waveform with every default filled in for one transient run.
class ResolvedWaveform {
public:
    ResolvedWaveform() = default;
    ResolvedWaveform(const Waveform& waveform, double step_s, double stop_s);

    double value_at(double time_s) const;
    // Times in (0, stop_s] where the waveform has a corner, appended unsorted; false
    // (and `times` left incomplete) once `times` would hold more than `limit`.
    bool append_breakpoints(double stop_s, std::vector<double>& times, std::size_t limit) const;

private:
    WaveformShape shape_ = WaveformShape::none;
    std::vector<double> values_;  // the shape's parameters, in SPICE order
    double pwl_delay_s_ = 0.0;
    std::optional<std::size_t> pwl_repeat_point_;  // index of the point r= names

    double pwl_value(double time_s) const;
};

}  // namespace hpsim::sim
