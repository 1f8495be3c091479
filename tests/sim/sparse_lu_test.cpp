#include <catch2/catch.hpp>
#include <complex>

#include "../support.hpp"
#include "sim/mna.hpp"
#include "sim/sparse_lu.hpp"

using hpsim::sim::SingularMatrix;
using hpsim::sim::SparseLu;

// Pattern of a full 2x2 matrix, column-major: (0,0) (1,0) (0,1) (1,1).
static const std::vector<int> column_starts{0, 2, 4};
static const std::vector<int> row_indices{0, 1, 0, 1};

TEST_CASE("refactoring keeps the pivots while they stay good", "[solver]") {
    SparseLu<double> lu(2, column_starts, row_indices);
    lu.factor(std::vector<double>{4, 1, 1, 3});
    lu.factor(std::vector<double>{5, 1, 2, 3});
    CHECK(lu.full_factorizations() == 1);
    std::vector<double> x{7, 4};  // [[5,2],[1,3]] x = [7,4] -> x = [1,1]
    lu.solve(x);
    CHECK(x[0] == Approx(1.0));
    CHECK(x[1] == Approx(1.0));
}

TEST_CASE("a pivot that goes bad triggers a factorisation from scratch", "[solver]") {
    SparseLu<double> lu(2, column_starts, row_indices);
    lu.factor(std::vector<double>{4, 1, 1, 3});
    lu.factor(std::vector<double>{0, 1, 1, 0});  // the old diagonal pivots are now zero
    CHECK(lu.full_factorizations() == 2);
    std::vector<double> x{2, 3};  // [[0,1],[1,0]] x = [2,3] -> x = [3,2]
    lu.solve(x);
    CHECK(x[0] == Approx(3.0));
    CHECK(x[1] == Approx(2.0));
}

TEST_CASE("complex systems factor and solve", "[solver]") {
    using Complex = std::complex<double>;
    SparseLu<Complex> lu(2, column_starts, row_indices);
    lu.factor(std::vector<Complex>{{1, 1}, 0, 0, {0, 2}});
    std::vector<Complex> x{{2, 0}, {0, 4}};
    lu.solve(x);
    CHECK(std::abs(x[0] - Complex(1, -1)) < 1e-15);
    CHECK(std::abs(x[1] - Complex(2, 0)) < 1e-15);
}

TEST_CASE("a singular matrix names a zero-pivot column", "[solver]") {
    SparseLu<double> lu(2, column_starts, row_indices);
    CHECK_THROWS_AS(lu.factor(std::vector<double>{1, 2, 2, 4}), SingularMatrix);
}

TEST_CASE("the multifrontal method solves real and complex systems", "[solver]") {
    using hpsim::sim::LuMethod;
    using Complex = std::complex<double>;
    SparseLu<double> real(2, column_starts, row_indices, {1, LuMethod::multifrontal, {}});
    CHECK(real.method() == LuMethod::multifrontal);
    real.factor(std::vector<double>{0, 1, 1, 0});  // needs a row exchange
    std::vector<double> x{2, 3};
    real.solve(x);
    CHECK(x[0] == Approx(3.0));
    CHECK(x[1] == Approx(2.0));
    real.factor(std::vector<double>{5, 1, 2, 3});  // new values, same pattern
    x = {7, 4};
    real.solve(x);
    CHECK(x[0] == Approx(1.0));
    CHECK(x[1] == Approx(1.0));

    SparseLu<Complex> complex(2, column_starts, row_indices, {1, LuMethod::multifrontal, {}});
    complex.factor(std::vector<Complex>{{1, 1}, 0, 0, {0, 2}});
    std::vector<Complex> z{{2, 0}, {0, 4}};
    complex.solve(z);
    CHECK(std::abs(z[0] - Complex(1, -1)) < 1e-15);
    CHECK(std::abs(z[1] - Complex(2, 0)) < 1e-15);
}

TEST_CASE("the multifrontal method names a zero-pivot column", "[solver]") {
    SparseLu<double> lu(2, column_starts, row_indices, {1, hpsim::sim::LuMethod::multifrontal, {}});
    try {
        lu.factor(std::vector<double>{1, 0, 0, 0});  // the second unknown appears nowhere
        FAIL("no SingularMatrix thrown");
    } catch (const SingularMatrix& singular) {
        CHECK(singular.column() == 1);
    }
}

TEST_CASE("factors that would not fit in the memory available fail before anything large is allocated", "[sparse]") {
    const std::string deck = hpsim::testing::rc_mesh_deck(60, ".op\n");  // 3600 nodes
    const auto loaded = hpsim::sim::load_deck_text(deck, "mesh.cir");
    const hpsim::sim::MnaSystem system(loaded.circuit);
    try {
        hpsim::sim::SparseLu<double> lu(system.size(), system.column_starts(), system.row_indices(),
                                        {.memory_available_bytes = 1e6});
        FAIL("a 3600-node mesh's factors fitted in 1 MB");
    } catch (const hpsim::sim::MatrixTooLarge& error) {
        CHECK(std::string(error.what()).find("unknowns) needs about") != std::string::npos);
        CHECK(std::string(error.what()).find("more than the 0.001 GB of memory available") != std::string::npos);
    }
    hpsim::sim::SparseLu<double> fits(system.size(), system.column_starts(), system.row_indices(),
                                      {.memory_available_bytes = 1e8});
    CHECK_NOTHROW(fits.factor(system.conductance()));
}
