#include "sim/ac_response.hpp"

#include <numbers>

namespace hpsim::sim {

AcResponse::AcResponse(const MnaSystem& system, std::size_t expected_frequencies)
    : system_(system),
      lu_(system.size(), system.column_starts(), system.row_indices(), {.expected_factorizations = expected_frequencies}),
      matrix_(system.conductance().size()) {}

void AcResponse::solve(double frequency_hz, std::span<const std::vector<Complex>> excitations,
                       std::vector<std::vector<Complex>>& solutions) {
    const double omega = 2.0 * std::numbers::pi * frequency_hz;
    const std::vector<double>& conductance = system_.conductance();
    const std::vector<double>& reactance = system_.reactance();
    for (std::size_t k = 0; k < matrix_.size(); ++k) matrix_[k] = Complex(conductance[k], omega * reactance[k]);
    lu_.factor(matrix_);
    solutions.resize(excitations.size());
    for (std::size_t e = 0; e < excitations.size(); ++e) {
        solutions[e] = excitations[e];
        lu_.solve(solutions[e]);
    }
}

std::vector<std::complex<double>> ac_excitation(const MnaSystem& system, std::span<const std::complex<double>> phasors) {
    std::vector<std::complex<double>> excitation(system.size());
    for (const SourceEntry& entry : system.sources()) excitation[entry.row] += entry.sign * phasors[entry.element];
    return excitation;
}

}  // namespace hpsim::sim
