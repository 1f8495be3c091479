#pragma once
// Each hpsim subcommand takes the words after its name and returns the exit code:
// 0 ok, 1 bad input or failed simulation, 2 command-line misuse.
#include <string>
#include <vector>

namespace hpsim::cli {

using Arguments = std::vector<std::string>;

int run_command(const Arguments& arguments);
int check_command(const Arguments& arguments);
int models_command(const Arguments& arguments);
int compile_command(const Arguments& arguments);
int compare_command(const Arguments& arguments);

// Prints "hpsim COMMAND: error: message" and the usage hint; returns 2.
int usage_error(const std::string& command, const std::string& message);

}  // namespace hpsim::cli
