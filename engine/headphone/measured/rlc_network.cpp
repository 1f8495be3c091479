#include "headphone/measured/rlc_network.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <cstdio>
#include <map>
#include <numbers>

namespace hpsim::headphone::measured {
namespace {

std::string figure(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}

std::string hertz(double omega) { return figure(omega / (2 * std::numbers::pi)) + " Hz"; }

// Where a section's poles are, for the netlist's comment.
std::string poles_of(const Term& term) {
    if (term.shape == Shape::real_pole || term.shape == Shape::real_pole_s) return "pole at " + hertz(term.sigma);
    return "poles at " + hertz(std::sqrt(term.b)) + ", Q " + figure(std::sqrt(term.b) / term.a);
}

}  // namespace

Complex Term::value(Complex s) const {
    const Complex d = s * s + a * s + b;
    switch (shape) {
        case Shape::constant: return weight;
        case Shape::proportional: return weight * s;
        case Shape::real_pole: return weight / (s + sigma);
        case Shape::real_pole_s: return weight * s / (s + sigma);
        case Shape::pair_s: return weight * s / d;
        case Shape::pair_s_plus_a: return weight * (s + a) / d;
        case Shape::pair_s2_plus_b: return weight * (s * s + b) / d;
        case Shape::pair_s2_plus_bs_over_a: return weight * (s * s + (b / a) * s) / d;
    }
    return 0.0;
}

RlcNetwork realise(Form form, const std::vector<Term>& terms) {
    RlcNetwork network;
    network.form = form;
    const bool series = form == Form::series;
    std::size_t sections = 0;
    for (const Term& term : terms) sections += term.weight > 0;
    std::size_t index = 0;
    for (const Term& term : terms) {
        if (!(term.weight > 0)) continue;
        ++index;
        // Series form: a chain plus -> s1 -> s2 -> ... -> minus. Parallel form: every
        // branch from plus to minus. Section k's elements are Rk, Lk, Ck.
        const std::string k = std::to_string(index);
        const std::string from = series && index > 1 ? 's' + std::to_string(index - 1) : std::string("plus");
        const std::string to = series && index < sections ? "s" + k : "minus";
        const std::string inner = (series ? "s" : "b") + k + "_i", inner2 = (series ? "s" : "b") + k + "_j";
        const double w = term.weight, a = term.a, b = term.b, sigma = term.sigma;
        const std::string poles = term.shape == Shape::constant || term.shape == Shape::proportional ? "" : ", " + poles_of(term);
        const auto add = [&](char kind, const std::string& node_a, const std::string& node_b, double value, const std::string& note) {
            network.elements.push_back({kind, std::string(1, kind) + k, node_a, node_b, value, note.empty() ? "" : note + poles});
        };
        switch (term.shape) {
            case Shape::constant:
                add('R', from, to, series ? w : 1 / w, series ? "series resistance" : "shunt resistance");
                break;
            case Shape::proportional:
                add(series ? 'L' : 'C', from, to, w, series ? "series inductance" : "shunt capacitance");
                break;
            case Shape::real_pole:
                if (series) {
                    add('R', from, to, w / sigma, "R || C");
                    add('C', from, to, 1 / w, "");
                } else {
                    add('R', from, inner, sigma / w, "R + L branch");
                    add('L', inner, to, 1 / w, "");
                }
                break;
            case Shape::real_pole_s:
                if (series) {
                    add('R', from, to, w, "R || L");
                    add('L', from, to, w / sigma, "");
                } else {
                    add('R', from, inner, 1 / w, "R + C branch");
                    add('C', inner, to, w / sigma, "");
                }
                break;
            case Shape::pair_s:
                if (series) {
                    add('R', from, to, w / a, "R || L || C");
                    add('L', from, to, w / b, "");
                    add('C', from, to, 1 / w, "");
                } else {
                    add('R', from, inner, a / w, "R + L + C branch");
                    add('L', inner, inner2, 1 / w, "");
                    add('C', inner2, to, w / b, "");
                }
                break;
            case Shape::pair_s_plus_a:
                if (series) {
                    add('C', from, to, 1 / w, "C || (R + L)");
                    add('R', from, inner, a * w / b, "");
                    add('L', inner, to, w / b, "");
                } else {
                    add('L', from, inner, 1 / w, "L + (R || C) branch");
                    add('R', inner, to, b / (a * w), "");
                    add('C', inner, to, w / b, "");
                }
                break;
            case Shape::pair_s2_plus_b:
                if (series) {
                    add('R', from, to, w, "R || (L + C)");
                    add('L', from, inner, w / a, "");
                    add('C', inner, to, a / (b * w), "");
                } else {
                    add('R', from, inner, 1 / w, "R + (L || C) branch");
                    add('L', inner, to, a / (b * w), "");
                    add('C', inner, to, w / a, "");
                }
                break;
            case Shape::pair_s2_plus_bs_over_a:
                if (series) {
                    add('L', from, to, w / a, "L || (R + C)");
                    add('R', from, inner, w, "");
                    add('C', inner, to, a / (b * w), "");
                } else {
                    add('C', from, inner, w / a, "C + (R || L) branch");
                    add('R', inner, to, 1 / w, "");
                    add('L', inner, to, a / (b * w), "");
                }
                break;
        }
    }
    return network;
}

Complex impedance_ohm(const RlcNetwork& network, double frequency_hz) {
    std::map<std::string, Eigen::Index> index;  // every node but minus, the reference
    index["plus"] = 0;
    for (const RlcElement& element : network.elements)
        for (const std::string* node : {&element.from, &element.to})
            if (*node != "minus" && !index.count(*node)) index.emplace(*node, static_cast<Eigen::Index>(index.size()));
    const auto n = static_cast<Eigen::Index>(index.size());
    Eigen::MatrixXcd y = Eigen::MatrixXcd::Zero(n, n);
    const Complex s(0, 2 * std::numbers::pi * frequency_hz);
    for (const RlcElement& element : network.elements) {
        const Complex g = element.kind == 'R' ? Complex(1 / element.value) : element.kind == 'L' ? 1.0 / (s * element.value) : s * element.value;
        const Eigen::Index i = element.from == "minus" ? -1 : index.at(element.from);
        const Eigen::Index j = element.to == "minus" ? -1 : index.at(element.to);
        if (i >= 0) y(i, i) += g;
        if (j >= 0) y(j, j) += g;
        if (i >= 0 && j >= 0) {
            y(i, j) -= g;
            y(j, i) -= g;
        }
    }
    Eigen::VectorXcd current = Eigen::VectorXcd::Zero(n);
    current(0) = 1.0;  // 1 A into plus, out of minus
    return y.fullPivLu().solve(current)(0);
}

std::string spice_cards(const RlcNetwork& network) {
    std::string cards;
    for (const RlcElement& element : network.elements) {
        char value[32];
        std::snprintf(value, sizeof value, "%.15g", element.value);
        cards += element.name + " " + element.from + " " + element.to + " " + value;
        if (!element.note.empty()) cards += "   ; " + element.note;
        cards += "\n";
    }
    return cards;
}

}  // namespace hpsim::headphone::measured
