// The bytes of a JSON line, below the level of tokens: UTF-8 sequences, runs of plain string
// bytes (SIMD-wide), whitespace, the lexing of numbers and literals, numbers beyond a double.
// In: the line's bytes and an offset; out: where a piece ends. Shared by the reader, its scanner
// and the writer, and inlined into them: these run on every byte of every line.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace cotation::claim_read {

// ---- UTF-8 -----------------------------------------------------------------------------------

// The valid UTF-8 sequence starting at text[i]: its length (1 to 4), or length 0 when the bytes
// there are not one (stray continuation byte, overlong form, surrogate, beyond U+10FFFF,
// truncated), with `bad` the offset of the first byte that breaks it (text.size() if truncated).
struct Utf8Sequence {
  std::size_t length = 0;
  std::size_t bad = 0;
};

inline Utf8Sequence utf8_sequence(std::string_view text, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned lead = byte(i);
  if (lead < 0x80U) return {1, 0};
  std::size_t length = 0;
  unsigned low = 0x80U;   // the allowed range of the second byte, which rules out overlong
  unsigned high = 0xBFU;  // forms, surrogates and code points above U+10FFFF
  if (lead >= 0xC2U && lead <= 0xDFU) {
    length = 2;
  } else if (lead >= 0xE0U && lead <= 0xEFU) {
    length = 3;
    if (lead == 0xE0U) low = 0xA0U;
    if (lead == 0xEDU) high = 0x9FU;
  } else if (lead >= 0xF0U && lead <= 0xF4U) {
    length = 4;
    if (lead == 0xF0U) low = 0x90U;
    if (lead == 0xF4U) high = 0x8FU;
  } else {
    return {0, i};
  }
  for (std::size_t k = 1; k < length; ++k) {
    if (i + k >= text.size()) return {0, text.size()};
    const unsigned next = byte(i + k);
    if (k == 1 ? next < low || next > high : (next & 0xC0U) != 0x80U) return {0, i + k};
  }
  return {length, 0};
}

inline std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept {
  return utf8_sequence(text, i).length;
}

inline constexpr std::string_view replacement_character = "\xEF\xBF\xBD";  // U+FFFD

// Text from the input, for a message: at most `limit` bytes, cut on a character boundary, each
// invalid UTF-8 byte replaced by U+FFFD, "…" when shortened.
inline std::string shown(std::string_view text, std::size_t limit = 40) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (out.size() + (length == 0 ? replacement_character.size() : length) > limit) {
      out += "…";
      break;
    }
    if (length == 0) {
      out += replacement_character;
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

inline bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

// Whether a JSON number is beyond the largest double (about 1.8e308). RFC 8259 (section 6)
// expects no more of a reader; such a number is a JSON error, whatever field holds it.
inline bool beyond_json_range(std::string_view number) noexcept {
  if (!number.empty() && number.front() == '-') number.remove_prefix(1);
  // The largest double has 309 digits: a number without exponent and with fewer is below it.
  constexpr std::int64_t double_magnitude = 309;
  const auto is_exponent = [](char c) { return c == 'e' || c == 'E'; };
  if (number.size() < static_cast<std::size_t>(double_magnitude) && std::ranges::none_of(number, is_exponent)) {
    return false;
  }
  const std::size_t e = number.find_first_of("eE");
  const std::string_view mantissa = number.substr(0, e);
  std::int64_t exponent = 0;
  if (e != std::string_view::npos) {
    std::string_view text = number.substr(e + 1);
    const bool negative = !text.empty() && text.front() == '-';
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
    constexpr std::int64_t saturated = 1'000'000;  // far beyond any order of magnitude that matters
    for (const char c : text) exponent = std::min(saturated, exponent * 10 + (c - '0'));
    if (negative) exponent = -exponent;
  }
  // The value is 0.ddd × 10^magnitude, with ddd its significant digits.
  const std::size_t point = std::min(mantissa.find('.'), mantissa.size());
  std::string significant;
  std::int64_t magnitude = static_cast<std::int64_t>(point) + exponent;
  for (std::size_t i = 0; i < mantissa.size(); ++i) {
    if (i == point) continue;
    if (significant.empty() && mantissa[i] == '0') {
      --magnitude;
      continue;
    }
    significant += mantissa[i];
  }
  if (significant.empty()) return false;  // zero
  if (magnitude != double_magnitude) return magnitude > double_magnitude;
  return significant >= std::string_view("17976931348623158");
}

enum class ByteClass : std::uint8_t { other, single, quote, number, literal };

inline constexpr std::array<ByteClass, 256> byte_classes = [] {
  std::array<ByteClass, 256> classes{};
  for (const char c : std::string_view("{}[]:,")) classes[static_cast<unsigned char>(c)] = ByteClass::single;
  for (const char c : std::string_view("-0123456789")) classes[static_cast<unsigned char>(c)] = ByteClass::number;
  for (const char c : std::string_view("tfn")) classes[static_cast<unsigned char>(c)] = ByteClass::literal;
  classes['"'] = ByteClass::quote;
  return classes;
}();

// The 8 bytes at `bytes` as one number whose lowest byte is bytes[0], whatever the byte order.
inline std::uint64_t load_little(const char* bytes) noexcept {
  std::uint64_t word = 0;
  std::memcpy(&word, bytes, sizeof word);
  if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
  return word;
}

// Vectors of signed bytes, in the compiler's vector extension (SSE2 on x86-64). The size is not
// a template parameter: clang ignores a dependent vector_size.
using Bytes16 = signed char __attribute__((vector_size(16)));
using Bytes8 = signed char __attribute__((vector_size(8)));

// The bytes of the vector at `bytes` that end a run of plain bytes (see skip_plain_bytes), all
// ones, the others zero, as 64-bit words. "Below 0x20", signed, also takes every byte from 0x80.
template <class Vector>
inline std::array<std::uint64_t, sizeof(Vector) / 8> special_bytes(const char* bytes) noexcept {
  Vector vector;
  std::memcpy(&vector, bytes, sizeof vector);
  const Vector special = (vector < 0x20) | (vector == '"') | (vector == '\\');
  std::array<std::uint64_t, sizeof(Vector) / 8> flags{};
  static_assert(sizeof flags == sizeof special);
  std::memcpy(flags.data(), &special, sizeof special);
  return flags;
}

// The offset of the first byte flagged in a word of special_bytes.
inline std::size_t first_flagged(std::uint64_t flags) noexcept {
  if constexpr (std::endian::native == std::endian::big) flags = __builtin_bswap64(flags);
  return static_cast<std::size_t>(std::countr_zero(flags)) / 8;
}

// The end of the run of printable ASCII bytes from `i`, other than '"' and '\\'. Sixteen bytes at
// a time, then eight (strings are most of a claim line), the first byte to look at found
// exactly, without going back byte by byte. Always inlined: a call costs a fifth of a short string.
[[gnu::always_inline]] inline std::size_t skip_plain_ascii(std::string_view text, std::size_t i) noexcept {
  for (; i + 16 <= text.size(); i += 16) {
    const auto flags = special_bytes<Bytes16>(text.data() + i);
    if (flags[0] != 0) return i + first_flagged(flags[0]);
    if (flags[1] != 0) return i + 8 + first_flagged(flags[1]);
  }
  if (i + 8 <= text.size()) {
    const std::uint64_t flags = special_bytes<Bytes8>(text.data() + i)[0];
    if (flags != 0) return i + first_flagged(flags);
    i += 8;
  }
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20U || c >= 0x80U || c == '"' || c == '\\') break;
    ++i;
  }
  return i;
}

// The end of the run of bytes from `i` that a string holds as they are: plain ASCII and valid
// UTF-8 sequences. It stops at a quote, a backslash, a control character or a byte that is not
// valid UTF-8, for every caller alike.
inline std::size_t skip_plain_bytes(std::string_view text, std::size_t i) noexcept {
  i = skip_plain_ascii(text, i);
  while (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x80U) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) break;
    i = skip_plain_ascii(text, i + length);
  }
  return i;
}

inline std::size_t skip_whitespace(std::string_view input, std::size_t i) noexcept {
  // Most tokens are followed by no whitespace: one comparison tells.
  while (i < input.size() && static_cast<unsigned char>(input[i]) <= ' ' &&
         (input[i] == ' ' || input[i] == '\t' || input[i] == '\n' || input[i] == '\r')) {
    ++i;
  }
  return i;
}

// A number or literal from `begin`: where it ends, or the byte that breaks it (`whole` false).
// The reader and its scanner lex with these, so that they agree on what a number is.
struct Lexeme {
  std::size_t end = 0;
  bool whole = false;
  bool exponent = false;  // a number with an exponent
};

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
inline Lexeme lex_number(std::string_view input, std::size_t begin) noexcept {
  const auto at = [input](std::size_t i) { return i < input.size() ? input[i] : '\0'; };
  const auto digit_at = [input](std::size_t i) { return i < input.size() && is_digit(input[i]); };
  const auto broken = [input](std::size_t i) { return Lexeme{std::min(i, input.size()), false}; };
  std::size_t i = begin;
  if (at(i) == '-') ++i;
  if (!digit_at(i)) return broken(i);
  if (at(i) == '0') {
    ++i;
  } else {
    while (digit_at(i)) ++i;
  }
  if (at(i) == '.') {
    ++i;
    if (!digit_at(i)) return broken(i);
    while (digit_at(i)) ++i;
  }
  const bool exponent = at(i) == 'e' || at(i) == 'E';
  if (exponent) {
    ++i;
    if (at(i) == '+' || at(i) == '-') ++i;
    if (!digit_at(i)) return broken(i);
    while (digit_at(i)) ++i;
  }
  return {i, true, exponent};
}

// beyond_json_range for a whole number of lex_number: only one with an exponent or 309 digits can
// be, and most numbers have neither, which the lexer already knows.
inline bool beyond_json_range(std::string_view number, const Lexeme& lexeme) noexcept {
  constexpr std::size_t double_digits = 309;
  return (lexeme.exponent || number.size() >= double_digits) && beyond_json_range(number);
}

// true, false or null, told apart by their first letter.
inline Lexeme lex_literal(std::string_view input, std::size_t begin) noexcept {
  const char first = input[begin];
  const std::string_view word = first == 't' ? "true" : first == 'f' ? "false" : "null";
  // Most often the whole word is there: its first four bytes compared at once ("fals" then 'e'),
  // with the words' bytes as numbers made once (selecting one costs less than loading it).
  constexpr auto bytes_of = [](const char(&text)[5]) {
    return std::bit_cast<std::uint32_t>(std::array<char, 4>{text[0], text[1], text[2], text[3]});
  };
  if (input.size() - begin >= word.size()) {
    std::uint32_t found = 0;
    std::memcpy(&found, input.data() + begin, sizeof found);
    const std::uint32_t wanted = first == 't' ? bytes_of("true") : first == 'f' ? bytes_of("fals") : bytes_of("null");
    if (found == wanted && (first != 'f' || input[begin + sizeof found] == 'e')) return {begin + word.size(), true};
  }
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (begin + k >= input.size() || input[begin + k] != word[k]) return {std::min(begin + k, input.size()), false};
  }
  return {begin + word.size(), true};
}

}  // namespace cotation::claim_read
