#pragma once
// compare's measurements as an engineer reads them: plain sentences, a table (one
// column per variant), JSON, and the curves as CSV.
#include <string>
#include <vector>

#include "headphone/comparison.hpp"
#include "headphone/measure.hpp"

namespace hpsim::headphone {

std::vector<std::string> sentences(const std::vector<Measurements>& variants);

// The comparison table: a label with its unit, then one cell per variant.
struct TableRow {
    std::string label;
    std::vector<std::string> cells;
};
std::vector<TableRow> comparison_rows(const std::vector<Measurements>& variants, double level_vrms);
std::string format_table(const std::vector<Measurements>& variants, double level_vrms);
// `skipped`: the modes asked that a rig's amplifier does not have ("skipped": [...]).
std::string format_json(const std::vector<Measurements>& variants, double level_vrms, const std::vector<SkippedMode>& skipped = {});
// One variant of format_json's "variants", and a list of hazards, as JSON objects.
std::string variant_json(const Measurements& variant);
std::string hazards_json(const std::vector<Hazard>& hazards);
// Levels below the numerical floor (figures.hpp) are empty fields.
std::string format_curves_csv(const std::vector<Measurements>& variants, const std::vector<std::vector<CurvePoint>>& curves);

}  // namespace hpsim::headphone
