#pragma once
// Each hpsim subcommand takes the words after its name and returns the exit code:
// 0 ok, 1 bad input or failed simulation, 2 command-line misuse.
#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

namespace hpsim::cli {

using Arguments = std::vector<std::string>;

int run_command(const Arguments& arguments);
int check_command(const Arguments& arguments);
int models_command(const Arguments& arguments);
int compile_command(const Arguments& arguments);
int compare_command(const Arguments& arguments);
int match_command(const Arguments& arguments);
int sweep_command(const Arguments& arguments);
int merge_command(const Arguments& arguments);
int report_command(const Arguments& arguments);

// Prints "hpsim COMMAND: error: message" and the usage hint; returns 2.
int usage_error(const std::string& command, const std::string& message);

// The error that stopped a command, printed as every command prints errors: a deck's
// (or rig's, spec's, catalog entry's) "file:line:col: error: message", "hpsim COMMAND:
// error: out of memory ...", or "hpsim COMMAND: error: message". Returns 1. Call it in a
// catch (...) block: it rethrows the exception being handled to tell what it is.
int report_failure(const std::string& command);

// A number as a person writes it, for defaults shown in --help ("1e-9", not 1.0000000000000001e-09).
std::string number_text(double value);

// Parses a command's options into `values`. Returns the exit code when the command
// stops here: 2 after a misuse, 0 after printing --help; nullopt to go on.
std::optional<int> parse_options(const std::string& command, const Arguments& arguments,
                                 const boost::program_options::options_description& options,
                                 const boost::program_options::positional_options_description& positional,
                                 boost::program_options::variables_map& values);

}  // namespace hpsim::cli
