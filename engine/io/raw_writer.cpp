#include "io/raw_writer.hpp"

#include <sys/statvfs.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace hpsim::io {
namespace {

// ngspice's plot names, which its `load` reads back as the plot's type.
const char* plot_name(sim::AnalysisKind kind) {
    switch (kind) {
        case sim::AnalysisKind::op: return "Operating Point";
        case sim::AnalysisKind::dc: return "DC transfer characteristic";
        case sim::AnalysisKind::ac: return "AC Analysis";
        case sim::AnalysisKind::tran: return "Transient Analysis";
    }
    return "";
}

// A vector's type as ngspice names it: a node voltage, a branch current, or what a
// .dc sweeps (a source's voltage or current, a resistor's resistance).
const char* vector_type(const std::string& name) {
    if (name.starts_with("v(")) return "voltage";
    if (name.starts_with("i(")) return "current";
    switch (name.empty() ? ' ' : name[0]) {
        case 'v': return "voltage";
        case 'i': return "current";
        case 'r': return "res-sweep";
        default: return "notype";
    }
}

void append_double(std::string& data, double value) { data.append(reinterpret_cast<const char*>(&value), sizeof value); }

std::string number_text(double value) {
    char text[32];
    const auto written = std::to_chars(text, text + sizeof text, value);  // shortest exact form
    return std::string(text, written.ptr);
}

}  // namespace

RawWriter::RawWriter(std::filesystem::path folder, std::string title) : folder_(std::move(folder)), title_(std::move(title)) {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char text[64];
    std::strftime(text, sizeof text, "%a %b %e %H:%M:%S  %Y", std::localtime(&now));
    date_ = text;
}

void RawWriter::begin(const sim::AnalysisHeader& header) {
    std::string name = sim::analysis_kind_name(header.kind);
    if (header.ordinal > 1) name += std::to_string(header.ordinal);
    const std::filesystem::path final_name = folder_ / (name + ".raw");
    current_ = nullptr;
    for (const auto& file : files_)
        if (file->final_path() == final_name) current_ = file.get();  // the same analysis at the next step
    if (!current_) {
        std::error_code error;
        std::filesystem::create_directories(folder_, error);
        if (!std::filesystem::is_directory(folder_))
            throw std::runtime_error("cannot create the output folder '" + folder_.string() + "'" +
                                     (error ? ": " + error.message() : std::string(": a file is in the way")));
        files_.push_back(std::make_unique<AtomicFile>(final_name));
        current_ = files_.back().get();
    }
    header_ = header;
    data_.clear();
    points_ = 0;
    const bool complex = header.kind == sim::AnalysisKind::ac;
    const double columns = static_cast<double>(header.vector_names.size() + 2) * (complex ? 2 : 1);
    const double largest_bytes = static_cast<double>(header.expected_points) * columns * sizeof(double);
    struct statvfs space {};
    if (::statvfs(folder_.c_str(), &space) == 0 &&
        largest_bytes > static_cast<double>(space.f_bavail) * static_cast<double>(space.f_frsize)) {
        char message[256];
        std::snprintf(message, sizeof message, "%s.raw would not fit: the results take %.3g GB and '%s' has %.3g GB free",
                      name.c_str(), largest_bytes / 1e9, folder_.string().c_str(),
                      static_cast<double>(space.f_bavail) * static_cast<double>(space.f_frsize) / 1e9);
        throw std::runtime_error(message);
    }
    data_.reserve(static_cast<std::size_t>(std::min(largest_bytes, 64e6)));
}

void RawWriter::real_point(double sweep, std::span<const double> values) {
    if (header_.kind != sim::AnalysisKind::op) append_double(data_, sweep);
    if (!header_.outer_sweep_name.empty()) append_double(data_, outer_value_);
    for (const double value : values) append_double(data_, value);
    ++points_;
}

void RawWriter::complex_point(double sweep, std::span<const std::complex<double>> values) {
    append_double(data_, sweep);  // the scale is complex too, with no imaginary part
    append_double(data_, 0.0);
    for (const auto& value : values) {
        append_double(data_, value.real());
        append_double(data_, value.imag());
    }
    ++points_;
}

void RawWriter::end() {
    std::vector<std::pair<std::string, const char*>> variables;
    if (header_.kind == sim::AnalysisKind::tran) variables.emplace_back("time", "time");
    else if (header_.kind == sim::AnalysisKind::ac) variables.emplace_back("frequency", "frequency");
    else if (header_.kind == sim::AnalysisKind::dc) variables.emplace_back(header_.sweep_name, vector_type(header_.sweep_name));
    if (!header_.outer_sweep_name.empty()) variables.emplace_back(header_.outer_sweep_name, vector_type(header_.outer_sweep_name));
    for (const std::string& name : header_.vector_names) variables.emplace_back(name, vector_type(name));

    std::string title = title_;
    for (std::size_t s = 0; s < header_.step_names.size(); ++s)
        title += (s ? ", " : "; step ") + header_.step_names[s] + "=" + number_text(header_.step_values[s]);
    std::string text = "Title: " + title + "\nDate: " + date_ + "\nPlotname: " + plot_name(header_.kind) +
                       "\nFlags: " + (header_.kind == sim::AnalysisKind::ac ? "complex" : "real") +
                       "\nNo. Variables: " + std::to_string(variables.size()) + "\nNo. Points: " + std::to_string(points_) +
                       "\nVariables:\n";
    for (std::size_t v = 0; v < variables.size(); ++v)
        text += "\t" + std::to_string(v) + "\t" + variables[v].first + "\t" + variables[v].second + "\n";
    text += "Binary:\n";
    current_->write(text);
    current_->write(data_);
    if (!current_->stream()) throw std::runtime_error("writing '" + current_->final_path().string() + "' failed");
    data_.clear();
}

void RawWriter::commit() {
    for (const auto& file : files_) file->commit();
}

std::vector<std::filesystem::path> RawWriter::files() const {
    std::vector<std::filesystem::path> paths;
    for (const auto& file : files_) paths.push_back(file->final_path());
    return paths;
}

}  // namespace hpsim::io
