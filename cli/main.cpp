#include <iostream>
#include <map>

#include "commands.hpp"
#include "spice/suggestion.hpp"

namespace {

constexpr const char* usage = R"(usage: hpsim COMMAND [options]

commands:
  run DECK|RIG [--out DIR] [--mode M] [-v]
                                simulate a SPICE deck or a rig (.toml); write one CSV per analysis to DIR;
                                -v: the time of each phase
  check DECK|RIG [--rtol R] [--atol A] [--tran-rtol T] [--mode M]
                                simulate with hpsim and with ngspice, compare every vector
  compile RIG [--mode M]        print the rig's netlist (SPICE, readable by ngspice too)
  compare RIG... [--modes single-ended,balanced] [--format table|json] [--curves FILE] [--level V]
                                drive voltage, power, clip, crosstalk, response, polarity, hazards
  match AMPLIFIER HEADPHONE|RIG [--target-spl DB] [--max-adapters N] [--format table|json] [--emit-rig K] [-v]
                                every path between them through the catalog, ranked; is it powerful enough
  sweep SPEC [--out FILE.csv|FILE.jsonl] [--jobs N] [--shard K/N] [--resume]
                                compare measurements of every variant of a rig over axes of figures
  merge PART... --out FILE      join the files of a sharded sweep into what one run writes
  report RIG... [--modes M,M] [--level V] [--target-spl DB] -o DIR
  report SWEEP.csv [--measurements A,B] [--target-spl DB] -o DIR
                                figures (SVG, PNG), one self-contained report.html and the data behind them
  models [show NAME]            list the part catalog, or show one entry

'hpsim COMMAND --help' describes a command's options.
)";

}  // namespace

int main(int argc, char** argv) {
    using namespace hpsim::cli;
    const std::map<std::string, int (*)(const Arguments&)> commands{
        {"run", run_command},
        {"check", check_command},
        {"compile", compile_command},
        {"compare", compare_command},
        {"match", match_command},
        {"sweep", sweep_command},
        {"merge", merge_command},
        {"report", report_command},
        {"models", models_command},
    };
    if (argc < 2) {
        std::cerr << usage;
        return 2;
    }
    const std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        std::cout << usage;
        return 0;
    }
    const auto command = commands.find(name);
    if (command == commands.end()) {
        std::vector<std::string> names;
        for (const auto& [known, run] : commands) names.push_back(known);
        std::cerr << "hpsim: error: unknown command '" << name << "'" << hpsim::spice::did_you_mean(name, names) << "\n\n" << usage;
        return 2;
    }
    return command->second(Arguments(argv + 2, argv + argc));
}
