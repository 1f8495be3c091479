#include "sim/topology.hpp"

#include <deque>
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

}  // namespace

void check_topology(const Circuit& circuit) {
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
