#include <catch2/catch.hpp>
#include <array>
#include <complex>
#include <random>
#include <vector>

#include "sim/elimination_plan.hpp"
#include "sim/sparse_lu.hpp"

using hpsim::sim::EliminationPlan;
using hpsim::sim::LuMethod;
using hpsim::sim::LuOptions;
using hpsim::sim::SparseLu;
using Complex = std::complex<double>;

namespace {

constexpr std::size_t lanes = EliminationPlan::lanes;

// A sparse n x n pattern: the diagonal, a ring and a few random couplings, column-major.
struct Pattern {
    std::size_t size = 0;
    std::vector<int> column_starts, row_indices;
};

Pattern ring_pattern(std::size_t size, std::mt19937& random) {
    std::vector<std::vector<bool>> present(size, std::vector<bool>(size, false));
    for (std::size_t i = 0; i < size; ++i) {
        present[i][i] = true;
        present[(i + 1) % size][i] = present[i][(i + 1) % size] = true;
    }
    std::uniform_int_distribution<std::size_t> node(0, size - 1);
    for (std::size_t extra = 0; extra < size; ++extra) present[node(random)][node(random)] = true;
    Pattern pattern{size, {0}, {}};
    for (std::size_t column = 0; column < size; ++column) {
        for (std::size_t row = 0; row < size; ++row)
            if (present[row][column]) pattern.row_indices.push_back(static_cast<int>(row));
        pattern.column_starts.push_back(static_cast<int>(pattern.row_indices.size()));
    }
    return pattern;
}

}  // namespace

TEST_CASE("lanes of frequencies give what each frequency factored alone gives", "[solver]") {
    std::mt19937 random(7);
    const Pattern pattern = ring_pattern(12, random);
    const std::size_t entries = pattern.row_indices.size();
    std::uniform_real_distribution<double> value(-1.0, 1.0);
    std::vector<double> conductance(entries), reactance(entries);
    for (std::size_t k = 0; k < entries; ++k) {
        conductance[k] = value(random);
        reactance[k] = 1e-3 * value(random);
    }
    for (std::size_t column = 0; column < pattern.size; ++column)  // diagonally dominant G: pivots hold over the band
        for (int k = pattern.column_starts[column]; k < pattern.column_starts[column + 1]; ++k)
            if (static_cast<std::size_t>(pattern.row_indices[k]) == column) conductance[k] += 10.0;
    std::array<double, lanes> omega;
    for (std::size_t l = 0; l < lanes; ++l) omega[l] = 2e3 * (1.0 + static_cast<double>(l));
    auto matrix_at = [&](double w) {
        std::vector<Complex> values(entries);
        for (std::size_t k = 0; k < entries; ++k) values[k] = Complex(conductance[k], w * reactance[k]);
        return values;
    };

    SparseLu<Complex> lu(pattern.size, pattern.column_starts, pattern.row_indices,
                         LuOptions{.expected_factorizations = 1000, .method = LuMethod::pivot_replay, .memory_available_bytes = {}});
    lu.factor(matrix_at(omega[0]));
    const EliminationPlan* plan = lu.plan();
    REQUIRE(plan != nullptr);
    EliminationPlan::LaneFactors factors;
    EliminationPlan::LaneScratch scratch;
    REQUIRE(plan->factor_frequencies(conductance, reactance, omega, factors));

    // A full right-hand side, and one that excites a single row (the solve skips the
    // rows that stay zero).
    std::vector<Complex> full(pattern.size), single(pattern.size);
    for (std::size_t i = 0; i < pattern.size; ++i) full[i] = Complex(value(random), value(random));
    single[5] = Complex(0.0, 1.0);
    for (const std::vector<Complex>& right_hand_side : {full, single}) {
        std::vector<Complex> solutions(pattern.size * lanes);
        plan->solve_frequencies(factors, right_hand_side, solutions, scratch);
        for (std::size_t l = 0; l < lanes; ++l) {
            SparseLu<Complex> alone(pattern.size, pattern.column_starts, pattern.row_indices);
            alone.factor(matrix_at(omega[l]));
            std::vector<Complex> expected = right_hand_side;
            alone.solve(expected);
            for (std::size_t i = 0; i < pattern.size; ++i) {
                const Complex got = solutions[l * pattern.size + i];
                CHECK(std::abs(got - expected[i]) <= 1e-12 * std::abs(expected[i]) + 1e-15);
            }
        }
    }
}

TEST_CASE("a pivot that vanishes in one lane of frequencies is reported", "[solver]") {
    // A 1 x 1 system A = jwC: zero at w = 0.
    const auto plan = EliminationPlan::compile(1, std::vector<int>{0, 1}, std::vector<int>{0}, std::vector<int>{0}, std::vector<int>{0});
    REQUIRE(plan.has_value());
    std::array<double, lanes> omega;
    omega.fill(1.0);
    EliminationPlan::LaneFactors factors;
    CHECK(plan->factor_frequencies(std::vector<double>{0.0}, std::vector<double>{1e-6}, omega, factors));
    omega[17] = 0.0;
    CHECK_FALSE(plan->factor_frequencies(std::vector<double>{0.0}, std::vector<double>{1e-6}, omega, factors));
}

TEST_CASE("a pivot far below the entry beneath it in one lane is reported", "[solver]") {
    // [[jwC, 1], [1, 1]] with the diagonal as pivots: l_21 = 1 / (jwC) passes 1e6 where wC < 1e-6.
    const std::vector<int> column_starts{0, 2, 4}, row_indices{0, 1, 0, 1}, identity{0, 1};
    const auto plan = EliminationPlan::compile(2, column_starts, row_indices, identity, identity);
    REQUIRE(plan.has_value());
    const std::vector<double> conductance{0.0, 1.0, 1.0, 1.0}, reactance{1.0, 0.0, 0.0, 0.0};
    std::array<double, lanes> omega;
    omega.fill(1e-3);
    EliminationPlan::LaneFactors factors;
    CHECK(plan->factor_frequencies(conductance, reactance, omega, factors));
    omega[31] = 1e-7;
    CHECK_FALSE(plan->factor_frequencies(conductance, reactance, omega, factors));
}
