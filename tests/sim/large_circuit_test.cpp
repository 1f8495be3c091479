// Large circuits go to the multifrontal method, which must give pivot replay's answers
// (pivot replay agrees with ngspice on a 60 x 60 mesh: tests/verify) and satisfy the
// circuit equations. The mesh's DC solution is ill-conditioned (condition number of order
// n^2): two correct factorisations differ by a few 1e-12 of the 1 V drive.
#include <catch2/catch.hpp>
#include <algorithm>
#include <complex>
#include <numbers>

#include "../support.hpp"
#include "sim/mna.hpp"
#include "sim/sparse_lu.hpp"

namespace {

using hpsim::sim::LuMethod;
using hpsim::sim::MnaSystem;
using hpsim::sim::SparseLu;
using Complex = std::complex<double>;

template <typename Scalar>
std::vector<Scalar> solve(const MnaSystem& system, const std::vector<Scalar>& matrix, const std::vector<Scalar>& rhs,
                          LuMethod method, LuMethod* used = nullptr) {
    SparseLu<Scalar> lu(system.size(), system.column_starts(), system.row_indices(), {1, method, {}});
    if (used) *used = lu.method();
    lu.factor(matrix);
    std::vector<Scalar> solution = rhs;
    lu.solve(solution);
    return solution;
}

// Largest |A x - b| over the rows, A in the system's compressed-column pattern.
template <typename Scalar>
double largest_residual(const MnaSystem& system, const std::vector<Scalar>& matrix, const std::vector<Scalar>& x,
                        const std::vector<Scalar>& rhs) {
    std::vector<Scalar> residual(rhs.size());
    for (std::size_t i = 0; i < rhs.size(); ++i) residual[i] = -rhs[i];
    for (std::size_t column = 0; column + 1 < system.column_starts().size(); ++column)
        for (int k = system.column_starts()[column]; k < system.column_starts()[column + 1]; ++k)
            residual[system.row_indices()[k]] += matrix[k] * x[column];
    double largest = 0.0;
    for (const Scalar& value : residual) largest = std::max(largest, std::abs(value));
    return largest;
}

template <typename Scalar>
double largest_difference(const std::vector<Scalar>& a, const std::vector<Scalar>& b) {
    double largest = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) largest = std::max(largest, std::abs(a[i] - b[i]));
    return largest;
}

}  // namespace

TEST_CASE("a 100 x 100 RC mesh is factored by the multifrontal method and agrees with pivot replay", "[solver][large]") {
    const auto deck = hpsim::sim::load_deck_text(hpsim::testing::rc_mesh_deck(100, ""), "mesh.cir");
    const MnaSystem system(deck.circuit);
    REQUIRE(system.size() == 100 * 100 + 2);
    std::vector<double> rhs(system.size(), 0.0);
    rhs.back() = 1.0;  // the source's branch row: v(in) = 1

    LuMethod used = LuMethod::automatic;
    const auto dc = solve(system, system.conductance(), rhs, LuMethod::automatic, &used);
    CHECK(used == LuMethod::multifrontal);
    CHECK(largest_residual(system, system.conductance(), dc, rhs) < 1e-15);
    const auto replayed = solve(system, system.conductance(), rhs, LuMethod::pivot_replay);
    CHECK(largest_difference(dc, replayed) < 1e-10);

    const double omega = 2.0 * std::numbers::pi * 10e3;
    std::vector<Complex> matrix(system.conductance().size());
    for (std::size_t k = 0; k < matrix.size(); ++k) matrix[k] = {system.conductance()[k], omega * system.reactance()[k]};
    const std::vector<Complex> complex_rhs(rhs.begin(), rhs.end());
    const auto ac = solve(system, matrix, complex_rhs, LuMethod::automatic);
    CHECK(largest_residual(system, matrix, ac, complex_rhs) < 1e-15);
    CHECK(largest_difference(ac, solve(system, matrix, complex_rhs, LuMethod::pivot_replay)) < 1e-10);
}

TEST_CASE("op and ac of a 100 x 100 RC mesh run through the multifrontal method to the same answers", "[large]") {
    const std::string text = hpsim::testing::rc_mesh_deck(100, ".op\n.ac dec 1 100 100k\n");
    const auto analyses = hpsim::testing::simulate_text(text);
    REQUIRE(analyses.size() == 2);
    REQUIRE(analyses[1].complex.size() == 4);
    const auto deck = hpsim::sim::load_deck_text(text, "mesh.cir");
    const MnaSystem system(deck.circuit);
    std::vector<double> rhs(system.size(), 0.0);
    rhs.back() = 1.0;
    CHECK(largest_difference(analyses[0].real[0], solve(system, system.conductance(), rhs, LuMethod::pivot_replay)) <
          1e-10);
    for (std::size_t point = 0; point < 4; ++point) {
        const double omega = 2.0 * std::numbers::pi * analyses[1].sweep[point];
        std::vector<Complex> matrix(system.conductance().size());
        for (std::size_t k = 0; k < matrix.size(); ++k)
            matrix[k] = {system.conductance()[k], omega * system.reactance()[k]};
        const std::vector<Complex> complex_rhs(rhs.begin(), rhs.end());
        CHECK(largest_residual(system, matrix, analyses[1].complex[point], complex_rhs) < 1e-15);
    }
}
