// Source waveforms against their defining formulas, with ngspice's defaults.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "sim/waveform.hpp"

using hpsim::sim::ResolvedWaveform;
using hpsim::sim::Waveform;
using hpsim::sim::WaveformShape;
constexpr double pi = std::numbers::pi;

namespace {

Waveform waveform(WaveformShape shape, std::vector<std::optional<double>> arguments) {
    return Waveform{shape, std::move(arguments), 0.0, std::nullopt};
}

std::vector<double> corners(const ResolvedWaveform& resolved, double stop_s) {
    std::vector<double> times;
    REQUIRE(resolved.append_breakpoints(stop_s, times, 1000));
    std::sort(times.begin(), times.end());
    return times;
}

}  // namespace

TEST_CASE("EXP rises from v1 toward v2 after td1 and falls back after td2", "[waveform]") {
    // EXP(v1=-1 v2=3 td1=1m tau1=0.5m td2=4m tau2=2m)
    const ResolvedWaveform exp_source(
        waveform(WaveformShape::exponential, {-1.0, 3.0, 1e-3, 0.5e-3, 4e-3, 2e-3}), 1e-5, 10e-3);
    CHECK(exp_source.value_at(0.0) == -1.0);
    CHECK(exp_source.value_at(1e-3) == -1.0);
    const double rising = -1.0 + 4.0 * (1 - std::exp(-(2.5e-3 - 1e-3) / 0.5e-3));
    CHECK(exp_source.value_at(2.5e-3) == Approx(rising).epsilon(1e-14));
    const double both = -1.0 + 4.0 * (1 - std::exp(-(6e-3 - 1e-3) / 0.5e-3)) - 4.0 * (1 - std::exp(-(6e-3 - 4e-3) / 2e-3));
    CHECK(exp_source.value_at(6e-3) == Approx(both).epsilon(1e-14));
    CHECK(corners(exp_source, 10e-3) == std::vector<double>{1e-3, 4e-3});
}

TEST_CASE("EXP takes the time step for missing or zero times, as ngspice does", "[waveform]") {
    // EXP(0 1 0): td1 = tau1 = tau2 = tstep, td2 = td1 + tstep.
    const double step = 1e-4;
    const ResolvedWaveform exp_source(waveform(WaveformShape::exponential, {0.0, 1.0, 0.0}), step, 1e-2);
    CHECK(exp_source.value_at(step) == 0.0);
    CHECK(exp_source.value_at(1.5 * step) == Approx(1 - std::exp(-0.5)).epsilon(1e-14));
    const double t = 3 * step;
    CHECK(exp_source.value_at(t) == Approx((1 - std::exp(-2.0)) - (1 - std::exp(-1.0))).epsilon(1e-13));
}

TEST_CASE("SFFM is a sine whose phase is modulated by a second sine", "[waveform]") {
    // SFFM(vo=0.5 va=2 fc=10k mdi=3 fs=1k phasec=30 phases=60)
    const ResolvedWaveform sffm(waveform(WaveformShape::frequency_modulated, {0.5, 2.0, 10e3, 3.0, 1e3, 30.0, 60.0}),
                                1e-6, 1e-3);
    for (const double t : {0.0, 37e-6, 0.41e-3, 0.97e-3}) {
        const double expected =
            0.5 + 2.0 * std::sin(2 * pi * 10e3 * t + pi / 6 + 3.0 * std::sin(2 * pi * 1e3 * t + pi / 3));
        CHECK(sffm.value_at(t) == Approx(expected).epsilon(1e-13));
    }
    // Missing frequencies are 1 / tstop.
    const ResolvedWaveform slow(waveform(WaveformShape::frequency_modulated, {0.0, 1.0}), 1e-6, 4e-3);
    CHECK(slow.value_at(1e-3) == Approx(1.0).epsilon(1e-14));  // a quarter period of 250 Hz
}

TEST_CASE("AM is zero until its delay, then a carrier scaled by offset plus the modulating sine", "[waveform]") {
    // AM(va=1.5 vo=0.5 mf=500 fc=5k td=1m phasec=45 phases=90). ngspice 39 applies the
    // last phase to both sines (the carrier phase goes unused).
    const ResolvedWaveform am(waveform(WaveformShape::amplitude_modulated, {1.5, 0.5, 500.0, 5e3, 1e-3, 45.0, 90.0}),
                              1e-6, 5e-3);
    CHECK(am.value_at(0.0) == 0.0);
    CHECK(am.value_at(1e-3) == 0.0);
    for (const double t : {1.1e-3, 2.37e-3, 4.9e-3}) {
        const double e = t - 1e-3;
        const double expected = 1.5 * (0.5 + std::sin(2 * pi * 500 * e + pi / 2)) * std::sin(2 * pi * 5e3 * e + pi / 2);
        CHECK(am.value_at(t) == Approx(expected).epsilon(1e-13));
    }
    CHECK(corners(am, 5e-3) == std::vector<double>{1e-3});
}

TEST_CASE("SIN with a zero frequency runs at 1 / tstop, as ngspice does", "[waveform]") {
    const ResolvedWaveform sine(waveform(WaveformShape::sine, {0.0, 1.0, 0.0}), 1e-6, 4e-3);
    CHECK(sine.value_at(1e-3) == Approx(1.0).epsilon(1e-14));
}

TEST_CASE("PULSE with a zero width stays high until tstop, as ngspice does", "[waveform]") {
    // PULSE(0 1 1m 0.1m 0.1m 0): width and period become tstop = 10m.
    const ResolvedWaveform pulse(waveform(WaveformShape::pulse, {0.0, 1.0, 1e-3, 0.1e-3, 0.1e-3, 0.0}), 1e-5, 10e-3);
    CHECK(pulse.value_at(1.05e-3) == Approx(0.5).epsilon(1e-12));
    CHECK(pulse.value_at(5e-3) == 1.0);
    CHECK(pulse.value_at(9.9e-3) == 1.0);
}

TEST_CASE("PWL td shifts the points and r repeats them from that point on", "[waveform]") {
    // PWL(0 0 1m 1 2m 0 3m 1) r=1m td=0.5m: after 3.5m, the stretch from 1m to 3m repeats
    // every 2m, its 1m point landing on 3.5m.
    Waveform pwl = waveform(WaveformShape::pwl, {0.0, 0.0, 1e-3, 1.0, 2e-3, 0.0, 3e-3, 1.0});
    pwl.pwl_delay_s = 0.5e-3;
    pwl.pwl_repeat_from_s = 1e-3;
    const ResolvedWaveform resolved(pwl, 1e-5, 10e-3);
    CHECK(resolved.value_at(0.4e-3) == 0.0);
    CHECK(resolved.value_at(1.0e-3) == Approx(0.5).epsilon(1e-12));
    CHECK(resolved.value_at(3.25e-3) == Approx(0.75).epsilon(1e-12));
    CHECK(resolved.value_at(3.75e-3) == Approx(0.75).epsilon(1e-12));  // 1.25m of the points
    CHECK(resolved.value_at(5.0e-3) == Approx(0.5).epsilon(1e-12));    // 2.5m
    CHECK(resolved.value_at(7.75e-3) == Approx(0.75).epsilon(1e-12));  // 1.25m, two periods on
    const std::vector<double> expected{0.5e-3, 1.5e-3, 2.5e-3, 3.5e-3, 4.5e-3, 5.5e-3, 6.5e-3, 7.5e-3, 8.5e-3, 9.5e-3};
    const std::vector<double> times = corners(resolved, 10e-3);
    std::vector<double> distinct;
    for (const double t : times)
        if (distinct.empty() || t - distinct.back() > 1e-12) distinct.push_back(t);
    REQUIRE(distinct.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) CHECK(distinct[i] == Approx(expected[i]).epsilon(1e-12));
}

TEST_CASE("a repeating PWL is already at its repeat point at the last time point, as in ngspice", "[waveform]") {
    // PWL(0 0 1 1 2 3) r=1: at t = 2 ngspice gives v(1) = 1, then 1 -> 3 again over (2, 3].
    Waveform pwl = waveform(WaveformShape::pwl, {0.0, 0.0, 1.0, 1.0, 2.0, 3.0});
    pwl.pwl_repeat_from_s = 1.0;
    const ResolvedWaveform resolved(pwl, 0.01, 5.0);
    CHECK(resolved.value_at(1.999) == Approx(2.998));
    CHECK(resolved.value_at(2.0) == 1.0);
    CHECK(resolved.value_at(2.5) == Approx(2.0));
}
