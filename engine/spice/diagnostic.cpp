#include "spice/diagnostic.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <unordered_set>

namespace hpsim::spice {
namespace {

// Names are never removed: a process reads a handful of files.
const std::string* interned(std::string_view name) {
    static std::mutex guard;
    static std::unordered_set<std::string> names;
    const std::lock_guard lock(guard);
    return &*names.emplace(name).first;
}

}  // namespace

FileName::FileName() {
    static const std::string* const no_name = interned("");  // locations are made by the million
    name_ = no_name;
}
FileName::FileName(std::string_view name) : name_(interned(name)) {}

std::string SourceLocation::to_string() const {
    std::string text = file.empty() ? std::string("<deck>") : file.str();
    if (line > 0) {
        text += ':' + std::to_string(line);
        if (column > 0) text += ':' + std::to_string(column);
    }
    return text;
}

static std::string located(const SourceLocation& where, const char* kind, const std::string& message) {
    return where.to_string() + ": " + kind + ": " + message;
}

DeckError::DeckError(SourceLocation where, const std::string& message)
    : std::runtime_error(located(where, "error", message)), where_(std::move(where)), message_(message) {}

std::string unreadable_reason(const std::string& path) {
    const int file = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (file < 0) return std::strerror(errno);
    char byte;
    const bool readable = ::read(file, &byte, 1) >= 0;  // a folder opens, but does not read
    const int read_error = errno;
    ::close(file);
    return readable ? std::string() : std::strerror(read_error);
}

std::string Warning::to_string() const { return located(where, "warning", message); }

}  // namespace hpsim::spice
