#pragma once
// ngspice 39's numparam functions (xpressn.c) with its meanings: the table the
// expression reader calls by index.
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace hpsim::spice {

struct Function {
    const char* name;
    std::size_t arguments;
    double (*apply)(const std::vector<double>&);
    bool (*in_domain)(const std::vector<double>&);
};

const std::vector<Function>& builtin_functions();
std::optional<std::size_t> find_function(std::string_view name);  // index into builtin_functions()
// ngspice functions whose value is random from run to run.
bool is_random_function(std::string_view name);

}  // namespace hpsim::spice
