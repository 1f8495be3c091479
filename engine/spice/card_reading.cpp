#include "spice/card_reading.hpp"

#include <algorithm>

#include "spice/expression.hpp"

namespace hpsim::spice {
namespace {

// "name (a, b) =": a user function's head in a .param card, as ngspice 39 reads it.
bool at_function_head(const Cursor& cursor) {
    if (!cursor.peek_is(TokenKind::word) || !cursor.peek_is(TokenKind::open_paren, 1)) return false;
    std::size_t ahead = 2;
    while (cursor.peek_is(TokenKind::word, ahead)) ++ahead;
    return cursor.peek_is(TokenKind::close_paren, ahead) && cursor.peek_is(TokenKind::equals, ahead + 1);
}

}  // namespace

Expression joined_value(const std::vector<const Token*>& tokens, const SourceLocation& where) {
    Expression value{"", where};
    if (tokens.size() == 1 && tokens.front()->kind == TokenKind::expression) {
        value.text = tokens.front()->text;
        value.where = tokens.front()->where;
        return value;
    }
    if (!tokens.empty()) value.where = tokens.front()->where;
    for (const Token* token : tokens) {  // with the separators written between them
        if (!value.text.empty()) value.text += token->after_comma ? "," : token->after_space ? " " : "";
        value.text += token->kind == TokenKind::expression ? "(" + token->text + ")" : token->text;
    }
    return value;
}

UserFunction read_function_head(Cursor& cursor) {
    UserFunction function;
    function.where = cursor.here();
    function.name = cursor.word("a function name");
    if (!std::isalpha(static_cast<unsigned char>(function.name.front())) && function.name.front() != '_')
        throw DeckError(function.where, "function name '" + function.name + "' must start with a letter");
    if (is_reserved_function_name(function.name))
        throw DeckError(function.where, "'" + function.name + "' is a built-in function: a .func cannot redefine it");
    if (!cursor.peek_is(TokenKind::open_paren)) cursor.fail("expected '(' and the parameters of function '" + function.name + "'");
    cursor.next();
    while (cursor.peek_is(TokenKind::word)) {
        const SourceLocation where = cursor.here();
        std::string parameter = cursor.next().text;
        if (std::find(function.parameters.begin(), function.parameters.end(), parameter) != function.parameters.end())
            throw DeckError(where, "function '" + function.name + "' names parameter '" + parameter + "' twice");
        function.parameters.push_back(std::move(parameter));
    }
    if (!cursor.peek_is(TokenKind::close_paren))
        cursor.fail("expected a parameter name or ')' in function '" + function.name + "'");
    cursor.next();
    return function;
}

std::vector<ParamAssignment> read_assignments(Cursor& cursor, std::vector<UserFunction>* functions) {
    std::vector<ParamAssignment> assignments;
    const auto at_next = [&] { return cursor.at_assignment() || (functions && at_function_head(cursor)); };
    while (!cursor.done()) {
        const SourceLocation where = cursor.here();
        std::optional<UserFunction> function;
        if (functions && at_function_head(cursor)) function = read_function_head(cursor);
        const std::string name = function ? function->name : cursor.word("a parameter name");
        if (!cursor.peek_is(TokenKind::equals)) cursor.fail("expected '=' after parameter '" + name + "'");
        cursor.next();
        if (cursor.done()) cursor.fail("expected a value for parameter '" + name + "'");
        // The value runs to the next "name =" (so ".param a = 2 * (b + 1)" works).
        const SourceLocation value_where = cursor.here();
        std::vector<const Token*> tokens;
        while (!cursor.done() && !at_next()) tokens.push_back(&cursor.next());
        Expression value = joined_value(tokens, value_where);
        if (function) {
            function->body = std::move(value.text);
            function->body_where = value.where;
            functions->push_back(std::move(*function));
        } else {
            assignments.push_back({name, std::move(value), where});
        }
    }
    return assignments;
}

bool skip_open_paren(Cursor& cursor) {
    if (!cursor.peek_is(TokenKind::open_paren)) return false;
    cursor.next();
    return true;
}

void skip_close_paren(Cursor& cursor, const std::string& where) {
    if (!cursor.peek_is(TokenKind::close_paren)) cursor.fail("expected ')' " + where);
    cursor.next();
}

}  // namespace hpsim::spice
