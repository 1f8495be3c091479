#include "spice/parser.hpp"

#include <functional>
#include <map>
#include <set>
#include <unordered_map>

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
    void expect_end(const std::string& context) const {
        if (!done()) fail("unexpected '" + peek().text + "' " + context);
    }

private:
    const Card& card_;
    std::size_t index_ = 0;
};

std::string node_name(const std::string& text) { return text == "gnd" ? "0" : text; }

void read_nodes(Cursor& cursor, ElementCard& element, int count) {
    for (int i = 0; i < count; ++i) {
        if (!cursor.peek_is(TokenKind::word)) cursor.fail("expected node " + std::to_string(i + 1) + " of " + element.name);
        element.node_where.push_back(cursor.peek().where);
        element.nodes.push_back(node_name(cursor.next().text));
    }
}

void read_reference(Cursor& cursor, ElementCard& element, const char* what) {
    element.reference_where.push_back(cursor.here());
    element.references.push_back(cursor.word(what));
}

// "name = value" pairs until the end of the card.
std::vector<ParamAssignment> read_assignments(Cursor& cursor) {
    std::vector<ParamAssignment> assignments;
    while (!cursor.done()) {
        const SourceLocation where = cursor.here();
        const std::string name = cursor.word("a parameter name");
        if (!cursor.peek_is(TokenKind::equals)) cursor.fail("expected '=' after parameter '" + name + "'");
        cursor.next();
        if (cursor.done()) cursor.fail("expected a value for parameter '" + name + "'");
        // The value runs to the next "name =" (so ".param a = 2 * (b + 1)" works).
        Expression value{"", cursor.here()};
        while (!cursor.done() && !(cursor.peek_is(TokenKind::word) && cursor.peek_is(TokenKind::equals, 1))) {
            const Token& token = cursor.next();
            if (!value.text.empty()) value.text += ' ';
            value.text += token.kind == TokenKind::expression ? "(" + token.text + ")" : token.text;
        }
        assignments.push_back({name, std::move(value), where});
    }
    return assignments;
}

void read_value_element(Cursor& cursor, ElementCard& element, int nodes, const char* what) {
    read_nodes(cursor, element, nodes);
    element.value = cursor.value(what);
    if (cursor.peek_word("ic") && cursor.peek_is(TokenKind::equals, 1) && (element.letter == 'c' || element.letter == 'l')) {
        // Without uic, SPICE ignores an element's initial condition; so does hpsim.
        cursor.next(), cursor.next(), cursor.value("an initial condition");
    }
    cursor.expect_end("after the value of " + element.name);
}

std::optional<WaveformKind> waveform_kind(const std::string& word) {
    if (word == "sin") return WaveformKind::sine;
    if (word == "pulse") return WaveformKind::pulse;
    if (word == "pwl") return WaveformKind::pwl;
    return std::nullopt;
}

void read_source(Cursor& cursor, ElementCard& element) {
    read_nodes(cursor, element, 2);
    SourceCard& source = element.source;
    while (!cursor.done()) {
        if (cursor.at_value()) {
            if (source.dc) cursor.fail("second DC value for " + element.name);
            source.dc = cursor.value("a DC value");
        } else if (cursor.peek_word("dc")) {
            cursor.next();
            if (source.dc) cursor.fail("second DC value for " + element.name);
            source.dc = cursor.value("a DC value after 'dc'");
        } else if (cursor.peek_word("ac")) {
            cursor.next();
            source.ac_magnitude = cursor.at_value() ? cursor.value("") : Expression{"1", cursor.here()};
            if (cursor.at_value()) source.ac_phase_deg = cursor.value("");
        } else if (cursor.peek_is(TokenKind::word) && waveform_kind(cursor.peek().text)) {
            if (source.waveform) cursor.fail("second waveform for " + element.name);
            WaveformCard waveform{*waveform_kind(cursor.peek().text), {}, cursor.here()};
            cursor.next();
            const bool parenthesised = cursor.peek_is(TokenKind::open_paren);
            if (parenthesised) cursor.next();
            while (cursor.at_value()) waveform.arguments.push_back(cursor.value(""));
            if (parenthesised) {
                if (!cursor.peek_is(TokenKind::close_paren)) cursor.fail("expected a value or ')' in the waveform");
                cursor.next();
            }
            source.waveform = std::move(waveform);
        } else {
            cursor.fail("unexpected '" + cursor.peek().text + "' in source " + element.name +
                        " (expected dc, ac, sin, pulse, pwl or a value)");
        }
    }
}

void read_subcircuit_instance(Cursor& cursor, ElementCard& element) {
    // X name node... subcircuit [params:] [a=1 ...]: the last word before any
    // assignment names the subcircuit.
    std::vector<Token> words;
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

using ElementReader = std::function<void(Cursor&, ElementCard&)>;

// The element letters hpsim reads and how each card is laid out.
const std::map<char, ElementReader>& element_registry() {
    static const std::map<char, ElementReader> registry{
        {'r', [](Cursor& c, ElementCard& e) { read_value_element(c, e, 2, "a resistance"); }},
        {'c', [](Cursor& c, ElementCard& e) { read_value_element(c, e, 2, "a capacitance"); }},
        {'l', [](Cursor& c, ElementCard& e) { read_value_element(c, e, 2, "an inductance"); }},
        {'v', read_source},
        {'i', read_source},
        {'e', [](Cursor& c, ElementCard& e) { read_value_element(c, e, 4, "a voltage gain"); }},
        {'g', [](Cursor& c, ElementCard& e) { read_value_element(c, e, 4, "a transconductance"); }},
        {'f', [](Cursor& c, ElementCard& e) {
             read_nodes(c, e, 2);
             read_reference(c, e, "the controlling voltage source");
             e.value = c.value("a current gain");
             c.expect_end("after the gain of " + e.name);
         }},
        {'h', [](Cursor& c, ElementCard& e) {
             read_nodes(c, e, 2);
             read_reference(c, e, "the controlling voltage source");
             e.value = c.value("a transresistance");
             c.expect_end("after the transresistance of " + e.name);
         }},
        {'k', [](Cursor& c, ElementCard& e) {
             read_reference(c, e, "the first inductor");
             read_reference(c, e, "the second inductor");
             e.value = c.value("a coupling coefficient");
             c.expect_end("after the coupling of " + e.name);
         }},
        {'x', read_subcircuit_instance},
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
        for (const Token& token : card.tokens)
            if (token.kind == TokenKind::word && model_names_.count(token.text) && &token != &card.tokens.front())
                throw DeckError(token.where, ".model '" + token.text + "' used by " + element.name +
                                                 ": device models are not supported yet");
        reader->second(cursor, element);
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
                                                   ".measure", ".four", ".options", ".option", ".opt",
                                                   ".temp", ".title", ".backanno"};
        static const std::set<std::string> unsupported{".ic", ".nodeset", ".step", ".lib", ".global", ".func",
                                                       ".tf", ".noise", ".pz", ".disto", ".sens", ".if",
                                                       ".csparam", ".savebias", ".loadbias"};
        const SourceLocation where = cursor.here();
        cursor.next();
        if (head == ".param") {
            for (ParamAssignment& assignment : read_assignments(cursor)) body().params.push_back(std::move(assignment));
        }
        else if (head == ".subckt") open_subcircuit(cursor, where);
        else if (head == ".ends") close_subcircuit(cursor, where);
        else if (head == ".op" || head == ".dc" || head == ".ac" || head == ".tran") analysis_card(cursor, head, where);
        else if (head == ".model") deck_.warnings.push_back({where, ".model card skipped (no element uses it)"});
        else if (skipped.count(head)) deck_.warnings.push_back({where, head + " card skipped"});
        else if (unsupported.count(head))
            throw DeckError(where, head + " is not supported yet (ignoring it would change the results)");
        else throw DeckError(where, "unknown control card '" + head + "'");
    }

    void open_subcircuit(Cursor& cursor, const SourceLocation& where) {
        SubcircuitDefinition definition;
        definition.where = where;
        definition.name = cursor.word("a subcircuit name after .subckt");
        while (!cursor.done() && cursor.peek_is(TokenKind::word) && !cursor.peek_is(TokenKind::equals, 1) &&
               cursor.peek().text != "params:")
            definition.pins.push_back(node_name(cursor.next().text));
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
            card.source_where = cursor.here();
            card.source = cursor.word("the source to sweep");
            card.start = cursor.value("a start value");
            card.stop = cursor.value("a stop value");
            card.step = cursor.value("a step");
            if (!cursor.done()) cursor.fail("nested .dc sweeps (a second source) are not supported yet");
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
            if (cursor.peek_word("uic")) cursor.fail("uic is not supported yet (hpsim starts from the operating point)");
            cursor.expect_end("after .tran");
            deck_.analyses.push_back(std::move(card));
        }
    }
};

}  // namespace

Deck parse_cards(const CardStream& cards) { return Parser(cards).parse(); }

Deck parse_deck_file(const std::filesystem::path& path) { return parse_cards(read_deck_file(path)); }

}  // namespace hpsim::spice
