#include "spice/lexer.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

namespace hpsim::spice {
namespace {

// Limits (docs/spice.md, "Limits").
constexpr std::size_t max_include_depth = 32;
constexpr std::size_t max_line_length = 1 << 20;  // characters per physical line

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

SourceLocation at(const FileName& file, int line, std::size_t index) {
    return {file, line, static_cast<int>(index) + 1};
}

// Where a comment starts: ';' anywhere, or '$' at the start or after blank space.
std::size_t comment_start(std::string_view line) {
    bool in_quotes = false;
    int brace_depth = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '"') in_quotes = !in_quotes;
        if (in_quotes) continue;
        if (c == '{') ++brace_depth;
        if (c == '}' && brace_depth > 0) --brace_depth;
        if (brace_depth > 0) continue;
        if (c == ';') return i;
        if (c == '$' && (i == 0 || is_space(line[i - 1]))) return i;
    }
    return line.size();
}

void reject_garbage(std::string_view line, const FileName& file, int line_number) {
    for (std::size_t i = 0; i < line.size(); ++i) {
        const auto byte = static_cast<unsigned char>(line[i]);
        if ((byte >= 0x20 && byte < 0x7f) || byte == '\t' || byte == '\r') continue;
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", byte);
        throw DeckError(at(file, line_number, i),
                        std::string("unexpected byte ") + hex + " (decks are plain ASCII text)");
    }
}

std::size_t find_closing(std::string_view line, std::size_t open, char open_char, char close_char) {
    int depth = 0;
    for (std::size_t i = open; i < line.size(); ++i) {
        if (line[i] == open_char && open_char != close_char) ++depth;
        else if (line[i] == close_char) {
            if (open_char == close_char) {
                if (i != open) return i;
            } else if (--depth == 0) {
                return i;
            }
        }
    }
    return std::string_view::npos;
}

// The token just added (if any) came after a comma or blank space: note it, and start afresh.
void mark_separator(std::vector<Token>& tokens, std::size_t before, bool& comma, bool& space) {
    if (tokens.size() > before) {
        tokens.back().after_comma = comma;
        tokens.back().after_space = space;
    }
    comma = space = false;
}

// Splits one physical line (comment already removed) into tokens, case kept.
void tokenize(std::string_view line, std::size_t first, const FileName& file, int line_number,
              std::vector<Token>& tokens) {
    std::size_t i = first;
    bool comma = false, space = true;  // a line's first token follows a line break
    while (i < line.size()) {
        const char c = line[i];
        if (is_space(c) || c == ',') {
            comma = comma || c == ',';
            space = space || c != ',';
            ++i;
            continue;
        }
        const std::size_t before = tokens.size();
        const SourceLocation where = at(file, line_number, i);
        if (c == '(' || c == ')' || c == '=') {
            const TokenKind kind = c == '(' ? TokenKind::open_paren
                                   : c == ')' ? TokenKind::close_paren
                                              : TokenKind::equals;
            tokens.push_back({kind, std::string(1, c), where});
            ++i;
            mark_separator(tokens, before, comma, space);
            continue;
        }
        if (c == '{' || c == '\'' || c == '"') {
            const char close = c == '{' ? '}' : c;
            const std::size_t end = find_closing(line, i, c, close);
            if (end == std::string_view::npos)
                throw DeckError(where, std::string("unterminated '") + c + "'");
            const TokenKind kind = c == '"' ? TokenKind::quoted : TokenKind::expression;
            tokens.push_back({kind, std::string(line.substr(i + 1, end - i - 1)),
                              at(file, line_number, i + 1)});
            i = end + 1;
            mark_separator(tokens, before, comma, space);
            continue;
        }
        if (c == '}') throw DeckError(where, "unexpected '}' with no '{' before it (names cannot hold braces)");
        std::size_t end = i;
        while (end < line.size() && !is_space(line[end]) && line[end] != ',' &&
               std::string_view("()={}'\"").find(line[end]) == std::string_view::npos)
            ++end;
        tokens.push_back({TokenKind::word, std::string(line.substr(i, end - i)), where});
        i = end;
        mark_separator(tokens, before, comma, space);
    }
}

std::optional<std::string> read_whole_file(const std::filesystem::path& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
    std::ifstream stream(path, std::ios::binary);
    if (!stream) return std::nullopt;
    std::ostringstream contents;
    contents << stream.rdbuf();
    return contents.str();
}

// A library section being read: ".lib FILE NAME" reads FILE's cards from ".lib NAME"
// to the next ".endl".
struct LibrarySection {
    std::string name;      // lower case
    SourceLocation where;  // the .lib card that asked for it
};

class Reader {
public:
    CardStream stream;
    std::vector<std::filesystem::path> include_stack;  // files being read, canonical
    std::size_t include_depth = 0;                      // .include files and .lib sections among them

    void read(std::string_view text, const std::string& name, const std::filesystem::path& folder,
              bool top_level, const LibrarySection* section = nullptr);

private:
    // Library sections being read (file, section): one asking for itself again is a cycle.
    std::vector<std::pair<std::filesystem::path, std::string>> library_stack_;

    void finish(std::optional<Card>& card, const std::filesystem::path& folder);
    void include(const Card& card, const std::filesystem::path& folder);
    void library(const Card& card, const std::filesystem::path& folder);
    void end_of_section(std::string_view line, const FileName& file, int line_number, const LibrarySection& section);
};

// ".lib NAME" alone on the line: the start of a library section's definition.
std::optional<std::string> section_definition(std::string_view line, const FileName& file, int line_number) {
    std::vector<Token> tokens;
    tokenize(line, 0, file, line_number, tokens);
    if (tokens.size() != 2 || lower(tokens[0].text) != ".lib") return std::nullopt;
    return lower(tokens[1].text);
}

void Reader::read(std::string_view text, const std::string& name, const std::filesystem::path& folder,
                  bool top_level, const LibrarySection* section) {
    const FileName file(name);
    bool in_section = false;
    std::optional<Card> card;
    std::optional<SourceLocation> control_block;
    int line_number = 0;
    std::size_t position = 0;
    while (position <= text.size()) {
        const std::size_t newline = text.find('\n', position);
        const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
        std::string_view line = text.substr(position, end - position);
        position = end + 1;
        ++line_number;
        if (newline == std::string_view::npos && line.empty() && line_number > 1) break;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.size() > max_line_length)
            throw DeckError(at(file, line_number, max_line_length),
                            "line longer than " + std::to_string(max_line_length) + " characters");

        if (top_level && line_number == 1) {
            reject_garbage(line, file, line_number);
            stream.title = std::string(line);
            continue;
        }
        std::size_t first = 0;
        while (first < line.size() && is_space(line[first])) ++first;
        if (first == line.size() || line[first] == '*') continue;  // blank or comment line
        line = line.substr(0, comment_start(line));
        reject_garbage(line, file, line_number);
        if (line.find_first_not_of(" \t\r", first) == std::string_view::npos) continue;

        const std::string head = lower(std::string(line.substr(first, 6)));
        if (section && !in_section) {  // the file's cards before the section asked for
            in_section = section_definition(line, file, line_number) == section->name;
            continue;
        }
        if (section && head.rfind(".endl", 0) == 0 && (head.size() == 5 || is_space(head[5]))) {
            finish(card, folder);
            end_of_section(line, file, line_number, *section);
            return;
        }
        if (control_block) {
            if (head.rfind(".endc", 0) == 0) {
                stream.warnings.push_back({*control_block, ".control block skipped (hpsim runs the deck's analysis cards)"});
                control_block.reset();
            }
            continue;
        }
        if (line[first] == '+') {
            if (!card) throw DeckError(at(file, line_number, first), "continuation line '+' with no card to continue");
            tokenize(line, first + 1, file, line_number, card->tokens);
            continue;
        }
        finish(card, folder);
        if (head.rfind(".contr", 0) == 0) {
            control_block = at(file, line_number, first);
            continue;
        }
        std::vector<Token> tokens;
        tokenize(line, first, file, line_number, tokens);
        if (tokens.empty()) continue;
        if (lower(tokens.front().text) == ".end") return;
        card = Card{std::move(tokens), at(file, line_number, first)};
    }
    finish(card, folder);
    if (section && !in_section)
        throw DeckError(section->where, "library file '" + name + "' has no section '" + section->name + "'");
    if (section) throw DeckError(section->where, "section '" + section->name + "' of '" + name + "' has no .endl");
    if (control_block) throw DeckError(*control_block, ".control block has no .endc");
    if (top_level && line_number <= 1 && stream.title.empty())
        throw DeckError({file, 1, 1}, "empty deck: expected a title line and cards");
}

void Reader::finish(std::optional<Card>& card, const std::filesystem::path& folder) {
    if (!card) return;
    const std::string command = lower(card->tokens.front().text);
    if (command.rfind(".inc", 0) == 0) {  // as ngspice: .include, .inc, .incl, ...
        include(*card, folder);
    } else if (command == ".lib") {
        library(*card, folder);
    } else if (command == ".endl") {
        throw DeckError(card->where, ".endl outside a library section (read with .lib FILE NAME)");
    } else {
        for (Token& token : card->tokens)
            if (token.kind == TokenKind::word) token.text = lower(token.text);
        stream.cards.push_back(std::move(*card));
    }
    card.reset();
}

void Reader::include(const Card& card, const std::filesystem::path& folder) {
    if (card.tokens.size() != 2)
        throw DeckError(card.where, ".include takes one file path");
    const Token& path_token = card.tokens[1];
    const std::filesystem::path path = (folder / path_token.text).lexically_normal();
    std::error_code error;
    const std::filesystem::path canonical = std::filesystem::weakly_canonical(path, error);
    if (std::find(include_stack.begin(), include_stack.end(), canonical) != include_stack.end())
        throw DeckError(path_token.where, "include cycle: '" + path_token.text + "' is already being read");
    if (include_depth >= max_include_depth)
        throw DeckError(path_token.where, "includes nested more than " + std::to_string(max_include_depth) + " deep");
    const std::optional<std::string> text = read_whole_file(path);
    if (!text) throw DeckError(path_token.where, "cannot read included file '" + path.string() + "': " + unreadable_reason(path.string()));
    include_stack.push_back(canonical);
    ++include_depth;
    read(*text, path.string(), path.parent_path(), false);
    --include_depth;
    include_stack.pop_back();
}

// ".lib FILE NAME": FILE's section NAME in place of the card (FILE relative to the
// file that asks for it, as .include).
void Reader::library(const Card& card, const std::filesystem::path& folder) {
    if (card.tokens.size() == 2)
        throw DeckError(card.where, "'.lib " + card.tokens[1].text +
                                        "' defines a library section: it belongs in a library file, read with "
                                        ".lib FILE " + card.tokens[1].text);
    if (card.tokens.size() != 3) throw DeckError(card.where, ".lib takes a library file and a section name");
    const Token& path_token = card.tokens[1];
    const LibrarySection section{lower(card.tokens[2].text), card.tokens[2].where};
    const std::filesystem::path path = (folder / path_token.text).lexically_normal();
    std::error_code error;
    const std::pair<std::filesystem::path, std::string> key{std::filesystem::weakly_canonical(path, error), section.name};
    if (std::find(library_stack_.begin(), library_stack_.end(), key) != library_stack_.end())
        throw DeckError(card.tokens[2].where, "library cycle: section '" + section.name + "' of '" + path_token.text +
                                                  "' is already being read");
    if (include_depth >= max_include_depth)
        throw DeckError(path_token.where, "includes nested more than " + std::to_string(max_include_depth) + " deep");
    const std::optional<std::string> text = read_whole_file(path);
    if (!text) throw DeckError(path_token.where, "cannot read library file '" + path.string() + "': " + unreadable_reason(path.string()));
    library_stack_.push_back(key);
    ++include_depth;
    read(*text, path.string(), path.parent_path(), false, &section);
    --include_depth;
    library_stack_.pop_back();
}

// ".endl [NAME]": the end of the section being read. ngspice 39 reads no further on
// the line; a name other than the section's is an error, words after it are ignored.
void Reader::end_of_section(std::string_view line, const FileName& file, int line_number,
                            const LibrarySection& section) {
    std::vector<Token> tokens;
    tokenize(line, 0, file, line_number, tokens);
    if (tokens.size() > 1 && lower(tokens[1].text) != section.name)
        throw DeckError(tokens[1].where, ".endl " + tokens[1].text + " ends section '" + section.name + "'");
    if (tokens.size() > 2)
        stream.warnings.push_back({tokens[2].where, "words after '.endl " + tokens[1].text + "' ignored"});
}

}  // namespace

std::string Card::to_text() const {
    std::string text;
    const Token* previous = nullptr;
    for (const Token& token : tokens) {
        if (previous && token.after_comma) text += ',';
        else if (previous && token.after_space) text += ' ';
        switch (token.kind) {
            case TokenKind::expression: text += '{' + token.text + '}'; break;
            case TokenKind::quoted: text += '"' + token.text + '"'; break;
            default: text += token.text;
        }
        previous = &token;
    }
    return text;
}

std::vector<std::string> CardStream::to_lines() const {
    std::vector<std::string> lines;
    lines.reserve(cards.size() + 2);
    lines.push_back(title.empty() ? std::string("* deck") : title);
    for (const Card& card : cards) lines.push_back(card.to_text());
    lines.push_back(".end");
    return lines;
}

CardStream read_deck_file(const std::filesystem::path& path) {
    const std::optional<std::string> text = read_whole_file(path);
    if (!text) throw DeckError({path.string(), 0, 0}, "cannot read the deck: " + unreadable_reason(path.string()));
    Reader reader;
    std::error_code error;
    reader.include_stack.push_back(std::filesystem::weakly_canonical(path, error));
    reader.read(*text, path.string(), path.parent_path(), true);
    return std::move(reader.stream);
}

CardStream read_deck_text(std::string_view text, const std::string& name,
                          const std::filesystem::path& base_folder) {
    Reader reader;
    reader.read(text, name, base_folder, true);
    return std::move(reader.stream);
}

}  // namespace hpsim::spice
