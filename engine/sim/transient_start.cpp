#include "sim/transient_start.hpp"

#include "sim/analyses.hpp"
#include "sim/sparse_lu.hpp"

namespace hpsim::sim {
namespace {

std::vector<double> solve(const MnaSystem& system, const std::vector<double>& matrix, std::vector<double> rhs,
                          const SourceLocation& where) {
    SparseLu<double> lu(system.size(), system.column_starts(), system.row_indices());
    try {
        lu.factor(matrix);
    } catch (const SingularMatrix& singular) {
        throw spice::DeckError(where, "singular matrix at the start of the transient: " +
                                          system.describe_unknown(singular.column()) + " is not determined by the circuit");
    }
    lu.solve(rhs);
    require_finite(system, rhs, where);
    return rhs;
}

// ngspice's way of holding a node at its .ic value during the operating point: the
// node's row loses its node-voltage entries and gets 1 on the diagonal, v = value; if
// branch currents enter the row, the diagonal is 1e10 so that they barely count.
std::vector<double> operating_point_with_held_nodes(const Circuit& circuit, const MnaSystem& system,
                                                    const std::vector<double>& source_values,
                                                    const SourceLocation& where) {
    std::vector<double> matrix = system.conductance();
    std::vector<double> rhs(system.size());
    fill_source_rhs(system, source_values, rhs);
    const auto& starts = system.column_starts();
    const auto& rows = system.row_indices();
    for (const InitialVoltage& held : circuit.initial_voltages) {
        const auto row = static_cast<int>(held.node - 1);
        bool currents_enter = false;
        int diagonal = -1;
        for (std::size_t column = 0; column < system.size(); ++column)
            for (int k = starts[column]; k < starts[column + 1]; ++k) {
                if (rows[k] != row) continue;
                if (column >= system.voltage_count()) currents_enter = currents_enter || matrix[k] != 0.0;
                else if (static_cast<int>(column) == row) diagonal = k;
                else matrix[k] = 0.0;
            }
        if (diagonal < 0)
            throw spice::DeckError(held.where, ".ic cannot hold node '" + circuit.node_names[held.node] +
                                                   "': nothing but sources connects to it");
        const double scale = currents_enter ? 1e10 : 1.0;
        matrix[diagonal] = scale;
        rhs[row] = scale * held.value_v;
    }
    return solve(system, matrix, std::move(rhs), where);
}

}  // namespace

TransientStart transient_start(const Circuit& circuit, const MnaSystem& system, const TranAnalysis& analysis,
                               const std::vector<double>& source_values_at_zero) {
    const std::size_t n = system.size();
    TransientStart start{std::vector<double>(n, 0.0), std::vector<double>(n, 0.0)};
    if (!analysis.use_initial_conditions) {
        start.solution = operating_point_with_held_nodes(circuit, system, source_values_at_zero, analysis.where);
        system.multiply_reactance(start.solution.data(), start.charge.data());
        return start;
    }

    std::vector<double> assumed(n, 0.0);  // the voltages and currents the charges are taken from
    for (const InitialVoltage& held : circuit.initial_voltages) assumed[static_cast<std::size_t>(held.node - 1)] = held.value_v;
    for (std::size_t i = 0; i < circuit.elements.size(); ++i) {
        const Element& element = circuit.elements[i];
        if (element.kind == ElementKind::inductor && element.initial_condition)
            assumed[*system.branch_unknown(i)] = *element.initial_condition;
    }
    system.multiply_reactance(assumed.data(), start.charge.data());
    // A capacitor with IC= holds C IC instead of C (v+ - v-): correct its two rows.
    const auto voltage_of = [&](int node) { return node == 0 ? 0.0 : assumed[static_cast<std::size_t>(node - 1)]; };
    for (const Element& element : circuit.elements) {
        if (element.kind != ElementKind::capacitor || !element.initial_condition) continue;
        const int plus = element.nodes[0], minus = element.nodes[1];
        const double correction = element.value * (*element.initial_condition - (voltage_of(plus) - voltage_of(minus)));
        if (plus != 0) start.charge[static_cast<std::size_t>(plus - 1)] += correction;
        if (minus != 0) start.charge[static_cast<std::size_t>(minus - 1)] -= correction;
    }

    // x at t = 0+: one backward-Euler step of a negligible length h from those charges,
    // (G + C/h) x = b(0) + q0/h, which tends to the circuit's response to them as h -> 0.
    const double h = 1e-9 * analysis.max_step_s;
    std::vector<double> matrix(system.conductance().size());
    for (std::size_t k = 0; k < matrix.size(); ++k) matrix[k] = system.conductance()[k] + system.reactance()[k] / h;
    std::vector<double> rhs(n);
    fill_source_rhs(system, source_values_at_zero, rhs);
    for (std::size_t i = 0; i < n; ++i) rhs[i] += start.charge[i] / h;
    start.solution = solve(system, matrix, std::move(rhs), analysis.where);
    system.multiply_reactance(start.solution.data(), start.charge.data());
    return start;
}

}  // namespace hpsim::sim
