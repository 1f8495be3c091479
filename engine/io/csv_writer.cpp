#include "io/csv_writer.hpp"

#include <charconv>
#include <stdexcept>
#include <unistd.h>

namespace hpsim::io {

CsvWriter::CsvWriter(std::filesystem::path folder) : folder_(std::move(folder)) {}

CsvWriter::~CsvWriter() {
    if (committed_) return;
    stream_.close();
    std::error_code ignored;
    for (const File& file : files_) std::filesystem::remove(file.temporary, ignored);
}

void CsvWriter::begin(const sim::AnalysisHeader& header) {
    std::error_code error;
    std::filesystem::create_directories(folder_, error);
    if (!std::filesystem::is_directory(folder_))
        throw std::runtime_error("cannot create the output folder '" + folder_.string() + "'" +
                                 (error ? ": " + error.message() : std::string(": a file is in the way")));
    std::string name = sim::analysis_kind_name(header.kind);
    if (header.ordinal > 1) name += std::to_string(header.ordinal);
    const File file{folder_ / ("." + name + ".csv." + std::to_string(::getpid()) + ".part"), folder_ / (name + ".csv")};
    stream_ = std::ofstream(file.temporary, std::ios::binary | std::ios::trunc);
    if (!stream_) throw std::runtime_error("cannot write into the output folder '" + folder_.string() + "'");
    files_.push_back(file);

    has_sweep_column_ = header.kind != sim::AnalysisKind::op;
    line_.clear();
    if (has_sweep_column_) line_ += header.sweep_name;
    for (const std::string& name_of_vector : header.vector_names) {
        if (header.kind == sim::AnalysisKind::ac) {
            line_ += ',' + name_of_vector + ".re," + name_of_vector + ".im";
        } else {
            if (!line_.empty()) line_ += ',';
            line_ += name_of_vector;
        }
    }
    finish_line();
}

void CsvWriter::append_number(double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest exact form
    if (!line_.empty()) line_ += ',';
    line_.append(buffer, result.ptr);
}

void CsvWriter::finish_line() {
    line_ += '\n';
    stream_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
    line_.clear();
}

void CsvWriter::real_point(double sweep, std::span<const double> values) {
    if (has_sweep_column_) append_number(sweep);
    for (const double value : values) append_number(value);
    finish_line();
}

void CsvWriter::complex_point(double sweep, std::span<const std::complex<double>> values) {
    append_number(sweep);
    for (const auto& value : values) {
        append_number(value.real());
        append_number(value.imag());
    }
    finish_line();
}

void CsvWriter::end() {
    stream_.close();
    if (!stream_) throw std::runtime_error("writing '" + files_.back().temporary.string() + "' failed");
}

void CsvWriter::commit() {
    for (const File& file : files_) std::filesystem::rename(file.temporary, file.final);
    committed_ = true;
}

std::vector<std::filesystem::path> CsvWriter::files() const {
    std::vector<std::filesystem::path> paths;
    for (const File& file : files_) paths.push_back(file.final);
    return paths;
}

}  // namespace hpsim::io
