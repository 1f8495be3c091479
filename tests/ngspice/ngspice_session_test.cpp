#include <algorithm>
#include <catch2/catch.hpp>

#include "ngspice/ngspice_session.hpp"

using namespace hpsim::ngspice;

TEST_CASE("hpsim vector names map to ngspice's, inside subcircuits too", "[ngspice]") {
    CHECK(to_ngspice_vector_name("v(out)") == "out");
    CHECK(to_ngspice_vector_name("v(xf.x1.m)") == "xf.x1.m");
    CHECK(to_ngspice_vector_name("i(v1)") == "v1#branch");
    CHECK(to_ngspice_vector_name("i(xf.x1.l1)") == "l.xf.x1.l1#branch");
    CHECK(to_ngspice_vector_name("i(x1.e2)") == "e.x1.e2#branch");
}

TEST_CASE("an element whose own name holds a dot keeps it whole in ngspice's branch name", "[ngspice]") {
    CHECK(to_ngspice_vector_name("i(v2.)") == "v2.#branch");
    CHECK(to_ngspice_vector_name("i(v.a)") == "v.a#branch");
    CHECK(to_ngspice_vector_name("i(x1.v2.)") == "v.x1.v2.#branch");
    CHECK(to_ngspice_vector_name("i(xa.xb.l1.5)") == "l.xa.xb.l1.5#branch");
}

TEST_CASE("a node whose name starts with a digit, V(name) in ngspice, is read by its name", "[ngspice]") {
    CHECK(to_ngspice_vector_name("v(1)") == "1");
    CHECK(to_ngspice_vector_name("v(2a)") == "2a");
    CHECK(to_ngspice_vector_name("v(x1.5)") == "x1.5");
    std::string why_not;
    Session* session = Session::instance(why_not);
    REQUIRE(session);
    const RunResult result = session->run({"numbers", "V1 1 0 1", "R1 1 2a 1k", "R2 2a 0 1k", ".op", ".end"});
    REQUIRE(result.plots.size() == 1);
    std::vector<std::string> names;
    for (const Vector& vector : result.plots[0].vectors) names.push_back(vector.name);
    CHECK(std::find(names.begin(), names.end(), to_ngspice_vector_name("v(1)")) != names.end());
    CHECK(std::find(names.begin(), names.end(), to_ngspice_vector_name("v(2a)")) != names.end());
}

TEST_CASE("a deck ngspice rejects raises its error, and the next run starts clean", "[ngspice]") {
    std::string why_not;
    Session* session = Session::instance(why_not);
    REQUIRE(session);
    const RunResult good = session->run({"divider", "V1 a 0 1", "R1 a b 1k", "R2 b 0 1k", ".op", ".end"});
    REQUIRE(good.plots.size() == 1);
    CHECK(good.plots[0].type == "op");

    try {
        session->run({"bad", "V1 a 0 1", "X1 a 0 nowhere", ".op", ".end"});
        FAIL("ngspice accepted an unknown subcircuit");
    } catch (const NgspiceError& error) {
        CHECK(std::string(error.what()).find("rror") != std::string::npos);
    }

    const RunResult again = session->run({"rc", "V1 a 0 AC 1", "R1 a b 1k", "C1 b 0 1u", ".ac lin 3 1 3", ".end"});
    REQUIRE(again.plots.size() == 1);
    CHECK(again.plots[0].type == "ac");
    CHECK(again.plots[0].scale == "frequency");
}
