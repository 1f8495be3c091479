#include <boost/program_options.hpp>
#include <cmath>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "headphone/match/answers.hpp"

namespace hpsim::cli {

int match_command(const Arguments& arguments) {
    namespace po = boost::program_options;
    namespace match = headphone::match;
    double target_spl_db = 110;
    int max_adapters = 1;
    std::string format = "table";
    po::options_description options("hpsim match AMPLIFIER HEADPHONE | RIG [options]");
    options.add_options()("help,h", "show this help")(
        "target-spl", po::value<double>(&target_spl_db)->default_value(110), "the level to reach, dB SPL (110: a loud peak)")(
        "max-adapters", po::value<int>(&max_adapters)->default_value(1), "adapters in a chain, 0 to 4")(
        "format", po::value<std::string>(&format)->default_value("table"), "table or json")(
        "emit-rig", po::value<int>(), "print path K (its rank) as a rig file that 'hpsim compare' runs")(
        "verbose,v", "also list the plugs offered a jack they do not go into, and why")(
        "equipment", po::value<std::vector<std::string>>(), "catalog names of an amplifier and a headphone, or one rig file");
    po::positional_options_description positional;
    positional.add("equipment", -1);
    po::variables_map values;
    if (const auto stop = parse_options("match", arguments, options, positional, values)) return *stop;
    const auto equipment_words = values.count("equipment") ? values["equipment"].as<std::vector<std::string>>() : std::vector<std::string>{};
    if (equipment_words.empty() || equipment_words.size() > 2 ||
        (equipment_words.size() == 1 && std::filesystem::path(equipment_words[0]).extension() != ".toml"))
        return usage_error("match", "give an amplifier and a headphone from the catalog, or one rig file (.toml)");
    if (format != "table" && format != "json") return usage_error("match", "--format is table or json");
    if (!std::isfinite(target_spl_db)) return usage_error("match", "--target-spl must be a number of dB");
    if (max_adapters < 0 || max_adapters > match::max_adapters_limit)
        return usage_error("match", "--max-adapters is 0 to " + std::to_string(match::max_adapters_limit));

    try {
        const headphone::Catalog catalog = headphone::Catalog::load(headphone::Catalog::default_folder());
        match::Equipment equipment = equipment_words.size() == 2
                                         ? match::equipment_from_catalog(catalog, equipment_words[0], equipment_words[1])
                                         : match::equipment_from_rig(catalog, equipment_words[0]);
        const match::Match result = match::match(catalog, std::move(equipment), target_spl_db, max_adapters);
        if (values.count("emit-rig")) {
            const int rank = values["emit-rig"].as<int>();
            if (rank < 1 || static_cast<std::size_t>(rank) > result.paths.size())
                return usage_error("match", "--emit-rig " + std::to_string(rank) + ": there " +
                                                (result.paths.size() == 1 ? "is 1 path" : "are " + std::to_string(result.paths.size()) + " paths"));
            const match::RankedPath& path = result.paths[static_cast<std::size_t>(rank - 1)];
            std::cout << "# path " << rank << " of " << result.paths.size() << " found by hpsim match (" << path.verdict << ")\n";
            for (const std::string& reason : path.reasons) std::cout << "# " << path.verdict << ": " << reason << "\n";
            std::cout << path.rig;
            return 0;
        }
        std::cout << (format == "json" ? match::format_json(result, values.count("verbose") > 0)
                                       : match::format_table(result, values.count("verbose") > 0));
        return 0;
    } catch (...) {
        return report_failure("match");
    }
}

}  // namespace hpsim::cli
