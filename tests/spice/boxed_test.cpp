// Boxed values: the rare parts of a card, on the heap, with the value's own semantics.
#include <catch2/catch.hpp>
#include <string>

#include "spice/boxed.hpp"
#include "spice/netlist.hpp"

using hpsim::spice::Boxed;

TEST_CASE("a boxed value reads its default while empty and copies deeply once written", "[spice]") {
    Boxed<std::string> empty;
    CHECK(!empty);
    CHECK(empty->empty());  // the default value, nothing allocated
    Boxed<std::string> written;
    written.edit() = "pwl";
    CHECK(written);
    Boxed<std::string> copy = written;
    copy.edit() += " td=1m";
    CHECK(*written == "pwl");  // the copy is its own value
    CHECK(*copy == "pwl td=1m");
    copy = empty;
    CHECK(!copy);
    Boxed<std::string> moved = std::move(written);
    CHECK(*moved == "pwl");
}

TEST_CASE("an element card holds its rare parts as pointers", "[spice]") {
    // A source's fields, a behavioural form and R/L/C model data once made up most of
    // every card (1,384 bytes): a deck of a million resistors carried them all.
    CHECK(sizeof(hpsim::spice::ElementCard) <= 400);
}
