#pragma once
// Turns deck text into cards: logical lines (continuations joined, comments removed,
// .include files spliced in, .control blocks skipped) made of located tokens.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "spice/diagnostic.hpp"

namespace hpsim::spice {

enum class TokenKind {
    word,         // names, numbers, dot-commands: lower-cased
    open_paren,   // (
    close_paren,  // )
    equals,       // =
    expression,   // {expr} or 'expr': text without the delimiters
    quoted,       // "text": text without the quotes, case kept (file paths)
};

struct Token {
    TokenKind kind = TokenKind::word;
    std::string text;
    SourceLocation where;
    // What separated it from the token before (kept for to_text): a ',', blank space
    // (or a new line), or nothing. A token made elsewhere than the lexer stands apart.
    bool after_comma = false, after_space = true;
};

struct Card {
    std::vector<Token> tokens;  // never empty
    SourceLocation where;       // first token

    // The card as one line of SPICE text that reads back to the same tokens.
    std::string to_text() const;
};

struct CardStream {
    std::string title;
    std::vector<Card> cards;
    std::vector<Warning> warnings;

    // The deck as SPICE text another simulator can read: title, cards, ".end".
    std::vector<std::string> to_lines() const;
};

// Reads a deck file; .include paths resolve against the including file's folder.
CardStream read_deck_file(const std::filesystem::path& path);

// Reads deck text; `name` is used in messages, `base_folder` resolves .include.
CardStream read_deck_text(std::string_view text, const std::string& name,
                          const std::filesystem::path& base_folder);

}  // namespace hpsim::spice
