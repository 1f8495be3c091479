#pragma once
// The variants of a spec, numbered 0..size()-1 in a fixed order: for a product the
// first axis varies slowest, then each next axis, then the output mode (fastest); for
// zip the axes advance together.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "headphone/sweep/spec.hpp"

namespace hpsim::headphone::sweep {

struct Variant {
    std::size_t index = 0;
    std::vector<std::size_t> value_of_axis;  // index into each axis's values
    std::optional<std::string> mode;         // nullopt: the rig's own mode
};

class VariantSpace {
public:
    explicit VariantSpace(const Spec& spec);
    std::size_t size() const { return size_; }
    Variant at(std::size_t index) const;

private:
    const Spec& spec_;
    std::size_t size_ = 1;
};

// This shard's share, as `--shard K/N` gives it: variants K-1, K-1+N, K-1+2N, ...
struct Shard {
    std::size_t number = 1, count = 1;  // K and N, 1 <= K <= N
    std::size_t size_of(std::size_t variants) const { return variants >= number ? (variants - number) / count + 1 : 0; }
    std::size_t variant_at(std::size_t position) const { return number - 1 + position * count; }
};

}  // namespace hpsim::headphone::sweep
