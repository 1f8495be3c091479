#include "measurement_tables.hpp"

#include <stdexcept>

#include "headphone/figures.hpp"
#include "headphone/match/paths.hpp"

namespace hpsim::python {
namespace {

namespace sweep = headphone::sweep;

constexpr const char* severities[] = {"danger", "warning", "info"};

// `prefix` + each figure column, then the hazard columns; returns the first's index.
std::size_t add_figure_columns(Table& table, const std::string& prefix) {
    const std::size_t first = table.size();
    for (const std::string& column : sweep::figure_columns()) table.add(prefix + column, Column::Kind::figure);
    for (const char* severity : severities) table.add(prefix + "hazards." + severity, Column::Kind::integer);
    table.add(prefix + "hazards.codes", Column::Kind::text);
    return first;
}

// A variant's figures (without its mode) from column `first` on; none after an error.
void add_figures(Table& table, std::size_t first, const std::vector<headphone::Figure>& figures,
                 const std::vector<headphone::Hazard>& hazards, bool exact) {
    const std::size_t count = sweep::figure_columns().size();
    if (!figures.empty() && figures.size() != count)
        throw std::logic_error("a variant has " + std::to_string(figures.size()) + " figures, the columns " + std::to_string(count));
    for (std::size_t f = 0; f < count; ++f) {
        if (figures.empty()) table.at(first + f).add_missing();
        else table.at(first + f).add_figure(figures[f].value, !exact);
    }
    std::size_t c = first + count;
    for (const char* severity : severities)
        table.at(c++).add_integer(static_cast<std::int64_t>(sweep::hazard_count(hazards, severity)));
    table.at(c).add_text(sweep::hazard_codes(hazards));
}

std::vector<headphone::Figure> figures_without_mode(const headphone::Measurements& variant) {
    std::vector<headphone::Figure> figures;
    for (headphone::Figure& figure : headphone::variant_figures(variant))
        if (figure.path != "mode") figures.push_back(std::move(figure));
    return figures;
}

double number(double value, bool exact) { return exact ? value : as_printed(value); }

}  // namespace

Table compare_table(const std::vector<std::string>& rigs, const std::vector<headphone::Measurements>& variants, bool exact) {
    Table table;
    table.add("rig", Column::Kind::text);
    table.add("name", Column::Kind::text);
    table.add("mode", Column::Kind::text);
    const std::size_t first = add_figure_columns(table, "");
    for (std::size_t v = 0; v < variants.size(); ++v) {
        table.at(0).add_text(rigs[v]);
        table.at(1).add_text(variants[v].name);
        table.at(2).add_text(variants[v].mode);
        add_figures(table, first, figures_without_mode(variants[v]), variants[v].hazards, exact);
    }
    return table;
}

SweepTable::SweepTable(const sweep::Spec& spec, bool exact) : exact_(exact), axes_(spec.axes.size()) {
    table_.add("variant", Column::Kind::integer);
    for (const sweep::Axis& axis : spec.axes) table_.add(axis.figure, Column::Kind::figure);
    table_.add("mode", Column::Kind::text);
    add_figure_columns(table_, "");
    table_.add("error", Column::Kind::text);
}

void SweepTable::prepare(sweep::Row& row) const {
    if (exact_) return;
    // As the CSV writes them: numbers to 6 significant digits.
    for (sweep::AxisValue& value : row.axis_values)
        if (double* x = std::get_if<double>(&value)) *x = as_printed(*x);
    for (headphone::Figure& figure : row.figures)
        if (double* x = std::get_if<double>(&figure.value)) *x = as_printed(*x);
}

void SweepTable::add(const sweep::Row& row) {
    table_.at(0).add_integer(static_cast<std::int64_t>(row.variant));
    for (std::size_t a = 0; a < axes_; ++a) {
        const sweep::AxisValue& value = row.axis_values[a];
        if (const double* x = std::get_if<double>(&value)) table_.at(1 + a).add_number(*x);
        else table_.at(1 + a).add_text(std::get<std::string>(value));
    }
    table_.at(1 + axes_).add_text(row.mode);
    add_figures(table_, 2 + axes_, row.figures, row.hazards, true);
    table_.at(table_.size() - 1).add_text(row.error);
}

Table match_table(const headphone::match::Match& match, bool exact) {
    Table table;
    table.add("rank", Column::Kind::integer);
    for (const char* name : {"mode", "chain", "verdict", "reasons"}) table.add(name, Column::Kind::text);
    table.add("headroom_db", Column::Kind::number);
    table.add("powerful_enough", Column::Kind::flag);
    table.add("max_spl_db", Column::Kind::number);
    for (const char* name : {"limited_by", "limiting_leg"}) table.add(name, Column::Kind::text);
    for (const char* name : {"crosstalk_db", "fr_error_db", "damping_factor"}) table.add(name, Column::Kind::number);
    const std::size_t first = add_figure_columns(table, "measurements.");
    const std::size_t rig_column = table.size();
    table.add("rig", Column::Kind::text);
    for (std::size_t p = 0; p < match.paths.size(); ++p) {
        const headphone::match::RankedPath& path = match.paths[p];
        std::string reasons;
        for (const std::string& reason : path.reasons) reasons += (reasons.empty() ? "" : "; ") + reason;
        std::size_t c = 0;
        table.at(c++).add_integer(static_cast<std::int64_t>(p + 1));
        table.at(c++).add_text(path.path.mode);
        table.at(c++).add_text(headphone::match::chain_text(path.path, match.equipment));
        table.at(c++).add_text(path.verdict);
        table.at(c++).add_text(reasons);
        table.at(c++).add_number(number(path.headroom_db, exact));
        table.at(c++).add_flag(path.powerful_enough);
        table.at(c++).add_number(number(path.max_spl_db, exact));
        table.at(c++).add_text(path.measurements.clip_limited_by);
        table.at(c++).add_text(path.measurements.clip_leg);
        // As match's JSON: a crosstalk below the numerical floor is none.
        table.at(c++).add_number(headphone::below_floor(path.crosstalk_db) ? as_printed(NAN) : number(path.crosstalk_db, exact));
        table.at(c++).add_number(number(path.fr_error_db, exact));
        table.at(c++).add_number(number(path.damping_factor, exact));
        add_figures(table, first, figures_without_mode(path.measurements), path.measurements.hazards, exact);
        table.at(rig_column).add_text(path.rig);
    }
    return table;
}

}  // namespace hpsim::python
