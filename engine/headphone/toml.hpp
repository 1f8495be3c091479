#pragma once
// toml++, the reader of rig, catalog and sweep files, as the engine uses it: compiled
// once (headphone/toml_library.cpp), its declarations only everywhere else.
//
// Its internal assertions are off in every build, as in the release library Debian
// ships: on some malformed keys toml++ 3.3 asserts an invariant that its very next lines
// handle with a located parse error (found by fuzzing). With assertions, a Debug build
// aborts instead of reporting the error.
#ifdef TOMLPLUSPLUS_H
#error "toml++ was included before headphone/toml.hpp: include headphone/toml.hpp only"
#endif
#define TOML_HEADER_ONLY 0
#define TOML_ASSERT(expr) static_cast<void>(0)
#include <toml++/toml.h>
