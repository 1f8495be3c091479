#include "spice/suggestion.hpp"

#include <algorithm>
#include <cctype>

namespace hpsim::spice {
namespace {

constexpr std::size_t max_suggested_length = 200;

std::string lower(std::string_view text) {
    std::string result(text);
    for (char& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return result;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::string> closest_name(std::string_view word, const std::vector<std::string>& candidates) {
    if (word.size() > max_suggested_length) return std::nullopt;  // not a misspelt name; and the distance is quadratic
    const std::string wanted = lower(word);
    const std::size_t limit = std::max<std::size_t>(2, wanted.size() / 3);
    std::optional<std::string> best;
    std::size_t best_distance = 0;
    for (const std::string& candidate : candidates) {
        if (candidate == word) continue;  // the name itself is no suggestion
        const std::string name = lower(candidate);
        std::size_t distance = edit_distance(wanted, name);
        // A prefix counts as the edits past it would, but is always close enough.
        const bool prefix = wanted.size() >= 3 && name.rfind(wanted, 0) == 0;
        if (distance > limit && !prefix) continue;
        if (!best || distance < best_distance) best = candidate, best_distance = distance;
    }
    return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    const std::optional<std::string> name = closest_name(word, candidates);
    return name ? " (did you mean '" + *name + "'?)" : std::string();
}

}  // namespace hpsim::spice
