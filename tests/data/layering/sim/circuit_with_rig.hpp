#pragma once
// A layer-check fixture: a simulator header that reaches up into the headphone layer.
#include "headphone/rig.hpp"
