#pragma once
// Parameter values while a deck is expanded: one scope per subcircuit instance (and
// the top level), each with the user functions visible there. While a .step sweep is
// recorded, every value that depends on a stepped parameter is recorded in the program.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sim/step/value_program.hpp"
#include "spice/netlist.hpp"
#include "spice/user_function.hpp"

namespace hpsim::sim {

// A parameter's value and, while stepping, the register that recomputes it (-1: it
// does not depend on a stepped parameter).
struct Evaluated {
    double value = 0.0;
    ValueProgram::Register stepped = -1;
};

// Parameter values visible in one instance; lookups fall through to the caller's scope.
struct ParamScope {
    std::unordered_map<std::string, Evaluated> values;
    const ParamScope* parent = nullptr;
    ValueProgram* program = nullptr;               // while stepping: where dependent values are recorded
    const spice::FunctionScope* functions = nullptr;  // the user functions visible here

    const Evaluated* find_entry(std::string_view name) const;
    std::optional<double> find(std::string_view name) const;

    // A value that must be the same at every step (analysis cards, options, .ic, models).
    double evaluate(const spice::Expression& expression) const;
    // A value that may follow the stepped parameters (recorded when it does).
    Evaluated evaluate_tracked(const spice::Expression& expression) const;

    // Evaluates `assignments` (one scope's .param cards, or a subcircuit's parameters
    // with its body's) into this scope in ngspice 39's order: see spice/param_order.hpp.
    // `replace` gives, for a name, the expression or value that stands for its own
    // (an instance's override, a stepped input), or nothing.
    struct Replacement {
        const spice::Expression* expression = nullptr;  // evaluated here in the assignment's place
        std::optional<Evaluated> value;                  // taken as it is
    };
    void assign(const std::vector<const spice::ParamAssignment*>& assignments,
                const std::function<Replacement(const std::string&)>& replace = {});

private:
    std::string stepped_name(const spice::Expression& expression) const;
};

}  // namespace hpsim::sim
