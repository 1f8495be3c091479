#include "analysis_tables.hpp"

namespace hpsim::python {

void AnalysisTables::begin(const sim::AnalysisHeader& header) {
    std::string name = sim::analysis_kind_name(header.kind);
    if (header.ordinal > 1) name += std::to_string(header.ordinal);
    step_values_ = header.step_values;
    has_sweep_ = header.kind != sim::AnalysisKind::op;
    has_outer_ = !header.outer_sweep_name.empty();
    for (Analysis& analysis : analyses)
        if (analysis.name == name) {  // the same analysis at the next step
            current_ = &analysis;
            return;
        }
    analyses.push_back({name, {}, 0});
    current_ = &analyses.back();
    Table& table = current_->table;
    for (const std::string& step_name : header.step_names) table.add("step." + step_name, Column::Kind::number);
    if (has_sweep_) table.add(header.sweep_name, Column::Kind::number);
    if (has_outer_) table.add(header.outer_sweep_name, Column::Kind::number);
    const Column::Kind vector_kind = header.kind == sim::AnalysisKind::ac ? Column::Kind::complex : Column::Kind::number;
    for (const std::string& vector : header.vector_names) table.add(vector, vector_kind);
    for (std::size_t c = 0; c < table.size(); ++c) table.at(c).reserve(header.expected_points);
}

void AnalysisTables::add_leading(double sweep) {
    std::size_t c = 0;
    for (const double step_value : step_values_) current_->table.at(c++).add_number(step_value);
    if (has_sweep_) current_->table.at(c++).add_number(sweep);
    if (has_outer_) current_->table.at(c++).add_number(outer_value_);
}

void AnalysisTables::real_point(double sweep, std::span<const double> values) {
    add_leading(sweep);
    const std::size_t first = current_->table.size() - values.size();
    for (std::size_t v = 0; v < values.size(); ++v) current_->table.at(first + v).add_number(values[v]);
    ++current_->rows;
}

void AnalysisTables::complex_point(double sweep, std::span<const std::complex<double>> values) {
    add_leading(sweep);
    const std::size_t first = current_->table.size() - values.size();
    for (std::size_t v = 0; v < values.size(); ++v) current_->table.at(first + v).add_complex(values[v]);
    ++current_->rows;
}

}  // namespace hpsim::python
