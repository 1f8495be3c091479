#pragma once
// A passive R-L-C network fitted to a measured impedance curve.
//
// For each order (number of poles) the poles come from vector fitting; then the weights
// of the positive-real sections of rlc_network.hpp at those poles are found by
// non-negative least squares, so that the result is passive by construction (every R,
// L and C above zero). Two forms are tried: sections in series fitted to Z (a dynamic
// driver: Re + jwLe + motional and eddy-current sections) and branches in parallel
// fitted to Y = 1/Z (balanced armatures behind crossovers). Errors are relative
// (|Z_fit / Z - 1|), which weighs dB and degrees alike at every level. The fit kept is
// the lowest order whose worst error is within a tenth of the limit, else the one with
// the smallest worst error (measured as a fraction of the limit).
#include <string>

#include "headphone/measured/impedance_file.hpp"
#include "headphone/measured/rlc_network.hpp"

namespace hpsim::headphone::measured {

struct FitOptions {
    double band_low_hz = 20, band_high_hz = 20000;  // fitted, and where the limit applies
    double limit_db = 0.1, limit_deg = 1;
    int max_order = 16;
};

struct NetworkFit {
    RlcNetwork network;
    int order = 0;               // poles
    std::size_t points = 0;      // of the file, within the band
    double worst_db = 0, worst_db_at_hz = 0;    // |20 log10 |Z_fit / Z||
    double worst_deg = 0, worst_deg_at_hz = 0;  // |arg(Z_fit / Z)|
    bool within(const FitOptions& options) const { return worst_db <= options.limit_db && worst_deg <= options.limit_deg; }
};

// Throws std::invalid_argument when the curve does not cover the band (1% allowed at
// each end) or has too few points in it.
NetworkFit fit_network(const ImpedanceCurve& curve, const FitOptions& options);

// "worst error 0.003 dB (at 2.1 kHz) and 0.02 degrees (at 95 Hz) over 173 points, 20 Hz-20 kHz"
std::string describe_errors(const NetworkFit& fit, const FitOptions& options);

}  // namespace hpsim::headphone::measured
