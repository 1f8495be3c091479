#pragma once
// Source positions and the errors and warnings that point at them.
// Every message reads like a compiler's: "file:line:col: error: message".
#include <stdexcept>
#include <string>
#include <vector>

namespace hpsim::spice {

struct SourceLocation {
    std::string file;  // as the user named it (or "<string>" for text decks)
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

struct Warning {
    SourceLocation where;
    std::string message;
    std::string to_string() const;  // "file:line:col: warning: message"
};

}  // namespace hpsim::spice
