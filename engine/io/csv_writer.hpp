#pragma once
// Writes one CSV per analysis into a folder: op.csv, ac.csv, tran.csv, dc.csv, and
// ac2.csv ... for a second analysis of a kind. Files are written under temporary
// names and appear only on commit(), all together: a failed run leaves none behind.
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

    // Renames every finished file to its final name. Throws std::runtime_error.
    void commit();
    std::vector<std::filesystem::path> files() const;  // final names, in deck order

private:
    struct File {
        std::filesystem::path temporary, final;
    };
    std::filesystem::path folder_;
    std::vector<File> files_;
    std::ofstream stream_;
    bool has_sweep_column_ = true;
    bool committed_ = false;
    std::string line_;

    void require_disk_space(const sim::AnalysisHeader& header, const std::string& name);
    void append_number(double value);
    void finish_line();
};

}  // namespace hpsim::io
