#include "parse/utf8.hpp"

#include <array>

namespace cotation::utf8 {

std::optional<DecodedCodePoint> decode(std::string_view text) noexcept {
  if (text.empty()) return std::nullopt;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return DecodedCodePoint{lead, 1};
  std::size_t length = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0U) == 0xC0U) {
    length = 2, value = lead & 0x1FU, minimum = 0x80;
  } else if ((lead & 0xF0U) == 0xE0U) {
    length = 3, value = lead & 0x0FU, minimum = 0x800;
  } else if ((lead & 0xF8U) == 0xF0U) {
    length = 4, value = lead & 0x07U, minimum = 0x10000;
  } else {
    return std::nullopt;
  }
  if (text.size() < length) return std::nullopt;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0U) != 0x80U) return std::nullopt;
    value = (value << 6U) | (byte(i) & 0x3FU);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return std::nullopt;
  }
  return DecodedCodePoint{value, length};
}

bool is_latin_letter(char32_t code_point) noexcept {
  if (code_point == U'\u00D7' || code_point == U'\u00F7') return false;
  return (code_point >= 0xC0 && code_point <= 0x24F) ||
         (code_point >= 0x1E00 && code_point <= 0x1EFF);
}

namespace {

// ASCII base letter of U+00C0..U+017F (NFD's first code point), 0 where there is none.
// Generated from the Unicode Character Database decompositions.
constexpr char latin_bases[] =
    "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0\0"  // U+00C0
    "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0y"  // U+00E0
    "aaaaaaccccccccdd\0\0eeeeeeeeeegggg"  // U+0100
    "gggghh\0\0iiiiiiiii\0\0\0jjkk\0llllll\0"  // U+0120
    "\0\0\0nnnnnn\0\0\0oooooo\0\0rrrrrrssssss"  // U+0140
    "sstttt\0\0uuuuuuuuuuuuwwyyyzzzzzz\0";  // U+0160
constexpr std::size_t latin_base_count = sizeof(latin_bases) - 1;

}  // namespace

std::string fold(std::string_view word) {
  std::string folded;
  folded.reserve(word.size());
  while (!word.empty()) {
    const auto decoded = decode(word);
    if (!decoded) {
      folded.push_back(word.front());
      word.remove_prefix(1);
      continue;
    }
    const char32_t c = decoded->value;
    if (c < 0x80) {
      folded.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    } else if (c == U'\u0152' || c == U'\u0153') {
      folded += "oe";
    } else if (c == U'\u00C6' || c == U'\u00E6') {
      folded += "ae";
    } else if (c >= 0xC0 && c < 0xC0 + latin_base_count && latin_bases[c - 0xC0] != '\0') {
      folded.push_back(latin_bases[c - 0xC0]);
    } else {
      folded.append(word.substr(0, decoded->length));
    }
    word.remove_prefix(decoded->length);
  }
  return folded;
}

std::size_t column_of(std::string_view line, std::size_t byte_in_line,
                      std::size_t tab_width) noexcept {
  std::size_t column = 1;
  std::size_t offset = 0;
  while (offset < byte_in_line && offset < line.size()) {
    if (line[offset] == '\t') {
      column += tab_width - ((column - 1) % tab_width);
      ++offset;
      continue;
    }
    const auto decoded = decode(line.substr(offset));
    offset += decoded ? decoded->length : 1;
    ++column;
  }
  return column;
}

std::optional<std::size_t> find_invalid(std::string_view text) noexcept {
  std::size_t offset = 0;
  while (offset < text.size()) {
    if (static_cast<unsigned char>(text[offset]) < 0x80) {
      ++offset;
      continue;
    }
    const auto decoded = decode(text.substr(offset));
    if (!decoded) return offset;
    offset += decoded->length;
  }
  return std::nullopt;
}

}  // namespace cotation::utf8
