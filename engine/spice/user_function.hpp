#pragma once
// User functions: ".func name(a, b) {body}", or ".param name(a, b) = {body}" as ngspice
// 39 rewrites it. As in ngspice, a call is replaced by the body with the arguments in
// place of the parameters: names in the body that are not parameters are looked up
// where the call is written. A function is visible in the body (top level or .subckt)
// that defines it, before or after its card, and in the subcircuits defined inside;
// an inner definition hides an outer one of the same name.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spice/diagnostic.hpp"

namespace hpsim::spice {

struct UserFunction {
    std::string name;                     // lower case
    std::vector<std::string> parameters;  // lower case, distinct
    std::string body;                     // the expression, braces removed
    SourceLocation body_where;            // the body's first character
    SourceLocation where;                 // the card
};

// The functions visible in one body, then those of the enclosing bodies.
class FunctionScope {
public:
    FunctionScope() = default;
    FunctionScope(const std::vector<UserFunction>* functions, const FunctionScope* parent)
        : functions_(functions), parent_(parent) {}

    struct Found {
        const UserFunction* function = nullptr;
        const FunctionScope* scope = nullptr;  // where it is defined: its body's calls resolve there
    };
    std::optional<Found> find(std::string_view name) const {
        for (const FunctionScope* scope = this; scope; scope = scope->parent_)
            if (scope->functions_)
                for (const UserFunction& function : *scope->functions_)
                    if (function.name == name) return Found{&function, scope};
        return std::nullopt;
    }

private:
    const std::vector<UserFunction>* functions_ = nullptr;
    const FunctionScope* parent_ = nullptr;
};

}  // namespace hpsim::spice
