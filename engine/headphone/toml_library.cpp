// toml++ (the reader of rig, catalog and sweep files), compiled once here: every other
// file includes its declarations only (TOML_HEADER_ONLY=0, set for the whole engine).
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
