#include "sim/topology.hpp"

#include <algorithm>
#include <deque>
#include <string>

#include <Eigen/Dense>
#include <numeric>

namespace hpsim::sim {
namespace {

using spice::DeckError;

class DisjointSets {
public:
    explicit DisjointSets(std::size_t size) : parent_(size) { std::iota(parent_.begin(), parent_.end(), 0); }
    std::size_t find(std::size_t item) {
        while (parent_[item] != item) item = parent_[item] = parent_[parent_[item]];
        return item;
    }
    bool join(std::size_t a, std::size_t b) {  // false when already joined
        a = find(a), b = find(b);
        if (a == b) return false;
        parent_[a] = b;
        return true;
    }

private:
    std::vector<std::size_t> parent_;
};

bool is_two_terminal_output(ElementKind kind) { return kind != ElementKind::inductor_coupling; }

// Elements that fix the voltage across their output: a loop of them has no solution.
bool fixes_voltage(ElementKind kind) {
    return kind == ElementKind::voltage_source || kind == ElementKind::inductor ||
           kind == ElementKind::voltage_controlled_voltage_source ||
           kind == ElementKind::current_controlled_voltage_source;
}

// Elements through which DC current can flow, tying the potential of their nodes.
bool conducts_dc(const Element& element) {
    switch (element.kind) {
        case ElementKind::resistor:
        case ElementKind::inductor:
        case ElementKind::voltage_source:
        case ElementKind::voltage_controlled_voltage_source:
        case ElementKind::current_controlled_voltage_source: return true;
        case ElementKind::voltage_controlled_current_source:
            // A G sensing its own output voltage is a conductance.
            return (element.nodes[0] == element.nodes[2] && element.nodes[1] == element.nodes[3]) ||
                   (element.nodes[0] == element.nodes[3] && element.nodes[1] == element.nodes[2]);
        default: return false;
    }
}

// The voltage-fixing elements on a path from `from` to `to`, found by breadth-first search.
std::vector<std::size_t> loop_path(const Circuit& circuit, const std::vector<std::size_t>& edges, int from, int to) {
    std::vector<std::ptrdiff_t> via(circuit.node_names.size(), -1);
    std::vector<bool> seen(circuit.node_names.size(), false);
    std::deque<int> queue{from};
    seen[from] = true;
    while (!queue.empty()) {
        const int node = queue.front();
        queue.pop_front();
        if (node == to) break;
        for (const std::size_t edge : edges) {
            const Element& element = circuit.elements[edge];
            const int a = element.nodes[0], b = element.nodes[1];
            const int other = a == node ? b : b == node ? a : -1;
            if (other < 0 || seen[other]) continue;
            seen[other] = true;
            via[other] = static_cast<std::ptrdiff_t>(edge);
            queue.push_back(other);
        }
    }
    std::vector<std::size_t> path;
    for (int node = to; node != from && via[node] >= 0;) {
        const Element& element = circuit.elements[via[node]];
        path.push_back(static_cast<std::size_t>(via[node]));
        node = element.nodes[0] == node ? element.nodes[1] : element.nodes[0];
    }
    return path;
}

// Coupled inductors store the energy 1/2 i^T L i, with L_ii the inductances and L_ij the
// sum of k sqrt(L_i L_j) over the K cards joining i and j. That is never negative for
// real coils: an L with a negative eigenvalue (couplings that contradict each other,
// such as k12 = k23 = 0.9 and k13 = -0.9, or two K cards on one pair adding to more
// than 1) is an error naming the K cards. A singular L (k = 1, an ideal transformer)
// is allowed, as in ngspice.
void check_coupled_inductors(const Circuit& circuit) {
    DisjointSets groups(circuit.elements.size());
    std::vector<std::size_t> couplings;
    for (std::size_t i = 0; i < circuit.elements.size(); ++i) {
        const Element& element = circuit.elements[i];
        if (element.kind != ElementKind::inductor_coupling) continue;
        groups.join(element.references[0], element.references[1]);
        couplings.push_back(i);
    }
    std::vector<bool> checked(circuit.elements.size(), false);
    for (const std::size_t first : couplings) {
        const std::size_t group = groups.find(circuit.elements[first].references[0]);
        if (checked[group]) continue;
        checked[group] = true;
        std::vector<std::size_t> inductors, cards;  // element indices
        for (const std::size_t k : couplings) {
            const Element& coupling = circuit.elements[k];
            if (groups.find(coupling.references[0]) != group) continue;
            cards.push_back(k);
            for (const std::size_t inductor : coupling.references)
                if (std::find(inductors.begin(), inductors.end(), inductor) == inductors.end()) inductors.push_back(inductor);
        }
        const auto n = static_cast<Eigen::Index>(inductors.size());
        Eigen::MatrixXd inductance = Eigen::MatrixXd::Zero(n, n);
        auto index_of = [&](std::size_t inductor) {
            return static_cast<Eigen::Index>(std::find(inductors.begin(), inductors.end(), inductor) - inductors.begin());
        };
        // Each row divided by sqrt(L_ii) and each column too: a unit diagonal, so that
        // the test does not depend on the inductances' scale.
        for (const std::size_t inductor : inductors) inductance(index_of(inductor), index_of(inductor)) = 1.0;
        for (const std::size_t k : cards) {
            const Element& coupling = circuit.elements[k];
            const Eigen::Index a = index_of(coupling.references[0]), b = index_of(coupling.references[1]);
            inductance(a, b) += coupling.value;  // k sqrt(|L_a L_b|) / sqrt(|L_a| |L_b|), as stamped
            inductance(b, a) += coupling.value;
        }
        for (const std::size_t inductor : inductors)
            if (circuit.elements[inductor].value < 0) inductance(index_of(inductor), index_of(inductor)) = -1.0;
        const double smallest = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(inductance, Eigen::EigenvaluesOnly)
                                    .eigenvalues()
                                    .minCoeff();
        if (smallest >= -1e-9) continue;  // roundoff of a singular (k = 1) set stays far above this
        std::string names;
        for (const std::size_t k : cards) names += (names.empty() ? "" : ", ") + circuit.elements[k].name;
        throw DeckError(circuit.elements[cards.front()].where,
                        "the coupled inductors of " + names +
                            " have no physical inductance matrix: it is not positive semidefinite (smallest "
                            "eigenvalue " + std::to_string(smallest) +
                            " of the matrix normalised to a unit diagonal), so some currents would store "
                            "negative energy; the coupling coefficients contradict each other");
    }
}

}  // namespace

void check_topology(const Circuit& circuit) {
    check_coupled_inductors(circuit);
    for (const Element& element : circuit.elements)
        if (is_two_terminal_output(element.kind) && element.nodes[0] == element.nodes[1])
            throw DeckError(element.node_where[1], element.name + " connects node '" +
                                                       circuit.node_names[element.nodes[0]] + "' to itself");

    DisjointSets voltage_loops(circuit.node_names.size());
    std::vector<std::size_t> voltage_edges;
    for (std::size_t i = 0; i < circuit.elements.size(); ++i) {
        const Element& element = circuit.elements[i];
        if (!fixes_voltage(element.kind)) continue;
        if (!voltage_loops.join(element.nodes[0], element.nodes[1])) {
            std::string names;
            for (const std::size_t edge : loop_path(circuit, voltage_edges, element.nodes[0], element.nodes[1]))
                names += circuit.elements[edge].name + ", ";
            throw DeckError(element.where, "loop of voltage sources and/or inductors: " + names + element.name);
        }
        voltage_edges.push_back(i);
    }

    DisjointSets dc_paths(circuit.node_names.size());
    for (const Element& element : circuit.elements)
        if (conducts_dc(element)) dc_paths.join(element.nodes[0], element.nodes[1]);
    for (const Element& element : circuit.elements) {
        for (std::size_t pin = 0; pin < element.nodes.size(); ++pin) {
            const int node = element.nodes[pin];
            if (dc_paths.find(node) != dc_paths.find(0))
                throw DeckError(element.node_where[pin],
                                "node '" + circuit.node_names[node] +
                                    "' has no DC path to ground (it connects only through capacitors, "
                                    "current sources or controlling inputs)");
        }
    }
}

}  // namespace hpsim::sim
