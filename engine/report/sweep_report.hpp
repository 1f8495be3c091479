#pragma once
// A sweep's report (`hpsim report SWEEP.csv`, `hpsim sweep --report DIR`): each chosen
// measurement against the first axis, one line per value of the other axes and per
// mode (log axes where the sweep is log-spaced), a heat map per mode for two numeric
// axes, the limits drawn where they apply and where the lines cross them.
#include <filesystem>
#include <string>
#include <vector>

#include "report/plot.hpp"
#include "report/sweep_table.hpp"

namespace hpsim::report {

struct SweepReportOptions {
    std::vector<std::string> measurements;  // figure columns; empty: the default set
    double target_spl_db = 110;             // the line on maximum-SPL plots
};

// The measurements plotted when none are chosen (those the table has).
std::vector<std::string> default_sweep_measurements(const SweepTable& table);

// Throws std::invalid_argument naming a measurement that is not a numeric column.
std::vector<Plot> sweep_plots(const SweepTable& table, const SweepReportOptions& options);

// Where a line crosses a limit, one sentence each.
std::vector<std::string> limit_crossings(const std::vector<Plot>& plots, const SweepTable& table);

std::string sweep_report_html(const SweepTable& table, const std::vector<Plot>& plots, const std::filesystem::path& figures_folder);

// Writes `folder` whole or not at all. Throws PlotError, std::invalid_argument, std::runtime_error.
void write_sweep_report(const SweepTable& table, const SweepReportOptions& options, const std::filesystem::path& folder);

}  // namespace hpsim::report
