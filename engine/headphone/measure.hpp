#pragma once
// What a rig does to its headphone, measured by simulating its compiled netlist.
// Every figure is per channel (left, right) at the reference level: each amplifier leg
// producing `level_vrms` open circuit, both channels driven, at 1 kHz unless named.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "headphone/compiler.hpp"

namespace hpsim::headphone {

struct Channel {
    double drive_vrms = 0;              // across the driver, from its + to its - terminal
    double power_mw = 0;                // Re(V conj(I))
    double clip_power_mw = 0;           // at the clip level
    double clip_spl_db = 0;             // NaN when the headphone gives no sensitivity
    std::array<double, 4> crosstalk_db{};  // into this channel from the other: 100 Hz, 1 kHz, 10 kHz, worst 20 Hz-20 kHz
                                           // (levels are floored at -200 dB)
    double fr_error_db = 0;             // spread over 20 Hz-20 kHz against an ideal source and cable
    double damping_factor = 0;          // |Z driver| / |Z source seen by the driver|, 1 kHz
    double damping_factor_min = 0;      // over 20 Hz-20 kHz
    char polarity = '+';                // acoustic polarity against the signal
    double response_db_vs_ideal = 0;    // 1 kHz level against the ideal
    double mono_ratio = 0;              // |V| with both channels driven alike / this channel alone
    double dc_v = 0;                    // DC across the driver
};

struct LegReading {
    std::string function;
    double current_arms = 0;         // at the reference level, both channels driven
    double limit_arms = 0;
    double load_ohm = 0;             // |V/I| the leg sees at its jack contact
};

struct Hazard {
    std::string severity;  // danger, warning, info
    std::string code;
    std::string message;
};

struct Measurements {
    std::string name, mode;
    Channel left, right;
    double clip_scale = 0;             // clip level / reference level
    std::string clip_limited_by;       // "voltage" or "current"
    std::string clip_leg;              // the leg whose limit binds
    double interchannel_phase_deg = 0;  // left against right, both driven alike
    std::vector<LegReading> legs;
    std::vector<Hazard> hazards;
};

// One row per frequency of the curves behind the figures.
struct CurvePoint {
    double frequency_hz;
    double left_response_db, right_response_db;      // against an ideal source and cable
    double crosstalk_lr_db, crosstalk_rl_db;         // left into right, right into left
    double left_impedance_ohm, right_impedance_ohm;  // |Z| of each driver
    double left_impedance_phase_deg, right_impedance_phase_deg;
    double left_source_impedance_ohm, right_source_impedance_ohm;  // |Z| of what drives each driver (amplifier, cable)
};

// Measures compiled rigs one after another. A rig whose circuit has the same topology
// as one measured recently (a sweep over figures) reuses its matrix pattern and its
// factorisation's ordering and compiled elimination: only the values are restamped.
// A parametric rig (CompileOptions::parametric) of a netlist text seen recently is not
// even read again: its numbers go through the value program recorded the first time.
// Each rig's figures are bit for bit those of the rig measured alone.
class MeasuringBench {
public:
    MeasuringBench();
    ~MeasuringBench();
    MeasuringBench(MeasuringBench&&) noexcept;
    MeasuringBench& operator=(MeasuringBench&&) noexcept;

    // Throws spice::DeckError when the rig cannot be simulated.
    Measurements measure(const Rig& rig, const CompiledRig& compiled, double level_vrms, std::vector<CurvePoint>* curves);
    std::size_t topologies() const { return topologies_; }  // how many were set up from scratch

    struct Setup;

private:
    Setup& prepare(const Rig& rig, const CompiledRig& compiled);
    void refresh(Setup& setup);
    static constexpr std::size_t kept_topologies = 8;
    std::vector<std::unique_ptr<Setup>> setups_;  // most recently used first
    std::size_t topologies_ = 0;
};

// One rig on its own. Throws spice::DeckError when the rig cannot be simulated.
Measurements measure(const Rig& rig, const CompiledRig& compiled, double level_vrms, std::vector<CurvePoint>* curves);

}  // namespace hpsim::headphone
