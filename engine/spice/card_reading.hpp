#pragma once
// Pieces of card syntax that the element readers and the dot-card parser share: a
// cursor over one card's tokens, node names, "name = value" lists and user functions'
// heads, and node lists in parentheses.
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "spice/lexer.hpp"
#include "spice/netlist.hpp"

namespace hpsim::spice {

// Walks the tokens of one card.
class Cursor {
public:
    explicit Cursor(const Card& card) : card_(card) {}

    bool done() const { return index_ >= card_.tokens.size(); }
    const Token& peek(std::size_t ahead = 0) const {
        static const Token none{};
        return index_ + ahead < card_.tokens.size() ? card_.tokens[index_ + ahead] : none;
    }
    bool peek_is(TokenKind kind, std::size_t ahead = 0) const {
        return index_ + ahead < card_.tokens.size() && peek(ahead).kind == kind;
    }
    bool peek_word(const char* word) const { return peek_is(TokenKind::word) && peek().text == word; }
    const Token& next() { return card_.tokens[index_++]; }
    SourceLocation end_location() const {
        SourceLocation where = card_.tokens.back().where;
        where.column += static_cast<int>(card_.tokens.back().text.size());
        return where;
    }
    SourceLocation here() const { return done() ? end_location() : peek().where; }

    [[noreturn]] void fail(const std::string& message) const { throw DeckError(here(), message); }

    std::string word(const char* what) {
        if (!peek_is(TokenKind::word)) fail("expected " + std::string(what));
        return next().text;
    }
    // A value: {expr}, 'expr', or a number-like word such as "10uF" or "-1.5".
    bool at_value() const {
        if (peek_is(TokenKind::expression)) return true;
        if (!peek_is(TokenKind::word)) return false;
        const char first = peek().text.front();
        return std::isdigit(static_cast<unsigned char>(first)) || first == '.' || first == '-' || first == '+';
    }
    Expression value(const std::string& what) {
        if (!at_value()) fail("expected " + what);
        const Token& token = next();
        return {token.text, token.where};
    }
    // A parameter name standing for its value, as ngspice 39 reads "R1 a b rval": a word
    // that starts with a letter and is not the name of a "name=value" pair.
    bool at_bare_name() const {
        if (!peek_is(TokenKind::word) || peek_is(TokenKind::equals, 1)) return false;
        const char first = peek().text.front();
        return std::isalpha(static_cast<unsigned char>(first)) || first == '_';
    }
    Expression value_or_name(const std::string& what) {
        if (!at_bare_name()) return value(what);
        const Token& token = next();
        return {token.text, token.where};
    }
    // "name =", not a comparison written without braces: "a==b", "a<=b", "a>=b", "a!=b".
    bool at_assignment() const {
        if (!peek_is(TokenKind::word) || !peek_is(TokenKind::equals, 1)) return false;
        if (std::string_view("<>!").find(peek().text.back()) != std::string_view::npos) return false;
        const bool doubled = peek_is(TokenKind::equals, 2) && !peek(2).after_space && !peek(2).after_comma;
        return !doubled;
    }
    void expect_end(const std::string& context) const {
        if (!done()) fail("unexpected '" + peek().text + "' " + context);
    }

private:
    const Card& card_;
    std::size_t index_ = 0;
};

inline std::string node_name(const std::string& text) { return text == "gnd" ? "0" : text; }

// The tokens of a value as one expression text: a single {x} as written (its columns,
// its nesting), else the tokens as written, each {x} in parentheses.
Expression joined_value(const std::vector<const Token*>& tokens, const SourceLocation& where);

// "name(a, b)" of a user function (.func, or .param name(a, b) = ...).
UserFunction read_function_head(Cursor& cursor);

// "name = value" pairs until the end of the card. With `functions`, also user functions
// "name(a, b) = body" (a .param card).
std::vector<ParamAssignment> read_assignments(Cursor& cursor, std::vector<UserFunction>* functions = nullptr);

// "(" before a list of nodes, which ngspice 39 drops: skipped, and whether it was there.
bool skip_open_paren(Cursor& cursor);
void skip_close_paren(Cursor& cursor, const std::string& where);

}  // namespace hpsim::spice
