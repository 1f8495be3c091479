#include <boost/algorithm/string/split.hpp>
#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include "commands.hpp"
#include "headphone/comparison.hpp"
#include "headphone/comparison_text.hpp"
#include "io/atomic_file.hpp"

namespace hpsim::cli {

int compare_command(const Arguments& arguments) {
    namespace po = boost::program_options;
    double level = 1.0;
    std::string format = "table";
    po::options_description options("hpsim compare RIG... [options]");
    options.add_options()("help,h", "show this help")(
        "modes", po::value<std::string>(), "output modes to compare for every rig: single-ended,balanced")(
        "format", po::value<std::string>(&format)->default_value("table"), "table or json")(
        "curves", po::value<std::string>(), "also write the frequency curves behind the figures to this CSV file")(
        "level", po::value<double>(&level)->default_value(1.0, "1"), "reference level: each leg's open-circuit Vrms")(
        "rigs", po::value<std::vector<std::string>>(), "rig files (.toml)");
    po::positional_options_description positional;
    positional.add("rigs", -1);
    po::variables_map values;
    if (const auto stop = parse_options("compare", arguments, options, positional, values)) return *stop;
    if (!values.count("rigs")) return usage_error("compare", "no rig given");
    if (format != "table" && format != "json") return usage_error("compare", "--format is table or json");
    if (!(level > 0)) return usage_error("compare", "--level must be above zero");
    std::vector<std::string> modes;
    if (values.count("modes")) {
        boost::split(modes, values["modes"].as<std::string>(), [](char c) { return c == ','; });
        for (const std::string& name : modes) {
            if (name != "single-ended" && name != "balanced") {
                std::cerr << "hpsim compare: error: unknown mode '" << name << "' (single-ended or balanced)\n";
                return 1;
            }
        }
    }

    try {
        const headphone::Catalog catalog = headphone::Catalog::load(headphone::Catalog::default_folder());
        std::vector<headphone::RigInput> rigs;
        for (const std::string& path : values["rigs"].as<std::vector<std::string>>()) rigs.push_back({path, std::nullopt, ""});
        const headphone::Comparison comparison = headphone::compare_rigs(catalog, rigs, modes, level, values.count("curves") > 0);
        for (const spice::Warning& warning : comparison.warnings) std::cerr << warning.to_string() << "\n";
        for (const headphone::SkippedMode& skipped : comparison.skipped)
            std::cerr << "hpsim compare: " << skipped.rig << " " << skipped.mode << " skipped: " << skipped.reason << "\n";
        if (values.count("curves")) {
            const std::filesystem::path file = values["curves"].as<std::string>();
            io::write_file_atomically(file, headphone::format_curves_csv(comparison.variants, comparison.curves));
        }
        std::cout << (format == "json" ? headphone::format_json(comparison.variants, level, comparison.skipped)
                                       : headphone::format_table(comparison.variants, level));
        return 0;
    } catch (...) {
        return report_failure("compare");
    }
}

}  // namespace hpsim::cli
