// "Vouliez-vous dire" suggestions. In: the word written and the words valid where it stands
// (keywords the parser tried there, names the compiler knows); out: the one the writer most
// likely meant, when one is close enough, by a bounded Damerau-Levenshtein distance (optimal
// string alignment) over the words with accents and case folded away.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cotation {

// The edits (insertion, deletion, substitution, swap of two neighbours) from `a` to `b`,
// counted on code points; any count above `bound` is returned as bound + 1.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t bound);

// The candidate closest to `written` once both are folded, if within a distance that grows
// with the shorter word's length (1 up to 5 letters, 2 up to 10, then 3); a candidate equal to it
// except for case or accents is always close (distance 0). Never `written` itself; the
// first of equally close candidates wins.
[[nodiscard]] std::optional<std::string> closest_word(std::string_view written,
                                                      const std::vector<std::string_view>& candidates);

}  // namespace cotation
