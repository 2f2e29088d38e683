// Known slips where the parser stopped: see likely_intent.hpp (in: the text, the offset and
// the keywords tried there; out: a clearer message and where to point).
#include "parse/likely_intent.hpp"

#include <array>

#include "parse/suggestion.hpp"
#include "parse/utf8.hpp"

namespace cotation {
namespace {

struct NamedCharacter {
  std::string_view bytes;
  std::string_view code;
};

constexpr std::array<NamedCharacter, 2> non_breaking_spaces = {NamedCharacter{"\xC2\xA0", "U+00A0"},
                                                               NamedCharacter{"\xE2\x80\xAF", "U+202F"}};
constexpr std::array<std::string_view, 5> typographic_quotes = {"«", "»", "“", "”", "„"};

bool is_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// The bytes of the word (letters, digits, '_', accented letters) that starts at `from`.
std::size_t word_end(std::string_view text, std::size_t from) {
  std::size_t end = from;
  while (end < text.size()) {
    if (static_cast<unsigned char>(text[end]) < 0x80) {
      if (!is_word_byte(text[end])) break;
      ++end;
      continue;
    }
    const auto decoded = utf8::decode(text.substr(end));
    if (!decoded || !utf8::is_latin_letter(decoded->value)) break;
    end += decoded->length;
  }
  return end;
}

std::size_t word_start(std::string_view text, std::size_t end) {
  std::size_t start = end;
  // Continuation bytes of an accented letter are word bytes too: step back over them.
  while (start > 0 && is_word_byte(text[start - 1])) --start;
  while (start < end && word_end(text, start) != end) ++start;
  return start;
}

// A non-breaking space at `offset` or inside the token that starts there: `2.21 €` and
// `selon av7` with the space pasted from a PDF fail at the token's start or at the space.
std::optional<LikelyIntent> non_breaking_space(std::string_view text, std::size_t offset) {
  for (std::size_t at = offset; at < text.size() && text[at] != ' ' && text[at] != '\t' && text[at] != '\n' &&
                                text[at] != '\r' && text[at] != '"';
       ++at) {
    for (const auto& space : non_breaking_spaces) {
      if (text.substr(at).starts_with(space.bytes)) {
        return LikelyIntent{at, "syntax.non_breaking_space", {std::string(space.code)}, at + space.bytes.size(), " "};
      }
    }
  }
  return std::nullopt;
}

// The typographic quote at `at`, if any: its length in bytes.
std::size_t quote_length(std::string_view text, std::size_t at) {
  for (const auto quote : typographic_quotes) {
    if (text.substr(at).starts_with(quote)) return quote.size();
  }
  return 0;
}

// Ordinary and non-breaking spaces at the ends of `inner`, as « art. 2.1 » has them.
std::string_view trim_blanks(std::string_view inner) {
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    for (const std::string_view blank :
         {std::string_view(" "), non_breaking_spaces[0].bytes, non_breaking_spaces[1].bytes}) {
      if (inner.starts_with(blank)) {
        inner.remove_prefix(blank.size());
        trimmed = true;
      }
      if (inner.ends_with(blank)) {
        inner.remove_suffix(blank.size());
        trimmed = true;
      }
    }
  }
  return inner;
}

// The fix straightens the quote and, when a closing one follows on the line, the pair.
std::optional<LikelyIntent> typographic_quote(std::string_view text, std::size_t offset) {
  const std::size_t length = quote_length(text, offset);
  if (length == 0) return std::nullopt;
  LikelyIntent intent{
      offset, "syntax.typographic_quote", {std::string(text.substr(offset, length))}, offset + length, "\""};
  for (std::size_t at = offset + length; at < text.size() && text[at] != '\n' && text[at] != '"'; ++at) {
    if (const std::size_t closing = quote_length(text, at)) {
      intent.replaced_end = at + closing;
      intent.replacement = "\"" + std::string(trim_blanks(text.substr(offset + length, at - offset - length))) + "\"";
      break;
    }
  }
  return intent;
}

// `outre-mer`: the parser read the name `outre` and stopped at the hyphen.
std::optional<LikelyIntent> hyphenated_name(std::string_view text, std::size_t offset) {
  if (offset == 0 || offset + 1 >= text.size() || text[offset] != '-' || !is_word_byte(text[offset - 1])) {
    return std::nullopt;
  }
  const std::size_t start = word_start(text, offset);
  const std::size_t end = word_end(text, offset + 1);
  if (start == offset || end == offset + 1 || (text[start] >= '0' && text[start] <= '9')) return std::nullopt;
  const std::string written(text.substr(start, end - start));
  std::string meant = written;
  meant[offset - start] = '_';
  // `outre-mer` is the region, whose one name is `drom`.
  if (utf8::fold(meant) == "outre_mer") return LikelyIntent{start, "syntax.region_with_hyphen", {written}, end, "drom"};
  return LikelyIntent{start, "syntax.hyphen_in_name", {written, meant}, end, meant};
}

std::optional<LikelyIntent> misspelt_keyword(std::string_view text, std::size_t offset,
                                             const std::vector<std::string_view>& keywords) {
  const std::size_t end = word_end(text, offset);
  const std::string_view written = text.substr(offset, end - offset);
  // `à` for `au`, `au` for `du`: too short to guess from; the parser's message says it.
  if (utf8::fold(written).size() <= 2) return std::nullopt;
  const auto meant = closest_word(written, keywords);
  if (!meant) return std::nullopt;
  return LikelyIntent{offset, "syntax.did_you_mean", {std::string(written), *meant}, end, *meant};
}

}  // namespace

std::optional<LikelyIntent> likely_intent(std::string_view text, std::size_t offset,
                                          const std::vector<std::string_view>& keywords) {
  if (auto found = non_breaking_space(text, offset)) return found;
  if (auto found = typographic_quote(text, offset)) return found;
  if (auto found = hyphenated_name(text, offset)) return found;
  return misspelt_keyword(text, offset, keywords);
}

}  // namespace cotation
