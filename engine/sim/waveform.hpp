#pragma once
// Time-domain source waveforms with ngspice's semantics and defaults.
#include <optional>
#include <vector>

namespace hpsim::sim {

enum class WaveformShape { none, sine, pulse, pwl };

// The arguments as written; defaults (which depend on the .tran card) are filled in
// by resolve(). A missing argument is std::nullopt.
struct Waveform {
    WaveformShape shape = WaveformShape::none;
    std::vector<std::optional<double>> arguments;
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
};

}  // namespace hpsim::sim
