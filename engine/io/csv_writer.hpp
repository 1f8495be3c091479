#pragma once
// Writes one CSV per analysis into a folder: op.csv, ac.csv, tran.csv, dc.csv, and
// ac2.csv ... for a second analysis of a kind. Files are written under temporary
// names and appear only on commit(), all together: a failed run leaves none behind.
// A .step sweep begins each analysis once per step: its rows go on in the same file,
// after one leading column per stepped parameter ("step.NAME"), the header once.
// An analysis whose file could outgrow the folder's free space fails before it starts.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/results.hpp"

namespace hpsim::io {

class CsvWriter final : public sim::ResultSink {
public:
    explicit CsvWriter(std::filesystem::path folder);
    ~CsvWriter() override;  // removes the temporary files of an uncommitted run
    CsvWriter(const CsvWriter&) = delete;
    CsvWriter& operator=(const CsvWriter&) = delete;

    void begin(const sim::AnalysisHeader& header) override;
    void real_point(double sweep, std::span<const double> values) override;
    void complex_point(double sweep, std::span<const std::complex<double>> values) override;
    void end() override;
    void outer_sweep(double value) override { outer_value_ = value; }

    // Renames every finished file to its final name. Throws std::runtime_error.
    void commit();
    std::vector<std::filesystem::path> files() const;  // final names, in deck order

private:
    struct File {
        std::filesystem::path temporary, final;
        std::ofstream stream;
    };
    std::filesystem::path folder_;
    std::vector<File> files_;
    std::size_t current_ = 0;  // the file of the analysis begun last
    std::vector<double> step_values_;  // this step's values, the first columns of every row
    bool has_sweep_column_ = true;
    bool has_outer_column_ = false;  // a nested .dc: the outer source's value after the sweep column
    double outer_value_ = 0.0;
    bool committed_ = false;
    std::string line_;

    void require_disk_space(const sim::AnalysisHeader& header, const std::string& name);
    void append_number(double value);
    void finish_line();
};

}  // namespace hpsim::io
