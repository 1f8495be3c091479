#pragma once
// Writes one CSV per analysis into a folder: op.csv, ac.csv, tran.csv, dc.csv, and
// ac2.csv ... for a second analysis of a kind. Files are written under temporary
// names and appear only on commit(), all together: a failed run leaves none behind.
// A .step sweep begins each analysis once per step: its rows go on in the same file,
// after one leading column per stepped parameter ("step.NAME"), the header once.
// An analysis whose file could outgrow the folder's free space fails before it starts.
// Results deferred to other threads (defer()) are formatted there; delivering them
// only appends their text to the files.
#include <filesystem>
#include <fstream>
#include <memory>
#include <span>
#include <string>
#include <string_view>
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
    void outer_sweep(double value) override { rows_.outer_value = value; }
    std::unique_ptr<sim::DeferredResults> defer() override;

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
    bool committed_ = false;
    std::string text_;  // rows not yet written

    // How the rows of the analysis begun last read: the step's values, the sweep value
    // (and a nested .dc's outer value), then every vector (AC: real, imaginary).
    struct RowFormat {
        std::vector<double> step_values;
        bool has_sweep_column = true;
        bool has_outer_column = false;
        double outer_value = 0.0;

        void start(const sim::AnalysisHeader& header);
        void append_real(std::string& text, double sweep, std::span<const double> values) const;
        void append_complex(std::string& text, double sweep, std::span<const std::complex<double>> values) const;
    };
    RowFormat rows_;
    class Deferral;

    void require_disk_space(const sim::AnalysisHeader& header, const std::string& name);
    void append_rows(std::string_view rows);
};

}  // namespace hpsim::io
