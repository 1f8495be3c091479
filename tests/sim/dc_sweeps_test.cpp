// A .dc with two sources: the second steps, the first sweeps at each of its values
// (ngspice's layout: one vector per node, the first source's values as the scale);
// a .dc of a resistor, as ngspice allows.
#include <catch2/catch.hpp>

#include "../support.hpp"

using hpsim::testing::simulate_text;

TEST_CASE("a nested .dc sweeps the first source at each value of the second", "[dc]") {
    // Superposition at b: v = (v1/1k + v2/2k) / (1/1k + 1/2k + 1/1k).
    const auto results = simulate_text("nested\nV1 a 0 0\nV2 c 0 0\nR1 a b 1k\nR2 c b 2k\nR3 b 0 1k\n"
                                       ".dc V1 3 1 -1 V2 0 10 5\n");
    REQUIRE(results.size() == 1);
    const auto& dc = results[0];
    CHECK(dc.header.sweep_name == "v1");
    CHECK(dc.header.outer_sweep_name == "v2");
    CHECK(dc.sweep == std::vector<double>{3, 2, 1, 3, 2, 1, 3, 2, 1});
    CHECK(dc.outer_sweep == std::vector<double>{0, 0, 0, 5, 5, 5, 10, 10, 10});
    const std::vector<double> b = dc.real_vector("v(b)");
    for (std::size_t i = 0; i < b.size(); ++i)
        CHECK(b[i] == Approx((dc.sweep[i] / 1e3 + dc.outer_sweep[i] / 2e3) / (1 / 1e3 + 1 / 2e3 + 1 / 1e3)).epsilon(1e-12));
}

TEST_CASE("a nested .dc of a current source and a stepped deck keep the outer values in order", "[dc][step]") {
    const auto results = simulate_text("nested\n.param r=1k\nI1 0 b 0\nV2 c 0 0\nR2 c b {r}\nR3 b 0 1k\n"
                                       ".dc I1 0 1m 1m V2 1 2 1\n.step param r list 1k 3k\n");
    REQUIRE(results.size() == 2);
    CHECK(results[1].outer_sweep == std::vector<double>{1, 1, 2, 2});
    // r = 3k, I1 = 1 mA into b, V2 = 2: v(b) = (1m + 2/3k) / (1/3k + 1/1k).
    CHECK(results[1].real_vector("v(b)")[3] == Approx((1e-3 + 2 / 3e3) / (1 / 3e3 + 1 / 1e3)).epsilon(1e-12));
}

TEST_CASE("bad nested .dc cards are located", "[dc][errors]") {
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 1\n.dc V1 0 1 1 V1 0 2 1\n", "4:14", ".dc sweeps 'v1' twice");
    CHECK_ERROR("t\nV1 a 0 1\nV2 b 0 1\nR1 a b 1\n.dc V1 0 1 1 V2 0 2 0\n", "5:21", ".dc step is zero");
    CHECK_ERROR("t\nV1 a 0 1\nV2 b 0 1\nR1 a b 1\n.dc V1 0 1 1 V2 0 2 1 V3 0 1 1\n", "5:23", "at most two sources");
    CHECK_ERROR("t\nV1 a 0 1\nV2 b 0 1\nR1 a b 1\n.dc V1 0 1 1 V2 0 2\n", "5:20", "expected a step");
    CHECK_ERROR("t\nV1 a 0 1\nC1 a 0 1\nR1 a 0 1\n.dc V1 0 1 1 C1 0 2 1\n", "5:14", ".dc sweeps 'c1', which is not a V or I source or a resistor");
    CHECK_ERROR("t\nV1 a 0 1\nR1 a 0 1\n.dc R1 1 -1 -1\n", "4:1", ".dc sets resistor 'r1' to zero ohms");
}

TEST_CASE("a .dc of a resistor sets its resistance, times its card's m, at each point", "[dc]") {
    // R2 (m=2) from 1k to 3k under 1k from 1 V: v(2) = (R/2) / (1k + R/2); nested under V1.
    const auto results = simulate_text("r\nV1 1 0 1\nR1 1 2 1k\nR2 2 0 1k m=2\n.dc R2 1k 3k 1k V1 1 2 1\n");
    const auto& dc = results.at(0);
    CHECK(dc.header.sweep_name == "r2");
    REQUIRE(dc.sweep.size() == 6);
    const std::vector<double> v2 = dc.real_vector("v(2)");
    for (std::size_t i = 0; i < v2.size(); ++i)
        CHECK(v2[i] == Approx(dc.outer_sweep[i] * (dc.sweep[i] / 2) / (1e3 + dc.sweep[i] / 2)).epsilon(1e-12));
}
