#pragma once
// compare's variants, a sweep's rows and match's paths as tables, with the columns of
// the sweep CSV (`mode`, then every figure of compare's JSON by its dotted path,
// `hazards.danger`, `hazards.warning`, `hazards.info`, `hazards.codes`). Numbers as
// the CLI prints them (6 significant digits), or exactly as computed with `exact`.
#include <string>
#include <vector>

#include "headphone/match/rank.hpp"
#include "headphone/sweep/rows.hpp"
#include "table.hpp"

namespace hpsim::python {

// One row per variant: `rig` (the file, or "<rig dict>"), `name` (as compare names the
// column), `mode`, the figures, the hazards.
Table compare_table(const std::vector<std::string>& rigs, const std::vector<headphone::Measurements>& variants, bool exact);

// The rows of `hpsim sweep`, one at a time, in order.
class SweepTable {
public:
    SweepTable(const headphone::sweep::Spec& spec, bool exact);
    // Numbers as printed (unless exact), in place: on the thread that measured the row.
    void prepare(headphone::sweep::Row& row) const;
    void add(const headphone::sweep::Row& row);  // after prepare
    Table take() && { return std::move(table_); }

private:
    Table table_;
    bool exact_;
    std::size_t axes_;
};

// One row per path in rank order: `rank`, `mode`, `chain` (as the table prints it),
// `verdict`, `reasons` ("; " between them), `headroom_db`, `powerful_enough`, `max_spl_db`, `limited_by`,
// `limiting_leg`, `crosstalk_db`, `fr_error_db`, `damping_factor`, then the path's
// measurements as compare's columns (`measurements.drive_vrms.left`, ...,
// `measurements.hazards.codes`) and `rig` (the path as a rig file).
Table match_table(const headphone::match::Match& match, bool exact);

}  // namespace hpsim::python
