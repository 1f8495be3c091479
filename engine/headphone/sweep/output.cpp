#include "headphone/sweep/output.hpp"

#include <cstdint>
#include <cstdio>
#include <sys/statvfs.h>
#include <sstream>
#include <vector>
#include <stdexcept>

#include "io/atomic_file.hpp"

namespace hpsim::headphone::sweep {
namespace {

}  // namespace

std::string part_line(Format format, const Shard& shard, std::size_t variants, const std::string& sweep) {
    const std::string k = std::to_string(shard.number), n = std::to_string(shard.count), v = std::to_string(variants);
    if (format == Format::csv) return "# hpsim sweep part " + k + "/" + n + " of " + v + " variants, sweep " + sweep + "\n";
    return "{\"sweep_part\": {\"shard\": " + k + ", \"of\": " + n + ", \"variants\": " + v + ", \"sweep\": \"" + sweep + "\"}}\n";
}

std::string file_preamble(const Spec& spec, Format format, const Shard& shard, std::size_t variants, const std::string& sweep) {
    std::string preamble = shard.count > 1 ? part_line(format, shard, variants, sweep) : "";
    if (format == Format::csv) preamble += csv_header(spec);
    return preamble;
}

std::string sweep_fingerprint(const Spec& spec, const Catalog& catalog, Format format) {
    std::string text = io::read_file(spec.path) + '\0' + io::read_file(spec.rig_path) + '\0' + (format == Format::csv ? "csv" : "jsonl");
    for (const CatalogEntry& entry : catalog.entries()) text += '\0' + entry.name + '\0' + io::read_file(entry.path);
    return fingerprint_of(text);
}

std::string fingerprint_of(const std::string& text) {
    std::uint64_t hash = 1469598103934665603ull;  // FNV-1a, 64 bits
    for (const unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return hex;
}

namespace {

// What a resumed FILE.partial holds: its whole rows after the preamble, and where the
// last of them ends. Read in chunks: a partial of any size takes little memory.
struct PartialContents {
    bool preamble_whole = false;  // else the file is a prefix of the preamble (killed while starting)
    std::size_t rows = 0;
    std::uintmax_t whole_rows_end = 0;
};

PartialContents read_partial(const std::filesystem::path& partial, const std::string& preamble) {
    std::ifstream stream(partial, std::ios::binary);
    std::string start(preamble.size(), '\0');
    stream.read(start.data(), static_cast<std::streamsize>(start.size()));
    start.resize(static_cast<std::size_t>(stream.gcount()));
    if (preamble.compare(0, start.size(), start) != 0)
        throw std::runtime_error("'" + partial.string() + "' does not start as this sweep's output: run without --resume to start again");
    PartialContents contents;
    if (start.size() < preamble.size()) return contents;
    contents.preamble_whole = true;
    contents.whole_rows_end = preamble.size();
    std::vector<char> chunk(1 << 20);
    std::uintmax_t offset = preamble.size();
    while (stream) {
        stream.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto read = static_cast<std::size_t>(stream.gcount());
        for (std::size_t i = 0; i < read; ++i)
            if (chunk[i] == '\n') {
                ++contents.rows;
                contents.whole_rows_end = offset + i + 1;
            }
        offset += read;
    }
    return contents;
}

std::filesystem::path hidden_beside(const std::filesystem::path& file, const std::string& suffix) {
    std::string name = ".";  // built by appends (GCC 12 misreads "." + string as an overlapping copy)
    name += file.filename().string();
    name += suffix;
    return file.parent_path() / name;
}

}  // namespace

SweepFile::SweepFile(std::filesystem::path final_path, const std::string& fingerprint, const std::string& preamble,
                     std::size_t rows_expected, bool resume)
    : final_(std::move(final_path)),
      partial_(final_.string() + ".partial"),
      fingerprint_file_(final_.string() + ".partial.spec"),
      finished_fingerprint_file_(hidden_beside(final_, ".spec")) {
    std::error_code error;
    if (resume && !std::filesystem::exists(partial_, error) && std::filesystem::exists(final_, error)) {
        if (io::read_file(finished_fingerprint_file_) != fingerprint + "\n")
            throw std::runtime_error("'" + final_.string() + "' is complete but was not written by this spec, rig, catalog and shard (or " +
                                     "cannot tell): run without --resume to write it again");
        complete_ = true;
        return;
    }
    if (resume && std::filesystem::exists(partial_, error)) {
        if (io::read_file(fingerprint_file_) != fingerprint + "\n")
            throw std::runtime_error("'" + partial_.string() + "' was started by another spec, rig, catalog or shard: run without --resume to start again");
        const PartialContents contents = read_partial(partial_, preamble);
        if (contents.rows > rows_expected)
            throw std::runtime_error("'" + partial_.string() + "' holds " + std::to_string(contents.rows) + " rows, more than the " +
                                     std::to_string(rows_expected) + " of this sweep: run without --resume to start again");
        if (contents.preamble_whole) {
            rows_done_ = contents.rows;
            std::filesystem::resize_file(partial_, contents.whole_rows_end);  // a row cut off by the kill is written again
            stream_.open(partial_, std::ios::binary | std::ios::app);
        } else {  // killed while writing the preamble: start the file again
            stream_.open(partial_, std::ios::binary | std::ios::trunc);
            stream_ << preamble;
        }
    } else {
        io::write_file_atomically(fingerprint_file_, fingerprint + "\n");
        stream_.open(partial_, std::ios::binary | std::ios::trunc);
        stream_ << preamble;
    }
    stream_.flush();
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
    // What wrote FILE stays beside it (hidden), so that a later --resume can tell.
    std::error_code ignored;
    std::filesystem::rename(fingerprint_file_, finished_fingerprint_file_, ignored);
    committed_ = true;
}

}  // namespace hpsim::headphone::sweep
