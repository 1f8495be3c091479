#include "sim/results.hpp"

#include <stdexcept>

namespace hpsim::sim {

const char* analysis_kind_name(AnalysisKind kind) {
    switch (kind) {
        case AnalysisKind::op: return "op";
        case AnalysisKind::dc: return "dc";
        case AnalysisKind::ac: return "ac";
        case AnalysisKind::tran: return "tran";
    }
    return "?";
}

std::size_t RecordedAnalysis::vector_index(const std::string& name) const {
    for (std::size_t i = 0; i < header.vector_names.size(); ++i)
        if (header.vector_names[i] == name) return i;
    throw std::out_of_range("no vector '" + name + "' in the " + analysis_kind_name(header.kind) + " results");
}

std::vector<double> RecordedAnalysis::real_vector(const std::string& name) const {
    const std::size_t index = vector_index(name);
    std::vector<double> values;
    values.reserve(real.size());
    for (const auto& point : real) values.push_back(point[index]);
    return values;
}

std::vector<std::complex<double>> RecordedAnalysis::complex_vector(const std::string& name) const {
    const std::size_t index = vector_index(name);
    std::vector<std::complex<double>> values;
    values.reserve(complex.size());
    for (const auto& point : complex) values.push_back(point[index]);
    return values;
}

void RecordingSink::begin(const AnalysisHeader& header) { analyses.push_back({header, {}, {}, {}, {}}); }

void RecordingSink::real_point(double sweep, std::span<const double> values) {
    analyses.back().sweep.push_back(sweep);
    if (!analyses.back().header.outer_sweep_name.empty()) analyses.back().outer_sweep.push_back(outer_value_);
    analyses.back().real.emplace_back(values.begin(), values.end());
}

void RecordingSink::complex_point(double sweep, std::span<const std::complex<double>> values) {
    analyses.back().sweep.push_back(sweep);
    analyses.back().complex.emplace_back(values.begin(), values.end());
}

}  // namespace hpsim::sim
