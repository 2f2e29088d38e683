// What the writer most likely meant where the parser stopped. In: the file's text, the byte
// offset where parsing stopped and the keywords the parser tried there; out, when the text
// there looks like a known slip, its message id, arguments, the offset to point at and the
// correction (the bytes from that offset to `replaced_end` become `replacement`):
//  - a non-breaking space (U+00A0, U+202F) pasted from a PDF, in or right after the token;
//  - a typographic quote (« » “ ” „) where a string or the end of a statement was expected
//    (the pair on the line, blanks inside trimmed, becomes "...");
//  - a name written with a hyphen (`pre-requis` for `pre_requis`; `outre-mer`, the region, for `drom`);
//  - a misspelt keyword close to one valid there (`depui`, `cotaton`, `letre`), for a word
//    of three letters or more.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cotation {

struct LikelyIntent {
  std::size_t offset;
  std::string message_id;
  std::vector<std::string> arguments;
  std::size_t replaced_end;
  std::string replacement;
};

[[nodiscard]] std::optional<LikelyIntent> likely_intent(std::string_view text, std::size_t offset,
                                                        const std::vector<std::string_view>& keywords);

}  // namespace cotation
