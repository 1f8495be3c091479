#pragma once
// Where a sweep's rows go. While it runs they are appended to FILE.partial (with
// FILE.partial.spec saying which spec, rig, catalog and shard wrote them); when every
// row is in, FILE.partial becomes FILE in one rename, so FILE never holds a partial
// sweep, and the fingerprint stays beside it as .FILE.spec. A killed run leaves
// FILE.partial, and a run with `resume` goes on after its last whole row, giving the
// same bytes as a run that was never stopped.
//
// A shard's file (--shard K/N with N > 1) starts with a line naming its share and the
// sweep (its fingerprint), which `hpsim merge` reads and drops:
//   CSV:        # hpsim sweep part K/N of V variants, sweep F
//   JSON lines: {"sweep_part": {"shard": K, "of": N, "variants": V, "sweep": "F"}}
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>

#include "headphone/catalog.hpp"
#include "headphone/sweep/rows.hpp"
#include "headphone/sweep/variants.hpp"

namespace hpsim::headphone::sweep {

// What a sweep's file starts with: the part line of a shard, then the CSV header.
std::string file_preamble(const Spec& spec, Format format, const Shard& shard, std::size_t variants, const std::string& sweep);
std::string part_line(Format format, const Shard& shard, std::size_t variants, const std::string& sweep);

// Identifies a sweep's rows whatever the shard: the spec, the rig and every catalog
// entry as written, and the format.
std::string sweep_fingerprint(const Spec& spec, const Catalog& catalog, Format format);

class SweepFile {
public:
    // `fingerprint` identifies what writes the rows (sweep_fingerprint and the shard); a
    // resumed file must have been started by the same, and hold at most
    // `rows_expected` rows. Throws std::runtime_error.
    SweepFile(std::filesystem::path final_path, const std::string& fingerprint, const std::string& preamble,
              std::size_t rows_expected, bool resume);
    ~SweepFile();
    SweepFile(const SweepFile&) = delete;
    SweepFile& operator=(const SweepFile&) = delete;

    bool complete() const { return complete_; }          // resume found FILE finished
    std::size_t rows_done() const { return rows_done_; }  // whole rows already written
    void write(const std::string& row) {
        stream_ << row;
        bytes_written_ += row.size();
        ++rows_written_;
    }
    // After a block: what is written survives a kill. Throws when the disk is full, and
    // (once, early) when the rows still to come, at the size of those written so far,
    // would not fit in the folder's free space: FILE.partial stays for --resume.
    void flush(std::size_t rows_to_come);
    void commit();  // FILE.partial -> FILE

private:
    std::filesystem::path final_, partial_, fingerprint_file_, finished_fingerprint_file_;
    std::ofstream stream_;
    std::size_t rows_done_ = 0;
    std::size_t bytes_written_ = 0, rows_written_ = 0;  // by this run
    bool space_checked_ = false;
    bool complete_ = false, committed_ = false;
};

// A fingerprint of the texts a sweep depends on.
std::string fingerprint_of(const std::string& text);

}  // namespace hpsim::headphone::sweep
