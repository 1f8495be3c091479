#pragma once
// Joins the files of every shard of one sweep (--shard K/N, K = 1..N) into the bytes a
// single run writes. Each part must be whole, and the parts together must hold every
// variant exactly once; otherwise the error names the part and the variants missing
// or duplicated. The output appears whole or not at all.
#include <filesystem>
#include <vector>

namespace hpsim::headphone::sweep {

// Throws std::runtime_error.
void merge_parts(const std::vector<std::filesystem::path>& parts, const std::filesystem::path& output);

}  // namespace hpsim::headphone::sweep
