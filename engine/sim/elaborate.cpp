#include "sim/elaborate.hpp"

#include <algorithm>
#include <functional>
#include <cmath>
#include <map>
#include <memory>
#include <numbers>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "sim/analysis_cards.hpp"
#include "sim/behavioural_sources.hpp"
#include "sim/device_models.hpp"
#include "sim/element_values.hpp"
#include "sim/param_scope.hpp"
#include "spice/expression.hpp"
#include "spice/number.hpp"
#include "spice/param_order.hpp"

namespace hpsim::sim {
namespace {

using spice::DeckError;
using spice::Expression;

constexpr std::size_t max_instance_depth = 100;

// Subcircuit definitions and models visible where an element is written: innermost
// first. A model's parameters evaluate in the scope of the body that holds it, once
// per instance of that body.
struct DefinitionScope {
    const spice::Body* body = nullptr;
    const DefinitionScope* parent = nullptr;
    const ParamScope* params = nullptr;  // the parameters of this body's instance
    mutable std::map<const spice::ModelCard*, std::shared_ptr<const DeviceModel>> models;

    const spice::SubcircuitDefinition* find(const std::string& name) const {
        for (const DefinitionScope* scope = this; scope; scope = scope->parent)
            for (const auto& definition : scope->body->subcircuits)
                if (definition.name == name) return &definition;
        return nullptr;
    }

    // The model an R, C or L card names (read once per instance of its body).
    std::shared_ptr<const DeviceModel> model(const spice::ElementCard& card) const {
        for (const DefinitionScope* scope = this; scope; scope = scope->parent)
            for (const auto& model_card : scope->body->models) {
                if (model_card.name != *card.device->model) continue;
                std::shared_ptr<const DeviceModel>& model = scope->models[&model_card];
                if (!model)
                    model = std::make_shared<const DeviceModel>(read_device_model(
                        model_card, [&](const Expression& value) { return scope->params->evaluate(value); }));
                if (model->kind != card.letter)
                    throw DeckError(card.device->model_where, card.name + " names .model '" + model->name + "', a " +
                                                          std::string(1, static_cast<char>(std::toupper(model->kind))) +
                                                          " model (at " + model->where.to_string() + ")");
                return model;
            }
        throw DeckError(card.device->model_where, "unknown .model '" + *card.device->model + "'");
    }
};

struct PendingReferences {
    std::size_t element = 0;
    std::vector<std::string> names;  // flattened names of the referenced elements
    std::vector<SourceLocation> where;
};

// 2000000 -> "2,000,000"
std::string with_separators(std::size_t value) {
    std::string digits = std::to_string(value);
    for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3) digits.insert(static_cast<std::size_t>(at), ",");
    return digits;
}

class Elaborator {
public:
    Circuit circuit;

    Elaborator(const spice::Deck& deck, ValueProgram* program, const SizeLimits& limits)
        : limits_(limits), global_nodes_(deck.global_nodes.begin(), deck.global_nodes.end()), program_(program) {
        find_function_scopes(deck.top, nullptr);
        find_multiplied_definitions(deck);
    }

    const spice::FunctionScope& top_functions(const spice::Deck& deck) const { return function_scopes_.at(&deck.top); }
    void set_conditions(const DeckConditions& conditions) { conditions_ = conditions; }

    void expand(const spice::Body& body, const DefinitionScope& definitions, const ParamScope& params,
                const std::string& prefix, const std::map<std::string, int>& pins) {
        for (const spice::ElementCard& card : body.elements) {
            if (card.letter == 'x') instantiate(card, definitions, params, prefix, pins);
            else add_element(card, definitions, params, prefix, pins);
        }
        for (const spice::InitialConditionCard& condition : body.initial_conditions)
            add_initial_condition(condition, params, prefix, pins);
    }

    void resolve_references() {
        if (pending_.empty()) return;
        std::unordered_map<std::string, std::size_t> by_name;
        for (std::size_t i = 0; i < circuit.elements.size(); ++i) by_name.emplace(circuit.elements[i].name, i);
        for (const PendingReferences& pending : pending_) {
            Element& element = circuit.elements[pending.element];
            for (std::size_t i = 0; i < pending.names.size(); ++i) {
                const auto found = by_name.find(pending.names[i]);
                const bool coupling = element.kind == ElementKind::inductor_coupling;
                const ElementKind wanted = coupling ? ElementKind::inductor : ElementKind::voltage_source;
                const char* what = coupling ? "inductor" : "voltage source";
                if (found == by_name.end())
                    throw DeckError(pending.where[i], element.name + ": unknown " + what + " '" + pending.names[i] + "'");
                if (circuit.elements[found->second].kind != wanted)
                    throw DeckError(pending.where[i], element.name + ": '" + pending.names[i] + "' is not a " + what);
                // ngspice 39 couples with k sqrt(L1 L2) before dividing by m: a different
                // coupling than m parallel inductors would have.
                if (coupling && multiplied_inductors_.count(found->second))
                    throw DeckError(pending.where[i], element.name + ": coupling inductor '" + pending.names[i] +
                                                          "', which has m=, is not supported");
                element.references.push_back(found->second);
            }
            if (element.kind == ElementKind::inductor_coupling && element.references[0] == element.references[1])
                throw DeckError(element.where, element.name + " couples inductor '" + pending.names[0] + "' to itself");
        }
    }

    std::optional<int> find_node(const std::string& name) const {
        const auto found = node_numbers_.find(name);
        if (found == node_numbers_.end()) return std::nullopt;
        return found->second;
    }

private:
    std::unordered_map<std::string, int> node_numbers_{{"0", 0}};
    std::vector<const spice::SubcircuitDefinition*> instance_stack_;
    std::vector<PendingReferences> pending_;
    std::set<std::size_t> multiplied_inductors_;  // inductors with m other than 1
    SizeLimits limits_;
    DeckConditions conditions_;
    std::set<std::string> global_nodes_;  // .global: one node wherever they are written
    // Subcircuit instances with m= stand for m copies in parallel: the product of the m
    // of every enclosing instance multiplies the elements inside.
    Evaluated instance_multiplier_{1.0, -1};
    ValueProgram* program_ = nullptr;  // while stepping: where dependent values are recorded
    // Subcircuits instantiated with m (directly, or inside one that is) that do not
    // declare m themselves.
    std::set<const spice::SubcircuitDefinition*> multiplied_definitions_;
    // The user functions visible in each body: its own, then those of the bodies it is
    // written in (as ngspice expands them: by where the .subckt is written).
    std::map<const spice::Body*, spice::FunctionScope> function_scopes_;

    void find_function_scopes(const spice::Body& body, const spice::FunctionScope* parent) {
        const spice::FunctionScope& scope = function_scopes_[&body] = spice::FunctionScope(&body.functions, parent);
        for (const auto& definition : body.subcircuits) find_function_scopes(definition.body, &scope);
    }

    // A subcircuit's parameters: those on its .subckt line, then its body's .param cards.
    static std::vector<const spice::ParamAssignment*> formal_parameters(const spice::SubcircuitDefinition& definition) {
        std::vector<const spice::ParamAssignment*> formal;
        for (const auto& assignment : definition.defaults) formal.push_back(&assignment);
        for (const auto& assignment : definition.body.params) formal.push_back(&assignment);
        return formal;
    }

    // ngspice 39 gives a subcircuit that an X card instantiates with m, and that does not
    // declare m, a parameter m and every R L C G F I X card inside it an "m={m}" of its
    // own, which replaces (not multiplies) one written there: the m of the outermost
    // instance that has one. hpsim refuses such a written m instead of dropping it. The X
    // cards inside such a subcircuit thereby pass m on: the set is closed over them.
    struct Call {
        const spice::SubcircuitDefinition* enclosing = nullptr;  // none: the top level
        const spice::ElementCard* card = nullptr;
        const spice::SubcircuitDefinition* called = nullptr;     // none: not defined
    };
    void find_multiplied_definitions(const spice::Deck& deck) {
        std::vector<Call> calls;
        collect_instances(deck.top, nullptr, DefinitionScope{&deck.top, nullptr, nullptr, {}}, calls);
        for (bool grew = true; grew;) {
            grew = false;
            for (const Call& call : calls) {
                const bool with_m = multiplied_definitions_.count(call.enclosing) ||
                                    std::any_of(call.card->instance_params.begin(), call.card->instance_params.end(),
                                                [](const auto& assignment) { return assignment.name == "m"; });
                if (!with_m || !call.called) continue;
                const auto formal = formal_parameters(*call.called);
                if (std::any_of(formal.begin(), formal.end(), [](const auto* p) { return p->name == "m"; })) continue;
                if (multiplied_definitions_.insert(call.called).second) grew = true;
            }
        }
    }
    static void collect_instances(const spice::Body& body, const spice::SubcircuitDefinition* enclosing,
                                  const DefinitionScope& definitions, std::vector<Call>& calls) {
        for (const spice::ElementCard& card : body.elements)
            if (card.letter == 'x') calls.push_back({enclosing, &card, definitions.find(card.references.front())});
        for (const auto& definition : body.subcircuits)
            collect_instances(definition.body, &definition, DefinitionScope{&definition.body, &definitions, nullptr, {}}, calls);
    }
    const spice::SubcircuitDefinition* multiplied_definition() const {
        const bool inside = !instance_stack_.empty() && multiplied_definitions_.count(instance_stack_.back());
        return inside ? instance_stack_.back() : nullptr;
    }
    void refuse_own_multiplier(const SourceLocation& where, const std::string& name) const {
        if (const auto* definition = multiplied_definition())
            throw DeckError(where, name + ": m= inside subcircuit '" + definition->name +
                                       "', which is instantiated with m, is not supported (ngspice 39 replaces it "
                                       "by the m of the outermost instance that has one, where m copies in parallel "
                                       "would multiply them)");
    }

    // ".ic v(node)=value" of a body: in a subcircuit, the node of this instance (a pin's
    // node where the name is a pin), the value in the instance's parameters.
    void add_initial_condition(const spice::InitialConditionCard& condition, const ParamScope& params,
                               const std::string& prefix, const std::map<std::string, int>& pins) {
        std::optional<int> number;
        if (condition.node == "0") number = 0;
        else if (const auto pin = pins.find(condition.node); pin != pins.end()) number = pin->second;
        else number = find_node(global_nodes_.count(condition.node) ? condition.node : join(prefix, condition.node));
        const std::string where_in = instance_stack_.empty() ? "the circuit" : "subcircuit '" + instance_stack_.back()->name + "'";
        if (!number) throw DeckError(condition.where, ".ic names node '" + condition.node + "', which is not in " + where_in);
        if (*number == 0) throw DeckError(condition.where, ".ic cannot set the ground node");
        for (const InitialVoltage& other : circuit.initial_voltages)
            if (other.node == *number)
                throw DeckError(condition.where, ".ic sets node '" + circuit.node_names[static_cast<std::size_t>(*number)] +
                                                     "' twice (first at " + other.where.to_string() + ")");
        circuit.initial_voltages.push_back({*number, params.evaluate(condition.value), condition.where});
    }

    static std::string join(const std::string& prefix, const std::string& name) {
        return prefix.empty() ? name : prefix + "." + name;
    }

    int node(const std::string& name, const std::string& prefix, const std::map<std::string, int>& pins) {
        if (name == "0") return 0;
        if (const auto pin = pins.find(name); pin != pins.end()) return pin->second;
        std::string flat = global_nodes_.count(name) ? name : join(prefix, name);
        if (const auto known = node_numbers_.find(flat); known != node_numbers_.end()) return known->second;
        const int number = static_cast<int>(circuit.node_names.size());
        node_numbers_.emplace(flat, number);
        circuit.node_names.push_back(std::move(flat));
        return number;
    }

    // Reads an element's values in its scope; while stepping, also notes each value's
    // register so that the element can be recomputed when it depends on a stepped one.
    class ScopeReader final : public ValueReader {
    public:
        explicit ScopeReader(const ParamScope& params) : params_(params) {}
        double read(const Expression& expression) override {
            const Evaluated result = params_.evaluate_tracked(expression);
            reads.push_back(result);
            return result.value;
        }
        std::vector<Evaluated> reads;

    private:
        const ParamScope& params_;
    };

    void add_element(const spice::ElementCard& card, const DefinitionScope& definitions, const ParamScope& params,
                     const std::string& prefix,
                     const std::map<std::string, int>& pins) {
        if (card.behaviour) {  // the elementary sources it stands for
            for (const spice::ElementCard& part : linear_parts(card, params))
                add_element(part, definitions, params, prefix, pins);
            return;
        }
        if (circuit.elements.size() >= limits_.elements)
            throw DeckError(card.where, "circuit too large (more than " + with_separators(limits_.elements) +
                                            " elements after subcircuit expansion)");
        Element element;
        element.name = join(prefix, card.name);
        element.where = card.where;
        for (std::size_t i = 0; i < card.nodes.size(); ++i) {
            element.nodes.push_back(node(card.nodes[i], prefix, pins));
            element.node_where.push_back(card.node_where[i]);
            if (circuit.node_names.size() - 1 > limits_.nodes)
                throw DeckError(card.node_where[i], "circuit too large (more than " + with_separators(limits_.nodes) +
                                                        " nodes after subcircuit expansion)");
        }
        if (card.multiplier) refuse_own_multiplier(card.multiplier->where, element.name);
        ScopeReader reader(params);
        ElementValueContext context{instance_multiplier_.value, conditions_.temperature_c,
                                    conditions_.nominal_temperature_c, card.device->model ? definitions.model(card) : nullptr,
                                    conditions_.geometry_scale};
        const double multiplier = set_element_values(card, reader, context, element);
        const bool stepped = instance_multiplier_.stepped >= 0 ||
                             std::any_of(reader.reads.begin(), reader.reads.end(),
                                         [](const Evaluated& read) { return read.stepped >= 0; });
        // ngspice 39 couples with k sqrt(L1 L2) before dividing by m (checked in resolve_references).
        const bool stepped_multiplier =
            instance_multiplier_.stepped >= 0 || (card.multiplier && reader.reads[card.value ? 1 : 0].stepped >= 0);
        if (card.letter == 'l' && (multiplier != 1.0 || stepped_multiplier))
            multiplied_inductors_.insert(circuit.elements.size());
        if (stepped) {
            std::vector<ValueProgram::Register> registers;
            for (const Evaluated& read : reader.reads) registers.push_back(register_of(read));
            params.program->add_element(circuit.elements.size(), card, register_of(instance_multiplier_),
                                        std::move(registers), context.model, conditions_.geometry_scale);
        }
        if (!card.references.empty()) {
            PendingReferences pending{circuit.elements.size(), {}, card.reference_where};
            for (const std::string& reference : card.references) pending.names.push_back(join(prefix, reference));
            pending_.push_back(std::move(pending));
        }
        circuit.elements.push_back(std::move(element));
    }

    ValueProgram::Register register_of(const Evaluated& evaluated) {
        return evaluated.stepped >= 0 ? evaluated.stepped : program_->add_constant(evaluated.value);
    }
    void instantiate(const spice::ElementCard& card, const DefinitionScope& definitions, const ParamScope& params,
                     const std::string& prefix, const std::map<std::string, int>& pins) {
        const spice::SubcircuitDefinition* definition = definitions.find(card.references.front());
        if (!definition)
            throw DeckError(card.reference_where.front(), "unknown subcircuit '" + card.references.front() + "'");
        for (const auto* open : instance_stack_)
            if (open == definition)
                throw DeckError(card.where, "subcircuit '" + definition->name + "' instantiates itself (recursion)");
        if (instance_stack_.size() >= max_instance_depth)
            throw DeckError(card.where, "subcircuit instances nested more than " + std::to_string(max_instance_depth) +
                                            " deep");
        for (std::size_t i = 0; i < definition->pins.size(); ++i)
            if (std::find(definition->pins.begin(), definition->pins.begin() + static_cast<std::ptrdiff_t>(i),
                          definition->pins[i]) != definition->pins.begin() + static_cast<std::ptrdiff_t>(i))
                throw DeckError(definition->where, "subcircuit '" + definition->name + "' names pin '" +
                                                       definition->pins[i] + "' twice");
        if (card.nodes.size() != definition->pins.size())
            throw DeckError(card.where, card.name + " connects " + std::to_string(card.nodes.size()) +
                                            " nodes but subcircuit '" + definition->name + "' has " +
                                            std::to_string(definition->pins.size()) + " pins");
        std::map<std::string, int> inner_pins;
        for (std::size_t i = 0; i < card.nodes.size(); ++i) {
            const std::string& pin = definition->pins[i];
            const int outer = node(card.nodes[i], prefix, pins);
            // A pin named like a .global node is that node: ngspice 39 leaves whatever the
            // instance connects there unconnected.
            if (global_nodes_.count(pin)) {
                if (outer != node(pin, "", {}))
                    throw DeckError(card.node_where[i], card.name + " connects '" + card.nodes[i] + "' to pin '" + pin +
                                                            "' of subcircuit '" + definition->name +
                                                            "', which is the .global node '" + pin +
                                                            "' (ngspice 39 would leave '" + card.nodes[i] +
                                                            "' unconnected there)");
                continue;
            }
            inner_pins[pin] = outer;
        }

        ParamScope inner{{}, &params, params.program, &function_scopes_.at(&definition->body)};
        const std::vector<const spice::ParamAssignment*> formal = formal_parameters(*definition);
        const auto declared = [&](const std::string& name) {
            return std::any_of(formal.begin(), formal.end(), [&](const auto* p) { return p->name == name; });
        };
        Evaluated multiplier = instance_multiplier_;
        std::map<std::string, const Expression*> overrides;
        for (const auto& assignment : card.instance_params) {
            if (!declared(assignment.name) && assignment.name == "m") {
                refuse_own_multiplier(assignment.where, join(prefix, card.name));
                const Evaluated own = params.evaluate_tracked(assignment.value);
                if (!(own.value > 0.0)) throw DeckError(assignment.where, card.name + ": multiplier m must be above zero");
                const double product = multiplier.value * own.value;
                multiplier = multiplier.stepped < 0 && own.stepped < 0
                                 ? Evaluated{product, -1}
                                 : Evaluated{product, program_->add_product(register_of(multiplier), register_of(own), product)};
                continue;
            }
            if (!declared(assignment.name))
                throw DeckError(assignment.where, "subcircuit '" + definition->name + "' has no parameter '" +
                                                      assignment.name + "'");
            overrides[assignment.name] = &assignment.value;
        }
        // ngspice makes m a parameter of a subcircuit instantiated with m.
        if (multiplied_definitions_.count(definition)) inner.values["m"] = multiplier;
        // As ngspice 39 does: the subcircuit's parameters and its body's .param cards are
        // one set (a .param of a parameter's name replaces its default), evaluated in
        // dependency order, each from the instance's expression or else its own, where
        // the parameters before it (then the caller's) are visible: "X1 a b sub p2={p1+1}
        // p1=7" gives p2 = 8.
        inner.assign(formal, [&](const std::string& name) {
            const auto overridden = overrides.find(name);
            return ParamScope::Replacement{overridden != overrides.end() ? overridden->second : nullptr, {}};
        });

        const DefinitionScope inner_definitions{&definition->body, &definitions, &inner, {}};
        instance_stack_.push_back(definition);
        const Evaluated outer_multiplier = std::exchange(instance_multiplier_, multiplier);
        expand(definition->body, inner_definitions, inner, join(prefix, card.name), inner_pins);
        instance_stack_.pop_back();
        instance_multiplier_ = outer_multiplier;
    }
};

std::vector<const spice::ParamAssignment*> top_parameters(const spice::Deck& deck) {
    std::vector<const spice::ParamAssignment*> assignments;
    for (const auto& assignment : deck.top.params) assignments.push_back(&assignment);
    return assignments;
}

// The top-level .param values the .step cards may use: those that do not depend on a
// stepped parameter (evaluated in order; one that fails here is left out).
ParamScope step_bound_scope(const spice::Deck& deck, const spice::FunctionScope& functions) {
    ParamScope scope;
    scope.functions = &functions;
    for (const spice::ParamAssignment* assignment : spice::evaluation_order(top_parameters(deck), &functions)) {
        if (std::any_of(deck.steps.begin(), deck.steps.end(),
                        [&](const spice::StepCard& step) { return step.parameter == assignment->name; }))
            continue;
        try {
            scope.values[assignment->name] = {scope.evaluate(assignment->value), -1};
        } catch (const DeckError&) {
            scope.values.erase(assignment->name);
        }
    }
    return scope;
}

StepSweep step_sweep(const spice::Deck& deck) {
    for (const spice::StepCard& card : deck.steps)
        if (std::none_of(deck.top.params.begin(), deck.top.params.end(),
                         [&](const spice::ParamAssignment& assignment) { return assignment.name == card.parameter; }))
            throw DeckError(card.parameter_where, ".step names '" + card.parameter +
                                                      "', which is not a .param of the top level (.step changes .param values)");
    const spice::FunctionScope functions(&deck.top.functions, nullptr);
    const ParamScope bounds = step_bound_scope(deck, functions);
    return StepSweep::from_cards(deck.steps, [&](const Expression& value) { return bounds.evaluate(value); });
}

}  // namespace

namespace {

// The elaboration, recording how the values follow `inputs` (name, starting value) when
// there are any: each input's own .param expression is replaced by its value.
// `at_first` adds to an error where the values come from.
Circuit elaborate_recording(const spice::Deck& deck, const std::vector<std::pair<std::string, double>>& input_values,
                            ValueProgram& program, const std::function<std::string()>& at_first, const SizeLimits& limits) {
    ValueProgram* const recording = input_values.empty() ? nullptr : &program;

    Elaborator elaborator(deck, recording, limits);
    Circuit& circuit = elaborator.circuit;
    circuit.title = deck.title;
    circuit.warnings = deck.warnings;
    circuit.node_names.push_back("0");

    std::map<std::string, Evaluated> inputs;  // the program's inputs, in the order given
    for (const auto& [name, value] : input_values) inputs[name] = {value, program.add_input(name, value)};
    ParamScope globals{{}, nullptr, recording, &elaborator.top_functions(deck)};
    globals.assign(top_parameters(deck), [&](const std::string& name) {
        const auto input = inputs.find(name);
        return input != inputs.end() ? ParamScope::Replacement{nullptr, input->second} : ParamScope::Replacement{};
    });
    const DeckConditions conditions = deck_conditions(deck, globals);
    elaborator.set_conditions(conditions);
    program.set_temperatures(conditions.temperature_c, conditions.nominal_temperature_c);
    const DefinitionScope top_definitions{&deck.top, nullptr, &globals, {}};
    try {
        elaborator.expand(deck.top, top_definitions, globals, "", {});
    } catch (const DeckError& error) {
        if (!at_first) throw;
        throw DeckError(error.where(), error.message() + at_first());
    }
    elaborator.resolve_references();

    apply_options(deck.options, globals, circuit);
    for (const spice::AnalysisCard& card : deck.analyses) circuit.analyses.push_back(analysis(card, globals, circuit));
    return std::move(elaborator.circuit);
}

}  // namespace

ElaboratedDeck elaborate_deck(const spice::Deck& deck, const SizeLimits& limits) {
    ElaboratedDeck result;
    StepSweep sweep = step_sweep(deck);
    // A stepped parameter starts at its first step's value, as in the decks each step
    // stands for.
    std::vector<std::pair<std::string, double>> inputs;
    std::vector<double> first_step;
    sweep.values(0, first_step);
    for (std::size_t i = 0; i < first_step.size(); ++i) inputs.emplace_back(sweep.dimensions()[i].parameter, first_step[i]);
    ValueProgram program;
    std::function<std::string()> at_first;
    if (!sweep.empty())  // the values are the first step's: say so
        at_first = [&] { return " (at step 1 of " + std::to_string(sweep.size()) + ": " + sweep.describe(0) + ")"; };
    result.circuit = elaborate_recording(deck, inputs, program, at_first, limits);
    if (!sweep.empty()) result.steps = DeckSteps{std::move(sweep), std::move(program)};
    return result;
}

VaryingDeck elaborate_varying(const spice::Deck& deck, const std::vector<std::string>& parameters) {
    if (!deck.steps.empty()) throw DeckError(deck.steps.front().where, "a deck with .step cannot also vary parameters by name");
    const spice::FunctionScope functions(&deck.top.functions, nullptr);
    ParamScope values{{}, nullptr, nullptr, &functions};  // the parameters' values as written
    values.assign(top_parameters(deck));
    std::vector<std::pair<std::string, double>> inputs;
    for (const std::string& name : parameters) {
        const auto found = values.values.find(name);
        if (found == values.values.end()) throw DeckError({}, "'" + name + "' is not a .param of the top level");
        inputs.emplace_back(name, found->second.value);
    }
    VaryingDeck result;
    result.circuit = elaborate_recording(deck, inputs, result.program, {}, {});
    return result;
}

Circuit elaborate(const spice::Deck& deck, const SizeLimits& limits) { return elaborate_deck(deck, limits).circuit; }

}  // namespace hpsim::sim
