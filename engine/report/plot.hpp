#pragma once
// A figure as data: axes, lines, bars or a heat map, and the limits drawn across it.
// report/gnuplot draws it; plot_json writes the numbers behind it.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hpsim::report {

enum class Dash { solid, dashed, dotted };

struct Series {
    std::string title;
    std::vector<double> x, y;  // y NaN: no value there (a gap in the line)
    int colour = 0;            // index into the palette
    Dash dash = Dash::solid;
    bool right_axis = false;   // plotted against y2
    bool points = false;       // mark each value (sweeps: the values actually simulated)
    std::string null_reason;   // why values are missing (the data)
    std::string legend_note;   // the legend's words when no value is left (else null_reason)
};

struct Limit {
    double y;
    std::string label;
};

struct Axis {
    std::string label;
    bool log = false;
    std::optional<std::pair<double, double>> range;
    std::vector<std::pair<double, std::string>> ticks;  // explicit ticks, else gnuplot's
};

// Values on a grid (two numeric sweep axes): z[row][column] at (x[column], y[row]).
struct HeatMap {
    std::vector<double> x, y;
    std::vector<std::vector<double>> z;
    std::string z_label;
};

struct Plot {
    enum class Kind { lines, bars, heat_map };
    std::string name;     // file stem: name.svg, name.png, data/name.json
    std::string title;
    std::string caption;  // one sentence under the figure in the page
    Kind kind = Kind::lines;
    Axis x, y, y2;
    std::vector<Series> series;           // bars: one bar per category, at x = 0, 1, ...
    std::vector<std::string> categories;  // bars (and a sweep over part names): the x tick labels
    std::vector<Limit> limits;
    HeatMap heat;
    std::string value_format = "%.3g";  // the numbers written on bars and heat-map cells
};

// Colours that stay apart in print and for the common colour-vision deficiencies.
const std::vector<std::string>& palette();

// The plot's numbers: axes, each series with nulls where there is no value (and why),
// the limits, the heat map. One JSON object.
std::string plot_json(const Plot& plot);

}  // namespace hpsim::report
