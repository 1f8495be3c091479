#include "io/atomic_file.hpp"

#include <sstream>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace hpsim::io {

AtomicFile::AtomicFile(std::filesystem::path final_path) : final_(std::move(final_path)) {
    // A hidden name with the process id: two processes writing the same file never share it.
    std::string hidden_name = ".";
    hidden_name += final_.filename().string();
    hidden_name += ".";
    hidden_name += std::to_string(::getpid());
    hidden_name += ".part";
    temporary_ = final_.parent_path() / hidden_name;
    stream_.open(temporary_, std::ios::binary | std::ios::trunc);
    if (!stream_) throw std::runtime_error("cannot write '" + final_.string() + "'");
}

AtomicFile::~AtomicFile() {
    if (committed_) return;
    stream_.close();
    std::error_code ignored;
    std::filesystem::remove(temporary_, ignored);
}

void AtomicFile::commit() {
    stream_.close();
    if (!stream_) throw std::runtime_error("writing '" + final_.string() + "' failed (disk full?)");
    std::error_code error;
    std::filesystem::rename(temporary_, final_, error);
    if (error) throw std::runtime_error("cannot write '" + final_.string() + "': " + error.message());
    committed_ = true;
}

void write_file_atomically(const std::filesystem::path& path, std::string_view text) {
    AtomicFile file(path);
    file.write(text);
    file.commit();
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream stream(path, std::ios::binary);
    std::ostringstream text;
    text << stream.rdbuf();
    return text.str();
}

}  // namespace hpsim::io
