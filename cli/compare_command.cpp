#include <boost/algorithm/string/split.hpp>
#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include "commands.hpp"
#include "headphone/report.hpp"
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
    std::vector<std::optional<std::string>> modes{std::nullopt};
    if (values.count("modes")) {
        std::vector<std::string> names;
        boost::split(names, values["modes"].as<std::string>(), [](char c) { return c == ','; });
        modes.clear();
        for (const std::string& name : names) {
            if (name != "single-ended" && name != "balanced") {
                std::cerr << "hpsim compare: error: unknown mode '" << name << "' (single-ended or balanced)\n";
                return 1;
            }
            modes.emplace_back(name);
        }
    }

    try {
        const headphone::Catalog catalog = headphone::Catalog::load(headphone::Catalog::default_folder());
        const auto& rigs = values["rigs"].as<std::vector<std::string>>();
        std::vector<headphone::Measurements> variants;
        std::vector<std::vector<headphone::CurvePoint>> curves;
        for (const std::string& path : rigs) {
            for (const auto& mode : modes) {
                const headphone::Rig rig = headphone::load_rig(path, catalog, mode);
                const headphone::CompiledRig compiled = headphone::compile_rig(rig);
                curves.emplace_back();
                headphone::Measurements m = headphone::measure(rig, compiled, level, &curves.back());
                // Named by what differs: the rig, the mode, or both.
                const std::string rig_name = std::filesystem::path(path).stem().string();
                m.name = modes.size() < 2 ? rig_name : rigs.size() < 2 ? m.mode : rig_name + " " + m.mode;
                m.hazards = headphone::assess_hazards(m, level);
                variants.push_back(std::move(m));
            }
        }
        if (values.count("curves")) {
            const std::filesystem::path file = values["curves"].as<std::string>();
            io::write_file_atomically(file, headphone::format_curves_csv(variants, curves));
        }
        std::cout << (format == "json" ? headphone::format_json(variants, level) : headphone::format_table(variants, level));
        return 0;
    } catch (const spice::DeckError& error) {
        std::cerr << error.what() << '\n';
    } catch (const std::exception& error) {
        std::cerr << "hpsim compare: error: " << error.what() << '\n';
    }
    return 1;
}

}  // namespace hpsim::cli
