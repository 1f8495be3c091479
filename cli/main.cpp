#include <iostream>
#include <map>

#include "commands.hpp"

namespace {

constexpr const char* usage = R"(usage: hpsim COMMAND [options]

commands:
  run DECK [--out DIR]          simulate a SPICE deck; write one CSV per analysis to DIR
  check DECK [--rtol R] [--atol A] [--tran-rtol T]
                                simulate with hpsim and with ngspice, compare every vector

'hpsim COMMAND --help' describes a command's options.
)";

}  // namespace

int main(int argc, char** argv) {
    using namespace hpsim::cli;
    const std::map<std::string, int (*)(const Arguments&)> commands{
        {"run", run_command},
        {"check", check_command},
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
        std::cerr << "hpsim: error: unknown command '" << name << "'\n\n" << usage;
        return 2;
    }
    return command->second(Arguments(argv + 2, argv + argc));
}
