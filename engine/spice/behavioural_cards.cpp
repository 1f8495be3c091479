#include "spice/behavioural_cards.hpp"

#include <set>

#include "spice/number.hpp"

namespace hpsim::spice {
namespace {

// "POLY(n) controls... c0 c1 ...": n node pairs (E G) or n voltage sources (F H).
void read_polynomial(Cursor& cursor, ElementCard& element, BehaviouralCard& form) {
    if (!cursor.peek_is(TokenKind::open_paren)) cursor.fail("expected '(' and the number of controls after POLY");
    cursor.next();
    const SourceLocation dimension_where = cursor.here();
    const std::optional<double> dimension = cursor.peek_is(TokenKind::word) ? parse_number(cursor.next().text) : std::nullopt;
    if (!dimension || !(*dimension >= 1 && *dimension <= 100) || *dimension != static_cast<int>(*dimension))
        throw DeckError(dimension_where, "POLY takes a whole number of controls from 1 to 100");
    if (!cursor.peek_is(TokenKind::close_paren)) cursor.fail("expected ')' after the number of controls");
    cursor.next();
    const auto count = static_cast<int>(*dimension);
    const bool sources = element.letter == 'f' || element.letter == 'h';
    for (int i = 0; i < (sources ? count : 2 * count); ++i) {
        if (!cursor.peek_is(TokenKind::word) || cursor.at_assignment())
            cursor.fail(sources ? "expected controlling voltage source " + std::to_string(i + 1) + " of " + element.name
                                : "expected control node " + std::to_string(i + 1) + " of " + element.name);
        (sources ? form.control_source_where : form.control_node_where).push_back(cursor.here());
        const std::string name = cursor.next().text;
        (sources ? form.control_sources : form.control_nodes).push_back(sources ? name : node_name(name));
    }
    while (!cursor.done() && !cursor.at_assignment()) form.coefficients.push_back(cursor.value_or_name("a coefficient"));
    if (form.coefficients.empty()) cursor.fail("expected the coefficients of " + element.name + "'s POLY");
}

}  // namespace

bool at_behavioural_form(const Cursor& cursor) {
    static const std::set<std::string> keywords{"value", "vol", "cur", "table", "poly", "laplace", "freq"};
    return cursor.peek_is(TokenKind::word) && keywords.count(cursor.peek().text) &&
           (cursor.peek_is(TokenKind::equals, 1) || cursor.peek_is(TokenKind::open_paren, 1) ||
            cursor.peek_is(TokenKind::expression, 1));
}

void read_behavioural_form(Cursor& cursor, ElementCard& element) {
    BehaviouralCard form;
    form.where = cursor.here();
    const std::string keyword = cursor.next().text;
    if (keyword == "poly") {
        read_polynomial(cursor, element, form);
    } else if (keyword == "value" || (keyword == "vol" && element.letter == 'e') ||
               (keyword == "cur" && element.letter == 'g')) {
        if (element.letter == 'f' || element.letter == 'h')
            throw DeckError(form.where, "'" + keyword + "=' is not a form of " + element.name + " (F and H take POLY)");
        if (cursor.peek_is(TokenKind::equals)) cursor.next();
        if (!cursor.peek_is(TokenKind::expression))
            cursor.fail("expected the expression of " + element.name + "'s " + keyword + "= in braces or quotes");
        const Token& token = cursor.next();
        form.expression = Expression{token.text, token.where};
    } else {
        throw DeckError(form.where, "behavioural source form '" + keyword + "' of " + element.name + " is not supported");
    }
    element.behaviour = std::move(form);
}

}  // namespace hpsim::spice
