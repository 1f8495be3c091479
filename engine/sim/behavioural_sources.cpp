#include "sim/behavioural_sources.hpp"

#include <cmath>
#include <numbers>

#include "spice/expression.hpp"
#include "spice/linear_form.hpp"
#include "spice/number.hpp"

namespace hpsim::sim {
namespace {

using spice::DeckError;

// coefficient * v(first, second), or coefficient * i(first).
struct Term {
    char kind = 'v';
    std::string first, second;
    double coefficient = 0.0;
    SourceLocation where;  // of its control (a POLY's), or of the expression
};

struct LinearValue {
    double constant = 0.0;
    std::vector<Term> terms;
};

LinearValue from_expression(const spice::Expression& text, const ParamScope& params) {
    const spice::CompiledExpression expression =
        spice::CompiledExpression::compile_behavioural(text.text, text.where, params.functions);
    std::vector<double> values;
    for (const std::string& name : expression.parameters()) {
        const Evaluated* entry = params.find_entry(name);
        if (entry && entry->stepped >= 0)
            throw DeckError(text.where, "a behavioural source's expression depends on stepped parameter '" + name +
                                            "', which is not supported");
        values.push_back(entry ? entry->value : name == "pi" ? std::numbers::pi : spice::undefined_parameter());
    }
    const spice::LinearForm form = spice::linear_form(expression, values);
    LinearValue value{form.constant, {}};
    for (std::size_t i = 0; i < form.coefficients.size(); ++i)
        if (form.coefficients[i] != 0.0) {
            const auto& probe = expression.probes()[i];
            value.terms.push_back({probe.kind, probe.first, probe.second, form.coefficients[i], text.where});
        }
    return value;
}

// c0 + c1 x1 + ... + cn xn (+ higher terms, which must be zero), x the controls.
LinearValue from_polynomial(const spice::ElementCard& card, const ParamScope& params) {
    const spice::BehaviouralCard& form = *card.behaviour;
    const bool sources = !form.control_sources.empty();
    const std::size_t controls = sources ? form.control_sources.size() : form.control_nodes.size() / 2;
    LinearValue value;
    for (std::size_t i = 0; i < form.coefficients.size(); ++i) {
        const double coefficient = params.evaluate(form.coefficients[i]);
        if (i == 0) value.constant = coefficient;
        else if (i > controls && coefficient != 0.0)
            throw DeckError(form.coefficients[i].where,
                            card.name + ": POLY coefficient " + std::to_string(i) +
                                " multiplies a term of degree two or more, which is not linear (hpsim reads "
                                "behavioural sources that are linear in the solution)");
        else if (i <= controls && coefficient != 0.0) {
            const std::size_t k = i - 1;
            value.terms.push_back(sources ? Term{'i', form.control_sources[k], "", coefficient, form.control_source_where[k]}
                                          : Term{'v', form.control_nodes[2 * k], form.control_nodes[2 * k + 1],
                                                 coefficient, form.control_node_where[2 * k]});
        }
    }
    return value;
}

spice::ElementCard part(const spice::ElementCard& card, char letter, const std::string& name) {
    spice::ElementCard result;
    result.name = name;
    result.letter = letter;
    result.where = card.where;
    result.nodes = {card.nodes[0], card.nodes[1]};
    result.node_where = {card.node_where[0], card.node_where[1]};
    return result;
}

// The part for one term: a controlled source of the letter given for each kind.
spice::ElementCard term_part(const spice::ElementCard& card, const Term& term, char voltage_letter,
                             char current_letter, const std::string& name) {
    spice::ElementCard result = part(card, term.kind == 'v' ? voltage_letter : current_letter, name);
    if (term.kind == 'v') {
        result.nodes.insert(result.nodes.end(), {term.first, term.second});
        result.node_where.insert(result.node_where.end(), {term.where, term.where});
    } else {
        result.references = {term.first};
        result.reference_where = {term.where};
    }
    result.value = spice::Expression{spice::format_number(term.coefficient), card.behaviour->where};
    return result;
}

}  // namespace

std::vector<spice::ElementCard> linear_parts(const spice::ElementCard& card, const ParamScope& params) {
    const spice::BehaviouralCard& form = *card.behaviour;
    const LinearValue value = form.expression ? from_expression(*form.expression, params) : from_polynomial(card, params);
    std::vector<spice::ElementCard> parts;
    const SourceLocation& where = form.where;
    if (card.letter == 'e' || card.letter == 'h') {
        if (value.terms.size() == 1 && value.constant == 0.0) {
            parts.push_back(term_part(card, value.terms.front(), 'e', 'h', card.name));
        } else if (value.terms.empty()) {
            spice::ElementCard constant = part(card, 'v', card.name);
            constant.source.edit().dc = spice::Expression{spice::format_number(value.constant), where};
            parts.push_back(std::move(constant));
        } else {
            throw DeckError(where, card.name + ": a behavioural voltage source with more than one term, or a term and "
                                               "a constant, is not supported");
        }
        return parts;
    }
    for (const Term& term : value.terms) {
        parts.push_back(term_part(card, term, 'g', 'f', card.name));
        parts.back().multiplier = card.multiplier;
    }
    if (value.constant != 0.0 || parts.empty()) {
        const double multiplier = card.multiplier ? params.evaluate(*card.multiplier) : 1.0;
        spice::ElementCard constant = part(card, 'i', card.name);
        constant.source.edit().dc = spice::Expression{spice::format_number(value.constant * multiplier), where};
        parts.push_back(std::move(constant));
    }
    return parts;
}

}  // namespace hpsim::sim
