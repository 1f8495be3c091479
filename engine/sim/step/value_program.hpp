#pragma once
// How a circuit's numbers follow its stepped parameters, recorded once by the
// elaboration: each value that depends on a stepped .param (parameters of every scope,
// instance multipliers, element and source values) is an operation on registers, in the
// order the elaboration evaluated them: a compiled expression of earlier registers, or
// a product (nested m). A step sets the inputs, replays the operations and rewrites the
// numbers of the elements that depend on them; nothing is read or expanded again, and
// the circuit's structure never changes.
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/circuit.hpp"
#include "sim/device_models.hpp"
#include "spice/expression.hpp"
#include "spice/netlist.hpp"

namespace hpsim::sim {

class ValueProgram {
public:
    using Register = int;

    // A stepped parameter; its register holds `value` until apply() sets it.
    Register add_input(const std::string& name, double value);
    Register add_constant(double value);
    // `arguments[i]` is the register of expression.parameters()[i] (a constant NaN
    // register for a name that is not defined there).
    Register add_expression(spice::CompiledExpression expression, std::vector<Register> arguments, double value);
    Register add_product(Register left, Register right, double value);
    // An element whose numbers depend on the inputs: `reads` are the registers of the
    // card's expressions in the order set_element_values reads them.
    void add_element(std::size_t element, const spice::ElementCard& card, Register instance_multiplier,
                     std::vector<Register> reads, std::shared_ptr<const DeviceModel> model, double geometry_scale);
    void set_temperatures(double circuit_c, double nominal_c) {
        temperature_c_ = circuit_c;
        nominal_temperature_c_ = nominal_c;
    }

    const std::vector<std::string>& inputs() const { return input_names_; }
    std::size_t element_count() const { return elements_.size(); }

    // New input values (in inputs() order): recomputes every dependent register and
    // rewrites the dependent elements of `circuit` (the circuit this was recorded on, or
    // a copy). Throws spice::DeckError for a value that fails (division by zero, a
    // resistance of zero, ...).
    void apply(std::span<const double> input_values, Circuit& circuit);

private:
    struct Operation {
        std::optional<spice::CompiledExpression> expression;  // none: the product of the two arguments
        std::vector<Register> arguments;
        Register target = 0;
    };
    struct ElementRecipe {
        std::size_t element = 0;
        spice::ElementCard card;
        Register instance_multiplier = 0;
        std::vector<Register> reads;
        std::shared_ptr<const DeviceModel> model;  // the card's .model (its numbers do not step)
        double geometry_scale = 1.0;
    };
    std::vector<double> registers_;
    std::vector<std::string> input_names_;
    std::vector<Register> input_registers_;
    std::vector<Operation> operations_;
    std::vector<ElementRecipe> elements_;
    double temperature_c_ = 27.0, nominal_temperature_c_ = 27.0;
    std::vector<double> arguments_;  // scratch for one expression's values

    Register add_register(double value);
};

}  // namespace hpsim::sim
