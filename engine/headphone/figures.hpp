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

// Every scalar of a variant except its name and hazards, in the JSON's order.
std::vector<Figure> variant_figures(const Measurements& variant);

// The figures as nested JSON objects, paths split at the dots (figures that share a
// prefix must be adjacent, as variant_figures gives them). Numbers to 6 significant
// digits, non-finite numbers as null. Without the enclosing braces.
std::string nested_json_members(const std::vector<Figure>& figures);

}  // namespace hpsim::headphone
