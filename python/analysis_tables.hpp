#pragma once
// A deck's results as tables, one per analysis in deck order, named as `hpsim run --out`
// names their files ("op", "ac", "tran", "dc", then "ac2", ...), with the CSV's
// columns: `step.NAME` per stepped parameter, the sweep variable (none for op; a nested
// .dc's outer source after it), then every vector; AC vectors as complex columns.
// Every number exactly as computed.
#include <string>
#include <vector>

#include "sim/results.hpp"
#include "table.hpp"

namespace hpsim::python {

class AnalysisTables final : public sim::ResultSink {
public:
    struct Analysis {
        std::string name;
        Table table;
        std::size_t rows = 0;
    };

    void begin(const sim::AnalysisHeader& header) override;
    void real_point(double sweep, std::span<const double> values) override;
    void complex_point(double sweep, std::span<const std::complex<double>> values) override;
    void end() override {}
    void outer_sweep(double value) override { outer_value_ = value; }
    void warning(const spice::Warning& warning) override { warnings.push_back(warning); }

    std::vector<Analysis> analyses;
    std::vector<spice::Warning> warnings;

private:
    Analysis* current_ = nullptr;
    std::vector<double> step_values_;
    bool has_sweep_ = false, has_outer_ = false;
    double outer_value_ = 0.0;

    void add_leading(double sweep);
};

}  // namespace hpsim::python
