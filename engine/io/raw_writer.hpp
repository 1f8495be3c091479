#pragma once
// Writes one ngspice binary raw file per analysis into a folder (op.raw, ac.raw,
// tran.raw, dc.raw, then ac2.raw ...), as `ngspice -r` writes them, so that ngspice's
// `load` and the raw-file readers of other tools take them: a text header (Title, Date,
// Plotname, Flags real|complex, No. Variables, No. Points, Variables: index, name,
// type), then "Binary:" and each point's values as native doubles (complex ones as
// real and imaginary parts, the scale included). A .step sweep writes each step as a
// plot of its own in its analysis's file, in step order, its Title carrying the step's
// values. Files appear only on commit(), all together, as the CSV files do.
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "io/atomic_file.hpp"
#include "sim/results.hpp"

namespace hpsim::io {

class RawWriter final : public sim::ResultSink {
public:
    RawWriter(std::filesystem::path folder, std::string title);

    void begin(const sim::AnalysisHeader& header) override;
    void real_point(double sweep, std::span<const double> values) override;
    void complex_point(double sweep, std::span<const std::complex<double>> values) override;
    void end() override;
    void outer_sweep(double value) override { outer_value_ = value; }

    // Renames every finished file to its final name. Throws std::runtime_error.
    void commit();
    std::vector<std::filesystem::path> files() const;  // final names, in deck order

private:
    std::filesystem::path folder_;
    std::string title_, date_;
    std::vector<std::unique_ptr<AtomicFile>> files_;
    AtomicFile* current_ = nullptr;
    // The plot being gathered: its header is written at its end, with its point count.
    sim::AnalysisHeader header_;
    std::string data_;
    std::size_t points_ = 0;
    double outer_value_ = 0.0;
};

}  // namespace hpsim::io
