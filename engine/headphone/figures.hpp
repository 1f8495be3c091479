#pragma once
// A variant's measurements as a flat, ordered list of named scalars: the JSON path of
// each figure joined with dots ("drive_vrms.left", "crosstalk_db.left_to_right.1000").
// compare's JSON nests this list, and a sweep writes it as the columns of a row, so
// the two always agree.
#include <string>
#include <variant>
#include <vector>

#include "headphone/measure.hpp"

namespace hpsim::headphone {

// A number, a word, or nothing (a figure that does not exist for this variant; JSON null).
using FigureValue = std::variant<std::monostate, double, std::string>;

struct Figure {
    std::string path;
    FigureValue value;
};

// Levels below this are the simulator's numerical floor, not a measurement: the
// crosstalk of a perfectly symmetric path computes as 1e-16 of the signal or exactly
// zero (measure floors it at -200 dB). Such a level is presented as "< -150 dB", never
// as a number: a null figure with its reason beside it.
constexpr double numerical_floor_db = -150;
inline bool below_floor(double level_db) { return level_db < numerical_floor_db; }

// Why a channel's crosstalk (into `victim` from the other channel) is below the floor:
// no signal to leak when the other driver receives nothing, else a symmetric path.
std::string crosstalk_floor_reason(const Measurements& variant, char victim);
// A level for a person: "< -150" below the floor, else printf(pattern, level_db).
std::string format_level_db(const char* pattern, double level_db);

// Every scalar of a variant except its name and hazards, in the JSON's order. A
// crosstalk below the floor is null, and its direction carries a "reason"
// ("crosstalk_db.left_to_right.reason"; null when every level is measured).
std::vector<Figure> variant_figures(const Measurements& variant);

// The figures as nested JSON objects, paths split at the dots (figures that share a
// prefix must be adjacent, as variant_figures gives them). Numbers to 6 significant
// digits, non-finite numbers as null. Without the enclosing braces.
std::string nested_json_members(const std::vector<Figure>& figures);

}  // namespace hpsim::headphone
