#include "report/rig_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "headphone/comparison_text.hpp"
#include "headphone/figures.hpp"
#include "headphone/number_text.hpp"
#include "io/atomic_file.hpp"
#include "report/gnuplot.hpp"
#include "report/html.hpp"
#include "report/report_folder.hpp"

namespace hpsim::report {
namespace {

namespace fs = std::filesystem;
using headphone::CurvePoint;
using headphone::Measurements;

using headphone::format_number;

Axis frequency_axis() {
    Axis axis{"frequency (Hz)", true, std::pair{20.0, 20000.0}, {}};
    const std::pair<double, const char*> ticks[] = {{20, "20"},     {50, "50"}, {100, "100"}, {200, "200"},  {500, "500"},
                                                    {1000, "1k"},   {2000, "2k"}, {5000, "5k"}, {10000, "10k"}, {20000, "20k"}};
    for (const auto& [at, text] : ticks) axis.ticks.emplace_back(at, text);
    return axis;
}

// A level curve with the floor as gaps (never a number).
std::vector<double> levels(const std::vector<CurvePoint>& curve, double CurvePoint::*member) {
    std::vector<double> out;
    for (const CurvePoint& point : curve) out.push_back(headphone::below_floor(point.*member) ? NAN : point.*member);
    return out;
}

std::vector<double> values(const std::vector<CurvePoint>& curve, double CurvePoint::*member) {
    std::vector<double> out;
    for (const CurvePoint& point : curve) out.push_back(point.*member);
    return out;
}

Series line(std::string title, std::vector<double> x, std::vector<double> y, int colour, Dash dash, bool right_axis = false,
            std::string null_reason = "") {
    Series series;
    series.title = std::move(title), series.x = std::move(x), series.y = std::move(y);
    series.colour = colour, series.dash = dash, series.right_axis = right_axis, series.null_reason = std::move(null_reason);
    return series;
}

std::vector<double> frequencies(const std::vector<CurvePoint>& curve) { return values(curve, &CurvePoint::frequency_hz); }

// Two curves the same to within `tolerance` (relative, or absolute in dB): one line says both.
bool same_curve(const std::vector<double>& a, const std::vector<double>& b, double tolerance, bool relative) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::isfinite(a[i]) != std::isfinite(b[i])) return false;
        if (!std::isfinite(a[i])) continue;
        const double scale = relative ? std::max(std::abs(a[i]), std::abs(b[i])) : 1.0;
        if (std::abs(a[i] - b[i]) > tolerance * scale) return false;
    }
    return true;
}

std::string response_reason(char side) {
    return "below " + format_number("%.0f", headphone::numerical_floor_db) + " dB: the " + (side == 'l' ? "left" : "right") + " driver receives nothing";
}

Plot response_plot(const RigReport& report) {
    Plot plot;
    plot.name = "response";
    plot.title = "Drive response against an ideal source and cable";
    plot.caption = "The level across each driver relative to what an ideal amplifier and cable would put there (0 dB), "
                   "left channel driven alone and then the right: a source impedance bends it where the driver's impedance swings.";
    plot.x = frequency_axis();
    plot.y.label = "level against ideal (dB)";
    for (std::size_t v = 0; v < report.variants.size(); ++v) {
        const auto& variant = report.variants[v];
        const auto left = levels(variant.curves, &CurvePoint::left_response_db), right = levels(variant.curves, &CurvePoint::right_response_db);
        const int colour = static_cast<int>(v);
        if (same_curve(left, right, 0.005, false)) {
            plot.series.push_back(line(variant.measurements.name + " (L = R)", frequencies(variant.curves), left, colour, Dash::solid, false,
                                       response_reason('l')));
        } else {
            plot.series.push_back(line(variant.measurements.name + " L", frequencies(variant.curves), left, colour, Dash::solid, false, response_reason('l')));
            plot.series.push_back(line(variant.measurements.name + " R", frequencies(variant.curves), right, colour, Dash::dashed, false, response_reason('r')));
        }
    }
    return plot;
}

Plot crosstalk_plot(const RigReport& report) {
    Plot plot;
    plot.name = "crosstalk";
    plot.title = "Crosstalk each way";
    plot.caption = "The level one channel puts across the other driver against its own, with one channel driven. "
                   "Above -15 dB the stereo image suffers; below the numerical floor there is none.";
    plot.x = frequency_axis();
    plot.y.label = "crosstalk (dB)";
    bool any_floor = false;
    for (std::size_t v = 0; v < report.variants.size(); ++v) {
        const auto& variant = report.variants[v];
        const Measurements& m = variant.measurements;
        const auto into_right = levels(variant.curves, &CurvePoint::crosstalk_lr_db), into_left = levels(variant.curves, &CurvePoint::crosstalk_rl_db);
        const int colour = static_cast<int>(v);
        const std::string reason_lr = headphone::crosstalk_floor_reason(m, 'r'), reason_rl = headphone::crosstalk_floor_reason(m, 'l');
        if (same_curve(into_right, into_left, 0.005, false)) {
            plot.series.push_back(line(m.name + " L>R = R>L", frequencies(variant.curves), into_right, colour, Dash::solid, false, reason_lr));
        } else {
            plot.series.push_back(line(m.name + " L>R", frequencies(variant.curves), into_right, colour, Dash::solid, false, reason_lr));
            plot.series.push_back(line(m.name + " R>L", frequencies(variant.curves), into_left, colour, Dash::dashed, false, reason_rl));
        }
        for (const double level : into_right) any_floor = any_floor || !std::isfinite(level);
        for (const double level : into_left) any_floor = any_floor || !std::isfinite(level);
    }
    for (Series& series : plot.series)
        series.legend_note = std::string(series.null_reason.find("symmetric") != std::string::npos ? "none: symmetric" : "none: no signal to leak") + " (< -150 dB)";
    plot.limits.push_back({-15, "-15 dB: the stereo image suffers"});
    if (any_floor) plot.limits.push_back({headphone::numerical_floor_db, "numerical floor (-150 dB): below, none"});
    return plot;
}

Plot impedance_plot(const RigReport& report) {
    Plot plot;
    plot.name = "impedance";
    plot.title = "Driver impedance and the source impedance it sees";
    plot.caption = "Each driver's impedance (magnitude, and phase on the right axis) and the impedance of everything that drives it "
                   "(amplifier, contacts, cable); the damping factor is their ratio.";
    plot.x = frequency_axis();
    plot.y = {"impedance magnitude (Ohm)", true, std::nullopt, {}};
    plot.y2 = {"driver phase (degrees)", false, std::pair{-90.0, 90.0}, {}};
    plot.y2.ticks = {{-90, "-90"}, {-45, "-45"}, {0, "0"}, {45, "45"}, {90, "90"}};
    // The driver is often the same part in every variant: one line then says so.
    bool one_driver = true;
    const auto& first = report.variants.front().curves;
    for (const auto& variant : report.variants)
        one_driver = one_driver && same_curve(values(variant.curves, &CurvePoint::left_impedance_ohm), values(first, &CurvePoint::left_impedance_ohm), 1e-3, true) &&
                     same_curve(values(variant.curves, &CurvePoint::right_impedance_ohm), values(first, &CurvePoint::left_impedance_ohm), 1e-3, true);
    if (one_driver) {
        plot.series.push_back(line("driver |Z| (every variant, L and R)", frequencies(first), values(first, &CurvePoint::left_impedance_ohm), 6, Dash::solid));
        plot.series.push_back(line("driver phase", frequencies(first), values(first, &CurvePoint::left_impedance_phase_deg), 6, Dash::dotted, true));
    }
    for (std::size_t v = 0; v < report.variants.size(); ++v) {
        const auto& variant = report.variants[v];
        const std::string& name = variant.measurements.name;
        const int colour = static_cast<int>(v);
        const auto f = frequencies(variant.curves);
        const bool same_sides = same_curve(values(variant.curves, &CurvePoint::left_impedance_ohm), values(variant.curves, &CurvePoint::right_impedance_ohm), 1e-3, true) &&
                                same_curve(values(variant.curves, &CurvePoint::left_source_impedance_ohm),
                                           values(variant.curves, &CurvePoint::right_source_impedance_ohm), 1e-3, true);
        const struct {
            const char* suffix;
            double CurvePoint::*driver;
            double CurvePoint::*phase;
            double CurvePoint::*source;
        } sides[] = {{same_sides ? "" : " L", &CurvePoint::left_impedance_ohm, &CurvePoint::left_impedance_phase_deg, &CurvePoint::left_source_impedance_ohm},
                     {" R", &CurvePoint::right_impedance_ohm, &CurvePoint::right_impedance_phase_deg, &CurvePoint::right_source_impedance_ohm}};
        for (std::size_t s = 0; s < (same_sides ? 1u : 2u); ++s) {
            if (!one_driver) {
                plot.series.push_back(line(name + sides[s].suffix + " driver |Z|", f, values(variant.curves, sides[s].driver), colour, Dash::solid));
                plot.series.push_back(line(name + sides[s].suffix + " driver phase", f, values(variant.curves, sides[s].phase), colour, Dash::dotted, true));
            }
            plot.series.push_back(line(name + sides[s].suffix + " source |Z| seen", f, values(variant.curves, sides[s].source), colour, Dash::dashed));
        }
    }
    for (Series& series : plot.series) series.null_reason = "no value: no current through the driver";
    return plot;
}

Plot clip_bars(const RigReport& report, const std::string& name, const std::string& title, const std::string& label,
               double headphone::Channel::*member, const std::string& null_reason) {
    Plot plot;
    plot.name = name;
    plot.title = title;
    plot.kind = Plot::Kind::bars;
    plot.y.label = label;
    Series left = line("left", {}, {}, 0, Dash::solid, false, null_reason), right = line("right", {}, {}, 1, Dash::solid, false, null_reason);
    for (std::size_t v = 0; v < report.variants.size(); ++v) {
        const Measurements& m = report.variants[v].measurements;
        plot.categories.push_back(m.name);
        left.x.push_back(static_cast<double>(v)), right.x.push_back(static_cast<double>(v));
        left.y.push_back(m.left.*member), right.y.push_back(m.right.*member);
    }
    plot.series = {left, right};
    return plot;
}

std::vector<double> finite(const Plot& plot) {
    std::vector<double> out;
    for (const Series& series : plot.series)
        for (const double y : series.y)
            if (std::isfinite(y)) out.push_back(y);
    return out;
}

}  // namespace

RigReport measure_rigs(const std::vector<fs::path>& rigs, const std::vector<std::string>& modes, const headphone::Catalog& catalog,
                       double level, std::optional<double> target_spl_db) {
    RigReport report;
    report.level_vrms = level;
    report.target_spl_db = target_spl_db;
    std::vector<headphone::RigInput> inputs;
    for (const fs::path& path : rigs) inputs.push_back({path, std::nullopt, ""});
    headphone::Comparison comparison = headphone::compare_rigs(catalog, inputs, modes, level, true);
    for (std::size_t v = 0; v < comparison.variants.size(); ++v) {
        ReportVariant variant;
        variant.rig = std::move(comparison.rigs[v]);
        variant.rig_text = io::read_file(comparison.rig_of_variant[v]);
        variant.netlist = std::move(comparison.netlists[v]);
        variant.measurements = std::move(comparison.variants[v]);
        variant.curves = std::move(comparison.curves[v]);
        report.variants.push_back(std::move(variant));
    }
    report.skipped = std::move(comparison.skipped);
    report.warnings = std::move(comparison.warnings);
    return report;
}

std::vector<Plot> rig_plots(const RigReport& report) {
    std::vector<Plot> plots{response_plot(report), crosstalk_plot(report), impedance_plot(report)};

    Plot power = clip_bars(report, "clip-power", "Power at clip", "power per channel at clip (mW)", &headphone::Channel::clip_power_mw, "no power");
    power.caption = "The power in each driver at the clip level: the largest level before a leg reaches its voltage or current limit.";
    const auto powers = finite(power);
    const double most = powers.empty() ? 0.0 : *std::max_element(powers.begin(), powers.end());
    power.y.range = std::pair{0.0, most > 0 ? most * 1.15 : 1.0};
    plots.push_back(power);

    Plot spl = clip_bars(report, "clip-spl", "Maximum SPL at clip", "maximum SPL (dB SPL)", &headphone::Channel::clip_spl_db,
                         "no sensitivity in the catalog");
    spl.value_format = "%.1f";
    spl.caption = "The loudest each channel plays before the amplifier clips, from the headphone's sensitivity";
    auto spls = finite(spl);
    if (report.target_spl_db) {
        spl.limits.push_back({*report.target_spl_db, "target " + format_number("%.0f", *report.target_spl_db) + " dB SPL"});
        spl.caption += "; the line is the target";
        spls.push_back(*report.target_spl_db);
    }
    spl.caption += ".";
    if (!spls.empty())
        spl.y.range = std::pair{std::floor((*std::min_element(spls.begin(), spls.end()) - 15) / 10) * 10,
                                std::ceil((*std::max_element(spls.begin(), spls.end()) + 8) / 5) * 5};
    plots.push_back(spl);
    return plots;
}

std::vector<std::string> describe_rig(const headphone::Rig& rig) {
    std::vector<std::string> lines;
    if (!rig.description.empty()) lines.push_back(rig.description + ".");
    const headphone::AmplifierOutput& out = rig.amplifier.output;
    lines.push_back("Amplifier " + rig.amplifier_model + " (" + rig.amplifier.description + "), " + out.mode + " output on its " +
                    out.jack.description + " jack: " + format_number("%.3g", out.output_impedance_ohm) + " Ohm per leg, limits " +
                    format_number("%.3g", out.voltage_limit_vrms) + " Vrms and " + format_number("%.3g", out.current_limit_arms) + " A rms per leg.");
    for (const auto& [function, ohm] : rig.jack_contact_resistance_ohm)
        lines.push_back("Its " + function + " jack contact: " + format_number("%.3g", ohm) + " Ohm.");
    for (const auto& [model, adapter] : rig.adapters)
        lines.push_back("Adapter " + model + " (" + adapter.description + "): plugs in with a " + adapter.plug.description + " plug and offers a " +
                        adapter.jack.description + " jack.");
    if (rig.cable) {
        const auto& [model, cable] = *rig.cable;
        lines.push_back("Cable " + model + " (" + cable.description + "): " + format_number("%.3g", cable.length_m) + " m, " +
                        (cable.four_wire ? "4 wires" : "3 wires with a shared ground") + ", " +
                        format_number("%.3g", cable.resistance_per_m_ohm * 1000) + " mOhm/m per conductor, plug " + cable.plug.description + ".");
    }
    std::string headphone = "Headphone " + rig.headphone_model + " (" + rig.headphone.description + ")";
    if (rig.headphone.sensitivity_db_per_mw) headphone += ", " + format_number("%.4g", *rig.headphone.sensitivity_db_per_mw) + " dB/mW";
    if (rig.headphone.sensitivity_db_per_v) headphone += ", " + format_number("%.4g", *rig.headphone.sensitivity_db_per_v) + " dB/V";
    if (rig.left_reversed) headphone += "; the left earpiece inserted reversed";
    if (rig.right_reversed) headphone += "; the right earpiece inserted reversed";
    lines.push_back(headphone + ".");
    return lines;
}

std::string rig_report_html(const RigReport& report, const std::vector<Plot>& plots, const fs::path& figures_folder) {
    std::ostringstream body;
    std::string names, rigs;
    std::set<fs::path> seen;
    for (const auto& variant : report.variants) {
        names += (names.empty() ? "" : ", ") + variant.measurements.name;
        if (seen.insert(variant.rig.path).second) rigs += (rigs.empty() ? "" : ", ") + variant.rig.path.stem().string();
    }
    body << "<h1>" << escape_html(rigs) << "</h1>\n<p class=\"meta\">hpsim report on " << report.variants.size()
         << (report.variants.size() == 1 ? " variant (" : " variants (") << escape_html(names) << "): each amplifier leg "
         << escape_html(format_number("%.3g", report.level_vrms)) << " Vrms open circuit (the reference level), both channels driven, 1 kHz unless named";
    if (report.target_spl_db) body << "; target " << escape_html(format_number("%.0f", *report.target_spl_db)) << " dB SPL";
    body << ".</p>\n";

    // The rigs in words, each rig file once.
    body << "<h2>The rig" << (report.variants.size() > 1 ? "s" : "") << "</h2>\n";
    // A rig in another mode: only what the mode changes.
    std::map<fs::path, std::vector<std::string>> described;
    for (const auto& variant : report.variants) {
        const std::vector<std::string> lines = describe_rig(variant.rig);
        const auto first = described.find(variant.rig.path);
        body << "<p><strong>" << escape_html(variant.measurements.name) << "</strong> (" << escape_html(variant.rig.path.filename().string())
             << (first == described.end() ? "" : ", as above but") << ")</p>\n<ul>\n";
        for (const std::string& line : lines)
            if (first == described.end() || std::find(first->second.begin(), first->second.end(), line) == first->second.end())
                body << "<li>" << escape_html(line) << "</li>\n";
        body << "</ul>\n";
        described.emplace(variant.rig.path, lines);
    }

    // Hazards, danger first.
    std::vector<std::pair<const Measurements*, const headphone::Hazard*>> hazards;
    for (const auto& variant : report.variants)
        for (const auto& hazard : variant.measurements.hazards) hazards.emplace_back(&variant.measurements, &hazard);
    const auto rank = [](const std::string& severity) { return severity == "danger" ? 0 : severity == "warning" ? 1 : 2; };
    std::stable_sort(hazards.begin(), hazards.end(), [&](const auto& a, const auto& b) { return rank(a.second->severity) < rank(b.second->severity); });
    body << "<h2>Hazards</h2>\n";
    if (hazards.empty()) body << "<p>None found in the simulated currents and voltages.</p>\n";
    else {
        body << "<ul class=\"hazards\">\n";
        for (const auto& [variant, hazard] : hazards) {
            std::string message = hazard->message;
            if (message.rfind("danger: ", 0) == 0) message = message.substr(8);
            body << "<li class=\"" << escape_html(hazard->severity) << "\"><span class=\"severity\">" << escape_html(hazard->severity)
                 << "</span><strong>" << escape_html(variant->name) << "</strong>: " << escape_html(message) << "</li>\n";
        }
        body << "</ul>\n";
    }

    std::vector<Measurements> measurements;
    for (const auto& variant : report.variants) measurements.push_back(variant.measurements);
    body << "<h2>Comparison</h2>\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& row : headphone::comparison_rows(measurements, report.level_vrms)) {
        rows.push_back({row.label});
        rows.back().insert(rows.back().end(), row.cells.begin(), row.cells.end());
    }
    body << table_html(rows, "comparison");

    body << "<h2>What it means</h2>\n<ul class=\"sentences\">\n";
    std::set<std::string> hazard_lines;
    for (const auto& m : measurements)
        for (const auto& hazard : m.hazards) hazard_lines.insert(m.name + ": " + hazard.message + ".");
    for (const std::string& line : headphone::sentences(measurements))
        if (!hazard_lines.count(line)) body << "<li>" << escape_html(line) << "</li>\n";
    if (report.target_spl_db)
        for (const auto& m : measurements) {
            const double quieter = std::min(m.left.clip_spl_db, m.right.clip_spl_db);
            if (!std::isfinite(quieter)) continue;
            const double headroom = quieter - *report.target_spl_db;
            body << "<li>" << escape_html(m.name + " reaches " + format_number("%.1f", quieter) + " dB SPL at clip: " +
                                          (headroom >= 0 ? format_number("%.1f", headroom) + " dB to spare over " : format_number("%.1f", -headroom) + " dB short of ") +
                                          format_number("%.0f", *report.target_spl_db) + " dB SPL.")
                 << "</li>\n";
        }
    body << "</ul>\n";

    body << "<h2>Figures</h2>\n";
    for (const Plot& plot : plots) body << figure_html(plot.name, io::read_file(figures_folder / (plot.name + ".svg")), plot.caption);

    body << "<h2>Netlists and rig files</h2>\n";
    std::set<fs::path> shown;
    for (const auto& variant : report.variants) {
        if (shown.insert(variant.rig.path).second)
            body << details_html("rig file " + variant.rig.path.filename().string(), variant.rig_text);
        body << details_html("compiled netlist: " + variant.measurements.name, variant.netlist);
    }
    return html_page("hpsim report: " + rigs, body.str());
}

void write_rig_report(const RigReport& report, const fs::path& folder) {
    ReportFolder out(folder);
    const std::vector<Plot> plots = rig_plots(report);
    draw(plots, out.path());
    std::vector<Measurements> measurements;
    std::vector<std::vector<CurvePoint>> curves;
    for (const auto& variant : report.variants) measurements.push_back(variant.measurements), curves.push_back(variant.curves);
    io::write_file_atomically(out.path() / "data" / "compare.json", headphone::format_json(measurements, report.level_vrms));
    io::write_file_atomically(out.path() / "data" / "curves.csv", headphone::format_curves_csv(measurements, curves));
    for (const Plot& plot : plots) io::write_file_atomically(out.path() / "data" / (plot.name + ".json"), plot_json(plot));
    io::write_file_atomically(out.path() / "report.html", rig_report_html(report, plots, out.path()));
    out.commit();
}

}  // namespace hpsim::report
