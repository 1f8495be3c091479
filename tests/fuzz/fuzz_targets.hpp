#pragma once
// What each fuzz target does with one input. Each returns normally when hpsim reads
// the input or rejects it with a located error (spice::DeckError); anything else (a
// crash, another exception, undefined behaviour, a leak, a hang) is a finding.
// The libFuzzer entry points (main/fuzz_<target>.cpp) call these, and so does the
// regression test that replays every input kept in regressions/<target>/.
#include <cstdint>
#include <span>
#include <string_view>

namespace hpsim::fuzz {

// A SPICE deck: lexer, parser, expressions, elaboration and the topology rules.
void deck_input(std::span<const std::uint8_t> input);
// A rig file against the shipped catalog, compiled to its netlist.
void rig_input(std::span<const std::uint8_t> input);
// One catalog entry beside the shipped catalog, read as the part of its kind.
void catalog_input(std::span<const std::uint8_t> input);
// A sweep spec beside the example specs: checked, and its first and last variants run.
void sweep_spec_input(std::span<const std::uint8_t> input);

struct Target {
    std::string_view name;  // the folder of its regression inputs and seeds
    void (*run)(std::span<const std::uint8_t>);
};
inline constexpr Target targets[] = {
    {"deck", deck_input},
    {"rig", rig_input},
    {"catalog", catalog_input},
    {"sweep", sweep_spec_input},
};

}  // namespace hpsim::fuzz
