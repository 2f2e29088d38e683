// Bounded edit distance and the closest valid word: see suggestion.hpp (in: a word and the
// words valid there; out: the one meant, if close).
#include "parse/suggestion.hpp"

#include <algorithm>

#include "parse/utf8.hpp"

namespace cotation {
namespace {

// The code points of `text`; a malformed byte counts as one.
std::u32string code_points(std::string_view text) {
  std::u32string result;
  while (!text.empty()) {
    const auto decoded = utf8::decode(text);
    result.push_back(decoded ? decoded->value : static_cast<unsigned char>(text.front()));
    text.remove_prefix(decoded ? decoded->length : 1);
  }
  return result;
}

std::size_t allowed_distance(std::size_t length) {
  if (length <= 5) return 1;
  return length <= 10 ? 2 : 3;
}

}  // namespace

std::size_t edit_distance(std::string_view a_text, std::string_view b_text, std::size_t bound) {
  const std::u32string a = code_points(a_text);
  const std::u32string b = code_points(b_text);
  const std::size_t longer = std::max(a.size(), b.size());
  const std::size_t shorter = std::min(a.size(), b.size());
  if (longer - shorter > bound) return bound + 1;
  // Three rows of the table: two back (for swaps), one back, and the one being filled.
  std::vector<std::size_t> before(b.size() + 1);
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    std::size_t row_minimum = current[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
      row_minimum = std::min(row_minimum, current[j]);
    }
    if (row_minimum > bound) return bound + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[b.size()], bound + 1);
}

std::optional<std::string> closest_word(std::string_view written, const std::vector<std::string_view>& candidates) {
  const std::string folded = utf8::fold(written);
  const std::size_t length = code_points(folded).size();
  std::optional<std::string> best;
  std::size_t best_distance = allowed_distance(length) + 1;
  for (const std::string_view candidate : candidates) {
    if (candidate == written) continue;
    const std::string folded_candidate = utf8::fold(candidate);
    const std::size_t bound = allowed_distance(std::min(length, code_points(folded_candidate).size()));
    const std::size_t distance = edit_distance(folded, folded_candidate, bound);
    if (distance <= bound && distance < best_distance) {
      best_distance = distance;
      best = std::string(candidate);
    }
  }
  return best;
}

}  // namespace cotation
