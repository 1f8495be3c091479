#include "sim/circuit.hpp"

#include <cmath>

namespace hpsim::sim {

double Excitation::dc_value() const {
    if (dc) return *dc;
    return ResolvedWaveform(waveform, 1.0, 1.0).value_at(0.0);
}

double AcAnalysis::frequency(std::size_t index) const {
    const double k = static_cast<double>(index);
    return spacing == Spacing::linear ? start_hz + k * step : start_hz * std::pow(step, k);
}

std::optional<std::size_t> Circuit::find_element(const std::string& name) const {
    for (std::size_t i = 0; i < elements.size(); ++i)
        if (elements[i].name == name) return i;
    return std::nullopt;
}

bool has_branch_current(ElementKind kind) {
    return kind == ElementKind::voltage_source || kind == ElementKind::inductor ||
           kind == ElementKind::voltage_controlled_voltage_source ||
           kind == ElementKind::current_controlled_voltage_source;
}

}  // namespace hpsim::sim
