#pragma once
// Impedance sweeps as measuring tools export them: REW, DATS, LIMP and audio analysers
// write `.zma` text (frequency Hz, |Z| Ohm, phase degrees), others the same three
// columns as CSV.
//
//   * comment lines start with '*' or ';'
//   Freq(Hz)  Magnitude(Ohm)  Phase(deg)     <- header lines of words, before the data
//   20        300.4           1.9
//   20.5, 300.5, 2.0                         <- whitespace, comma or tab separated
//
// Frequencies strictly increase, magnitudes are above zero and phases within -90..90
// degrees (a passive impedance); every value finite. Errors are located at the line
// (and column) of the offending value.
#include <complex>
#include <filesystem>
#include <string>
#include <vector>

#include "spice/diagnostic.hpp"

namespace hpsim::headphone::measured {

struct ImpedancePoint {
    double frequency_hz = 0;
    double magnitude_ohm = 0;
    double phase_deg = 0;
    std::complex<double> impedance_ohm() const;
};

struct ImpedanceCurve {
    std::filesystem::path file;
    std::vector<ImpedancePoint> points;  // frequency increasing
};

// A curve needs at least this many points to be fitted.
constexpr std::size_t minimum_points = 5;

// Throws spice::DeckError located in the file ("file:line:col: error: ..."); a file that
// cannot be read, at `named_at` (where a catalog entry or rig names it), with the reason.
ImpedanceCurve read_impedance_file(const std::filesystem::path& file, const spice::SourceLocation& named_at = {});
// The same, for text already in memory; errors name `file`.
ImpedanceCurve parse_impedance_text(const std::string& text, const std::filesystem::path& file);

}  // namespace hpsim::headphone::measured
