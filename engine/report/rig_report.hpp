#pragma once
// `hpsim report RIG...`: one page per question. Figures (drive response, crosstalk each
// way, the driver's impedance with the source impedance it sees, power and maximum SPL
// at clip), the comparison table, the sentences, hazards by severity, the compiled
// netlists and the rig files; data/ holds the numbers behind every figure.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "headphone/comparison.hpp"
#include "headphone/measure.hpp"
#include "report/plot.hpp"

namespace hpsim::report {

struct ReportVariant {
    headphone::Rig rig;
    std::string rig_text;  // the rig file as written
    std::string netlist;   // as compiled
    headphone::Measurements measurements;
    std::vector<headphone::CurvePoint> curves;
};

struct RigReport {
    std::vector<ReportVariant> variants;
    double level_vrms = 1;
    std::optional<double> target_spl_db;
    std::vector<headphone::SkippedMode> skipped;  // modes asked that a rig's amplifier does not have
    std::vector<spice::Warning> warnings;         // the rigs' implausible figures
};

// Loads, compiles and measures every rig in every mode (none: the rig's own) as compare
// does (headphone::compare_rigs), naming each variant by what differs. Throws DeckError.
RigReport measure_rigs(const std::vector<std::filesystem::path>& rigs, const std::vector<std::string>& modes,
                       const headphone::Catalog& catalog, double level_vrms, std::optional<double> target_spl_db);

std::vector<Plot> rig_plots(const RigReport& report);

// The rig in words, one sentence per part.
std::vector<std::string> describe_rig(const headphone::Rig& rig);

// The page, with the SVG figures read from `figures_folder`.
std::string rig_report_html(const RigReport& report, const std::vector<Plot>& plots, const std::filesystem::path& figures_folder);

// Writes `folder` whole or not at all: report.html, <figure>.svg and .png, data/.
// Throws PlotError (gnuplot) or std::runtime_error.
void write_rig_report(const RigReport& report, const std::filesystem::path& folder);

}  // namespace hpsim::report
