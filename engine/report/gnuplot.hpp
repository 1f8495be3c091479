#pragma once
// Draws plots with gnuplot, driven through gnuplot-iostream: every plot as SVG and as
// PNG (pngcairo), in one gnuplot process.
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "report/plot.hpp"

namespace hpsim::report {

// gnuplot is missing, failed, or wrote nothing. The message says what to do.
struct PlotError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Writes folder/<name>.svg and folder/<name>.png for every plot. Throws PlotError.
void draw(const std::vector<Plot>& plots, const std::filesystem::path& folder);

// The gnuplot commands and inline data that draw `plot` on the current terminal
// (exposed for tests and for reading what is sent).
std::string gnuplot_script(const Plot& plot);

}  // namespace hpsim::report
