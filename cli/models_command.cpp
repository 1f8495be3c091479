#include <boost/program_options.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "headphone/catalog.hpp"
#include "headphone/driver_summary.hpp"
#include "spice/suggestion.hpp"

namespace hpsim::cli {

int models_command(const Arguments& arguments) {
    namespace po = boost::program_options;
    po::options_description options("hpsim models [show NAME]");
    options.add_options()("help,h", "show this help")("words", po::value<std::vector<std::string>>(), "show NAME");
    po::positional_options_description positional;
    positional.add("words", -1);
    po::variables_map values;
    if (const auto stop = parse_options("models", arguments, options, positional, values)) {
        if (*stop == 0) std::cout << "The catalog folder is $HPSIM_MODELS, else " << headphone::Catalog::default_folder().string() << "\n";
        return *stop;
    }
    const std::vector<std::string> words = values.count("words") ? values["words"].as<std::vector<std::string>>() : std::vector<std::string>{};
    if (!words.empty() && (words[0] != "show" || words.size() != 2)) return usage_error("models", "expected 'show NAME'");
    try {
        const headphone::Catalog catalog = headphone::Catalog::load(headphone::Catalog::default_folder());
        if (words.empty()) {
            std::string kind;
            for (const auto& entry : catalog.entries()) {
                if (entry.kind != kind) std::printf("%s%ss\n", kind.empty() ? "" : "\n", (kind = entry.kind).c_str());
                std::printf("  %-34s %s\n", entry.name.c_str(), (*entry.table)["description"].value_or(std::string()).c_str());
            }
            return 0;
        }
        const headphone::CatalogEntry* entry = catalog.find(words[1]);
        if (!entry) {
            std::vector<std::string> names;
            for (const auto& candidate : catalog.entries()) names.push_back(candidate.name);
            const std::string hint = spice::did_you_mean(words[1], names);
            std::cerr << "hpsim models: error: no catalog entry '" << words[1] << "'" << (hint.empty() ? " (see 'hpsim models')" : hint) << "\n";
            return 1;
        }
        std::ifstream file(entry->path);
        std::cout << "# " << entry->path.string() << "\n" << file.rdbuf() << std::flush;
        if (entry->kind == "headphone") {
            const headphone::SourceLocation where{entry->path.string(), 1, 1};
            const headphone::Headphone part = headphone::read_headphone(catalog, catalog.get(entry->name, "headphone", where));
            if (const std::string summary = headphone::describe_driver(part.driver); !summary.empty()) std::cout << "\n" << summary;
        }
        return 0;
    } catch (...) {
        return report_failure("models");
    }
}

}  // namespace hpsim::cli
