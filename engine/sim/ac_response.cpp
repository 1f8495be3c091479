#include "sim/ac_response.hpp"

#include <algorithm>
#include <array>
#include <numbers>

#include "sim/finite.hpp"

namespace hpsim::sim {
namespace {

constexpr std::size_t lanes = EliminationPlan::lanes;

}  // namespace

AcResponse::AcResponse(const MnaSystem& system, std::size_t expected_frequencies)
    : system_(system),
      lu_(system.size(), system.column_starts(), system.row_indices(),
          LuOptions{.expected_factorizations = expected_frequencies, .method = LuMethod::automatic, .memory_available_bytes = {}}),
      matrix_(system.conductance().size()),
      solution_(system.size()) {}

void AcResponse::solve_alone(std::size_t index, double frequency_hz, std::span<const std::vector<Complex>> excitations,
                             const Deliver& deliver, const Inspect& inspect) {
    const double omega = 2.0 * std::numbers::pi * frequency_hz;
    const std::vector<double>& conductance = system_.conductance();
    const std::vector<double>& reactance = system_.reactance();
    for (std::size_t k = 0; k < matrix_.size(); ++k) matrix_[k] = Complex(conductance[k], omega * reactance[k]);
    try {
        lu_.factor(matrix_);
    } catch (const SingularMatrix& singular) {
        throw SingularAtFrequency(singular.column(), frequency_hz);
    }
    for (std::size_t e = 0; e < excitations.size(); ++e) {
        solution_ = excitations[e];
        lu_.solve(solution_);
        if (!all_finite(std::span<const Complex>(solution_)))
            for (std::size_t i = 0; i < solution_.size(); ++i)
                if (!all_finite(std::span<const Complex>(&solution_[i], 1))) throw NotFiniteAtFrequency(i, frequency_hz);
        if (e == 0 && inspect) inspect(index, lu_, matrix_, solution_);
        deliver(index, e, solution_);
    }
}

void AcResponse::sweep(std::span<const double> frequencies, std::span<const std::vector<Complex>> excitations, const Deliver& deliver,
                       const Inspect& inspect) {
    const std::size_t n = system_.size();
    for (std::size_t first = 0; first < frequencies.size();) {
        const EliminationPlan* plan = lu_.plan();
        if (!plan) {  // the pivots are chosen at one point; the lanes take the points after it
            solve_alone(first, frequencies[first], excitations, deliver, inspect);
            ++first;
            continue;
        }
        const std::size_t count = std::min(lanes, frequencies.size() - first);
        std::array<double, lanes> omega;  // a short last block repeats its last frequency in the spare lanes
        for (std::size_t l = 0; l < lanes; ++l) omega[l] = 2.0 * std::numbers::pi * frequencies[first + std::min(l, count - 1)];
        if (!plan->factor_frequencies(system_.conductance(), system_.reactance(), omega, lane_factors_)) {
            // a pivot went bad: new pivots, point by point
            for (std::size_t l = 0; l < count; ++l) solve_alone(first + l, frequencies[first + l], excitations, deliver, inspect);
            first += count;
            continue;
        }
        // Every excitation's solutions first: a block with a number that is not finite is
        // solved again point by point before anything of it is delivered, which names
        // the first unknown and frequency that are not finite.
        const std::size_t block_size = n * lanes;
        lane_solutions_.resize(block_size * excitations.size());
        for (std::size_t e = 0; e < excitations.size(); ++e)
            plan->solve_frequencies(lane_factors_, excitations[e], std::span(lane_solutions_).subspan(e * block_size, block_size), lane_scratch_);
        if (!all_finite(std::span<const Complex>(lane_solutions_))) {
            for (std::size_t l = 0; l < count; ++l) solve_alone(first + l, frequencies[first + l], excitations, deliver, inspect);
            first += count;
            continue;
        }
        for (std::size_t e = 0; e < excitations.size(); ++e)
            for (std::size_t l = 0; l < count; ++l) deliver(first + l, e, std::span(lane_solutions_).subspan((e * lanes + l) * n, n));
        first += count;
    }
}

std::vector<std::complex<double>> ac_excitation(const MnaSystem& system, std::span<const std::complex<double>> phasors) {
    std::vector<std::complex<double>> excitation(system.size());
    for (const SourceEntry& entry : system.sources()) excitation[entry.row] += entry.sign * phasors[entry.element];
    return excitation;
}

}  // namespace hpsim::sim
