#include <boost/program_options.hpp>
#include <iostream>

#include "commands.hpp"
#include "headphone/compiler.hpp"

namespace hpsim::cli {

int compile_command(const Arguments& arguments) {
    namespace po = boost::program_options;
    po::options_description options("hpsim compile RIG [--mode single-ended|balanced]");
    options.add_options()("help,h", "show this help")("mode", po::value<std::string>(), "output mode, instead of the rig's")(
        "rig", po::value<std::string>(), "rig file (.toml)");
    po::positional_options_description positional;
    positional.add("rig", 1);
    po::variables_map values;
    if (const auto stop = parse_options("compile", arguments, options, positional, values)) return *stop;
    if (!values.count("rig")) return usage_error("compile", "no rig given");
    try {
        const headphone::Catalog catalog = headphone::Catalog::load(headphone::Catalog::default_folder());
        std::optional<std::string> mode;
        if (values.count("mode")) mode = values["mode"].as<std::string>();
        const headphone::Rig rig = headphone::load_rig(values["rig"].as<std::string>(), catalog, mode);
        std::cout << headphone::compile_rig(rig).netlist;
        return 0;
    } catch (...) {
        return report_failure("compile");
    }
}

}  // namespace hpsim::cli
