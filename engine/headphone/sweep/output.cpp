#include "headphone/sweep/output.hpp"

#include <cstdint>
#include <cstdio>
#include <sys/statvfs.h>
#include <sstream>
#include <stdexcept>

#include "io/atomic_file.hpp"

namespace hpsim::headphone::sweep {
namespace {

std::string read_all(const std::filesystem::path& path) {
    std::ifstream stream(path, std::ios::binary);
    std::ostringstream text;
    text << stream.rdbuf();
    return text.str();
}

}  // namespace

std::string part_line(Format format, const Shard& shard, std::size_t variants) {
    const std::string k = std::to_string(shard.number), n = std::to_string(shard.count), v = std::to_string(variants);
    if (format == Format::csv) return "# hpsim sweep part " + k + "/" + n + " of " + v + " variants\n";
    return "{\"sweep_part\": {\"shard\": " + k + ", \"of\": " + n + ", \"variants\": " + v + "}}\n";
}

std::string file_preamble(const Spec& spec, Format format, const Shard& shard, std::size_t variants) {
    std::string preamble = shard.count > 1 ? part_line(format, shard, variants) : "";
    if (format == Format::csv) preamble += csv_header(spec);
    return preamble;
}

std::string fingerprint_of(const std::string& text) {
    std::uint64_t hash = 1469598103934665603ull;  // FNV-1a, 64 bits
    for (const unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return hex;
}

SweepFile::SweepFile(std::filesystem::path final_path, const std::string& fingerprint, const std::string& preamble, bool resume)
    : final_(std::move(final_path)), partial_(final_.string() + ".partial"), fingerprint_file_(final_.string() + ".partial.spec") {
    std::error_code error;
    if (resume && !std::filesystem::exists(partial_, error) && std::filesystem::exists(final_, error)) {
        complete_ = true;
        return;
    }
    if (resume && std::filesystem::exists(partial_, error)) {
        if (read_all(fingerprint_file_) != fingerprint + "\n")
            throw std::runtime_error("'" + partial_.string() + "' was started by another spec, rig or shard: run without --resume to start again");
        std::string text = read_all(partial_);
        if (text.compare(0, preamble.size(), preamble) != 0)
            throw std::runtime_error("'" + partial_.string() + "' does not start as this sweep's output: run without --resume to start again");
        text.resize(text.rfind('\n') + 1);  // a row cut off by the kill is written again
        if (text.size() < preamble.size()) text = preamble;
        for (std::size_t i = preamble.size(); i < text.size(); ++i) rows_done_ += text[i] == '\n';
        std::filesystem::resize_file(partial_, text.size());
        stream_.open(partial_, std::ios::binary | std::ios::app);
    } else {
        io::write_file_atomically(fingerprint_file_, fingerprint + "\n");
        stream_.open(partial_, std::ios::binary | std::ios::trunc);
        stream_ << preamble;
    }
    if (!stream_) throw std::runtime_error("cannot write '" + partial_.string() + "'");
}

SweepFile::~SweepFile() = default;  // an unfinished sweep keeps FILE.partial for --resume

void SweepFile::flush(std::size_t rows_to_come) {
    stream_.flush();
    if (!stream_) throw std::runtime_error("writing '" + partial_.string() + "' failed (disk full?)");
    if (space_checked_ || rows_written_ == 0 || rows_to_come == 0) return;
    space_checked_ = true;
    // The rows to come at the mean size of those written, with a tenth to spare.
    const double needed_bytes = 1.1 * static_cast<double>(bytes_written_) / static_cast<double>(rows_written_) *
                                static_cast<double>(rows_to_come);
    struct statvfs space {};
    const std::filesystem::path folder = partial_.has_parent_path() ? partial_.parent_path() : std::filesystem::path(".");
    if (::statvfs(folder.c_str(), &space) != 0) return;  // unknown: the writes themselves will tell
    const double free_bytes = static_cast<double>(space.f_bavail) * static_cast<double>(space.f_frsize);
    if (needed_bytes <= free_bytes) return;
    char message[320];
    std::snprintf(message, sizeof message,
                  "the %zu rows still to come need about %.3g MB and '%s' has %.3g MB free: free some space, then go on with --resume",
                  rows_to_come, needed_bytes / 1e6, folder.c_str(), free_bytes / 1e6);
    throw std::runtime_error(message);
}

void SweepFile::commit() {
    if (complete_ || committed_) return;
    stream_.close();
    if (!stream_) throw std::runtime_error("writing '" + partial_.string() + "' failed (disk full?)");
    std::filesystem::rename(partial_, final_);
    std::error_code ignored;
    std::filesystem::remove(fingerprint_file_, ignored);
    committed_ = true;
}

}  // namespace hpsim::headphone::sweep
