// toml++ compiled once here; every other file includes its declarations only
// (headphone/toml.hpp).
#define TOML_IMPLEMENTATION
#include "headphone/toml.hpp"
