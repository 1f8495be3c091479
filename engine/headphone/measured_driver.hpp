#pragma once
// A headphone driver given as a measured impedance curve ([driver] type = "measured"):
//   impedance_file = "curve.zma"   relative to the file that names it (entry or rig)
//   fit_band_hz = [20, 20000]      fitted, and where the limit applies
//   fit_limit_db = 0.1             the fit must be this close in level
//   fit_limit_deg = 1              and in phase
// The driver is the passive R-L-C network fitted to the curve (measured/network_fit.hpp);
// a fit outside the limit is an error saying how far off it is.
#include "headphone/parts.hpp"

namespace hpsim::headphone {

// Fills the driver's file, options and fit. Throws DeckError.
void read_measured_driver(const Fields& driver, Driver& result);

}  // namespace hpsim::headphone
