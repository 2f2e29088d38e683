// The general reader's JSON scanner: tokens, and JsonScanner, which reads a line in one pass
// and hands each value to a handler (ClaimReader, general_reader.cpp). In: the line; out: the
// handler's calls, or the offset and the fault where the line stops being JSON.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "evaluate/claim_read/json_text.hpp"
#include "evaluate/claim_read/problems.hpp"

namespace cotation::claim_read {

// One token of the line: its kind, its bytes [begin, end), and for strings and numbers the text
// (a string's content, escapes decoded; a number as written).
struct Token {
  enum class Kind : std::uint8_t {
    end,
    begin_object,
    end_object,
    begin_array,
    end_array,
    colon,
    comma,
    string,
    number,
    literal_true,
    literal_false,
    literal_null,
    fault,
  };
  Kind kind = Kind::end;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view text;
  JsonFault fault = JsonFault::syntax;  // Kind::fault: why, at byte `end`
};

// The token of each ByteClass::single byte.
inline constexpr std::array<Token::Kind, 256> single_byte_kinds = [] {
  std::array<Token::Kind, 256> kinds{};
  kinds['{'] = Token::Kind::begin_object;
  kinds['}'] = Token::Kind::end_object;
  kinds['['] = Token::Kind::begin_array;
  kinds[']'] = Token::Kind::end_array;
  kinds[':'] = Token::Kind::colon;
  kinds[','] = Token::Kind::comma;
  return kinds;
}();

// The token of each literal's first letter.
inline constexpr std::array<Token::Kind, 256> literal_kinds = [] {
  std::array<Token::Kind, 256> kinds{};
  kinds['t'] = Token::Kind::literal_true;
  kinds['f'] = Token::Kind::literal_false;
  kinds['n'] = Token::Kind::literal_null;
  return kinds;
}();

// A JSON text read in one pass, each value handed to `Handler` as it comes (the interface of
// ClaimReader, general_reader.cpp); a false from the handler stops the reading. Iterative: nesting costs one
// byte of `open_` per level, and the handler bounds the depth. Every fault is reported once,
// with the offset of the byte where the reading could not go on (the line's length when it
// ended too early).
template <class Handler>
class JsonScanner {
 public:
  JsonScanner(std::string_view input, Handler& handler, std::string& buffer)
      : input_(input), handler_(handler), buffer_(buffer) {}

  // The offset just past the last token read: the brace of the object a handler is told of.
  [[nodiscard]] std::size_t position() const noexcept { return position_; }

  void run() {
    if (!skip_byte_order_mark()) return;
    Token token = next();
    for (;;) {
      if (!value(token)) return;
      // After a value: close the containers it ends, then move on to the next value.
      for (;;) {
        token = next();
        if (open_.empty()) {
          if (token.kind != Token::Kind::end) unexpected(token, true);
          return;
        }
        const bool in_object = open_.back() == '{';
        if (token.kind == Token::Kind::comma) {
          token = next();
          if (in_object && !member_name(token)) return;
          if (in_object) token = next();
          break;
        }
        if (token.kind != (in_object ? Token::Kind::end_object : Token::Kind::end_array)) {
          unexpected(token, false);
          return;
        }
        open_.pop_back();
        if (!(in_object ? handler_.end_object() : handler_.end_array())) return;
      }
    }
  }

 private:
  // The value starting with `token`: a scalar, or the opening of a container, in which case
  // `token` becomes its first value (or the value after its first member's name). False when
  // the reading stops; true with an empty container just closed counts as a value read.
  bool value(Token& token) {
    for (;;) {
      switch (token.kind) {
        case Token::Kind::begin_object:
          if (!handler_.start_object()) return false;
          token = next();
          if (token.kind == Token::Kind::end_object) return handler_.end_object();
          open_ += '{';
          if (!member_name(token)) return false;
          token = next();
          continue;
        case Token::Kind::begin_array:
          if (!handler_.start_array()) return false;
          token = next();
          if (token.kind == Token::Kind::end_array) return handler_.end_array();
          open_ += '[';
          continue;
        case Token::Kind::string:
          return handler_.string(token.text);
        case Token::Kind::number:
          if (beyond_json_range(token.text)) return fail(JsonFault::overflow, token.end - 1);
          return handler_.number(token.text);
        case Token::Kind::literal_true:
        case Token::Kind::literal_false:
          return handler_.boolean(token.kind == Token::Kind::literal_true);
        case Token::Kind::literal_null:
          return handler_.null();
        default:
          return unexpected(token, false);
      }
    }
  }

  // A member's name and the colon after it.
  bool member_name(const Token& token) {
    if (token.kind != Token::Kind::string) return unexpected(token, false);
    if (!handler_.key(token.text)) return false;
    const Token colon = next();
    if (colon.kind != Token::Kind::colon) return unexpected(colon, false);
    return true;
  }

  // A token where it does not belong: a broken one at its fault, a whole one at its last byte.
  bool unexpected(const Token& token, bool after_record) {
    if (token.kind == Token::Kind::end) return fail(JsonFault::end_of_input, input_.size());
    if (token.kind != Token::Kind::fault) {
      return fail(after_record ? JsonFault::trailing : JsonFault::syntax, token.end - 1);
    }
    // After the record, a broken string keeps its own reason; anything else is "too much".
    const bool keeps_reason = token.fault == JsonFault::control || token.fault == JsonFault::utf8;
    return fail(after_record && !keeps_reason ? JsonFault::trailing : token.fault, token.end);
  }

  bool fail(JsonFault fault, std::size_t offset) {
    handler_.parse_error(offset, fault);
    return false;
  }

  bool skip_byte_order_mark() {
    static constexpr std::string_view mark = "\xEF\xBB\xBF";
    if (input_.empty() || input_.front() != mark.front()) return true;
    for (std::size_t i = 1; i < mark.size(); ++i) {
      if (i >= input_.size() || input_[i] != mark[i]) return fail(JsonFault::syntax, std::min(i, input_.size()));
    }
    position_ = mark.size();
    return true;
  }

  [[nodiscard]] char at(std::size_t i) const noexcept { return i < input_.size() ? input_[i] : '\0'; }

  static Token faulty(JsonFault fault, std::size_t begin, std::size_t at) {
    Token token;
    token.kind = Token::Kind::fault;
    token.begin = begin;
    token.end = at;
    token.fault = fault;
    return token;
  }

  Token next() {
    const std::size_t begin = skip_whitespace(input_, position_);
    Token token;
    token.begin = begin;
    token.end = begin + 1;
    if (begin >= input_.size()) {
      token.end = begin;
      return token;
    }
    switch (byte_classes[static_cast<unsigned char>(input_[begin])]) {
      case ByteClass::single:
        token.kind = single_byte_kinds[static_cast<unsigned char>(input_[begin])];
        break;
      case ByteClass::quote:
        token = string(begin);
        break;
      case ByteClass::number:
        token = number(begin);
        break;
      case ByteClass::literal:
        token = literal(begin);
        break;
      case ByteClass::other:
        token = faulty(JsonFault::bad_literal, begin, begin);
        break;
    }
    position_ = token.end;
    return token;
  }

  Token literal(std::size_t begin) const {
    const Lexeme lexeme = lex_literal(input_, begin);
    if (!lexeme.whole) return faulty(JsonFault::bad_literal, begin, lexeme.end);
    Token token;
    token.kind = literal_kinds[static_cast<unsigned char>(input_[begin])];
    token.begin = begin;
    token.end = lexeme.end;
    return token;
  }

  Token number(std::size_t begin) const {
    const Lexeme lexeme = lex_number(input_, begin);
    if (!lexeme.whole) return faulty(JsonFault::bad_number, begin, lexeme.end);
    Token token;
    token.kind = Token::Kind::number;
    token.begin = begin;
    token.end = lexeme.end;
    token.text = input_.substr(begin, lexeme.end - begin);
    return token;
  }

  // A string without escapes is a view of the line; with escapes, it is decoded into buffer_.
  Token string(std::size_t begin) {
    const std::size_t first = begin + 1;
    bool decoded = false;
    std::size_t i = first;
    for (;;) {
      const std::size_t plain_end = skip_plain_bytes(input_, i);
      if (decoded) buffer_.append(input_.substr(i, plain_end - i));
      i = plain_end;
      if (i >= input_.size()) return faulty(JsonFault::unterminated_string, begin, input_.size());
      const auto c = static_cast<unsigned char>(input_[i]);
      if (c == '"') {
        Token token;
        token.kind = Token::Kind::string;
        token.begin = begin;
        token.end = i + 1;
        token.text = decoded ? std::string_view(buffer_) : input_.substr(first, i - first);
        return token;
      }
      if (c < 0x20U) return faulty(JsonFault::control, begin, i);
      if (c == '\\') {
        if (!decoded) buffer_.assign(input_.substr(first, i - first));
        decoded = true;
        const std::size_t fault = escape(i);
        if (fault != 0) {
          return faulty(fault >= input_.size() ? JsonFault::unterminated_string : JsonFault::bad_string, begin, fault);
        }
        continue;  // escape() moved i past the sequence
      }
      // skip_plain_bytes stops at no valid UTF-8: this byte starts none.
      return faulty(JsonFault::utf8, begin, utf8_sequence(input_, i).bad);
    }
  }

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
  Handler& handler_;
  std::string& buffer_;  // decoded strings with escapes
  std::string open_;     // '{' or '[' per open container (a handful: no allocation)
  std::size_t position_ = 0;
};

}  // namespace cotation::claim_read
