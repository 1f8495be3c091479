#pragma once
// What `hpsim models show` adds to a headphone's entry: the figures a driver is built
// from (a dynamic driver's Thiele-Small set, whichever form the entry gives) or the
// network fitted to a measured curve and how far it is from the curve.
#include <string>

#include "headphone/parts.hpp"

namespace hpsim::headphone {

// Lines starting with "# ", or "" when there is nothing to add.
std::string describe_driver(const Driver& driver);

}  // namespace hpsim::headphone
