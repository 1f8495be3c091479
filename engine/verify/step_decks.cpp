#include "verify/step_decks.hpp"

#include <algorithm>
#include <cstdio>

namespace hpsim::verify {
namespace {

// A top-level .param card with each stepped parameter's value replaced by the step's.
spice::Card with_step_values(const spice::Card& card, const std::vector<std::string>& names,
                             const std::vector<double>& values) {
    spice::Card replaced = card;
    std::vector<spice::Token>& tokens = replaced.tokens;
    const auto is_kind = [&](std::size_t i, spice::TokenKind kind) { return i < tokens.size() && tokens[i].kind == kind; };
    const auto is_assignment = [&](std::size_t i) {
        return is_kind(i, spice::TokenKind::word) && is_kind(i + 1, spice::TokenKind::equals) &&
               !is_kind(i + 2, spice::TokenKind::equals);  // not "a==b"
    };
    // Where the next assignment starts: "name =", or a user function's "name(a, b) =".
    const auto is_boundary = [&](std::size_t i) {
        if (is_assignment(i)) return true;
        if (!is_kind(i, spice::TokenKind::word) || !is_kind(i + 1, spice::TokenKind::open_paren)) return false;
        std::size_t j = i + 2;
        while (is_kind(j, spice::TokenKind::word)) ++j;
        return is_kind(j, spice::TokenKind::close_paren) && is_kind(j + 1, spice::TokenKind::equals);
    };
    for (std::size_t i = 1; i < tokens.size(); ++i) {
        if (!is_assignment(i)) continue;
        const auto stepped = std::find(names.begin(), names.end(), tokens[i].text);
        if (stepped == names.end()) continue;
        std::size_t end = i + 2;  // the value runs to the next "name ="
        while (end < tokens.size() && !is_boundary(end)) ++end;
        char number[40];
        std::snprintf(number, sizeof number, "%.17g", values[static_cast<std::size_t>(stepped - names.begin())]);
        spice::Token value = tokens[i + 2 < tokens.size() ? i + 2 : i];
        value.kind = spice::TokenKind::word;
        value.text = number;
        tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(i + 2), tokens.begin() + static_cast<std::ptrdiff_t>(end));
        tokens.insert(tokens.begin() + static_cast<std::ptrdiff_t>(i + 2), value);
    }
    return replaced;
}

}  // namespace

spice::CardStream deck_for_step(const spice::CardStream& cards, const std::vector<std::string>& names,
                                const std::vector<double>& values) {
    spice::CardStream step{cards.title, {}, cards.warnings};
    int subcircuit_depth = 0;
    for (const spice::Card& card : cards.cards) {
        const std::string& head = card.tokens.front().text;
        subcircuit_depth += head == ".subckt" ? 1 : head == ".ends" ? -1 : 0;
        if (head == ".step") continue;
        if (head == ".param" && subcircuit_depth == 0) step.cards.push_back(with_step_values(card, names, values));
        else step.cards.push_back(card);
    }
    return step;
}

}  // namespace hpsim::verify
