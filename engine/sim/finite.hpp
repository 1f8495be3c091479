#pragma once
// Whether every number of a solution is finite, in one pass of vector instructions:
// x - x is +0 for a finite x and NaN for an infinite or NaN one, so OR-ing the bits of
// every difference leaves zero exactly when all are finite.
#include <bit>
#include <complex>
#include <cstdint>
#include <span>

namespace hpsim::sim {

inline bool all_finite(std::span<const double> values) {
    std::uint64_t bits = 0;
    for (const double value : values) bits |= std::bit_cast<std::uint64_t>(value - value);
    return bits == 0;
}

inline bool all_finite(std::span<const std::complex<double>> values) {
    // [complex.numbers]: a complex<double> is an array of two doubles.
    return all_finite(std::span(reinterpret_cast<const double*>(values.data()), 2 * values.size()));
}

}  // namespace hpsim::sim
