// A JSON string token: where it ends and what it holds, escapes decoded, or why it is broken.
// In: the line and the offset of the opening quote; out: a StringLexeme. Shared by the reader
// (line_reader.cpp) and the scanner that finds a line's syntax error (json_scanner.hpp), so
// that both agree on what a string is.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "evaluate/claim_read/json_text.hpp"
#include "evaluate/claim_read/problems.hpp"

namespace cotation::claim_read {

// A string read from its opening quote: whole, its content (a view of the line, or of the
// buffer when it has escapes) and the offset past its closing quote; broken, the fault and the
// offset of the byte where it breaks (the line's length when it ends inside the string).
struct StringLexeme {
  bool whole = false;
  std::string_view text;
  std::size_t end = 0;
  JsonFault fault = JsonFault::syntax;
};

class StringLexer {
 public:
  StringLexer(std::string_view input, std::string& buffer) : input_(input), buffer_(buffer) {}

  // The string whose opening quote is at `begin`.
  StringLexeme lex(std::size_t begin) {
    const std::size_t first = begin + 1;
    bool decoded = false;
    std::size_t i = first;
    for (;;) {
      const std::size_t plain_end = skip_plain_bytes(input_, i);
      if (decoded) buffer_.append(input_.substr(i, plain_end - i));
      i = plain_end;
      if (i >= input_.size()) return broken(JsonFault::unterminated_string, input_.size());
      const auto c = static_cast<unsigned char>(input_[i]);
      if (c == '"') {
        return {true, decoded ? std::string_view(buffer_) : input_.substr(first, i - first), i + 1, JsonFault::syntax};
      }
      if (c < 0x20U) return broken(JsonFault::control, i);
      if (c == '\\') {
        if (!decoded) buffer_.assign(input_.substr(first, i - first));
        decoded = true;
        const std::size_t fault = escape(i);
        if (fault != 0)
          return broken(fault >= input_.size() ? JsonFault::unterminated_string : JsonFault::bad_string, fault);
        continue;  // escape() moved i past the sequence
      }
      // skip_plain_bytes stops at no valid UTF-8: this byte starts none.
      return broken(JsonFault::utf8, utf8_sequence(input_, i).bad);
    }
  }

 private:
  static StringLexeme broken(JsonFault fault, std::size_t at) { return {false, {}, at, fault}; }

  [[nodiscard]] char at(std::size_t i) const noexcept { return i < input_.size() ? input_[i] : '\0'; }

  // The four hex digits at i, or -1 with `fault` set to the first byte that is not one.
  std::int32_t hex4(std::size_t i, std::size_t& fault) const {
    std::int32_t value = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const char c = at(i + k);
      std::int32_t digit = -1;
      if (is_digit(c)) digit = c - '0';
      if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
      if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
      if (digit < 0 || i + k >= input_.size()) {
        fault = std::min(i + k, input_.size());
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }

  // The escape sequence at i (a backslash), decoded onto buffer_; i moves past it. Returns 0,
  // or the offset of the byte that breaks the sequence.
  std::size_t escape(std::size_t& i) {
    const char kind = at(i + 1);
    static constexpr std::string_view simple = "\"\\/bfnrt";
    static constexpr std::string_view meaning = "\"\\/\b\f\n\r\t";
    if (i + 1 < input_.size() && simple.find(kind) != std::string_view::npos) {
      buffer_ += meaning[simple.find(kind)];
      i += 2;
      return 0;
    }
    if (kind != 'u' || i + 1 >= input_.size()) return std::min(i + 1, input_.size());
    std::size_t fault = 0;
    std::int32_t code_point = hex4(i + 2, fault);
    if (code_point < 0) return fault;
    i += 6;
    if (code_point >= 0xDC00 && code_point <= 0xDFFF) return i - 1;  // a low surrogate alone
    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
      if (at(i) != '\\' || i >= input_.size()) return std::min(i, input_.size());
      if (at(i + 1) != 'u' || i + 1 >= input_.size()) return std::min(i + 1, input_.size());
      const std::int32_t low = hex4(i + 2, fault);
      if (low < 0) return fault;
      i += 6;
      if (low < 0xDC00 || low > 0xDFFF) return i - 1;
      code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(static_cast<std::uint32_t>(code_point));
    return 0;
  }

  void append_utf8(std::uint32_t code_point) {
    const auto byte = [](std::uint32_t bits) { return static_cast<char>(static_cast<unsigned char>(bits)); };
    if (code_point < 0x80U) {
      buffer_ += byte(code_point);
    } else if (code_point < 0x800U) {
      buffer_ += byte(0xC0U | (code_point >> 6U));
      buffer_ += byte(0x80U | (code_point & 0x3FU));
    } else if (code_point < 0x10000U) {
      buffer_ += byte(0xE0U | (code_point >> 12U));
      buffer_ += byte(0x80U | ((code_point >> 6U) & 0x3FU));
      buffer_ += byte(0x80U | (code_point & 0x3FU));
    } else {
      buffer_ += byte(0xF0U | (code_point >> 18U));
      buffer_ += byte(0x80U | ((code_point >> 12U) & 0x3FU));
      buffer_ += byte(0x80U | ((code_point >> 6U) & 0x3FU));
      buffer_ += byte(0x80U | (code_point & 0x3FU));
    }
  }

  std::string_view input_;
  std::string& buffer_;  // the content of a string with escapes, decoded
};

}  // namespace cotation::claim_read
