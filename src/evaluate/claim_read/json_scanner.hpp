// The JSON scanner that tells where and why a line stops being JSON: the reader (line_reader.cpp)
// asks it once it meets a syntax error, for the offset and fault of its message. In: the line;
// out: the offset and the fault of its first syntax error, or nothing for valid JSON.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "evaluate/claim_read/json_string.hpp"
#include "evaluate/claim_read/json_text.hpp"
#include "evaluate/claim_read/problems.hpp"

namespace cotation::claim_read {

// One token of the line: its kind and its bytes [begin, end).
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

// Where a line stops being JSON, and why.
struct SyntaxFault {
  std::size_t offset = 0;  // the byte where the reading could not go on (the line's length when it ended too early)
  JsonFault fault = JsonFault::syntax;
};

// A JSON text read in one pass, token by token, up to its first syntax error. Iterative: nesting
// costs one byte of `open_` per level.
class JsonScanner {
 public:
  explicit JsonScanner(std::string_view input) : input_(input) {}

  // The first syntax error of the line, or nothing when it is one JSON value.
  std::optional<SyntaxFault> first_fault() {
    if (!skip_byte_order_mark()) return fault_;
    Token token = next();
    for (;;) {
      if (!value(token)) return fault_;
      // After a value: close the containers it ends, then move on to the next value.
      for (;;) {
        token = next();
        if (open_.empty()) {
          if (token.kind != Token::Kind::end) unexpected(token, true);
          return fault_;
        }
        const bool in_object = open_.back() == '{';
        if (token.kind == Token::Kind::comma) {
          token = next();
          if (in_object && !member_name(token)) return fault_;
          if (in_object) token = next();
          break;
        }
        if (token.kind != (in_object ? Token::Kind::end_object : Token::Kind::end_array)) {
          unexpected(token, false);
          return fault_;
        }
        open_.pop_back();
      }
    }
  }

 private:
  // The value starting with `token`: a scalar, or the opening of a container, in which case
  // `token` becomes its first value (or the value after its first member's name). False at a
  // fault; true with an empty container just closed counts as a value read.
  bool value(Token& token) {
    for (;;) {
      switch (token.kind) {
        case Token::Kind::begin_object:
          token = next();
          if (token.kind == Token::Kind::end_object) return true;
          open_ += '{';
          if (!member_name(token)) return false;
          token = next();
          continue;
        case Token::Kind::begin_array:
          token = next();
          if (token.kind == Token::Kind::end_array) return true;
          open_ += '[';
          continue;
        case Token::Kind::number:
          if (beyond_json_range(input_.substr(token.begin, token.end - token.begin))) {
            return fail(JsonFault::overflow, token.end - 1);
          }
          return true;
        case Token::Kind::string:
        case Token::Kind::literal_true:
        case Token::Kind::literal_false:
        case Token::Kind::literal_null:
          return true;
        default:
          return unexpected(token, false);
      }
    }
  }

  // A member's name and the colon after it.
  bool member_name(const Token& token) {
    if (token.kind != Token::Kind::string) return unexpected(token, false);
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
    fault_ = SyntaxFault{offset, fault};
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
    return token;
  }

  Token string(std::size_t begin) {
    const StringLexeme lexeme = StringLexer(input_, buffer_).lex(begin);
    if (!lexeme.whole) return faulty(lexeme.fault, begin, lexeme.end);
    Token token;
    token.kind = Token::Kind::string;
    token.begin = begin;
    token.end = lexeme.end;
    return token;
  }

  std::string_view input_;
  std::string buffer_;  // a string's content with escapes, decoded (and not looked at)
  std::optional<SyntaxFault> fault_;
  std::string open_;  // '{' or '[' per open container (a handful: no allocation)
  std::size_t position_ = 0;
};

}  // namespace cotation::claim_read
