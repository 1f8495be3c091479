#include "spice/diagnostic.hpp"

namespace hpsim::spice {

std::string SourceLocation::to_string() const {
    std::string text = file.empty() ? std::string("<deck>") : file;
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

std::string Warning::to_string() const { return located(where, "warning", message); }

}  // namespace hpsim::spice
