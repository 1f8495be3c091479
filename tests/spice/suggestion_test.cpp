#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "spice/suggestion.hpp"

using hpsim::spice::closest_name;
using hpsim::spice::did_you_mean;
using hpsim::spice::edit_distance;

TEST_CASE("edit distance counts insertions, deletions and substitutions", "[suggestion]") {
    CHECK(edit_distance("compare", "comapre") == 2);  // a swap is two substitutions
    CHECK(edit_distance("length_m", "lenght_m") == 2);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("hd600", "hd600-class") == 6);
}

TEST_CASE("the closest name is within a third of the word's length, or begins with it", "[suggestion]") {
    const std::vector<std::string> commands{"run", "check", "compile", "compare", "match", "sweep", "merge", "report", "models"};
    CHECK(closest_name("comapre", commands) == "compare");
    CHECK(closest_name("COMPARE", commands) == "compare");  // case counts for nothing
    CHECK(closest_name("sweeep", commands) == "sweep");
    CHECK(closest_name("frobnicate", commands) == std::nullopt);
    const std::vector<std::string> entries{"hd600-class", "hd800-class", "portable-player"};
    CHECK(closest_name("hd600", entries) == "hd600-class");  // a prefix, however far
    CHECK(closest_name("Portable-Playr", entries) == "portable-player");
    CHECK(closest_name("hd", entries) == std::nullopt);      // too short to be a prefix worth guessing
    CHECK(did_you_mean("hd800-clas", entries) == " (did you mean 'hd800-class'?)");
    CHECK(did_you_mean("xyz", entries).empty());
    CHECK(closest_name(std::string(5000, 'a'), entries) == std::nullopt);  // no guess for a page of text
}
