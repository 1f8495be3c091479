#include <boost/algorithm/string/split.hpp>
#include <boost/program_options.hpp>
#include <cmath>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "headphone/catalog.hpp"
#include "report/gnuplot.hpp"
#include "report/rig_report.hpp"
#include "report/sweep_report.hpp"
#include "spice/diagnostic.hpp"

namespace hpsim::cli {

int report_command(const Arguments& arguments) {
    namespace po = boost::program_options;
    double level = 1.0;
    po::options_description options("hpsim report RIG... | SWEEP.csv -o DIR [options]");
    options.add_options()("help,h", "show this help")("out,o", po::value<std::string>(), "the report's folder (written whole or not at all)")(
        "modes", po::value<std::string>(), "rigs: output modes for every rig: single-ended,balanced")(
        "level", po::value<double>(&level)->default_value(1.0, "1"), "rigs: reference level, each leg's open-circuit Vrms")(
        "target-spl", po::value<double>(), "the SPL to reach (dB SPL): a line on the SPL figures (sweeps: 110 when not given)")(
        "measurements", po::value<std::string>(),
        "sweeps: the figures to plot, comma-separated column names (default: clip.spl_db.left, power_mw.left, "
        "crosstalk_db.left_to_right.worst, fr_error_db.left, damping_factor.left)")(
        "inputs", po::value<std::vector<std::string>>(), "rig files (.toml) or one sweep (.csv)");
    po::positional_options_description positional;
    positional.add("inputs", -1);
    po::variables_map values;
    if (const auto stop = parse_options("report", arguments, options, positional, values)) return *stop;
    if (!values.count("inputs")) return usage_error("report", "no rig or sweep given");
    if (!values.count("out")) return usage_error("report", "no report folder given (-o DIR)");
    if (!(level > 0)) return usage_error("report", "--level must be above zero");
    const auto& inputs = values["inputs"].as<std::vector<std::string>>();
    const bool sweep = std::filesystem::path(inputs.front()).extension() == ".csv";
    if (sweep && inputs.size() > 1) return usage_error("report", "a sweep report reads one CSV file");
    for (const std::string& input : inputs)
        if (!sweep && std::filesystem::path(input).extension() == ".csv") return usage_error("report", "rigs and a sweep cannot share a report");
    if (sweep && (values.count("modes") || !values["level"].defaulted()))
        return usage_error("report", "--modes and --level apply to rigs; a sweep's CSV holds its modes and level");
    if (!sweep && values.count("measurements")) return usage_error("report", "--measurements applies to sweep reports");
    std::optional<double> target_spl;
    if (values.count("target-spl")) target_spl = values["target-spl"].as<double>();
    if (target_spl && !std::isfinite(*target_spl)) return usage_error("report", "--target-spl must be a number");

    std::vector<std::string> modes;
    if (values.count("modes")) {
        boost::split(modes, values["modes"].as<std::string>(), [](char c) { return c == ','; });
        for (const std::string& name : modes)
            if (name != "single-ended" && name != "balanced") return usage_error("report", "unknown mode '" + name + "' (single-ended or balanced)");
    }
    const std::filesystem::path out = values["out"].as<std::string>();
    try {
        if (sweep) {
            report::SweepReportOptions sweep_options;
            sweep_options.target_spl_db = target_spl.value_or(110);
            if (values.count("measurements")) boost::split(sweep_options.measurements, values["measurements"].as<std::string>(), [](char c) { return c == ','; });
            report::write_sweep_report(report::read_sweep_csv(inputs.front()), sweep_options, out);
        } else {
            const headphone::Catalog catalog = headphone::Catalog::load(headphone::Catalog::default_folder());
            const std::vector<std::filesystem::path> rigs(inputs.begin(), inputs.end());
            const report::RigReport measured = report::measure_rigs(rigs, modes, catalog, level, target_spl);
            for (const spice::Warning& warning : measured.warnings) std::cerr << warning.to_string() << "\n";
            for (const headphone::SkippedMode& skipped : measured.skipped)
                std::cerr << "hpsim report: " << skipped.rig << " " << skipped.mode << " skipped: " << skipped.reason << "\n";
            report::write_rig_report(measured, out);
        }
        std::cout << "wrote " << (out / "report.html").string() << "\n";
        return 0;
    } catch (...) {
        return report_failure("report");
    }
}

}  // namespace hpsim::cli
