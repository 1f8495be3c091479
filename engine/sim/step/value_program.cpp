#include "sim/step/value_program.hpp"

#include "sim/element_values.hpp"

namespace hpsim::sim {
namespace {

// Hands set_element_values the recorded registers in the order it reads them.
class ReplayReader final : public ValueReader {
public:
    ReplayReader(const std::vector<double>& registers, const std::vector<ValueProgram::Register>& reads)
        : registers_(registers), reads_(reads) {}
    double read(const spice::Expression& expression) override {
        if (next_ >= reads_.size())  // the card is read as it was recorded: this cannot happen
            throw spice::DeckError(expression.where, "internal error: a stepped value read out of order");
        return registers_[static_cast<std::size_t>(reads_[next_++])];
    }

private:
    const std::vector<double>& registers_;
    const std::vector<ValueProgram::Register>& reads_;
    std::size_t next_ = 0;
};

}  // namespace

ValueProgram::Register ValueProgram::add_register(double value) {
    registers_.push_back(value);
    return static_cast<Register>(registers_.size() - 1);
}

ValueProgram::Register ValueProgram::add_input(const std::string& name, double value) {
    input_names_.push_back(name);
    input_registers_.push_back(add_register(value));
    return input_registers_.back();
}

ValueProgram::Register ValueProgram::add_constant(double value) { return add_register(value); }

ValueProgram::Register ValueProgram::add_expression(spice::CompiledExpression expression, std::vector<Register> arguments,
                                                    double value) {
    const Register target = add_register(value);
    operations_.push_back({std::move(expression), std::move(arguments), target});
    return target;
}

ValueProgram::Register ValueProgram::add_product(Register left, Register right, double value) {
    const Register target = add_register(value);
    operations_.push_back({std::nullopt, {left, right}, target});
    return target;
}

void ValueProgram::add_element(std::size_t element, const spice::ElementCard& card, Register instance_multiplier,
                               std::vector<Register> reads, std::shared_ptr<const DeviceModel> model,
                               double geometry_scale) {
    elements_.push_back({element, card, instance_multiplier, std::move(reads), std::move(model), geometry_scale});
}

void ValueProgram::apply(std::span<const double> input_values, Circuit& circuit) {
    for (std::size_t i = 0; i < input_registers_.size() && i < input_values.size(); ++i)
        registers_[static_cast<std::size_t>(input_registers_[i])] = input_values[i];
    for (const Operation& operation : operations_) {
        double& target = registers_[static_cast<std::size_t>(operation.target)];
        if (!operation.expression) {
            target = registers_[static_cast<std::size_t>(operation.arguments[0])] *
                     registers_[static_cast<std::size_t>(operation.arguments[1])];
            continue;
        }
        arguments_.clear();
        for (const Register argument : operation.arguments) arguments_.push_back(registers_[static_cast<std::size_t>(argument)]);
        target = operation.expression->evaluate(arguments_);
    }
    for (const ElementRecipe& recipe : elements_) {
        ReplayReader reader(registers_, recipe.reads);
        const ElementValueContext context{registers_[static_cast<std::size_t>(recipe.instance_multiplier)],
                                          temperature_c_, nominal_temperature_c_, recipe.model,
                                          recipe.geometry_scale};
        if (!(context.instance_multiplier > 0.0))
            throw spice::DeckError(recipe.card.where, circuit.elements[recipe.element].name +
                                                          ": multiplier m of its subcircuit instance must be above zero");
        set_element_values(recipe.card, reader, context, circuit.elements[recipe.element]);
    }
}

}  // namespace hpsim::sim
