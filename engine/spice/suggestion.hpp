#pragma once
// "Did you mean": the name a misspelt one was most likely meant to be, for every error
// about an unknown name (commands, options, catalog entries, rig keys, figures).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hpsim::spice {

// Levenshtein distance: insertions, deletions and substitutions, one each.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`: within max(2, length / 3) edits, ignoring case, or
// one that begins with it (at least 3 characters: "hd600" for "hd600-class"); the
// fewest edits first, then the first in order. None when nothing is close, and for a
// word of more than 200 characters.
std::optional<std::string> closest_name(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'name'?)" for the closest candidate, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace hpsim::spice
