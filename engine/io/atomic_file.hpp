#pragma once
// A file that appears whole or not at all: written under a temporary name beside its
// final one (same folder, so the rename is atomic) and renamed by commit(). Destroyed
// uncommitted (an error, an exception), it removes the temporary file.
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace hpsim::io {

class AtomicFile {
public:
    // Opens the temporary file. Throws std::runtime_error naming `final_path`.
    explicit AtomicFile(std::filesystem::path final_path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    std::ofstream& stream() { return stream_; }
    void write(std::string_view text) { stream_.write(text.data(), static_cast<std::streamsize>(text.size())); }
    // Flushes, checks every write succeeded and renames. Throws std::runtime_error.
    void commit();
    const std::filesystem::path& final_path() const { return final_; }

private:
    std::filesystem::path final_, temporary_;
    std::ofstream stream_;
    bool committed_ = false;
};

// The whole of `text` into `path`, atomically. Throws std::runtime_error.
void write_file_atomically(const std::filesystem::path& path, std::string_view text);

// The whole of a file's bytes; empty when it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace hpsim::io
