#include "io/csv_writer.hpp"

#include <sys/statvfs.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace hpsim::io {

CsvWriter::CsvWriter(std::filesystem::path folder) : folder_(std::move(folder)) {}

CsvWriter::~CsvWriter() {
    if (committed_) return;
    std::error_code ignored;
    for (File& file : files_) {
        file.stream.close();
        std::filesystem::remove(file.temporary, ignored);
    }
}

void CsvWriter::begin(const sim::AnalysisHeader& header) {
    std::string name = sim::analysis_kind_name(header.kind);
    if (header.ordinal > 1) name += std::to_string(header.ordinal);
    has_sweep_column_ = header.kind != sim::AnalysisKind::op;
    has_outer_column_ = !header.outer_sweep_name.empty();
    step_values_ = header.step_values;
    const std::filesystem::path final_name = folder_ / (name + ".csv");
    for (std::size_t i = 0; i < files_.size(); ++i)
        if (files_[i].final == final_name) {  // the same analysis at the next step
            current_ = i;
            return;
        }

    std::error_code error;
    std::filesystem::create_directories(folder_, error);
    if (!std::filesystem::is_directory(folder_))
        throw std::runtime_error("cannot create the output folder '" + folder_.string() + "'" +
                                 (error ? ": " + error.message() : std::string(": a file is in the way")));
    require_disk_space(header, name);
    File file{folder_ / ("." + name + ".csv." + std::to_string(::getpid()) + ".part"), final_name, {}};
    file.stream = std::ofstream(file.temporary, std::ios::binary | std::ios::trunc);
    if (!file.stream) throw std::runtime_error("cannot write into the output folder '" + folder_.string() + "'");
    files_.push_back(std::move(file));
    current_ = files_.size() - 1;

    line_.clear();
    for (const std::string& step_name : header.step_names) {
        if (!line_.empty()) line_ += ',';
        line_ += "step." + step_name;
    }
    if (has_sweep_column_) line_ += (line_.empty() ? "" : ",") + header.sweep_name;
    if (has_outer_column_) line_ += "," + header.outer_sweep_name;
    for (const std::string& name_of_vector : header.vector_names) {
        if (!line_.empty()) line_ += ',';
        if (header.kind == sim::AnalysisKind::ac) line_ += name_of_vector + ".re," + name_of_vector + ".im";
        else line_ += name_of_vector;
    }
    finish_line();
}

// Before an analysis starts: its file at the largest size it can have (every number
// in its longest form, 24 characters and a comma) must fit in the folder's free space
// (the files of the analyses before it are there already, under temporary names).
void CsvWriter::require_disk_space(const sim::AnalysisHeader& header, const std::string& name) {
    const double columns = static_cast<double>(header.vector_names.size()) * (header.kind == sim::AnalysisKind::ac ? 2 : 1) + 2;
    const double largest_bytes = static_cast<double>(header.expected_points + 1) * columns * 25.0;
    struct statvfs space {};
    if (::statvfs(folder_.c_str(), &space) != 0) return;  // unknown: the write itself will tell
    const double free_bytes = static_cast<double>(space.f_bavail) * static_cast<double>(space.f_frsize);
    if (largest_bytes <= free_bytes) return;
    char message[256];
    std::snprintf(message, sizeof message,
                  "%s.csv would not fit: the results take up to %.3g GB and '%s' has %.3g GB free", name.c_str(),
                  largest_bytes / 1e9, folder_.string().c_str(), free_bytes / 1e9);
    throw std::runtime_error(message);
}

void CsvWriter::append_number(double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest exact form
    if (!line_.empty()) line_ += ',';
    line_.append(buffer, result.ptr);
}

void CsvWriter::finish_line() {
    line_ += '\n';
    files_[current_].stream.write(line_.data(), static_cast<std::streamsize>(line_.size()));
    line_.clear();
}

void CsvWriter::real_point(double sweep, std::span<const double> values) {
    for (const double step_value : step_values_) append_number(step_value);
    if (has_sweep_column_) append_number(sweep);
    if (has_outer_column_) append_number(outer_value_);
    for (const double value : values) append_number(value);
    finish_line();
}

void CsvWriter::complex_point(double sweep, std::span<const std::complex<double>> values) {
    for (const double step_value : step_values_) append_number(step_value);
    append_number(sweep);
    for (const auto& value : values) {
        append_number(value.real());
        append_number(value.imag());
    }
    finish_line();
}

void CsvWriter::end() {
    if (!files_[current_].stream) throw std::runtime_error("writing '" + files_[current_].temporary.string() + "' failed");
}

void CsvWriter::commit() {
    for (File& file : files_) {
        file.stream.close();
        if (!file.stream) throw std::runtime_error("writing '" + file.temporary.string() + "' failed");
    }
    for (const File& file : files_) std::filesystem::rename(file.temporary, file.final);
    committed_ = true;
}

std::vector<std::filesystem::path> CsvWriter::files() const {
    std::vector<std::filesystem::path> paths;
    for (const File& file : files_) paths.push_back(file.final);
    return paths;
}

}  // namespace hpsim::io
