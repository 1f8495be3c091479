#include "headphone/hazards.hpp"

#include <cmath>

#include "headphone/number_text.hpp"

namespace hpsim::headphone {
namespace {

// A leg that sees less than this at its jack is shorted (contacts and wires only, as
// when an adapter ties a negative leg to ground); any headphone is well above it.
constexpr double near_short_ohm = 1.0;
constexpr double harmful_crosstalk_db = -15.0;  // worse damages the stereo image
constexpr double disconnected_db = -40.0;       // a driver this far below its signal gets nothing
constexpr double audible_crosstalk_db = -40.0;  // narrows the image, without ruining it

std::string side_name(char side) { return side == 'l' ? "left" : "right"; }

}  // namespace

std::vector<Hazard> assess_hazards(const Measurements& m, double level) {
    std::vector<Hazard> hazards;
    for (const LegReading& leg : m.legs) {
        // The load, not the current at the reference level: a reference level past a leg's
        // current limit only means it clips earlier (the clip level says so).
        if (leg.load_ohm < near_short_ohm) {
            hazards.push_back({"danger", "leg-short",
                               "danger: the " + leg.function + " leg drives a near short (" + format_number("%.3g", leg.load_ohm) +
                                   " Ohm): " + format_number("%.3g", leg.current_arms) + " A rms at " + format_number("%.3g", level) +
                                   " Vrms, against a limit of " + format_number("%.3g", leg.limit_arms) + " A"});
        }
    }
    for (const char side : {'l', 'r'}) {
        const Channel& channel = side == 'l' ? m.left : m.right;
        if (channel.mono_ratio < 0.5)
            hazards.push_back({"warning", "common-not-grounded",
                               "the drivers' common is not returned to ground: they sit in series between L and R and the "
                               "same signal in both channels (vocals) reaches the " + side_name(side) + " driver " +
                                   format_number("%.1f", 20 * std::log10(channel.mono_ratio)) + " dB down"});
        if (std::abs(channel.dc_v) > 1e-3)
            hazards.push_back({"warning", "dc-on-driver", format_number("%.3g", channel.dc_v) + std::string(" V DC across the ") + side_name(side) + " driver"});
        if (channel.response_db_vs_ideal < disconnected_db)
            hazards.push_back({"warning", "driver-disconnected",
                               "the " + side_name(side) + " driver receives " +
                                   (channel.response_db_vs_ideal <= -200 ? std::string("nothing") : format_number("%.0f dB", channel.response_db_vs_ideal)) +
                                   " of its signal: the connector's pins do not line up"});
        else if (channel.crosstalk_db[1] > 0)
            hazards.push_back({"danger", "wrong-driver",
                               "the " + side_name(side == 'l' ? 'r' : 'l') + " channel's signal arrives louder at the " +
                                   side_name(side) + " driver than its own: the pin map puts a channel on the wrong driver"});
        else if (channel.crosstalk_db[3] > harmful_crosstalk_db && channel.mono_ratio >= 0.5)
            hazards.push_back({"warning", "crosstalk",
                               "crosstalk into the " + side_name(side) + " channel reaches " + format_number("%.1f", channel.crosstalk_db[3]) +
                                   " dB: the stereo image suffers"});
        else if (channel.crosstalk_db[3] > audible_crosstalk_db && channel.mono_ratio >= 0.5)
            hazards.push_back({"info", "crosstalk",
                               "crosstalk into the " + side_name(side) + " channel reaches " + format_number("%.1f", channel.crosstalk_db[3]) +
                                   " dB through the shared return"});
        if (channel.polarity == '-')
            // A warning: nothing is harmed, but the stereo image is (the channels in antiphase).
            hazards.push_back({"warning", "polarity-reversed",
                               "the " + side_name(side) + " earpiece is reversed: same power, opposite polarity (channels " +
                                   format_number("%.0f", std::abs(m.interchannel_phase_deg)) + " degrees apart); no damage, the image goes "
                                   "diffuse, and shared-ground crosstalk adds with the opposite sign in that channel"});
        if (channel.fr_error_db > 1.0)
            hazards.push_back({"info", "source-impedance",
                               "the source impedance colours the " + side_name(side) + " driver: " + format_number("%.1f", channel.fr_error_db) +
                                   " dB across 20 Hz-20 kHz (rule of thumb: output impedance below an eighth of the load)"});
    }
    return hazards;
}

}  // namespace hpsim::headphone
