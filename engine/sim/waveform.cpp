#include "sim/waveform.hpp"

#include <cmath>
#include <numbers>

namespace hpsim::sim {
namespace {

constexpr double two_pi = 2.0 * std::numbers::pi;

double argument(const Waveform& waveform, std::size_t index, double fallback) {
    return index < waveform.arguments.size() && waveform.arguments[index] ? *waveform.arguments[index] : fallback;
}

// Like argument(), but a given zero also takes the default (ngspice does this for
// PULSE rise, fall, width and period, SIN frequency, EXP times, SFFM and AM frequencies).
double nonzero_argument(const Waveform& waveform, std::size_t index, double fallback) {
    const double value = argument(waveform, index, 0.0);
    return value != 0.0 ? value : fallback;
}

double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

}  // namespace

ResolvedWaveform::ResolvedWaveform(const Waveform& waveform, double step_s, double stop_s)
    : shape_(waveform.shape) {
    const double one_per_run = stop_s > 0 ? 1.0 / stop_s : 0.0;
    switch (shape_) {
        case WaveformShape::none: break;
        case WaveformShape::sine:
            // SIN(offset amplitude frequency delay damping phase_deg)
            values_ = {argument(waveform, 0, 0.0), argument(waveform, 1, 0.0),
                       nonzero_argument(waveform, 2, one_per_run), argument(waveform, 3, 0.0),
                       argument(waveform, 4, 0.0), argument(waveform, 5, 0.0)};
            break;
        case WaveformShape::pulse:
            // PULSE(v1 v2 delay rise fall width period)
            values_ = {argument(waveform, 0, 0.0),          argument(waveform, 1, 0.0),
                       argument(waveform, 2, 0.0),          nonzero_argument(waveform, 3, step_s),
                       nonzero_argument(waveform, 4, step_s), nonzero_argument(waveform, 5, stop_s),
                       nonzero_argument(waveform, 6, stop_s)};
            break;
        case WaveformShape::pwl:
            for (const auto& value : waveform.arguments) values_.push_back(value.value_or(0.0));
            pwl_delay_s_ = waveform.pwl_delay_s;
            if (waveform.pwl_repeat_from_s)
                for (std::size_t i = 0; i + 2 < values_.size(); i += 2)
                    if (values_[i] == *waveform.pwl_repeat_from_s) pwl_repeat_point_ = i / 2;
            break;
        case WaveformShape::exponential: {
            // EXP(v1 v2 rise_delay rise_tau fall_delay fall_tau)
            const double rise_delay = nonzero_argument(waveform, 2, step_s);
            values_ = {argument(waveform, 0, 0.0),          argument(waveform, 1, 0.0),
                       rise_delay,                          nonzero_argument(waveform, 3, step_s),
                       nonzero_argument(waveform, 4, rise_delay + step_s), nonzero_argument(waveform, 5, step_s)};
            break;
        }
        case WaveformShape::frequency_modulated:
            // SFFM(offset amplitude carrier_hz modulation_index signal_hz carrier_phase_deg signal_phase_deg)
            values_ = {argument(waveform, 0, 0.0),          argument(waveform, 1, 0.0),
                       nonzero_argument(waveform, 2, one_per_run), argument(waveform, 3, 0.0),
                       nonzero_argument(waveform, 4, one_per_run), argument(waveform, 5, 0.0),
                       argument(waveform, 6, 0.0)};
            break;
        case WaveformShape::amplitude_modulated:
            // AM(amplitude offset modulating_hz carrier_hz delay carrier_phase_deg modulating_phase_deg)
            values_ = {argument(waveform, 0, 0.0),          argument(waveform, 1, 0.0),
                       nonzero_argument(waveform, 2, one_per_run), argument(waveform, 3, 0.0),
                       argument(waveform, 4, 0.0),          argument(waveform, 5, 0.0),
                       argument(waveform, 6, 0.0)};
            break;
    }
}

// (t1 v1 t2 v2 ...), td later: constant before the first point and, without r=, after the
// last. With r=, ngspice replays the points from r on after the last one, the point at
// r falling on the last point's time: a period of t_last - r.
double ResolvedWaveform::pwl_value(double time_s) const {
    const std::size_t points = values_.size() / 2;
    if (points == 0) return 0.0;
    double time = time_s - pwl_delay_s_;
    const double last_time = values_[2 * points - 2];
    if (pwl_repeat_point_ && time >= last_time) {  // at t_last itself ngspice already gives v(r)
        const double from = values_[2 * *pwl_repeat_point_];
        time = from + std::fmod(time - last_time, last_time - from);
    }
    if (time <= values_[0]) return values_[1];
    for (std::size_t i = 1; i < points; ++i) {
        const double t0 = values_[2 * i - 2], t1 = values_[2 * i];
        if (time <= t1) {
            const double v0 = values_[2 * i - 1], v1 = values_[2 * i + 1];
            return v0 + (v1 - v0) * (time - t0) / (t1 - t0);
        }
    }
    return values_[2 * points - 1];
}

double ResolvedWaveform::value_at(double time_s) const {
    switch (shape_) {
        case WaveformShape::none: return 0.0;
        case WaveformShape::sine: {
            const double offset = values_[0], amplitude = values_[1], frequency = values_[2];
            const double delay = values_[3], damping = values_[4];
            const double phase_rad = radians(values_[5]);
            if (time_s <= delay) return offset + amplitude * std::sin(phase_rad);
            const double elapsed = time_s - delay;
            // v = vo + va sin(2 pi f (t - td) + phase) exp(-(t - td) theta)
            return offset + amplitude * std::sin(two_pi * frequency * elapsed + phase_rad) *
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
        case WaveformShape::pwl: return pwl_value(time_s);
        case WaveformShape::exponential: {
            // v1 until td1; then v1 + (v2 - v1)(1 - exp(-(t - td1)/tau1)); after td2 the fall
            // (v1 - v2)(1 - exp(-(t - td2)/tau2)) adds to it.
            const double v1 = values_[0], v2 = values_[1];
            const double rise_delay = values_[2], rise_tau = values_[3], fall_delay = values_[4], fall_tau = values_[5];
            if (time_s <= rise_delay) return v1;
            const double rising = v1 + (v2 - v1) * (1.0 - std::exp(-(time_s - rise_delay) / rise_tau));
            if (time_s <= fall_delay) return rising;
            return rising + (v1 - v2) * (1.0 - std::exp(-(time_s - fall_delay) / fall_tau));
        }
        case WaveformShape::frequency_modulated: {
            // v = vo + va sin(2 pi fc t + phase_c + mdi sin(2 pi fs t + phase_s))
            const double offset = values_[0], amplitude = values_[1], carrier_hz = values_[2];
            const double index = values_[3], signal_hz = values_[4];
            return offset + amplitude * std::sin(two_pi * carrier_hz * time_s + radians(values_[5]) +
                                                 index * std::sin(two_pi * signal_hz * time_s + radians(values_[6])));
        }
        case WaveformShape::amplitude_modulated: {
            // v = va (vo + sin(2 pi fm t' + phase)) sin(2 pi fc t' + phase), t' = t - td, 0 before
            // td. ngspice 39 applies the last (modulating) phase to both sines and leaves the
            // carrier phase unused; hpsim does the same so that both agree.
            const double amplitude = values_[0], offset = values_[1], modulating_hz = values_[2];
            const double carrier_hz = values_[3], delay = values_[4];
            const double phase_rad = radians(values_[6]);
            const double elapsed = time_s - delay;
            if (elapsed <= 0.0) return 0.0;
            return amplitude * (offset + std::sin(two_pi * modulating_hz * elapsed + phase_rad)) *
                   std::sin(two_pi * carrier_hz * elapsed + phase_rad);
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
        case WaveformShape::pwl: {
            for (std::size_t i = 0; i + 1 < values_.size(); i += 2) add(values_[i] + pwl_delay_s_);
            if (!pwl_repeat_point_) break;
            const double last_time = values_[values_.size() - 2];
            const double from = values_[2 * *pwl_repeat_point_];
            for (double shift = last_time - from + pwl_delay_s_; from + shift <= stop_s; shift += last_time - from) {
                if (times.size() > limit) return false;
                for (std::size_t i = 2 * *pwl_repeat_point_; i + 1 < values_.size(); i += 2) add(values_[i] + shift);
            }
            break;
        }
        case WaveformShape::exponential:
            add(values_[2]);
            add(values_[4]);
            break;
        case WaveformShape::frequency_modulated: break;
        case WaveformShape::amplitude_modulated: add(values_[4]); break;
    }
    return times.size() <= limit;
}

}  // namespace hpsim::sim
