#pragma once
// One variant's result and how the sweep writes it: a CSV row or a JSON line.
//
// CSV: variant, one column per axis (named by its figure), mode, every figure of
// compare's JSON by its dotted path (figures.hpp), hazards.danger, hazards.warning,
// hazards.info (counts), hazards.codes (space separated), error (empty unless the
// variant could not be simulated). Numbers as compare's JSON writes them; an absent
// figure is an empty field.
// JSON lines: {"variant": N, "axes": {figure: value, ...}, "mode": ..., <the figures,
// nested as in compare's JSON>, "hazards": [...], "error": null or "message"}.
#include <string>
#include <vector>

#include "headphone/figures.hpp"
#include "headphone/measure.hpp"
#include "headphone/sweep/spec.hpp"

namespace hpsim::headphone::sweep {

struct Row {
    std::size_t variant = 0;
    std::vector<AxisValue> axis_values;
    std::string mode;
    std::vector<Figure> figures;  // without "mode"; empty after an error
    std::vector<Hazard> hazards;
    std::string error;
};

enum class Format { csv, jsonl };

std::string csv_header(const Spec& spec);
std::string csv_row(const Row& row);
std::string jsonl_row(const Spec& spec, const Row& row);

// hazards.danger, hazards.warning, hazards.info: how many of this severity.
std::size_t hazard_count(const std::vector<Hazard>& hazards, const std::string& severity);
// hazards.codes: the codes, space separated, in the order found.
std::string hazard_codes(const std::vector<Hazard>& hazards);

// The figure columns every row has, in order (from a measurement of any rig: the set
// does not depend on the rig).
const std::vector<std::string>& figure_columns();

}  // namespace hpsim::headphone::sweep
