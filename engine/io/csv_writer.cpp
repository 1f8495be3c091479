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
    rows_.start(header);
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

    std::string line;
    for (const std::string& step_name : header.step_names) {
        if (!line.empty()) line += ',';
        line += "step." + step_name;
    }
    if (rows_.has_sweep_column) line += (line.empty() ? "" : ",") + header.sweep_name;
    if (rows_.has_outer_column) line += "," + header.outer_sweep_name;
    for (const std::string& name_of_vector : header.vector_names) {
        if (!line.empty()) line += ',';
        if (header.kind == sim::AnalysisKind::ac) line += name_of_vector + ".re," + name_of_vector + ".im";
        else line += name_of_vector;
    }
    line += '\n';
    append_rows(line);
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

namespace {

void append_number(std::string& text, double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest exact form
    text.append(buffer, result.ptr);
    text += ',';
}

// The last number's comma becomes the end of the line.
void finish_line(std::string& text) { text.back() = '\n'; }

constexpr std::size_t written_at_bytes = 1 << 16;  // rows gathered before a write

}  // namespace

void CsvWriter::RowFormat::start(const sim::AnalysisHeader& header) {
    step_values = header.step_values;
    has_sweep_column = header.kind != sim::AnalysisKind::op;
    has_outer_column = !header.outer_sweep_name.empty();
}

void CsvWriter::RowFormat::append_real(std::string& text, double sweep, std::span<const double> values) const {
    const std::size_t start = text.size();
    for (const double step_value : step_values) append_number(text, step_value);
    if (has_sweep_column) append_number(text, sweep);
    if (has_outer_column) append_number(text, outer_value);
    for (const double value : values) append_number(text, value);
    if (text.size() == start) text += ',';  // no column at all: an empty line
    finish_line(text);
}

void CsvWriter::RowFormat::append_complex(std::string& text, double sweep,
                                          std::span<const std::complex<double>> values) const {
    for (const double step_value : step_values) append_number(text, step_value);
    append_number(text, sweep);
    for (const auto& value : values) {
        append_number(text, value.real());
        append_number(text, value.imag());
    }
    finish_line(text);
}

void CsvWriter::append_rows(std::string_view rows) {
    text_ += rows;
    if (text_.size() < written_at_bytes) return;
    files_[current_].stream.write(text_.data(), static_cast<std::streamsize>(text_.size()));
    text_.clear();
}

void CsvWriter::real_point(double sweep, std::span<const double> values) {
    rows_.append_real(text_, sweep, values);
    append_rows({});  // writes once enough rows are gathered
}

void CsvWriter::complex_point(double sweep, std::span<const std::complex<double>> values) {
    rows_.append_complex(text_, sweep, values);
    append_rows({});  // writes once enough rows are gathered
}

void CsvWriter::end() {
    File& file = files_[current_];
    file.stream.write(text_.data(), static_cast<std::streamsize>(text_.size()));
    text_.clear();
    if (!file.stream) throw std::runtime_error("writing '" + file.temporary.string() + "' failed");
}

// Formats a block's rows on the thread that produces them, analysis by analysis;
// delivering begins each analysis in the writer and appends its text.
class CsvWriter::Deferral final : public sim::DeferredResults {
public:
    explicit Deferral(CsvWriter& owner) : owner_(owner) {}

    void begin(const sim::AnalysisHeader& header) override {
        analyses_.push_back({header, text_.size(), text_.size()});
        rows_.start(header);
    }
    void real_point(double sweep, std::span<const double> values) override { rows_.append_real(text_, sweep, values); }
    void complex_point(double sweep, std::span<const std::complex<double>> values) override {
        rows_.append_complex(text_, sweep, values);
    }
    void end() override { analyses_.back().text_end = text_.size(); }
    void outer_sweep(double value) override { rows_.outer_value = value; }

    void deliver() override {
        for (const Analysis& analysis : analyses_) {
            owner_.begin(analysis.header);
            owner_.append_rows(std::string_view(text_).substr(analysis.text_begin, analysis.text_end - analysis.text_begin));
            owner_.end();
        }
        analyses_.clear();
        text_.clear();
    }

private:
    struct Analysis {
        sim::AnalysisHeader header;
        std::size_t text_begin = 0, text_end = 0;
    };
    CsvWriter& owner_;
    RowFormat rows_;
    std::vector<Analysis> analyses_;
    std::string text_;
};

std::unique_ptr<sim::DeferredResults> CsvWriter::defer() { return std::make_unique<Deferral>(*this); }

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
