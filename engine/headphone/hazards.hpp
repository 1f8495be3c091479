#pragma once
// Hazards found in a variant's simulated currents and voltages (not in the parts'
// names): a leg into a near short, a channel on the wrong driver (danger); a driver
// common not returned to ground, DC on a driver, a driver that receives nothing,
// crosstalk that ruins the image, reversed polarity (warning); audible crosstalk and
// colouration by the source impedance (info).
#include <vector>

#include "headphone/measure.hpp"

namespace hpsim::headphone {

std::vector<Hazard> assess_hazards(const Measurements& measurements, double level_vrms);

}  // namespace hpsim::headphone
