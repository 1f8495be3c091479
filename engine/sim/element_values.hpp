#pragma once
// The numbers of one element from its card: value (with m), source excitation and
// initial condition, with the checks on them. Each expression's value comes from a
// reader: the elaboration evaluates it in the element's scope; a .step sweep replays
// values recomputed for the step. Both read the card's expressions in the same order.
#include <memory>
#include <optional>

#include "sim/circuit.hpp"
#include "sim/device_models.hpp"
#include "spice/netlist.hpp"

namespace hpsim::sim {

class ValueReader {
public:
    virtual ~ValueReader() = default;
    virtual double read(const spice::Expression& expression) = 0;
};

struct ElementValueContext {
    double instance_multiplier = 1.0;  // the product of the m of every enclosing X instance
    double temperature_c = 27.0;          // the circuit's: .temp, else .options temp=
    double nominal_temperature_c = 27.0;  // .options tnom=: where a model without tnom was measured
    std::shared_ptr<const DeviceModel> model;  // the R, C or L model the card names
    double geometry_scale = 1.0;               // .options scale: multiplies l= and w=
};

// Sets the element's kind, value, excitation and initial condition (its name, nodes
// and references are the caller's). Returns the multiplier m applied. Throws DeckError.
double set_element_values(const spice::ElementCard& card, ValueReader& reader, const ElementValueContext& context,
                          Element& element);

}  // namespace hpsim::sim
