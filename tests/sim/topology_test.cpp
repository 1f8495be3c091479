// Topology rules run before solving and say what is wrong.
#include <catch2/catch.hpp>

#include "../support.hpp"

using hpsim::testing::error_of;

TEST_CASE("a node reached only through a capacitor has no DC path to ground", "[topology]") {
    const std::string message = error_of("t\nV1 a 0 1\nR1 a 0 1k\nC1 a float 1n\n.op\n");
    INFO(message);
    CHECK(message.rfind("test.cir:4:6: error: node 'float' has no DC path to ground", 0) == 0);
}

TEST_CASE("a floating node inside a subcircuit is named hierarchically", "[topology]") {
    const std::string message = error_of("t\n.subckt s a\nC1 a inner 1n\n.ends\nV1 a 0 1\nX1 a s\n.op\n");
    CHECK(message.find("node 'x1.inner' has no DC path") != std::string::npos);
}

TEST_CASE("two voltage sources in parallel form a loop", "[topology]") {
    const std::string message = error_of("t\nV1 a 0 1\nV2 a 0 2\nR1 a 0 1\n.op\n");
    INFO(message);
    CHECK(message.rfind("test.cir:3:1: error: loop of voltage sources and/or inductors: v1, v2", 0) == 0);
}

TEST_CASE("an inductor across a voltage source forms a loop", "[topology]") {
    const std::string message = error_of("t\nV1 a 0 1\nR1 a b 1\nL1 a c 1m\nL2 c 0 1m\n.op\n");
    CHECK(message.find("loop of voltage sources and/or inductors") != std::string::npos);
    CHECK(message.find("l2") != std::string::npos);
}

TEST_CASE("an element connected to itself is an error", "[topology]") {
    const std::string message = error_of("t\nV1 a 0 1\nR1 a 0 1\nR2 a a 1\n.op\n");
    INFO(message);
    CHECK(message.rfind("test.cir:4:6: error: r2 connects node 'a' to itself", 0) == 0);
}

TEST_CASE("a current source alone in series makes a node without a DC path", "[topology]") {
    const std::string message = error_of("t\nI1 0 a 1m\nC1 a 0 1n\n.op\n");
    CHECK(message.find("node 'a' has no DC path") != std::string::npos);
}
