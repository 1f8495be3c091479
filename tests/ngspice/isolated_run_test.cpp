// ngspice runs in a child process: when it crashes, hpsim carries on and says so.
#include <catch2/catch.hpp>

#include "../support.hpp"
#include "ngspice/ngspice_session.hpp"
#include "verify/cross_check.hpp"

using namespace hpsim::ngspice;

namespace {

// ngspice 39 recurses without end on an .include cycle and dies of a segmentation
// fault (hpsim reports the cycle itself; here ngspice is given it directly).
std::string include_cycle_card() {
    return ".include \"" + hpsim::testing::source_path("tests/data/include-cycle/a.inc") + "\"";
}

}  // namespace

TEST_CASE("results from ngspice's child process are those of an in-process run", "[ngspice]") {
    std::string why_not;
    Session* session = Session::instance(why_not);
    REQUIRE(session);
    const std::vector<std::string> deck{"rc", "V1 a 0 DC 1 AC 1", "R1 a b 1k", "C1 b 0 1u", ".op", ".ac lin 3 1 3", ".end"};
    const RunResult isolated = session->run_isolated(deck);
    const RunResult direct = session->run(deck);
    REQUIRE(isolated.plots.size() == direct.plots.size());
    for (std::size_t p = 0; p < direct.plots.size(); ++p) {
        CHECK(isolated.plots[p].type == direct.plots[p].type);
        CHECK(isolated.plots[p].scale == direct.plots[p].scale);
        REQUIRE(isolated.plots[p].vectors.size() == direct.plots[p].vectors.size());
        for (std::size_t v = 0; v < direct.plots[p].vectors.size(); ++v) {
            CHECK(isolated.plots[p].vectors[v].name == direct.plots[p].vectors[v].name);
            CHECK(isolated.plots[p].vectors[v].real == direct.plots[p].vectors[v].real);
            CHECK(isolated.plots[p].vectors[v].complex == direct.plots[p].vectors[v].complex);
        }
    }
    CHECK_THROWS_AS(session->run_isolated({"bad", "V1 a 0 1", "X1 a 0 nowhere", ".op", ".end"}), NgspiceError);
}

TEST_CASE("ngspice crashing on a deck is reported, and the process and ngspice carry on", "[ngspice]") {
    std::string why_not;
    Session* session = Session::instance(why_not);
    REQUIRE(session);
    try {
        session->run_isolated({"cycle", "V1 a 0 1", "R1 a 0 1", include_cycle_card(), ".op", ".end"});
        FAIL("ngspice survived an include cycle");
    } catch (const NgspiceCrashed& crash) {
        CHECK(std::string(crash.what()).rfind("ngspice crashed on this deck (signal ", 0) == 0);
    }
    const RunResult after = session->run_isolated({"divider", "V1 a 0 1", "R1 a b 1k", "R2 b 0 1k", ".op", ".end"});
    REQUIRE(after.plots.size() == 1);
}

TEST_CASE("check keeps hpsim's results when ngspice crashes on the deck", "[ngspice][verify]") {
    auto deck = hpsim::sim::load_deck_text("divider\nV1 a 0 1\nR1 a b 1k\nR2 b 0 3k\n.op\n", "test.cir");
    // What ngspice is given gains the card that crashes it; hpsim's circuit is unchanged.
    deck.cards.cards.push_back({{{hpsim::spice::TokenKind::word, ".include", {}},
                                 {hpsim::spice::TokenKind::quoted,
                                  hpsim::testing::source_path("tests/data/include-cycle/a.inc"), {}}},
                                {}});
    const auto report = hpsim::verify::cross_check(deck, {});
    CHECK_FALSE(report.passed());
    CHECK(report.ngspice_crash.rfind("ngspice crashed on this deck", 0) == 0);
    REQUIRE(report.hpsim_results.size() == 1);
    CHECK(report.hpsim_results[0].real_vector("v(b)")[0] == Approx(0.75));
}
