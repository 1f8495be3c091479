#pragma once
// Modified nodal analysis of a linear circuit, split once into a conductance part G
// and a reactive part C on one shared sparse pattern:  G x + C dx/dt = b(t).
// DC solves G x = b; AC solves (G + jwC) x = b_ac; transient integrates C.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/SparseCore>

#include "sim/circuit.hpp"

namespace hpsim::sim {

// Where an independent source enters b: b[row] += sign * source value.
struct SourceEntry {
    std::size_t element = 0;
    std::size_t row = 0;
    double sign = 1.0;
};

class MnaSystem {
public:
    explicit MnaSystem(const Circuit& circuit);

    // New values for the same topology (a circuit of equal structure, see
    // same_structure): every stamp's position in the pattern was resolved once, so this
    // only sums numbers; the pattern, and any ordering and pivots chosen for it, stay
    // valid. The system refers to `circuit` from now on. Throws std::invalid_argument
    // when the structure differs.
    void restamp(const Circuit& circuit);
    // Changes with every restamp: what a solver derived from G and C is stale when it differs.
    std::size_t values_version() const { return values_version_; }

    std::size_t size() const { return unknown_names_.size(); }
    // "v(node)" for nodes 1..N-1, then "i(element)" for each branch current.
    const std::vector<std::string>& unknown_names() const { return unknown_names_; }
    std::string describe_unknown(std::size_t unknown) const;  // "node 'x'" / "the current of 'l1'"
    std::size_t voltage_count() const { return circuit_->node_names.size() - 1; }  // unknowns 0..this-1
    // The unknown of the element's branch current (V, L, E, H); nullopt for the others.
    std::optional<std::size_t> branch_unknown(std::size_t element) const;

    const std::vector<int>& column_starts() const { return column_starts_; }
    const std::vector<int>& row_indices() const { return row_indices_; }
    const std::vector<double>& conductance() const { return conductance_; }  // G, pattern order
    const std::vector<double>& reactance() const { return reactance_; }      // C, pattern order
    const std::vector<SourceEntry>& sources() const { return sources_; }

    void multiply_reactance(const double* x, double* y) const;  // y = C x

private:
    const Circuit* circuit_;
    std::vector<std::string> unknown_names_;
    std::vector<std::size_t> branch_owner_;  // element of each branch unknown
    std::vector<std::size_t> branch_of_;     // branch unknown of each element, or -1
    // The same, as plain arrays for the solver and the AC restamp.
    std::vector<int> column_starts_, row_indices_;
    std::vector<double> conductance_, reactance_;
    std::vector<SourceEntry> sources_;
    std::vector<int> entry_position_;
    std::size_t values_version_ = 0;  // where each stamp entry lands in the pattern, in stamp order
};

// Same elements (kinds, nodes, references) and nodes: one matrix pattern serves both.
bool same_structure(const Circuit& first, const Circuit& second);

}  // namespace hpsim::sim
