// UTF-8 helpers for the lexer and for diagnostics: the rules language is French, so
// letters with accents belong to words, keywords compare without accents, and a caret
// points at a character, not at a byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cotation::utf8 {

struct DecodedCodePoint {
  char32_t value;
  std::size_t length;  // bytes
};

// Decodes the code point at the start of `text`; nothing for a malformed or truncated
// sequence, an overlong form or a surrogate.
[[nodiscard]] std::optional<DecodedCodePoint> decode(std::string_view text) noexcept;

// The letters that may appear in words besides ASCII: Latin-1 Supplement, Latin
// Extended-A/B and Latin Extended Additional, without the signs × and ÷.
[[nodiscard]] bool is_latin_letter(char32_t code_point) noexcept;

// Lower-cases ASCII and removes the accents of Latin letters: "Référentiel" ->
// "referentiel". Keywords are compared in this form.
[[nodiscard]] std::string fold(std::string_view word);

// The 1-based column of `byte_in_line` counted in code points, tabs advancing to the
// next multiple of `tab_width` plus one. Malformed bytes count as one column each.
[[nodiscard]] std::size_t column_of(std::string_view line, std::size_t byte_in_line,
                                    std::size_t tab_width = 8) noexcept;

// The offset of the first malformed sequence in `text`, if any.
[[nodiscard]] std::optional<std::size_t> find_invalid(std::string_view text) noexcept;

}  // namespace cotation::utf8
