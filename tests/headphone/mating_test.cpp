// Plugs and jacks mate by their geometry and pin maps, read from the catalog.
#include <catch2/catch.hpp>

#include "headphone/mating.hpp"
#include "rig_support.hpp"

using namespace hpsim;

namespace {

headphone::Termination termination(const std::string& name) {
    return headphone::read_termination(testing::catalog(), name, {"test", 1, 1});
}

std::string problem_of(const std::string& jack, const std::string& plug) {
    const auto problem = headphone::mating_problem(termination(jack), termination(plug));
    return problem ? problem->aspect + ": " + problem->detail : "";
}

}  // namespace

TEST_CASE("a plug fits a jack of its family and diameter", "[mating]") {
    CHECK(problem_of("trs-3.5", "trs-3.5").empty());
    CHECK(problem_of("trrs-ctia-3.5", "trs-3.5").empty());  // a stereo plug in a headset jack
    CHECK(problem_of("trs-3.5", "trs-6.35") == "diameter: 6.35 mm plug, 3.5 mm jack");
    CHECK(problem_of("trs-6.35", "xlr-4") == "plug family: xlr plug, tip-ring-sleeve jack");
    CHECK(problem_of("xlr-4", "xlr-4").empty());
    CHECK(problem_of("two-pin-0.78", "mmcx") == "plug family: mmcx plug, two-pin jack");
}

TEST_CASE("a TRS plug in a TRRS jack touches ring 2 with its sleeve", "[mating]") {
    const auto touching = headphone::touching_contacts(termination("trrs-ctia-3.5"), termination("trs-3.5"));
    using Pairs = std::vector<std::pair<std::size_t, std::size_t>>;
    CHECK(touching == Pairs{{0, 0}, {1, 1}, {2, 2}, {3, 2}});  // ring 2 (ground) and sleeve (mic) both on the plug's sleeve
    const auto reversed = headphone::touching_contacts(termination("two-pin-0.78"), termination("two-pin-0.78"), true);
    CHECK(reversed == Pairs{{0, 1}, {1, 0}});
}

TEST_CASE("two vendors' mini-XLR variants go together but their pin maps do not connect", "[mating]") {
    CHECK_FALSE(headphone::geometry_problem(termination("mini-xlr-vendor-b"), termination("mini-xlr-vendor-a")));
    CHECK(problem_of("mini-xlr-vendor-b", "mini-xlr-vendor-a") ==
          "pin map: pin 1 is plus on the plug, unused in the socket; pin 2 is minus on the plug, unused in the socket; "
          "pin 3 is unused on the plug, plus in the socket; pin 4 is unused on the plug, minus in the socket");
    CHECK(problem_of("mini-xlr-vendor-a", "mini-xlr-vendor-a").empty());
    // Tip-ring-sleeve contacts that cross (CTIA into OMTP) are left to the simulation.
    CHECK(problem_of("trrs-omtp-3.5", "trrs-ctia-3.5").empty());
}
