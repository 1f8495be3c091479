#include "sim/waveform.hpp"

#include <cmath>
#include <numbers>

namespace hpsim::sim {
namespace {

double argument(const Waveform& waveform, std::size_t index, double fallback) {
    return index < waveform.arguments.size() && waveform.arguments[index] ? *waveform.arguments[index] : fallback;
}

// Like argument(), but a given zero also takes the default (ngspice does this for
// PULSE rise, fall and period).
double nonzero_argument(const Waveform& waveform, std::size_t index, double fallback) {
    const double value = argument(waveform, index, 0.0);
    return value != 0.0 ? value : fallback;
}

}  // namespace

ResolvedWaveform::ResolvedWaveform(const Waveform& waveform, double step_s, double stop_s)
    : shape_(waveform.shape) {
    switch (shape_) {
        case WaveformShape::none: break;
        case WaveformShape::sine:
            // SIN(offset amplitude frequency delay damping phase_deg)
            values_ = {argument(waveform, 0, 0.0), argument(waveform, 1, 0.0),
                       argument(waveform, 2, stop_s > 0 ? 1.0 / stop_s : 0.0), argument(waveform, 3, 0.0),
                       argument(waveform, 4, 0.0), argument(waveform, 5, 0.0)};
            break;
        case WaveformShape::pulse:
            // PULSE(v1 v2 delay rise fall width period)
            values_ = {argument(waveform, 0, 0.0),          argument(waveform, 1, 0.0),
                       argument(waveform, 2, 0.0),          nonzero_argument(waveform, 3, step_s),
                       nonzero_argument(waveform, 4, step_s), argument(waveform, 5, stop_s),
                       nonzero_argument(waveform, 6, stop_s)};
            break;
        case WaveformShape::pwl:
            for (const auto& value : waveform.arguments) values_.push_back(value.value_or(0.0));
            break;
    }
}

double ResolvedWaveform::value_at(double time_s) const {
    switch (shape_) {
        case WaveformShape::none: return 0.0;
        case WaveformShape::sine: {
            const double offset = values_[0], amplitude = values_[1], frequency = values_[2];
            const double delay = values_[3], damping = values_[4];
            const double phase_rad = values_[5] * std::numbers::pi / 180.0;
            if (time_s <= delay) return offset + amplitude * std::sin(phase_rad);
            const double elapsed = time_s - delay;
            // v = vo + va sin(2 pi f (t - td) + phase) exp(-(t - td) theta)
            return offset + amplitude * std::sin(2.0 * std::numbers::pi * frequency * elapsed + phase_rad) *
                                std::exp(-elapsed * damping);
        }
        case WaveformShape::pulse: {
            const double low = values_[0], high = values_[1], delay = values_[2];
            const double rise = values_[3], fall = values_[4], width = values_[5], period = values_[6];
            double time = time_s - delay;
            if (time > period) time -= period * std::floor(time / period);
            if (time <= 0.0 || time >= rise + width + fall) return low;
            if (time < rise) return low + (high - low) * time / rise;
            if (time <= rise + width) return high;
            return high + (low - high) * (time - rise - width) / fall;
        }
        case WaveformShape::pwl: {
            // (t1 v1 t2 v2 ...): constant before the first and after the last point.
            const std::size_t points = values_.size() / 2;
            if (points == 0) return 0.0;
            if (time_s <= values_[0]) return values_[1];
            for (std::size_t i = 1; i < points; ++i) {
                const double t0 = values_[2 * i - 2], t1 = values_[2 * i];
                if (time_s <= t1) {
                    const double v0 = values_[2 * i - 1], v1 = values_[2 * i + 1];
                    return v0 + (v1 - v0) * (time_s - t0) / (t1 - t0);
                }
            }
            return values_[2 * points - 1];
        }
    }
    return 0.0;
}

bool ResolvedWaveform::append_breakpoints(double stop_s, std::vector<double>& times, std::size_t limit) const {
    const auto add = [&](double time) {
        if (time > 0.0 && time <= stop_s) times.push_back(time);
    };
    switch (shape_) {
        case WaveformShape::none: break;
        case WaveformShape::sine: add(values_[3]); break;
        case WaveformShape::pulse: {
            const double delay = values_[2], rise = values_[3], fall = values_[4], width = values_[5];
            const double period = values_[6];
            for (double start = delay; start <= stop_s; start += period) {
                if (times.size() > limit) return false;
                add(start);
                add(start + rise);
                add(start + rise + width);
                add(start + rise + width + fall);
                if (period <= 0.0) break;
            }
            break;
        }
        case WaveformShape::pwl:
            for (std::size_t i = 0; i + 1 < values_.size(); i += 2) add(values_[i]);
            break;
    }
    return times.size() <= limit;
}

}  // namespace hpsim::sim
