#include "sim/conditioning.hpp"

#include <cmath>
#include <complex>
#include <cstdio>

namespace hpsim::sim {
namespace {

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", value);
    return text;
}

// Couplings this close to |k| = 1 leave the inductance matrix nearly singular.
constexpr double near_unity_coupling = 1e-4;

}  // namespace

template <typename Scalar>
void ConditionMonitor::check(SparseLu<Scalar>& lu, std::span<const Scalar> values, std::span<const Scalar> solution,
                             double reactive_scale, const std::string& point) {
    if (!run_.check_condition) return;
    const double condition = lu.condition_estimate(values, solution);
    if (!checked_ || condition > worst_condition_ || std::isnan(condition)) {
        worst_condition_ = std::isnan(condition) ? INFINITY : condition;
        worst_reactive_scale_ = reactive_scale;
        worst_point_ = point;
    }
    checked_ = true;
}
template void ConditionMonitor::check(SparseLu<double>&, std::span<const double>, std::span<const double>, double,
                                      const std::string&);
template void ConditionMonitor::check(SparseLu<std::complex<double>>&, std::span<const std::complex<double>>,
                                      std::span<const std::complex<double>>, double, const std::string&);

std::optional<double> ConditionMonitor::worst_digits_lost() const {
    if (!checked_) return std::nullopt;
    return std::log10(std::max(worst_condition_, 1.0));
}

void ConditionMonitor::report() {
    const std::optional<double> digits = worst_digits_lost();
    if (!digits || *digits <= warned_digits_lost) return;
    const std::string lost = std::isfinite(*digits) ? "about " + number(*digits) : "all";
    std::string message = "ill-conditioned matrix" + (worst_point_.empty() ? "" : " " + worst_point_) +
                          ": condition number about " + number(worst_condition_) + ", so " + lost +
                          " of the 16 significant digits may be lost";
    if (*digits >= 16) message += " (the results may have no correct digit)";
    message += "; " + ill_conditioning_culprits(run_.circuit, worst_reactive_scale_);
    run_.sink.warning({where_, message});
}

std::string ill_conditioning_culprits(const Circuit& circuit, double reactive_scale) {
    // Each two-terminal element's admittance magnitude at this point (S): the spread
    // between the largest and the smallest is what the elimination must resolve.
    const Element* largest = nullptr;
    const Element* smallest = nullptr;
    double largest_s = 0.0, smallest_s = 0.0;
    std::string near_unity;
    for (const Element& element : circuit.elements) {
        double admittance = 0.0;
        switch (element.kind) {
            case ElementKind::resistor: admittance = 1.0 / std::abs(element.value); break;
            case ElementKind::capacitor: admittance = reactive_scale * std::abs(element.value); break;
            case ElementKind::inductor:
                admittance = reactive_scale > 0 ? 1.0 / (reactive_scale * std::abs(element.value)) : 0.0;
                break;
            case ElementKind::voltage_controlled_current_source: admittance = std::abs(element.value); break;
            case ElementKind::inductor_coupling:
                if (1.0 - std::abs(element.value) < near_unity_coupling)
                    near_unity += (near_unity.empty() ? "" : ", ") + element.name + " (k = " + number(element.value) + ")";
                continue;
            default: continue;
        }
        if (!(admittance > 0) || !std::isfinite(admittance)) continue;
        if (!largest || admittance > largest_s) largest = &element, largest_s = admittance;
        if (!smallest || admittance < smallest_s) smallest = &element, smallest_s = admittance;
    }
    std::string culprits;
    if (largest && smallest && largest != smallest)
        culprits = "admittances from " + number(smallest_s) + " S (" + smallest->name + ") to " + number(largest_s) +
                   " S (" + largest->name + ")";
    if (!near_unity.empty())
        culprits += (culprits.empty() ? "" : "; ") + std::string("couplings near |k| = 1: ") + near_unity;
    if (culprits.empty()) culprits = "no element value stands out: look for a nearly undetermined node or loop";
    return culprits;
}

}  // namespace hpsim::sim
