// Every input a fuzzer ever found a problem with, replayed through its target: each
// must now be read or rejected with a located error (scripts/fuzz.sh adds new ones).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "fuzz_targets.hpp"

namespace {

std::vector<std::uint8_t> bytes_of(const std::filesystem::path& path) {
    std::ifstream stream(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("Inputs that fuzzing found problems with are read or rejected with located errors", "[fuzz]") {
    std::size_t replayed = 0;
    for (const auto& target : hpsim::fuzz::targets) {
        const auto folder = std::filesystem::path(HPSIM_SOURCE_DIR) / "tests/fuzz/regressions" / target.name;
        REQUIRE(std::filesystem::is_directory(folder));
        for (const auto& file : std::filesystem::directory_iterator(folder)) {
            if (file.path().filename() == "README") continue;
            INFO(file.path().string());
            const std::vector<std::uint8_t> input = bytes_of(file.path());
            REQUIRE_NOTHROW(target.run(input));
            ++replayed;
        }
    }
    SUCCEED(std::to_string(replayed) + " inputs replayed");
}

TEST_CASE("Every example deck, rig and catalog entry passes through its fuzz target", "[fuzz]") {
    const std::filesystem::path source(HPSIM_SOURCE_DIR);
    const std::pair<const char*, void (*)(std::span<const std::uint8_t>)> seeds[] = {
        {"netlists/decks", hpsim::fuzz::deck_input},
        {"netlists/rigs", hpsim::fuzz::rig_input},
        {"models", hpsim::fuzz::catalog_input},
        {"netlists/sweeps", hpsim::fuzz::sweep_spec_input},
    };
    for (const auto& [folder, run] : seeds)
        for (const auto& file : std::filesystem::recursive_directory_iterator(source / folder)) {
            if (!file.is_regular_file()) continue;
            INFO(file.path().string());
            REQUIRE_NOTHROW(run(bytes_of(file.path())));
        }
}
