#include "sim/mna.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <cmath>

namespace hpsim::sim {
namespace {

constexpr std::size_t ground = static_cast<std::size_t>(-1);

struct Entry {
    std::size_t row, column;
    double conductance, reactance;
};

// What an element adds to G, C and b. Rows and columns equal to `ground` are dropped.
class Stamper {
public:
    std::vector<Entry> entries;
    std::vector<SourceEntry> sources;

    void g(std::size_t row, std::size_t column, double value) { add(row, column, value, 0.0); }
    void c(std::size_t row, std::size_t column, double value) { add(row, column, 0.0, value); }
    void source(std::size_t element, std::size_t row, double sign) {
        if (row != ground) sources.push_back({element, row, sign});
    }
    // A two-terminal admittance-like stamp: +v at (a,a), (b,b); -v at (a,b), (b,a).
    void conductance_between(std::size_t a, std::size_t b, double value, bool reactive) {
        add(a, a, reactive ? 0.0 : value, reactive ? value : 0.0);
        add(b, b, reactive ? 0.0 : value, reactive ? value : 0.0);
        add(a, b, reactive ? 0.0 : -value, reactive ? -value : 0.0);
        add(b, a, reactive ? 0.0 : -value, reactive ? -value : 0.0);
    }
    // Branch current k leaves node plus and enters node minus; its equation row is k.
    void branch_incidence(std::size_t k, std::size_t plus, std::size_t minus) {
        g(plus, k, 1.0);
        g(minus, k, -1.0);
        g(k, plus, 1.0);
        g(k, minus, -1.0);
    }

private:
    void add(std::size_t row, std::size_t column, double conductance, double reactance) {
        if (row != ground && column != ground) entries.push_back({row, column, conductance, reactance});
    }
};

struct StampContext {
    const Circuit& circuit;
    const std::vector<std::size_t>& branch_of;  // unknown of each element's branch current
    std::size_t element_index;

    std::size_t node(std::size_t pin) const {
        const int number = circuit.elements[element_index].nodes[pin];
        return number == 0 ? ground : static_cast<std::size_t>(number - 1);
    }
    std::size_t branch() const { return branch_of[element_index]; }
    std::size_t branch_of_reference(std::size_t which) const {
        return branch_of[circuit.elements[element_index].references[which]];
    }
    const Element& element() const { return circuit.elements[element_index]; }
};

using StampFunction = void (*)(const StampContext&, Stamper&);

void stamp_resistor(const StampContext& x, Stamper& s) {
    s.conductance_between(x.node(0), x.node(1), 1.0 / x.element().value, false);
}
void stamp_capacitor(const StampContext& x, Stamper& s) {
    s.conductance_between(x.node(0), x.node(1), x.element().value, true);
}
// v+ - v- - L di/dt = 0
void stamp_inductor(const StampContext& x, Stamper& s) {
    s.branch_incidence(x.branch(), x.node(0), x.node(1));
    s.c(x.branch(), x.branch(), -x.element().value);
}
// v+ - v- = V(t)
void stamp_voltage_source(const StampContext& x, Stamper& s) {
    s.branch_incidence(x.branch(), x.node(0), x.node(1));
    s.source(x.element_index, x.branch(), 1.0);
}
// I flows from + through the source to -: it leaves node + and enters node -.
void stamp_current_source(const StampContext& x, Stamper& s) {
    s.source(x.element_index, x.node(0), -1.0);
    s.source(x.element_index, x.node(1), 1.0);
}
// v+ - v- - gain (vc+ - vc-) = 0
void stamp_vcvs(const StampContext& x, Stamper& s) {
    const double gain = x.element().value;
    s.branch_incidence(x.branch(), x.node(0), x.node(1));
    s.g(x.branch(), x.node(2), -gain);
    s.g(x.branch(), x.node(3), gain);
}
// gm (vc+ - vc-) flows from + through the source to -.
void stamp_vccs(const StampContext& x, Stamper& s) {
    const double gm = x.element().value;
    s.g(x.node(0), x.node(2), gm);
    s.g(x.node(0), x.node(3), -gm);
    s.g(x.node(1), x.node(2), -gm);
    s.g(x.node(1), x.node(3), gm);
}
// gain * i(control) flows from + through the source to -.
void stamp_cccs(const StampContext& x, Stamper& s) {
    const double gain = x.element().value;
    const std::size_t control = x.branch_of_reference(0);
    s.g(x.node(0), control, gain);
    s.g(x.node(1), control, -gain);
}
// v+ - v- - r i(control) = 0
void stamp_ccvs(const StampContext& x, Stamper& s) {
    s.branch_incidence(x.branch(), x.node(0), x.node(1));
    s.g(x.branch(), x.branch_of_reference(0), -x.element().value);
}
// Mutual inductance M = k sqrt(L1 L2): v1 = L1 di1/dt + M di2/dt, and the same for v2.
void stamp_coupling(const StampContext& x, Stamper& s) {
    const Element& first = x.circuit.elements[x.element().references[0]];
    const Element& second = x.circuit.elements[x.element().references[1]];
    const double mutual = x.element().value * std::sqrt(std::abs(first.value * second.value));
    s.c(x.branch_of_reference(0), x.branch_of_reference(1), -mutual);
    s.c(x.branch_of_reference(1), x.branch_of_reference(0), -mutual);
}

// One stamp per element kind, in ElementKind order.
constexpr std::array<StampFunction, 10> stamps{
    stamp_resistor, stamp_capacitor, stamp_inductor, stamp_voltage_source, stamp_current_source,
    stamp_vcvs,     stamp_vccs,      stamp_cccs,     stamp_ccvs,           stamp_coupling,
};

}  // namespace

MnaSystem::MnaSystem(const Circuit& circuit) : circuit_(&circuit) {
    for (std::size_t node = 1; node < circuit.node_names.size(); ++node)
        unknown_names_.push_back("v(" + circuit.node_names[node] + ")");
    std::vector<std::size_t> branch_of(circuit.elements.size(), ground);
    for (std::size_t i = 0; i < circuit.elements.size(); ++i) {
        if (!has_branch_current(circuit.elements[i].kind)) continue;
        branch_of[i] = unknown_names_.size();
        branch_owner_.push_back(i);
        unknown_names_.push_back("i(" + circuit.elements[i].name + ")");
    }

    Stamper stamper;
    for (std::size_t i = 0; i < circuit.elements.size(); ++i)
        stamps[static_cast<std::size_t>(circuit.elements[i].kind)](StampContext{circuit, branch_of, i}, stamper);
    sources_ = std::move(stamper.sources);
    branch_of_ = std::move(branch_of);

    // Both parts get every entry (zero where only the other has a value), so that G and
    // C share one compressed-column pattern; Eigen sums duplicate entries.
    using Triplet = Eigen::Triplet<double, int>;
    std::vector<Triplet> conductance_entries, reactance_entries;
    for (const Entry& entry : stamper.entries) {
        const auto row = static_cast<int>(entry.row), column = static_cast<int>(entry.column);
        conductance_entries.emplace_back(row, column, entry.conductance);
        reactance_entries.emplace_back(row, column, entry.reactance);
    }
    const auto n = static_cast<Eigen::Index>(size());
    Eigen::SparseMatrix<double, Eigen::ColMajor, int> conductance_matrix, reactance_matrix;
    conductance_matrix.resize(n, n);
    reactance_matrix.resize(n, n);
    conductance_matrix.setFromTriplets(conductance_entries.begin(), conductance_entries.end());
    reactance_matrix.setFromTriplets(reactance_entries.begin(), reactance_entries.end());
    conductance_matrix.makeCompressed();
    reactance_matrix.makeCompressed();
    const int* starts = conductance_matrix.outerIndexPtr();
    const int* rows = conductance_matrix.innerIndexPtr();
    column_starts_.assign(starts, starts + n + 1);
    row_indices_.assign(rows, rows + conductance_matrix.nonZeros());
    conductance_.assign(conductance_matrix.valuePtr(), conductance_matrix.valuePtr() + conductance_matrix.nonZeros());
    reactance_.assign(reactance_matrix.valuePtr(), reactance_matrix.valuePtr() + reactance_matrix.nonZeros());

    entry_position_.reserve(stamper.entries.size());
    for (const Entry& entry : stamper.entries) {
        const auto first = row_indices_.begin() + column_starts_[entry.column];
        const auto last = row_indices_.begin() + column_starts_[entry.column + 1];
        entry_position_.push_back(static_cast<int>(std::lower_bound(first, last, static_cast<int>(entry.row)) - row_indices_.begin()));
    }
}

void MnaSystem::restamp(const Circuit& circuit) {
    if (!same_structure(*circuit_, circuit))
        throw std::invalid_argument("restamp: the circuit's structure differs from the system's");
    circuit_ = &circuit;
    Stamper stamper;
    for (std::size_t i = 0; i < circuit.elements.size(); ++i)
        stamps[static_cast<std::size_t>(circuit.elements[i].kind)](StampContext{circuit, branch_of_, i}, stamper);
    ++values_version_;
    std::fill(conductance_.begin(), conductance_.end(), 0.0);
    std::fill(reactance_.begin(), reactance_.end(), 0.0);
    for (std::size_t k = 0; k < stamper.entries.size(); ++k) {
        conductance_[entry_position_[k]] += stamper.entries[k].conductance;
        reactance_[entry_position_[k]] += stamper.entries[k].reactance;
    }
}

bool same_structure(const Circuit& first, const Circuit& second) {
    if (first.node_names.size() != second.node_names.size() || first.elements.size() != second.elements.size()) return false;
    for (std::size_t i = 0; i < first.elements.size(); ++i) {
        const Element& a = first.elements[i];
        const Element& b = second.elements[i];
        if (a.kind != b.kind || a.nodes != b.nodes || a.references != b.references) return false;
    }
    return true;
}

std::string MnaSystem::describe_unknown(std::size_t unknown) const {
    const std::size_t nodes = circuit_->node_names.size() - 1;
    if (unknown < nodes) return "node '" + circuit_->node_names[unknown + 1] + "'";
    if (unknown - nodes < branch_owner_.size())
        return "the current of '" + circuit_->elements[branch_owner_[unknown - nodes]].name + "'";
    return "unknown " + std::to_string(unknown);
}

std::optional<std::size_t> MnaSystem::branch_unknown(std::size_t element) const {
    if (element >= branch_of_.size() || branch_of_[element] == ground) return std::nullopt;
    return branch_of_[element];
}

// A plain loop over the compressed columns: the transient calls this twice per step,
// and on the small circuits where steps are many, setting up Eigen's product costs
// more than the product.
void MnaSystem::multiply_reactance(const double* x, double* y) const {
    const std::size_t n = size();
    const int* const starts = column_starts_.data();
    const int* const rows = row_indices_.data();
    const double* const values = reactance_.data();
    std::fill(y, y + n, 0.0);
    for (std::size_t column = 0; column < n; ++column) {
        const double value = x[column];
        for (int k = starts[column]; k < starts[column + 1]; ++k) y[rows[k]] += values[k] * value;
    }
}

}  // namespace hpsim::sim
