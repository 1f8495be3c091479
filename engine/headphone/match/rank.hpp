#pragma once
// Each path simulated with the measurements `hpsim compare` makes, judged and ranked:
// paths that work first, then flawed ones (a warning: the path connects but does not
// work as a stereo headphone should), then harmful ones (a danger), each marked with the
// reason in physics terms. Within a verdict: more headroom at the target SPL first, then
// less crosstalk, less response error, more damping. Figures equal as printed count as
// equal; ties keep the search order.
#include <optional>
#include <string>
#include <vector>

#include "headphone/match/paths.hpp"
#include "headphone/measure.hpp"

namespace hpsim::headphone::match {

// What the headphone needs for the target SPL, per channel:
//   P_mW = 10^((SPL - S_dB/mW) / 10),   V = 10^((SPL - S_dB/V) / 20),
// the other figure through the driver's conductance at 1 kHz, G = Re(1/Z) = P / V^2
// (measured on a simulated path): V = sqrt(P / G) or P = V^2 G. NaN when unknown.
struct Need {
    double power_mw = NAN, voltage_vrms = NAN;
    std::string from;  // "dB/mW", "dB/V", or "" when the headphone gives no sensitivity
};

struct RankedPath {
    Path path;
    std::string rig;            // the path as a rig file
    Measurements measurements;  // at 1 Vrms per leg, hazards assessed
    std::string verdict;        // "ok", "flawed", "do not use"
    std::vector<std::string> reasons;  // the hazards behind a flawed or harmful verdict
    double max_spl_db = NAN;    // at clip, the quieter channel
    double headroom_db = NAN;   // max_spl_db - target
    // Reaches the target (headroom >= 0): a question apart from whether it connects
    // safely (the verdict). None when the headphone gives no sensitivity.
    std::optional<bool> powerful_enough;
    double crosstalk_db = NAN;  // worst over 20 Hz-20 kHz, either way
    double fr_error_db = NAN;   // the larger of the channels
    double damping_factor = NAN;  // the smaller of the channels, 1 kHz
};

struct Match {
    Equipment equipment;
    double target_spl_db = 110;
    int max_adapters = 1;
    Need need;
    std::vector<RankedPath> paths;  // best first
    Search search;
    // When nothing fits: the fewest adapters (up to max_adapters_limit) that would give
    // paths, and how many; 0 when more adapters do not help.
    int adapters_that_would_fit = 0;
    std::size_t paths_with_more_adapters = 0;
};

constexpr int max_adapters_limit = 4;

// Throws DeckError when a part cannot be read or a path cannot be simulated.
Match match(const Catalog& catalog, Equipment equipment, double target_spl_db, int max_adapters);

}  // namespace hpsim::headphone::match
