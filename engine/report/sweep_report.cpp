#include "report/sweep_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "headphone/figures.hpp"
#include "headphone/number_text.hpp"
#include "io/atomic_file.hpp"
#include "report/gnuplot.hpp"
#include "report/html.hpp"
#include "report/report_folder.hpp"

namespace hpsim::report {
namespace {

namespace fs = std::filesystem;

using headphone::format_number;

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

// A figure column in words with its unit: "maximum SPL at clip, left (dB SPL)".
std::string measurement_label(const std::string& path) {
    static const std::pair<const char*, const char*> names[] = {
        {"drive_vrms.", "drive voltage"},           {"power_mw.", "power at the reference level"},
        {"clip.scale", "clip level"},               {"clip.power_mw.", "power at clip"},
        {"clip.spl_db.", "maximum SPL at clip"},    {"crosstalk_db.left_to_right.", "crosstalk L>R"},
        {"crosstalk_db.right_to_left.", "crosstalk R>L"}, {"fr_error_db.", "response error"},
        {"damping_factor_min.", "minimum damping factor"}, {"damping_factor.", "damping factor at 1 kHz"},
        {"interchannel_phase_deg", "L-R phase"}};
    std::string words = path;
    for (const auto& [prefix, name] : names)
        if (starts_with(path, prefix)) {
            const std::string rest = path.substr(std::string(prefix).size());
            words = std::string(name) + (rest.empty() ? "" : ", " + (rest == "worst" ? std::string("worst over the band") : rest + (std::isdigit(static_cast<unsigned char>(rest[0])) ? " Hz" : "")));
            break;
        }
    const std::string unit = starts_with(path, "clip.spl_db") ? "dB SPL"
                             : path.find("_db") != std::string::npos ? "dB"
                             : path.find("_mw") != std::string::npos ? "mW"
                             : path.find("_vrms") != std::string::npos ? "Vrms"
                             : path.find("_deg") != std::string::npos ? "degrees"
                             : path == "clip.scale" ? "x the reference level" : "";
    return unit.empty() ? words : words + " (" + unit + ")";
}

std::optional<double> number_of(const std::string& text) {
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

// Why a row has no value for a figure: not simulated, below the floor, or not defined.
std::string null_reason(const SweepTable& table, const SweepRow& row, const std::string& figure) {
    if (!row.error.empty()) return "not simulated: " + row.error;
    if (starts_with(figure, "crosstalk_db.")) {
        const int reason = table.figure_index(figure.substr(0, figure.rfind('.')) + ".reason");
        if (reason >= 0 && !row.figures[static_cast<std::size_t>(reason)].empty()) return row.figures[static_cast<std::size_t>(reason)];
    }
    return "no value for this variant";
}

std::vector<Limit> limits_for(const std::string& figure, const SweepReportOptions& options) {
    if (starts_with(figure, "clip.spl_db.")) return {{options.target_spl_db, "target " + format_number("%g", options.target_spl_db) + " dB SPL"}};
    if (starts_with(figure, "fr_error_db.")) return {{1.0, "1 dB response error"}};
    if (starts_with(figure, "crosstalk_db.")) return {{-15.0, "-15 dB: the stereo image suffers"}};
    return {};
}

std::string file_stem(const std::string& text) {
    std::string stem;
    for (const char c : text) stem += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
    return stem;
}

struct LineKey {
    std::vector<std::string> others;  // values of axes 2..n
    std::string mode;
    bool operator<(const LineKey& other) const { return std::tie(others, mode) < std::tie(other.others, other.mode); }
};

Axis first_axis(const SweepAxis& axis, std::vector<std::string>& categories) {
    Axis out;
    out.label = axis.name;
    out.log = axis.log_spaced;
    if (!axis.numeric) {
        categories = axis.values;
        out.range = std::pair{-0.3, static_cast<double>(axis.values.size()) - 0.7};
        for (std::size_t i = 0; i < axis.values.size(); ++i) out.ticks.emplace_back(static_cast<double>(i), axis.values[i]);
    } else if (axis.log_spaced) {
        const auto [low, high] = std::minmax_element(axis.numbers.begin(), axis.numbers.end());
        out.range = std::pair{*low / 1.1, *high * 1.1};
    }
    return out;
}

double x_of(const SweepAxis& axis, const std::string& value) {
    const std::size_t index = static_cast<std::size_t>(std::find(axis.values.begin(), axis.values.end(), value) - axis.values.begin());
    return axis.numeric ? axis.numbers[index] : static_cast<double>(index);
}

// More lines than a reader can tell apart are not drawn: past this many, the axes after
// the second are held at their middle value and the second is thinned to a few evenly
// spread values (its first and last included).
constexpr std::size_t max_lines = 10;
constexpr std::size_t thinned_values = 6;

// Which rows a figure draws: per axis, the values kept (all when empty).
struct Slice {
    std::vector<std::vector<std::string>> kept;  // parallel to the table's axes
    std::string held;                            // "ground contact = 0.2, ..." for the caption; "" when nothing is held

    bool contains(const SweepRow& row) const {
        for (std::size_t a = 0; a < kept.size(); ++a)
            if (!kept[a].empty() && std::find(kept[a].begin(), kept[a].end(), row.axis_values[a]) == kept[a].end()) return false;
        return true;
    }
};

// The axis's values in increasing order (numbers) or as given (parts).
std::vector<std::string> ordered_values(const SweepAxis& axis) {
    std::vector<std::size_t> order(axis.values.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (axis.numeric) std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return axis.numbers[a] < axis.numbers[b]; });
    std::vector<std::string> values;
    for (const std::size_t i : order) values.push_back(axis.values[i]);
    return values;
}

// `free_axes` vary on the figure; the others are held at their middle value. With
// `thin`, a free axis other than the first keeps a few evenly spread values.
Slice slice_of(const SweepTable& table, const std::vector<std::size_t>& free_axes, bool thin) {
    Slice slice;
    slice.kept.resize(table.axes.size());
    for (std::size_t a = 0; a < table.axes.size(); ++a) {
        const std::vector<std::string> values = ordered_values(table.axes[a]);
        const bool free = std::find(free_axes.begin(), free_axes.end(), a) != free_axes.end();
        if (!free) {
            slice.kept[a] = {values[values.size() / 2]};
            slice.held += (slice.held.empty() ? "" : ", ") + table.axes[a].name + " = " + values[values.size() / 2];
        } else if (thin && a != free_axes.front() && values.size() > thinned_values) {
            for (std::size_t k = 0; k < thinned_values; ++k) slice.kept[a].push_back(values[k * (values.size() - 1) / (thinned_values - 1)]);
        }
    }
    return slice;
}

// The rows of a line figure: every line when they are few, else a slice.
Slice line_slice(const SweepTable& table) {
    std::size_t lines = std::max<std::size_t>(table.modes.size(), 1);
    for (std::size_t a = 1; a < table.axes.size(); ++a) lines *= table.axes[a].values.size();
    if (lines <= max_lines) return Slice{std::vector<std::vector<std::string>>(table.axes.size()), ""};
    return slice_of(table, table.axes.size() > 1 ? std::vector<std::size_t>{0, 1} : std::vector<std::size_t>{0}, true);
}

Plot line_plot(const SweepTable& table, const std::string& figure, int column, const SweepReportOptions& options) {
    const SweepAxis& axis = table.axes.front();
    Plot plot;
    plot.name = "sweep-" + file_stem(figure);
    plot.title = measurement_label(figure) + " against " + axis.name;
    plot.x = first_axis(axis, plot.categories);
    plot.y.label = measurement_label(figure);
    plot.limits = limits_for(figure, options);

    const Slice slice = line_slice(table);
    std::map<LineKey, std::size_t> lines;
    std::vector<LineKey> order;
    for (const SweepRow& row : table.rows) {
        if (!slice.contains(row)) continue;
        const LineKey key{{row.axis_values.begin() + 1, row.axis_values.end()}, row.mode};
        auto [found, added] = lines.emplace(key, plot.series.size());
        if (added) {
            std::string title;
            for (std::size_t a = 1; a < table.axes.size(); ++a)
                if (slice.kept[a].size() != 1) title += (title.empty() ? "" : ", ") + table.axes[a].name + " = " + row.axis_values[a];
            if (table.modes.size() > 1 || title.empty()) title += (title.empty() ? "" : ", ") + row.mode;
            Series series;
            series.title = title;
            series.points = true;
            plot.series.push_back(series);
            order.push_back(key);
        }
        Series& series = plot.series[found->second];
        const auto value = row.error.empty() ? number_of(row.figures[static_cast<std::size_t>(column)]) : std::nullopt;
        series.x.push_back(x_of(axis, row.axis_values.front()));
        series.y.push_back(value.value_or(NAN));
        if (!value && series.null_reason.empty()) series.null_reason = null_reason(table, row, figure);
    }
    // Colour by the other axes' values, dash by mode.
    std::map<std::vector<std::string>, int> colours;
    for (std::size_t s = 0; s < plot.series.size(); ++s) {
        Series& series = plot.series[s];
        const auto [colour, added] = colours.emplace(order[s].others, static_cast<int>(colours.size()));
        series.colour = colour->second;
        const std::size_t mode = static_cast<std::size_t>(std::find(table.modes.begin(), table.modes.end(), order[s].mode) - table.modes.begin());
        series.dash = mode == 0 ? Dash::solid : mode == 1 ? Dash::dashed : Dash::dotted;
        // The line runs along the axis in its order.
        std::vector<std::size_t> by_x(series.x.size());
        for (std::size_t i = 0; i < by_x.size(); ++i) by_x[i] = i;
        std::stable_sort(by_x.begin(), by_x.end(), [&](std::size_t a, std::size_t b) { return series.x[a] < series.x[b]; });
        std::vector<double> x, y;
        for (const std::size_t i : by_x) x.push_back(series.x[i]), y.push_back(series.y[i]);
        series.x = x, series.y = y;
    }
    // A quantity spread over decades reads better on a log axis.
    double low = INFINITY, high = 0;
    for (const Series& series : plot.series)
        for (const double y : series.y)
            if (std::isfinite(y)) low = std::min(low, y), high = std::max(high, y);
    plot.y.log = (figure.find("_mw") != std::string::npos || starts_with(figure, "damping_factor")) && low > 0 && high / low > 100;
    plot.caption = measurement_label(figure) + " for each " + axis.name + (axis.log_spaced ? " (log-spaced)" : "") +
                   (plot.series.size() > 1 ? ", one line per " + std::string(table.axes.size() > 1 ? (slice.held.empty() ? "value of the other axes" : "value shown of " + table.axes[1].name) : "mode") +
                                                 (table.modes.size() > 1 && table.axes.size() > 1 ? " and mode" : "")
                                           : "") +
                   (slice.held.empty() ? "" : "; with " + slice.held + " (each the middle of its values)") +
                   (plot.limits.empty() ? "." : "; the grey line marks " + plot.limits.front().label + ".");
    return plot;
}

Plot heat_plot(const SweepTable& table, const std::string& figure, int column, const std::string& mode) {
    const SweepAxis &x_axis = table.axes[0], &y_axis = table.axes[1];
    Plot plot;
    plot.kind = Plot::Kind::heat_map;
    plot.name = "heat-" + file_stem(figure) + (table.modes.size() > 1 ? "-" + file_stem(mode) : "");
    plot.title = measurement_label(figure) + (table.modes.size() > 1 ? ", " + mode : "");
    plot.x = {x_axis.name, x_axis.log_spaced, std::nullopt, {}};
    plot.y = {y_axis.name, y_axis.log_spaced, std::nullopt, {}};
    plot.heat.z_label = measurement_label(figure);
    if (figure.find("_db") != std::string::npos) plot.value_format = "%.1f";
    std::vector<std::size_t> x_order(x_axis.numbers.size()), y_order(y_axis.numbers.size());
    for (std::size_t i = 0; i < x_order.size(); ++i) x_order[i] = i;
    for (std::size_t i = 0; i < y_order.size(); ++i) y_order[i] = i;
    std::sort(x_order.begin(), x_order.end(), [&](auto a, auto b) { return x_axis.numbers[a] < x_axis.numbers[b]; });
    std::sort(y_order.begin(), y_order.end(), [&](auto a, auto b) { return y_axis.numbers[a] < y_axis.numbers[b]; });
    for (const auto i : x_order) plot.heat.x.push_back(x_axis.numbers[i]);
    for (const auto i : y_order) plot.heat.y.push_back(y_axis.numbers[i]);
    // Ticks at the simulated values when they are few enough to read.
    for (const auto& [axis, values] : {std::pair{&plot.x, &plot.heat.x}, std::pair{&plot.y, &plot.heat.y}})
        if (values->size() <= 12)
            for (const double value : *values) axis->ticks.emplace_back(value, format_number("%g", value));
    plot.heat.z.assign(plot.heat.y.size(), std::vector<double>(plot.heat.x.size(), NAN));
    const Slice slice = slice_of(table, {0, 1}, false);
    for (const SweepRow& row : table.rows) {
        if (row.mode != mode || !row.error.empty() || !slice.contains(row)) continue;
        const double x = x_of(x_axis, row.axis_values[0]), y = x_of(y_axis, row.axis_values[1]);
        const std::size_t c = static_cast<std::size_t>(std::find(plot.heat.x.begin(), plot.heat.x.end(), x) - plot.heat.x.begin());
        const std::size_t r = static_cast<std::size_t>(std::find(plot.heat.y.begin(), plot.heat.y.end(), y) - plot.heat.y.begin());
        plot.heat.z[r][c] = number_of(row.figures[static_cast<std::size_t>(column)]).value_or(NAN);
    }
    plot.caption = measurement_label(figure) + " over " + x_axis.name + " and " + y_axis.name + (table.modes.size() > 1 ? ", " + mode : "") +
                   (slice.held.empty() ? "" : ", with " + slice.held + " (each the middle of its values)") +
                   "; each cell is one simulated variant, blank where there is no value.";
    return plot;
}

bool any_value(const Plot& plot) {
    for (const auto& row : plot.heat.z)
        for (const double z : row)
            if (std::isfinite(z)) return true;
    return false;
}

}  // namespace

std::vector<std::string> default_sweep_measurements(const SweepTable& table) {
    std::vector<std::string> chosen;
    for (const char* figure : {"clip.spl_db.left", "power_mw.left", "crosstalk_db.left_to_right.worst", "fr_error_db.left", "damping_factor.left"})
        if (table.figure_index(figure) >= 0) chosen.emplace_back(figure);
    return chosen;
}

std::vector<Plot> sweep_plots(const SweepTable& table, const SweepReportOptions& options) {
    const std::vector<std::string> chosen = options.measurements.empty() ? default_sweep_measurements(table) : options.measurements;
    std::vector<Plot> plots;
    for (const std::string& figure : chosen) {
        const int column = table.figure_index(figure);
        bool numeric = column >= 0;
        for (const SweepRow& row : table.rows)
            numeric = numeric && (row.figures[static_cast<std::size_t>(column)].empty() || number_of(row.figures[static_cast<std::size_t>(column)]));
        if (!numeric) {
            std::string names;
            for (const std::string& name : table.figures) names += (names.empty() ? "" : ", ") + name;
            throw std::invalid_argument("'" + figure + "' is not a numeric column of " + table.file + " (its figures: " + names + ")");
        }
        plots.push_back(line_plot(table, figure, column, options));
    }
    if (table.axes.size() >= 2 && table.axes[0].numeric && table.axes[1].numeric && table.axes[0].values.size() > 1 && table.axes[1].values.size() > 1)
        for (const std::string& figure : chosen)
            for (const std::string& mode : table.modes) {
                Plot heat = heat_plot(table, figure, table.figure_index(figure), mode);
                if (any_value(heat)) plots.push_back(std::move(heat));
            }
    return plots;
}

std::vector<std::string> limit_crossings(const std::vector<Plot>& plots, const SweepTable& table) {
    std::vector<std::string> sentences;
    const SweepAxis& axis = table.axes.front();
    const auto value_text = [&](double x) { return axis.numeric ? format_number("%g", x) : axis.values[static_cast<std::size_t>(x)]; };
    for (const Plot& plot : plots) {
        if (plot.kind != Plot::Kind::lines) continue;
        for (const Limit& limit : plot.limits)
            for (const Series& series : plot.series)
                for (std::size_t i = 1; i < series.x.size(); ++i) {
                    const double a = series.y[i - 1] - limit.y, b = series.y[i] - limit.y;
                    if (!std::isfinite(a) || !std::isfinite(b) || (a < 0) == (b < 0)) continue;
                    std::string sentence = plot.y.label + (series.title.empty() ? "" : " (" + series.title + ")") + " crosses " + limit.label +
                                           " between " + axis.name + " = " + value_text(series.x[i - 1]) + " and " + value_text(series.x[i]);
                    if (axis.numeric) {
                        const double t = a / (a - b);
                        const double x = axis.log_spaced ? series.x[i - 1] * std::pow(series.x[i] / series.x[i - 1], t)
                                                         : series.x[i - 1] + t * (series.x[i] - series.x[i - 1]);
                        sentence += " (about " + format_number("%.3g", x) + ", interpolated)";
                    }
                    sentences.push_back(sentence + (b < 0 ? ": below it beyond." : ": above it beyond."));
                }
    }
    return sentences;
}

std::string sweep_report_html(const SweepTable& table, const std::vector<Plot>& plots, const fs::path& figures_folder) {
    std::ostringstream body;
    const std::string name = fs::path(table.file).filename().string();
    body << "<h1>Sweep " << escape_html(name) << "</h1>\n<p class=\"meta\">hpsim report: " << table.rows.size() << " variants";
    if (!table.modes.empty()) {
        body << " in mode" << (table.modes.size() > 1 ? "s " : " ");
        for (std::size_t m = 0; m < table.modes.size(); ++m) body << (m ? ", " : "") << escape_html(table.modes[m]);
    }
    body << ".</p>\n<h2>Axes</h2>\n<ul>\n";
    for (const SweepAxis& axis : table.axes) {
        std::string values;
        for (const std::string& value : axis.values) values += (values.empty() ? "" : ", ") + value;
        body << "<li><strong>" << escape_html(axis.name) << "</strong>: " << escape_html(values) << " (" << axis.values.size() << " values"
             << (axis.log_spaced ? ", log-spaced" : axis.numeric ? "" : ", parts") << ")</li>\n";
    }
    body << "</ul>\n";

    // Hazards and failures by kind, danger first: each with how many variants have it,
    // the variants behind it a click away (the first few hundred).
    struct Group {
        std::string severity, what;
        std::vector<const SweepRow*> rows;
    };
    std::vector<Group> groups;
    const auto add = [&](const std::string& severity, const std::string& what, const SweepRow& row) {
        for (Group& group : groups)
            if (group.severity == severity && group.what == what) return group.rows.push_back(&row);
        groups.push_back({severity, what, {&row}});
    };
    for (const SweepRow& row : table.rows) {
        if (!row.error.empty()) add("error", "not simulated: " + row.error, row);
        else if (row.dangers || row.warnings || row.infos)
            add(row.dangers ? "danger" : row.warnings ? "warning" : "info", row.hazard_codes, row);
    }
    const auto rank = [](const std::string& severity) {
        return severity == "error" ? 0 : severity == "danger" ? 1 : severity == "warning" ? 2 : 3;
    };
    std::stable_sort(groups.begin(), groups.end(), [&](const Group& a, const Group& b) { return rank(a.severity) < rank(b.severity); });
    constexpr std::size_t listed = 200;
    body << "<h2>Hazards</h2>\n";
    if (groups.empty()) body << "<p>None found in any variant.</p>\n";
    else {
        body << "<ul class=\"hazards\">\n";
        for (const Group& group : groups) {
            const std::string css = group.severity == "error" ? "danger" : group.severity;
            std::string variants;
            for (std::size_t r = 0; r < std::min(listed, group.rows.size()); ++r) {
                const SweepRow& row = *group.rows[r];
                std::string where;
                for (std::size_t a = 0; a < table.axes.size(); ++a) where += (a ? ", " : "") + table.axes[a].name + " = " + row.axis_values[a];
                variants += row.variant + " (" + where + ", " + row.mode + ")\n";
            }
            if (group.rows.size() > listed) variants += "... and " + std::to_string(group.rows.size() - listed) + " more (data/sweep.csv has them all)\n";
            body << "<li class=\"" << css << "\"><span class=\"severity\">" << group.severity << "</span><strong>"
                 << escape_html(group.what) << "</strong>: " << group.rows.size() << " of " << table.rows.size() << " variants"
                 << details_html("the variants", variants) << "</li>\n";
        }
        body << "</ul>\n";
    }
    const auto crossings = limit_crossings(plots, table);
    body << "<h2>Limits</h2>\n";
    if (crossings.empty()) body << "<p>No line crosses a limit drawn on its figure.</p>\n";
    else {
        body << "<ul class=\"sentences\">\n";
        for (const std::string& sentence : crossings) body << "<li>" << escape_html(sentence) << "</li>\n";
        body << "</ul>\n";
    }
    body << "<h2>Figures</h2>\n";
    for (const Plot& plot : plots) body << figure_html(plot.name, io::read_file(figures_folder / (plot.name + ".svg")), plot.caption);
    // The table itself, whole when it is small; else its first rows (the page stays a
    // page; data/sweep.csv holds it all).
    constexpr std::size_t embedded_rows = 200;
    std::size_t end = 0;
    for (std::size_t line = 0; line <= embedded_rows && end != std::string::npos; ++line) end = table.text.find('\n', end == 0 ? 0 : end + 1);
    const bool whole = end == std::string::npos || end + 1 >= table.text.size();
    body << "<h2>The sweep's table</h2>\n"
         << details_html(name + " (" + std::to_string(table.rows.size()) + " rows" +
                             (whole ? ")" : "; the first " + std::to_string(embedded_rows) + " here, all in data/sweep.csv)"),
                         whole ? table.text : table.text.substr(0, end + 1));
    return html_page("hpsim report: sweep " + name, body.str());
}

void write_sweep_report(const SweepTable& table, const SweepReportOptions& options, const fs::path& folder) {
    const std::vector<Plot> plots = sweep_plots(table, options);  // before anything is written: a bad measurement is refused
    ReportFolder out(folder);
    draw(plots, out.path());
    io::write_file_atomically(out.path() / "data" / "sweep.csv", table.text);
    for (const Plot& plot : plots) io::write_file_atomically(out.path() / "data" / (plot.name + ".json"), plot_json(plot));
    io::write_file_atomically(out.path() / "report.html", sweep_report_html(table, plots, out.path()));
    out.commit();
}

}  // namespace hpsim::report
