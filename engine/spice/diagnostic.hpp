#pragma once
// Source positions and the errors and warnings that point at them.
// Every message reads like a compiler's: "file:line:col: error: message".
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace hpsim::spice {

// A file name, kept once per distinct name for the whole process: every token of a
// deck carries its file, so a copy is one pointer (not a string per token).
class FileName {
public:
    FileName();
    FileName(std::string_view name);  // implicit: a name is written as a string
    FileName(const std::string& name) : FileName(std::string_view(name)) {}
    FileName(const char* name) : FileName(std::string_view(name)) {}

    const std::string& str() const { return *name_; }
    operator const std::string&() const { return *name_; }
    bool empty() const { return name_->empty(); }
    friend bool operator==(const FileName& a, const FileName& b) { return a.name_ == b.name_; }

private:
    const std::string* name_;
};

struct SourceLocation {
    FileName file;     // as the user named it (or "<string>" for text decks)
    int line = 0;      // 1-based; 0 when unknown
    int column = 0;    // 1-based; 0 when unknown

    std::string to_string() const;
};

// Thrown for anything wrong in a deck (syntax, semantics, topology). Carries where.
class DeckError : public std::runtime_error {
public:
    DeckError(SourceLocation where, const std::string& message);
    const SourceLocation& where() const { return where_; }
    const std::string& message() const { return message_; }

private:
    SourceLocation where_;
    std::string message_;
};

// Why a file cannot be read, as the system says it ("No such file or directory",
// "Permission denied", "Is a directory"); "" when it can be read.
std::string unreadable_reason(const std::string& path);

struct Warning {
    SourceLocation where;
    std::string message;
    std::string to_string() const;  // "file:line:col: warning: message"
};

}  // namespace hpsim::spice
