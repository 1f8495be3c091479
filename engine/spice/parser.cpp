#include "spice/parser.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "spice/card_reading.hpp"
#include "spice/element_cards.hpp"
#include "spice/expression.hpp"
#include "spice/number.hpp"

namespace hpsim::spice {
namespace {

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
        if (!is_known_element(element.letter))
            throw DeckError(card.where, "element type '" + std::string(1, element.letter) + "' (" + element.name +
                                            ") is not supported yet");
        if (std::string_view("rcl").find(element.letter) == std::string_view::npos)
            for (const Token& token : card.tokens)
                if (token.kind == TokenKind::word && model_names_.count(token.text) &&
                    &token - card.tokens.data() > leading_node_count(element.letter))
                    throw DeckError(token.where, ".model '" + token.text + "' used by " + element.name +
                                                     ": device models are not supported yet");
        read_element(cursor, element, model_names_);
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
        else if (head == ".ic") initial_condition_card(cursor);
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
    void initial_condition_card(Cursor& cursor) {
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
