#pragma once
// The CSV that `hpsim sweep` writes, read back: one row per variant,
//   variant,<axis 1>,...,<axis n>,mode,<every figure of variant_figures but mode>,
//   hazards.danger,hazards.warning,hazards.info,hazards.codes,error
// Axes are named by the rig figure they vary (cable.length_m, headphone.model); null
// is an empty field; error is empty unless the variant could not be simulated.
#include <filesystem>
#include <string>
#include <vector>

namespace hpsim::report {

struct SweepAxis {
    std::string name;
    std::vector<std::string> values;  // distinct, in the order the rows give them
    bool numeric = false;             // every value a number
    std::vector<double> numbers;      // when numeric, parallel to values
    bool log_spaced = false;          // three or more positive numbers at a constant ratio
};

struct SweepRow {
    int line = 0;  // in the file, for messages
    std::string variant, mode;
    std::vector<std::string> axis_values;  // parallel to SweepTable::axes
    std::vector<std::string> figures;      // parallel to SweepTable::figures ("" is null)
    int dangers = 0, warnings = 0, infos = 0;
    std::string hazard_codes;  // space-separated
    std::string error;
};

struct SweepTable {
    std::string file;  // as named, for messages and the page
    std::string text;  // the CSV as read
    std::vector<SweepAxis> axes;
    std::vector<std::string> figures;  // column names between mode and hazards.danger
    std::vector<std::string> modes;    // distinct, in order
    std::vector<SweepRow> rows;

    // The column of a figure, or -1.
    int figure_index(const std::string& name) const;
};

// Throws spice::DeckError ("file:line:col: error: ...") for a malformed table.
SweepTable parse_sweep_csv(const std::string& text, const std::string& file);
SweepTable read_sweep_csv(const std::filesystem::path& path);

// Fields of one CSV line: split at commas outside double quotes, "" inside quotes is ".
std::vector<std::string> csv_fields(const std::string& line);

// Whether sorted positive values stand at a constant ratio (to the 6 significant
// digits the CSV keeps), three or more of them.
bool log_spaced(std::vector<double> values);

}  // namespace hpsim::report
