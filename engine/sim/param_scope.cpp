#include "sim/param_scope.hpp"

#include <numbers>

#include "spice/expression.hpp"
#include "spice/param_order.hpp"

namespace hpsim::sim {

using spice::DeckError;

const Evaluated* ParamScope::find_entry(std::string_view name) const {
    for (const ParamScope* scope = this; scope; scope = scope->parent) {
        const auto found = scope->values.find(std::string(name));
        if (found != scope->values.end()) return &found->second;
    }
    return nullptr;
}

std::optional<double> ParamScope::find(std::string_view name) const {
    const Evaluated* entry = find_entry(name);
    return entry ? std::optional<double>(entry->value) : std::nullopt;
}

double ParamScope::evaluate(const spice::Expression& expression) const {
    const Evaluated result = evaluate_tracked(expression);
    if (result.stepped >= 0)
        throw DeckError(expression.where, "this value depends on stepped parameter '" + stepped_name(expression) +
                                              "': .step changes element and source values, not analyses, "
                                              ".options, .ic or .model cards");
    return result.value;
}

Evaluated ParamScope::evaluate_tracked(const spice::Expression& expression) const {
    if (!program)
        return {spice::evaluate_expression(
                    expression.text, [this](std::string_view name) { return find(name); }, expression.where, functions),
                -1};
    spice::CompiledExpression compiled = spice::CompiledExpression::compile(expression.text, expression.where, functions);
    std::vector<double> arguments;
    std::vector<const Evaluated*> entries;
    bool stepped = false;
    for (const std::string& name : compiled.parameters()) {
        const Evaluated* entry = find_entry(name);
        entries.push_back(entry);
        arguments.push_back(entry ? entry->value : name == "pi" ? std::numbers::pi : spice::undefined_parameter());
        stepped = stepped || (entry && entry->stepped >= 0);
    }
    const double value = compiled.evaluate(arguments);
    if (!stepped) return {value, -1};
    std::vector<ValueProgram::Register> registers;
    for (std::size_t i = 0; i < entries.size(); ++i)
        registers.push_back(entries[i] && entries[i]->stepped >= 0 ? entries[i]->stepped
                                                                    : program->add_constant(arguments[i]));
    return {value, program->add_expression(std::move(compiled), std::move(registers), value)};
}

void ParamScope::assign(const std::vector<const spice::ParamAssignment*>& assignments,
                        const std::function<Replacement(const std::string&)>& replace) {
    for (const spice::ParamAssignment* assignment : spice::evaluation_order(assignments, functions)) {
        const Replacement replacement = replace ? replace(assignment->name) : Replacement{};
        if (replacement.value) values[assignment->name] = *replacement.value;
        else values[assignment->name] = evaluate_tracked(replacement.expression ? *replacement.expression : assignment->value);
    }
}

std::string ParamScope::stepped_name(const spice::Expression& expression) const {
    const spice::CompiledExpression compiled =
        spice::CompiledExpression::compile(expression.text, expression.where, functions);
    for (const std::string& name : compiled.parameters())
        if (const Evaluated* entry = find_entry(name); entry && entry->stepped >= 0) return name;
    return "?";
}

}  // namespace hpsim::sim
