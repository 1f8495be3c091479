#include "spice/element_cards.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string_view>

#include "spice/behavioural_cards.hpp"

namespace hpsim::spice {
namespace {

void read_nodes(Cursor& cursor, ElementCard& element, int count) {
    for (int i = 0; i < count; ++i) {
        const std::string which = "node " + std::to_string(element.nodes.size() + 1) + " of " + element.name;
        if (cursor.at_assignment()) cursor.fail("expected " + which + ", not the parameter '" + cursor.peek().text + "='");
        if (!cursor.peek_is(TokenKind::word)) cursor.fail("expected " + which);
        element.node_where.push_back(cursor.peek().where);
        element.nodes.push_back(node_name(cursor.next().text));
    }
}

void read_reference(Cursor& cursor, ElementCard& element, const char* what) {
    element.reference_where.push_back(cursor.here());
    element.references.push_back(cursor.word(what));
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
        case InstanceParameter::temperature_coefficient_1: return element.device.edit().temperature_coefficient_1;
        case InstanceParameter::temperature_coefficient_2: return element.device.edit().temperature_coefficient_2;
        case InstanceParameter::initial_condition: return element.initial_condition;
        case InstanceParameter::length: return element.device.edit().length;
        case InstanceParameter::width: return element.device.edit().width;
        case InstanceParameter::scale: return element.device.edit().scale;
        case InstanceParameter::temperature_coefficient_exponential: return element.device.edit().temperature_coefficient_exponential;
        case InstanceParameter::temperature: return element.device.edit().temperature;
        case InstanceParameter::temperature_offset: return element.device.edit().temperature_offset;
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
            if (element.device->temperature_coefficient_2) cursor.fail("'tc2' is given twice for " + element.name);
            element.device.edit().temperature_coefficient_2 = cursor.value("");
        }
    }
    if (!element.value && !element.device->model && !element.behaviour)
        throw DeckError(element.where, "expected " + what + " for " + element.name);
    // ngspice 39 multiplies a G or F gain by m only when the gain is read after m: it
    // silently drops m after "gain=".
    if ((element.letter == 'g' || element.letter == 'f') && element.multiplier && gain_by_name)
        throw DeckError(element.multiplier->where,
                        "m= with gain= on " + element.name +
                            " is not supported (ngspice 39 ignores m there): give the gain by position");
}

// R L C E G: nodes, then the value (a number, {expression} or parameter name) unless it
// is given by name, then named instance parameters. R, C and L may name a .model before
// or after the value (or instead of it).
void read_value_element(Cursor& cursor, ElementCard& element, int nodes, const char* what, const ModelNames& models) {
    if (nodes == 4) {  // E G: a behavioural form may follow the output nodes
        read_nodes(cursor, element, 2);
        if (at_behavioural_form(cursor)) {
            read_behavioural_form(cursor, element);
            read_instance_parameters(cursor, element, what);
            return;
        }
        nodes = 2;
    }
    read_nodes(cursor, element, nodes);
    const bool takes_model = std::string_view("rcl").find(element.letter) != std::string_view::npos;
    const auto take_model = [&] {
        if (!takes_model || element.device->model || !cursor.at_bare_name() || !models.count(cursor.peek().text)) return;
        DeviceInstanceCard& device = element.device.edit();
        device.model_where = cursor.here();
        device.model = cursor.next().text;
    };
    take_model();
    if (!cursor.at_assignment() && !(element.device->model && cursor.done())) element.value = cursor.value_or_name(what);
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
        if (at_behavioural_form(cursor)) {
            read_behavioural_form(cursor, element);
            read_instance_parameters(cursor, element, what);
            return;
        }
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
    if (element.source->waveform) cursor.fail("second waveform for " + element.name);
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
    element.source.edit().waveform = std::move(waveform);
}

// PWL's "td=" and "r=", after its points.
void read_source_parameter(Cursor& cursor, ElementCard& element) {
    const Token name = cursor.next();
    cursor.next();  // '='
    WaveformCard* waveform = element.source->waveform ? &*element.source.edit().waveform : nullptr;
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
    SourceCard& source = element.source.edit();
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

}  // namespace

bool is_known_element(char letter) { return element_registry().count(letter) > 0; }

void read_element(Cursor& cursor, ElementCard& element, const ModelNames& models) {
    element_registry().at(element.letter)(cursor, element, models);
}

std::ptrdiff_t leading_node_count(char letter) {
    switch (letter) {
        case 'r': case 'c': case 'l': case 'v': case 'i': case 'f': case 'h': return 2;
        case 'e': case 'g': return 4;
        default: return 0;
    }
}

}  // namespace hpsim::spice
