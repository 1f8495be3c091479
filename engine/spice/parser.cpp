#include "spice/parser.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "spice/expression.hpp"
#include "spice/number.hpp"

namespace hpsim::spice {
namespace {

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

std::string node_name(const std::string& text) { return text == "gnd" ? "0" : text; }

// E, G, F, H written as behavioural sources (value=, poly(...), table, ...) rather than
// with nodes and a gain.
bool at_behavioural_form(const Cursor& cursor) {
    static const std::set<std::string> keywords{"value", "vol", "cur", "table", "poly", "laplace", "freq"};
    return cursor.peek_is(TokenKind::word) && keywords.count(cursor.peek().text) &&
           (cursor.peek_is(TokenKind::equals, 1) || cursor.peek_is(TokenKind::open_paren, 1) ||
            cursor.peek_is(TokenKind::expression, 1));
}

void read_nodes(Cursor& cursor, ElementCard& element, int count) {
    for (int i = 0; i < count; ++i) {
        if (std::string_view("efgh").find(element.letter) != std::string_view::npos && at_behavioural_form(cursor))
            cursor.fail("behavioural source form '" + cursor.peek().text + "' of " + element.name + " is not supported");
        if (cursor.at_assignment())
            cursor.fail("expected node " + std::to_string(i + 1) + " of " + element.name + ", not the parameter '" +
                        cursor.peek().text + "='");
        if (!cursor.peek_is(TokenKind::word)) cursor.fail("expected node " + std::to_string(i + 1) + " of " + element.name);
        element.node_where.push_back(cursor.peek().where);
        element.nodes.push_back(node_name(cursor.next().text));
    }
}

void read_reference(Cursor& cursor, ElementCard& element, const char* what) {
    element.reference_where.push_back(cursor.here());
    element.references.push_back(cursor.word(what));
}

// "name (a, b) =": a user function's head in a .param card, as ngspice 39 reads it.
bool at_function_head(const Cursor& cursor) {
    if (!cursor.peek_is(TokenKind::word) || !cursor.peek_is(TokenKind::open_paren, 1)) return false;
    std::size_t ahead = 2;
    while (cursor.peek_is(TokenKind::word, ahead)) ++ahead;
    return cursor.peek_is(TokenKind::close_paren, ahead) && cursor.peek_is(TokenKind::equals, ahead + 1);
}

// The tokens of a value as one expression text: a single {x} as written (its columns,
// its nesting), else the tokens as written, each {x} in parentheses.
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

// "name = value" pairs until the end of the card. With `functions`, also user functions
// "name(a, b) = body" (a .param card).
std::vector<ParamAssignment> read_assignments(Cursor& cursor, std::vector<UserFunction>* functions = nullptr);

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

enum class InstanceParameter {
    value, multiplier, temperature_coefficient_1, temperature_coefficient_2, initial_condition,
    length, width, scale, temperature_coefficient_exponential, temperature, temperature_offset,
};

struct NamedParameter {
    const char* name;
    InstanceParameter meaning;
};

// The instance parameters ngspice 39 reads on each element letter that hpsim models.
const std::vector<NamedParameter>& named_parameters(char letter) {
    using enum InstanceParameter;
    static const std::map<char, std::vector<NamedParameter>> table{
        {'r', {{"r", value}, {"resistance", value}, {"m", multiplier}, {"tc", temperature_coefficient_1},
               {"tc1", temperature_coefficient_1}, {"tc2", temperature_coefficient_2},
               {"tce", temperature_coefficient_exponential}, {"l", length}, {"w", width}, {"scale", scale},
               {"temp", temperature}, {"dtemp", temperature_offset}}},
        {'c', {{"c", value}, {"cap", value}, {"capacitance", value}, {"m", multiplier},
               {"tc1", temperature_coefficient_1}, {"tc2", temperature_coefficient_2}, {"ic", initial_condition},
               {"l", length}, {"w", width}, {"scale", scale}, {"temp", temperature}, {"dtemp", temperature_offset}}},
        {'l', {{"l", value}, {"inductance", value}, {"m", multiplier}, {"tc1", temperature_coefficient_1},
               {"tc2", temperature_coefficient_2}, {"ic", initial_condition}, {"scale", scale},
               {"temp", temperature}, {"dtemp", temperature_offset}}},
        {'e', {{"gain", value}}},
        {'g', {{"gain", value}, {"m", multiplier}}},
        {'f', {{"gain", value}, {"m", multiplier}}},
        {'h', {{"gain", value}}},
        {'k', {{"k", value}, {"coefficient", value}}},
    };
    static const std::vector<NamedParameter> none;
    const auto found = table.find(letter);
    return found == table.end() ? none : found->second;
}

// Instance parameters ngspice reads that change the results in ways hpsim does not model.
bool is_unsupported_parameter(char letter, const std::string& name) {
    static const std::map<char, std::set<std::string>> table{
        {'r', {"ac", "noisy", "noise", "bv_max"}},
        {'c', {"bv_max"}},
        {'l', {"nt"}},
        {'e', {"ic"}},
        {'g', {"ic"}},
    };
    const auto found = table.find(letter);
    return found != table.end() && found->second.count(name) > 0;
}

std::optional<Expression>& parameter_slot(ElementCard& element, InstanceParameter meaning) {
    switch (meaning) {
        case InstanceParameter::value: return element.value;
        case InstanceParameter::multiplier: return element.multiplier;
        case InstanceParameter::temperature_coefficient_1: return element.temperature_coefficient_1;
        case InstanceParameter::temperature_coefficient_2: return element.temperature_coefficient_2;
        case InstanceParameter::initial_condition: return element.initial_condition;
        case InstanceParameter::length: return element.length;
        case InstanceParameter::width: return element.width;
        case InstanceParameter::scale: return element.scale;
        case InstanceParameter::temperature_coefficient_exponential: return element.temperature_coefficient_exponential;
        case InstanceParameter::temperature: return element.temperature;
        case InstanceParameter::temperature_offset: return element.temperature_offset;
    }
    return element.value;
}

// "name=value" pairs after an element's value: r= c= l= gain= k=, m=, tc1= tc2=, ic=.
// A value is one token: a number, {expression}, 'expression', or a parameter name or
// braceless expression such as rval*2 (ngspice reads those after '=').
void read_instance_parameters(Cursor& cursor, ElementCard& element, const std::string& what) {
    const std::vector<NamedParameter>& known = named_parameters(element.letter);
    bool gain_by_name = false;
    while (!cursor.done()) {
        if (!cursor.at_assignment())
            cursor.fail("unexpected '" + cursor.peek().text + "' after the value of " + element.name);
        const Token name = cursor.next();
        cursor.next();  // '='
        if (!cursor.peek_is(TokenKind::word) && !cursor.peek_is(TokenKind::expression))
            cursor.fail("expected a value for '" + name.text + "'");
        const Token& value_token = cursor.next();
        if (cursor.peek_is(TokenKind::open_paren))
            cursor.fail("an expression with parentheses after '" + name.text + "=' needs braces: write {...}");
        const auto parameter = std::find_if(known.begin(), known.end(),
                                            [&](const NamedParameter& p) { return name.text == p.name; });
        if (parameter == known.end()) {
            if (is_unsupported_parameter(element.letter, name.text))
                throw DeckError(name.where, "instance parameter '" + name.text + "' of " + element.name +
                                                " is not supported (it would change the results)");
            throw DeckError(name.where, "unknown instance parameter '" + name.text + "' for " + element.name);
        }
        std::optional<Expression>& slot = parameter_slot(element, parameter->meaning);
        if (slot)
            throw DeckError(name.where, parameter->meaning == InstanceParameter::value
                                            ? element.name + " is given " + what + " twice"
                                            : "'" + name.text + "' is given twice for " + element.name);
        slot = Expression{value_token.text, value_token.where};
        gain_by_name = gain_by_name || parameter->meaning == InstanceParameter::value;
        // ngspice reads a resistor's "tc=a b" as tc1=a tc2=b.
        if (element.letter == 'r' && name.text == "tc" && cursor.at_value() && !cursor.at_assignment()) {
            if (element.temperature_coefficient_2) cursor.fail("'tc2' is given twice for " + element.name);
            element.temperature_coefficient_2 = cursor.value("");
        }
    }
    if (!element.value && !element.model) throw DeckError(element.where, "expected " + what + " for " + element.name);
    // ngspice 39 multiplies a G or F gain by m only when the gain is read after m: it
    // silently drops m after "gain=".
    if ((element.letter == 'g' || element.letter == 'f') && element.multiplier && gain_by_name)
        throw DeckError(element.multiplier->where,
                        "m= with gain= on " + element.name +
                            " is not supported (ngspice 39 ignores m there): give the gain by position");
}

// The names of the deck's .model cards: a word on an R, C or L card that is one names
// its model (as ngspice 39 reads it: a model name wins over a parameter name).
using ModelNames = std::set<std::string>;

// R L C E G: nodes, then the value (a number, {expression} or parameter name) unless it
// is given by name, then named instance parameters. R, C and L may name a .model before
// or after the value (or instead of it).
void read_value_element(Cursor& cursor, ElementCard& element, int nodes, const char* what, const ModelNames& models) {
    read_nodes(cursor, element, nodes);
    const bool takes_model = std::string_view("rcl").find(element.letter) != std::string_view::npos;
    const auto take_model = [&] {
        if (!takes_model || element.model || !cursor.at_bare_name() || !models.count(cursor.peek().text)) return;
        element.model_where = cursor.here();
        element.model = cursor.next().text;
    };
    take_model();
    if (!cursor.at_assignment() && !(element.model && cursor.done())) element.value = cursor.value_or_name(what);
    take_model();
    read_instance_parameters(cursor, element, what);
}

// F and H: nodes, the controlling voltage source, the gain; K: the two inductors and
// the coupling. Then named instance parameters, as for R L C.
void read_referencing_element(Cursor& cursor, ElementCard& element, int nodes, const char* what) {
    read_nodes(cursor, element, nodes);
    if (element.letter == 'k') {
        read_reference(cursor, element, "the first inductor");
        read_reference(cursor, element, "the second inductor");
    } else {
        if (at_behavioural_form(cursor))
            cursor.fail("behavioural source form '" + cursor.peek().text + "' of " + element.name + " is not supported");
        read_reference(cursor, element, "the controlling voltage source");
    }
    if (!cursor.at_assignment()) element.value = cursor.value_or_name(what);
    read_instance_parameters(cursor, element, what);
}

std::optional<WaveformKind> waveform_kind(const std::string& word) {
    if (word == "sin" || word == "sine") return WaveformKind::sine;
    if (word == "pulse") return WaveformKind::pulse;
    if (word == "pwl") return WaveformKind::pwl;
    if (word == "exp") return WaveformKind::exponential;
    if (word == "sffm") return WaveformKind::frequency_modulated;
    if (word == "am") return WaveformKind::amplitude_modulated;
    return std::nullopt;
}

// ngspice source functions that hpsim does not model.
bool is_unsupported_source_function(const std::string& word) {
    static const std::set<std::string> functions{"trnoise", "trrandom", "external"};
    return functions.count(word) > 0;
}

// Distortion inputs: they act only in ngspice's .disto analysis.
bool is_distortion_input(const std::string& word) { return word == "distof1" || word == "distof2"; }

bool is_source_keyword(const std::string& word) {
    return word == "dc" || word == "ac" || waveform_kind(word) || is_unsupported_source_function(word) ||
           is_distortion_input(word);
}

// A source's value: a number, {expression}, or a parameter name that is no keyword.
bool at_source_value(const Cursor& cursor) {
    return cursor.at_value() || (cursor.at_bare_name() && !is_source_keyword(cursor.peek().text));
}

void read_waveform(Cursor& cursor, ElementCard& element) {
    if (element.source.waveform) cursor.fail("second waveform for " + element.name);
    WaveformCard waveform{*waveform_kind(cursor.peek().text), {}, {}, {}, cursor.here()};
    cursor.next();
    const bool parenthesised = cursor.peek_is(TokenKind::open_paren);
    if (parenthesised) cursor.next();
    while (parenthesised ? cursor.at_value() || cursor.at_bare_name() : at_source_value(cursor))
        waveform.arguments.push_back(cursor.value_or_name(""));
    if (parenthesised) {
        if (!cursor.peek_is(TokenKind::close_paren)) cursor.fail("expected a value or ')' in the waveform");
        cursor.next();
    }
    element.source.waveform = std::move(waveform);
}

// PWL's "td=" and "r=", after its points.
void read_source_parameter(Cursor& cursor, ElementCard& element) {
    const Token name = cursor.next();
    cursor.next();  // '='
    WaveformCard* waveform = element.source.waveform ? &*element.source.waveform : nullptr;
    const bool pwl = waveform && waveform->kind == WaveformKind::pwl;
    if (!pwl || (name.text != "td" && name.text != "r"))
        throw DeckError(name.where, "unknown parameter '" + name.text + "' for source " + element.name +
                                        (pwl ? " (PWL takes td= and r=)" : ""));
    std::optional<Expression>& slot = name.text == "td" ? waveform->pwl_delay : waveform->pwl_repeat_from;
    if (slot) throw DeckError(name.where, "'" + name.text + "' is given twice for " + element.name);
    slot = cursor.value_or_name("a value for '" + name.text + "'");
}

void read_source(Cursor& cursor, ElementCard& element) {
    read_nodes(cursor, element, 2);
    SourceCard& source = element.source;
    while (!cursor.done()) {
        if (cursor.at_assignment()) {
            read_source_parameter(cursor, element);
        } else if (at_source_value(cursor)) {
            if (source.dc) cursor.fail("second DC value for " + element.name);
            source.dc = cursor.value_or_name("a DC value");
        } else if (cursor.peek_word("dc")) {
            cursor.next();
            if (source.dc) cursor.fail("second DC value for " + element.name);
            source.dc = cursor.value_or_name("a DC value after 'dc'");
        } else if (cursor.peek_word("ac")) {
            cursor.next();
            if (at_source_value(cursor) && !cursor.at_value())
                cursor.fail("AC magnitude '" + cursor.peek().text +
                            "' is a parameter name without braces, which ngspice 39 rejects: write {" +
                            cursor.peek().text + "}");
            source.ac_magnitude = cursor.at_value() ? cursor.value("") : Expression{"1", cursor.here()};
            if (at_source_value(cursor)) source.ac_phase_deg = cursor.value_or_name("");
        } else if (cursor.peek_is(TokenKind::word) && waveform_kind(cursor.peek().text)) {
            read_waveform(cursor, element);
        } else if (cursor.peek_is(TokenKind::word) && is_distortion_input(cursor.peek().text)) {
            cursor.next();  // [magnitude [phase]], read and not used
            for (int i = 0; i < 2 && at_source_value(cursor); ++i) cursor.value_or_name("");
        } else if (cursor.peek_is(TokenKind::word) && is_unsupported_source_function(cursor.peek().text)) {
            cursor.fail("source function '" + cursor.peek().text + "' of " + element.name + " is not supported");
        } else {
            cursor.fail("unexpected '" + cursor.peek().text + "' in source " + element.name +
                        " (expected dc, ac, sin, pulse, pwl, exp, sffm, am or a value)");
        }
    }
}

// "(" before a list of nodes, which ngspice 39 drops: skipped, and whether it was there.
bool skip_open_paren(Cursor& cursor) {
    if (!cursor.peek_is(TokenKind::open_paren)) return false;
    cursor.next();
    return true;
}

void skip_close_paren(Cursor& cursor, const std::string& where) {
    if (!cursor.peek_is(TokenKind::close_paren)) cursor.fail("expected ')' " + where);
    cursor.next();
}

void read_subcircuit_instance(Cursor& cursor, ElementCard& element) {
    // X name node... subcircuit [params:] [a=1 ...]: the last word before any
    // assignment names the subcircuit; the nodes may stand in parentheses.
    std::vector<Token> words;
    if (skip_open_paren(cursor)) {
        while (cursor.peek_is(TokenKind::word)) words.push_back(cursor.next());
        skip_close_paren(cursor, "after the nodes of " + element.name);
    }
    while (!cursor.done() && cursor.peek_is(TokenKind::word) && !cursor.peek_is(TokenKind::equals, 1) &&
           cursor.peek().text != "params:")
        words.push_back(cursor.next());
    if (words.empty()) cursor.fail("expected nodes and a subcircuit name for " + element.name);
    element.references.push_back(words.back().text);
    element.reference_where.push_back(words.back().where);
    words.pop_back();
    for (const Token& token : words) {
        element.nodes.push_back(node_name(token.text));
        element.node_where.push_back(token.where);
    }
    if (cursor.peek_word("params:")) cursor.next();
    element.instance_params = read_assignments(cursor);
}

// How many node names follow the element name (a node may share a .model's name).
std::ptrdiff_t leading_node_count(char letter) {
    switch (letter) {
        case 'r': case 'c': case 'l': case 'v': case 'i': case 'f': case 'h': return 2;
        case 'e': case 'g': return 4;
        default: return 0;
    }
}

using ElementReader = std::function<void(Cursor&, ElementCard&, const ModelNames&)>;

// The element letters hpsim reads and how each card is laid out.
const std::map<char, ElementReader>& element_registry() {
    static const std::map<char, ElementReader> registry{
        {'r', [](Cursor& c, ElementCard& e, const ModelNames& m) { read_value_element(c, e, 2, "a resistance", m); }},
        {'c', [](Cursor& c, ElementCard& e, const ModelNames& m) { read_value_element(c, e, 2, "a capacitance", m); }},
        {'l', [](Cursor& c, ElementCard& e, const ModelNames& m) { read_value_element(c, e, 2, "an inductance", m); }},
        {'v', [](Cursor& c, ElementCard& e, const ModelNames&) { read_source(c, e); }},
        {'i', [](Cursor& c, ElementCard& e, const ModelNames&) { read_source(c, e); }},
        {'e', [](Cursor& c, ElementCard& e, const ModelNames& m) { read_value_element(c, e, 4, "a voltage gain", m); }},
        {'g', [](Cursor& c, ElementCard& e, const ModelNames& m) { read_value_element(c, e, 4, "a transconductance", m); }},
        {'f', [](Cursor& c, ElementCard& e, const ModelNames&) { read_referencing_element(c, e, 2, "a current gain"); }},
        {'h', [](Cursor& c, ElementCard& e, const ModelNames&) { read_referencing_element(c, e, 2, "a transresistance"); }},
        {'k', [](Cursor& c, ElementCard& e, const ModelNames&) { read_referencing_element(c, e, 0, "a coupling coefficient"); }},
        {'x', [](Cursor& c, ElementCard& e, const ModelNames&) { read_subcircuit_instance(c, e); }},
    };
    return registry;
}

class Parser {
public:
    explicit Parser(const CardStream& cards) : cards_(cards) {
        deck_.title = cards.title;
        deck_.warnings = cards.warnings;
        for (const Card& card : cards.cards)
            if (card.tokens.front().text == ".model" && card.tokens.size() > 1) model_names_.insert(card.tokens[1].text);
        reserve_top_level_elements();
    }

    Deck parse() {
        for (const Card& card : cards_.cards) {
            Cursor cursor(card);
            if (card.tokens.front().kind != TokenKind::word) cursor.fail("expected an element or a dot-card");
            const std::string& head = card.tokens.front().text;
            if (head.front() == '.') control_card(cursor, head);
            else element_card(cursor, card);
        }
        if (open_.size() > 0) throw DeckError(open_.back().where, "subcircuit '" + open_.back().name + "' has no .ends");
        return std::move(deck_);
    }

private:
    const CardStream& cards_;
    Deck deck_;
    std::vector<SubcircuitDefinition> open_;  // .subckt definitions being read, innermost last
    std::set<std::string> model_names_;
    std::vector<std::unordered_map<std::string, std::size_t>> element_names_;  // name -> element, per depth

    Body& body() { return open_.empty() ? deck_.top : open_.back().body; }

    // Room for every element card outside .subckt bodies, so that a large deck is not
    // copied as its element list grows.
    void reserve_top_level_elements() {
        std::size_t depth = 0, elements = 0;
        for (const Card& card : cards_.cards) {
            const std::string& head = card.tokens.front().text;
            if (head == ".subckt") ++depth;
            else if (head == ".ends") depth -= depth > 0;
            else if (depth == 0 && !head.starts_with('.')) ++elements;
        }
        deck_.top.elements.reserve(elements);
        element_names_.resize(1);
        element_names_.front().reserve(elements);
    }

    void element_card(Cursor& cursor, const Card& card) {
        ElementCard element;
        element.where = card.where;
        element.name = cursor.next().text;
        element.letter = element.name.front();
        const auto reader = element_registry().find(element.letter);
        if (reader == element_registry().end())
            throw DeckError(card.where, "element type '" + std::string(1, element.letter) + "' (" + element.name +
                                            ") is not supported yet");
        if (std::string_view("rcl").find(element.letter) == std::string_view::npos)
            for (const Token& token : card.tokens)
                if (token.kind == TokenKind::word && model_names_.count(token.text) &&
                    &token - card.tokens.data() > leading_node_count(element.letter))
                    throw DeckError(token.where, ".model '" + token.text + "' used by " + element.name +
                                                     ": device models are not supported yet");
        reader->second(cursor, element, model_names_);
        // One name index per nesting depth: bodies at one depth are read one after the
        // other, so an empty body means the index belongs to a body already closed.
        if (element_names_.size() <= open_.size()) element_names_.resize(open_.size() + 1);
        auto& names = element_names_[open_.size()];
        if (body().elements.empty()) names.clear();
        const auto [first, added] = names.emplace(element.name, body().elements.size());
        if (!added)
            throw DeckError(card.where, "element '" + element.name + "' is defined twice (first at " +
                                            body().elements[first->second].where.to_string() + ")");
        body().elements.push_back(std::move(element));
    }

    void control_card(Cursor& cursor, const std::string& head) {
        static const std::set<std::string> skipped{".print", ".plot", ".probe", ".save", ".width", ".meas",
                                                   ".measure", ".four", ".title", ".backanno"};
        static const std::set<std::string> unsupported{".tf", ".noise", ".pz", ".disto", ".sens", ".if",
                                                       ".csparam", ".savebias", ".loadbias"};
        const SourceLocation where = cursor.here();
        cursor.next();
        if (head == ".param") {
            std::vector<UserFunction> functions;
            for (ParamAssignment& assignment : read_assignments(cursor, &functions))
                body().params.push_back(std::move(assignment));
            for (UserFunction& function : functions) add_function(std::move(function));
        }
        else if (head == ".func") function_card(cursor);
        else if (head == ".subckt") open_subcircuit(cursor, where);
        else if (head == ".ends") close_subcircuit(cursor, where);
        else if (head == ".op" || head == ".dc" || head == ".ac" || head == ".tran") analysis_card(cursor, head, where);
        else if (head == ".options" || head == ".option" || head == ".opt") options_card(cursor);
        else if (head == ".ic") initial_condition_card(cursor, where);
        else if (head == ".step") step_card(cursor, where);
        else if (head == ".model") model_card(cursor, where);
        else if (head == ".temp") temperature_card(cursor, where);
        else if (head == ".global") global_card(cursor);
        else if (head == ".nodeset")  // a first guess for Newton's iterations: a linear circuit has one solution
            deck_.warnings.push_back({where, ".nodeset card skipped (a linear circuit has one operating point)"});
        else if (skipped.count(head)) deck_.warnings.push_back({where, head + " card skipped"});
        else if (unsupported.count(head))
            throw DeckError(where, head + " is not supported yet (ignoring it would change the results)");
        else throw DeckError(where, "unknown control card '" + head + "'");
    }

    // .global n1 n2 ...: node names that every subcircuit shares with the top level.
    void global_card(Cursor& cursor) {
        if (cursor.done()) cursor.fail("expected node names after .global");
        while (!cursor.done()) {
            const std::string node = node_name(cursor.word("a node name"));
            if (std::find(deck_.global_nodes.begin(), deck_.global_nodes.end(), node) == deck_.global_nodes.end())
                deck_.global_nodes.push_back(node);
        }
    }

    // .temp T: one temperature (ngspice 39 would run only the first of several).
    void temperature_card(Cursor& cursor, const SourceLocation& where) {
        if (deck_.temperature) throw DeckError(where, "second .temp card (first at " + deck_.temperature->where.to_string() + ")");
        deck_.temperature = cursor.value("a temperature in C after .temp");
        cursor.expect_end("after .temp (hpsim runs one temperature)");
    }

    // .model name type [(] name=value ... [)]
    void model_card(Cursor& cursor, const SourceLocation& where) {
        ModelCard model;
        model.where = where;
        model.name = cursor.word("a model name after .model");
        model.type = cursor.word("the model's type after its name");
        const bool parenthesised = cursor.peek_is(TokenKind::open_paren);
        if (parenthesised) cursor.next();
        while (cursor.at_assignment()) {
            ParamAssignment parameter;
            parameter.where = cursor.here();
            parameter.name = cursor.next().text;
            cursor.next();  // '='
            parameter.value = cursor.value_or_name("a value for model parameter '" + parameter.name + "'");
            model.parameters.push_back(std::move(parameter));
        }
        if (parenthesised) {
            if (!cursor.peek_is(TokenKind::close_paren)) cursor.fail("expected name=value or ')' in .model " + model.name);
            cursor.next();
        }
        cursor.expect_end("in .model " + model.name + " (parameters are name=value)");
        for (const ModelCard& other : body().models)
            if (other.name == model.name)
                throw DeckError(where, ".model '" + model.name + "' is defined twice (first at " + other.where.to_string() + ")");
        body().models.push_back(std::move(model));
    }

    // .func name(a, b) [=] {body}: the body runs to the end of the card.
    void function_card(Cursor& cursor) {
        UserFunction function = read_function_head(cursor);
        if (cursor.peek_is(TokenKind::equals)) cursor.next();  // ngspice's optional '='
        if (cursor.done()) cursor.fail("expected the body of function '" + function.name + "'");
        const SourceLocation where = cursor.here();
        std::vector<const Token*> tokens;
        while (!cursor.done()) tokens.push_back(&cursor.next());
        Expression body = joined_value(tokens, where);
        function.body = std::move(body.text);
        function.body_where = body.where;
        add_function(std::move(function));
    }

    void add_function(UserFunction function) {
        for (const UserFunction& other : body().functions)
            if (other.name == function.name)
                throw DeckError(function.where, "function '" + function.name + "' is defined twice (first at " +
                                                    other.where.to_string() + ")");
        body().functions.push_back(std::move(function));
    }

    // .options name[=value] ...: flags stand alone, settings take one value.
    void options_card(Cursor& cursor) {
        while (!cursor.done()) {
            OptionSetting setting;
            setting.where = cursor.here();
            setting.name = cursor.word("an option name");
            if (cursor.peek_is(TokenKind::equals)) {
                cursor.next();
                // Most values are numbers; some are words (method=gear), kept as written.
                if (!cursor.peek_is(TokenKind::word) && !cursor.peek_is(TokenKind::expression))
                    cursor.fail("expected a value for option '" + setting.name + "'");
                const Token& token = cursor.next();
                setting.value = Expression{token.text, token.where};
            }
            deck_.options.push_back(std::move(setting));
        }
    }

    // .step [lin|dec|oct] param NAME start stop incr | .step param NAME list v1 v2 ...
    // (LTspice's forms; the spacing may also follow the name). Sources, temperature and
    // model parameters, which LTspice can step too, are refused by name.
    void step_card(Cursor& cursor, const SourceLocation& where) {
        if (!open_.empty()) throw DeckError(where, ".step inside subcircuit '" + open_.back().name + "'");
        constexpr std::size_t max_steps_cards = 3;
        if (deck_.steps.size() >= max_steps_cards)
            throw DeckError(where, "more than three .step cards (LTspice nests at most three)");
        StepCard card;
        card.where = where;
        auto take_spacing = [&](bool allow_list) {
            if (cursor.peek_word("lin")) card.spacing = StepSpacing::linear;
            else if (cursor.peek_word("dec")) card.spacing = StepSpacing::decade;
            else if (cursor.peek_word("oct")) card.spacing = StepSpacing::octave;
            else if (allow_list && cursor.peek_word("list")) card.spacing = StepSpacing::list;
            else return false;
            cursor.next();
            return true;
        };
        const bool spacing_first = take_spacing(false);
        if (!cursor.peek_word("param")) {
            if (cursor.peek_word("temp"))
                cursor.fail(".step temp is not supported (hpsim simulates at 27 C): step a .param");
            if (cursor.peek_is(TokenKind::word) && cursor.peek_is(TokenKind::word, 1) &&
                std::string_view("vi").find(cursor.peek().text.front()) != std::string_view::npos)
                cursor.fail(".step of source '" + cursor.peek().text +
                            "' is not supported: give the source a .param value and step the .param");
            cursor.fail("expected 'param NAME' after .step (hpsim steps .param values only)");
        }
        cursor.next();
        card.parameter_where = cursor.here();
        card.parameter = cursor.word("a parameter name after '.step param'");
        if (cursor.peek_is(TokenKind::equals)) cursor.fail("expected values after '.step param " + card.parameter + "', not '='");
        if (!spacing_first) take_spacing(true);
        else if (cursor.peek_word("list")) cursor.fail("a .step list takes no lin, dec or oct");
        if (card.spacing == StepSpacing::list) {
            while (cursor.at_value()) card.values.push_back(cursor.value(""));
            if (card.values.empty()) cursor.fail("expected at least one value after 'list'");
            cursor.expect_end("in the .step list (values are numbers or {expressions})");
        } else {
            const bool linear = card.spacing == StepSpacing::linear;
            card.values.push_back(cursor.value("a start value"));
            card.values.push_back(cursor.value("a stop value"));
            card.values.push_back(cursor.value(linear ? "an increment" : "a number of points per decade or octave"));
            cursor.expect_end("after .step");
        }
        for (const StepCard& other : deck_.steps)
            if (other.parameter == card.parameter)
                throw DeckError(card.parameter_where, "parameter '" + card.parameter + "' is stepped twice (first at " +
                                                          other.where.to_string() + ")");
        deck_.steps.push_back(std::move(card));
    }

    // .ic v(node)=value ...
    void initial_condition_card(Cursor& cursor, const SourceLocation& where) {
        (void)where;
        if (cursor.done()) cursor.fail("expected v(node)=value after .ic");
        while (!cursor.done()) {
            InitialConditionCard condition;
            condition.where = cursor.here();
            if (!cursor.peek_word("v") || !cursor.peek_is(TokenKind::open_paren, 1))
                cursor.fail("expected v(node)=value in .ic");
            cursor.next(), cursor.next();
            if (!cursor.peek_is(TokenKind::word)) cursor.fail("expected a node name in .ic");
            condition.node = node_name(cursor.next().text);
            if (cursor.peek_is(TokenKind::word)) cursor.fail(".ic sets one node voltage at a time: v(node)=value");
            if (!cursor.peek_is(TokenKind::close_paren)) cursor.fail("expected ')' after the node name in .ic");
            cursor.next();
            if (!cursor.peek_is(TokenKind::equals)) cursor.fail("expected '=' after v(" + condition.node + ") in .ic");
            cursor.next();
            condition.value = cursor.value("an initial voltage for node '" + condition.node + "'");
            body().initial_conditions.push_back(std::move(condition));
        }
    }

    void open_subcircuit(Cursor& cursor, const SourceLocation& where) {
        SubcircuitDefinition definition;
        definition.where = where;
        definition.name = cursor.word("a subcircuit name after .subckt");
        const bool parenthesised = skip_open_paren(cursor);  // ".subckt name (a b)", as ngspice 39 reads it
        while (!cursor.done() && cursor.peek_is(TokenKind::word) && !cursor.peek_is(TokenKind::equals, 1) &&
               cursor.peek().text != "params:")
            definition.pins.push_back(node_name(cursor.next().text));
        if (parenthesised) skip_close_paren(cursor, "after the pins of subcircuit '" + definition.name + "'");
        if (cursor.peek_word("params:")) cursor.next();
        definition.defaults = read_assignments(cursor);
        Body& scope = body();
        for (const SubcircuitDefinition& other : scope.subcircuits)
            if (other.name == definition.name)
                throw DeckError(where, "subcircuit '" + definition.name + "' is defined twice");
        open_.push_back(std::move(definition));
    }

    void close_subcircuit(Cursor& cursor, const SourceLocation& where) {
        if (open_.empty()) throw DeckError(where, ".ends without a matching .subckt");
        if (!cursor.done()) {
            const std::string name = cursor.word("a subcircuit name");
            if (name != open_.back().name)
                throw DeckError(where, ".ends " + name + " closes subcircuit '" + open_.back().name + "'");
        }
        SubcircuitDefinition definition = std::move(open_.back());
        open_.pop_back();
        body().subcircuits.push_back(std::move(definition));
    }

    void analysis_card(Cursor& cursor, const std::string& head, const SourceLocation& where) {
        if (!open_.empty()) throw DeckError(where, head + " inside subcircuit '" + open_.back().name + "'");
        if (head == ".op") {
            deck_.analyses.push_back(OpCard{where});
        } else if (head == ".dc") {
            DcCard card;
            card.where = where;
            const auto read_sweep = [&](const char* which) {
                DcSweepCard sweep;
                sweep.source_where = cursor.here();
                sweep.source = cursor.word(which);
                sweep.start = cursor.value("a start value");
                sweep.stop = cursor.value("a stop value");
                sweep.step = cursor.value("a step");
                return sweep;
            };
            card.sweep = read_sweep("the source to sweep");
            if (!cursor.done()) card.outer = read_sweep("a second source to sweep");
            cursor.expect_end("after .dc (at most two sources)");
            deck_.analyses.push_back(std::move(card));
        } else if (head == ".ac") {
            AcCard card;
            card.where = where;
            const std::string spacing = cursor.word("dec, oct or lin");
            if (spacing == "dec") card.spacing = AcSpacing::decade;
            else if (spacing == "oct") card.spacing = AcSpacing::octave;
            else if (spacing == "lin") card.spacing = AcSpacing::linear;
            else throw DeckError(card.where, "expected dec, oct or lin, not '" + spacing + "'");
            card.points = cursor.value("a number of points");
            card.start_hz = cursor.value("a start frequency");
            card.stop_hz = cursor.value("a stop frequency");
            cursor.expect_end("after .ac");
            deck_.analyses.push_back(std::move(card));
        } else {
            TranCard card;
            card.where = where;
            card.step_s = cursor.value("a time step");
            card.stop_s = cursor.value("a stop time");
            if (cursor.at_value()) card.start_s = cursor.value("");
            if (cursor.at_value()) card.max_step_s = cursor.value("");
            if (cursor.peek_word("uic")) {
                cursor.next();
                card.use_initial_conditions = true;
            }
            cursor.expect_end("after .tran");
            deck_.analyses.push_back(std::move(card));
        }
    }
};

}  // namespace

Deck parse_cards(const CardStream& cards) { return Parser(cards).parse(); }

Deck parse_deck_file(const std::filesystem::path& path) { return parse_cards(read_deck_file(path)); }

}  // namespace hpsim::spice
