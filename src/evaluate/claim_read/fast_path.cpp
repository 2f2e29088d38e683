// The fast path of read_claim: SchemaReader reads a line that follows the format's schema to the
// letter, straight over its bytes. In: a line; out: its claim, or false, and the general reader
// (general_reader.cpp) reads the line again and reports what is wrong with it.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "evaluate/claim_json.hpp"
#include "evaluate/claim_read/fields.hpp"
#include "evaluate/claim_read/json_text.hpp"
#include "evaluate/claim_read/schema.hpp"

namespace cotation {

namespace claim_read {
namespace {

// A member's name as a record usually writes it, quotes and colon included ("id":), in the
// 8-byte words load_little reads: the fast path checks the expected member in a word or two.
struct Key {
  std::array<std::uint64_t, 4> words{};
  std::uint64_t last_mask = 0;  // the bytes of the last word that belong to the key
  std::size_t length = 0;
  std::size_t word_count = 0;
};

constexpr Key key_of(std::string_view name) {
  Key key;
  key.length = name.size() + 3;
  key.word_count = (key.length + 7) / 8;
  const auto put = [&key](std::size_t at, char c) {
    key.words.at(at / 8) |= std::uint64_t{static_cast<unsigned char>(c)} << (at % 8 * 8);
  };
  put(0, '"');
  for (std::size_t i = 0; i < name.size(); ++i) put(i + 1, name[i]);
  put(name.size() + 1, '"');
  put(name.size() + 2, ':');
  const std::size_t tail = key.length % 8;
  key.last_mask = tail == 0 ? ~std::uint64_t{0} : (std::uint64_t{1} << (tail * 8)) - 1;
  return key;
}

// The key of each entry of each context's table (the record's, of 14 members, is the longest).
constexpr auto member_keys = [] {
  std::array<std::array<Key, record_members.size()>, static_cast<std::size_t>(Context::skip) + 1> keys{};
  for (std::size_t context = 0; context < keys.size(); ++context) {
    const auto members = members_of(static_cast<Context>(context));
    for (std::size_t i = 0; i < members.size(); ++i) keys.at(context).at(i) = key_of(members[i].name);
  }
  return keys;
}();

// Reads a line that follows the format's schema to the letter, straight over its bytes: at
// each member it expects a known, new name, then a value of that member's kind. It gives up
// (false) at anything else (an escape or invalid UTF-8 in a string, an unknown or repeated
// member, a wrong type, a limit, any problem the conversions find), and the line is then read
// again by ClaimReader, which reports it. So it only accepts lines that ClaimReader reads without
// a problem, and hands the same values to the same conversions in the same order.
class SchemaReader final : public FieldReader {
 public:
  SchemaReader(std::string_view input, const ClaimReadLimits& limits, ClaimReadResult& result)
      : FieldReader(result), input_(input), limits_(limits) {}

  // True when the whole line was read into the result's claim, without a problem.
  bool read() { return object(Context::record, 1) && skip_whitespace(input_, position_) == input_.size(); }

 private:
  // Messages are ClaimReader's business: here a problem only means giving up.
  [[nodiscard]] std::string path() const override { return {}; }
  void problem(ReasonCode /*code*/, std::string /*field*/, std::string /*message*/) override { failed_ = true; }

  // The input's bytes [begin, end), within it already: substr's range check is not inlined.
  [[nodiscard]] std::string_view bytes(std::size_t begin, std::size_t end) const noexcept {
    return {input_.data() + begin, end - begin};
  }
  // Whitespace is skipped where a token was expected and not found: most lines have none.
  // Moves past `c` when it comes next, after any whitespace; the whitespace apart, so that the
  // usual case stays small enough to be inlined.
  bool consume(char c) noexcept {
    if (position_ < input_.size() && input_[position_] == c) {
      ++position_;
      return true;
    }
    return consume_after_whitespace(c);
  }
  bool consume_after_whitespace(char c) noexcept {
    position_ = skip_whitespace(input_, position_);
    if (position_ >= input_.size() || input_[position_] != c) return false;
    ++position_;
    return true;
  }
  // Moves past `key` when it comes next, without whitespace: the member expected is compared in
  // place, a word at a time, without looking for the name's end first. False near the line's
  // end, where the words would go past it.
  bool consume_key(const Key& key) noexcept {
    const std::size_t last = key.word_count - 1;
    if (input_.size() - position_ < key.word_count * 8) return false;
    const char* at = input_.data() + position_;
    std::uint64_t differ = (load_little(at + last * 8) ^ key.words[last]) & key.last_mask;
    for (std::size_t k = 0; k < last; ++k) differ |= load_little(at + k * 8) ^ key.words[k];
    if (differ != 0) return false;
    position_ += key.length;
    return true;
  }
  // The object of `context` at position_, the `depth`th level of nesting (the record is the first).
  bool object(Context context, std::size_t depth);
  bool array(Context kind, std::size_t depth);
  bool value(Field field, std::size_t depth);
  // The record's `meta` object, kept as written.
  bool meta(std::size_t depth);
  // Moves past any JSON value, containers at the `depth`th level of nesting.
  bool any(std::size_t depth);
  // A string of printable ASCII and valid UTF-8, without escapes: its bytes between the quotes.
  bool string(std::string_view& text);

  std::string_view input_;
  const ClaimReadLimits& limits_;
  std::size_t position_ = 0;
  bool failed_ = false;
};

bool SchemaReader::object(Context context, std::size_t depth) {
  if (depth > limits_.max_depth || !consume('{')) return false;
  const auto members = members_of(context);
  const auto& keys = member_keys[static_cast<std::size_t>(context)];
  std::uint32_t seen = 0;
  std::size_t expected = 0;
  if (!consume('}')) {
    do {
      std::size_t i = expected;
      if (!consume_key(keys[i])) {
        position_ = skip_whitespace(input_, position_);
        std::string_view name;
        if (!string(name)) return false;
        i = find_member(members, name, expected);
        if (i == members.size() || !consume(':')) return false;
      }
      if ((seen & (std::uint32_t{1} << i)) != 0) return false;
      seen |= std::uint32_t{1} << i;
      expected = i + 1 == members.size() ? 0 : i + 1;
      if (!value(members[i].field, depth)) return false;
    } while (consume(','));
    if (!consume('}')) return false;
  }
  return missing_required(context, seen) == 0;
}

// An array of the format (lines, history, a session's lines); the general reader reports an
// empty one that must not be.
bool SchemaReader::array(Context kind, std::size_t depth) {
  if (depth > limits_.max_depth || !consume('[')) return false;
  open_array(kind);
  if (kind != Context::lines && consume(']')) return true;
  do {
    if (!add_element(kind, limits_) || !object(element_of(kind), depth + 1)) return false;
  } while (consume(','));
  return consume(']');
}

bool SchemaReader::value(Field field, std::size_t depth) {
  if (position_ < input_.size() && byte_classes[static_cast<unsigned char>(input_[position_])] == ByteClass::other) {
    position_ = skip_whitespace(input_, position_);  // whitespace before the value, or a byte that starts none
  }
  if (position_ >= input_.size()) return false;
  Scalar scalar;
  switch (byte_classes[static_cast<unsigned char>(input_[position_])]) {
    case ByteClass::single: {
      const Context context = container_of(field);
      if (is_array(context)) return array(context, depth + 1);
      if (context == Context::meta) return input_[position_] == '{' && meta(depth + 1);
      return context != Context::skip && object(context, depth + 1);
    }
    case ByteClass::quote:
      scalar.type = JsonType::string;
      if (!string(scalar.text)) return false;
      break;
    case ByteClass::number: {
      const Lexeme number = lex_number(input_, position_);
      scalar.type = JsonType::number;
      scalar.text = bytes(position_, number.end);
      // Beyond a double's range is a JSON error to the general reader, whatever member holds it.
      if (!number.whole || beyond_json_range(scalar.text)) return false;
      position_ = number.end;
      break;
    }
    case ByteClass::literal: {
      const Lexeme literal = lex_literal(input_, position_);
      if (!literal.whole) return false;
      scalar.type = input_[position_] == 'n' ? JsonType::null : JsonType::boolean;
      scalar.boolean = input_[position_] == 't';
      position_ = literal.end;
      break;
    }
    case ByteClass::other:
      return false;
  }
  assign(field, scalar);
  return !failed_;
}

bool SchemaReader::meta(std::size_t depth) {
  const std::size_t start = position_;
  if (!any(depth)) return false;
  claim_.meta.assign(bytes(start, position_));
  return true;
}

bool SchemaReader::any(std::size_t depth) {
  position_ = skip_whitespace(input_, position_);
  if (position_ >= input_.size()) return false;
  const char first = input_[position_];
  std::string_view text;
  switch (byte_classes[static_cast<unsigned char>(first)]) {
    case ByteClass::single: {
      if ((first != '{' && first != '[') || depth > limits_.max_depth) return false;
      const bool is_object = first == '{';
      const char end = is_object ? '}' : ']';
      ++position_;
      if (consume(end)) return true;
      do {
        if (is_object) {
          position_ = skip_whitespace(input_, position_);
          if (!string(text) || !consume(':')) return false;
        }
        if (!any(depth + 1)) return false;
      } while (consume(','));
      return consume(end);
    }
    case ByteClass::quote:
      return string(text);
    case ByteClass::number: {
      const Lexeme number = lex_number(input_, position_);
      if (!number.whole || beyond_json_range(bytes(position_, number.end))) return false;
      position_ = number.end;
      return true;
    }
    case ByteClass::literal: {
      const Lexeme literal = lex_literal(input_, position_);
      if (!literal.whole) return false;
      position_ = literal.end;
      return true;
    }
    case ByteClass::other:
      break;
  }
  return false;
}

bool SchemaReader::string(std::string_view& text) {
  if (position_ >= input_.size() || input_[position_] != '"') return false;
  std::size_t end = skip_plain_ascii(input_, position_ + 1);
  // Non-ASCII is rare: looked at only where the ASCII run does not end the string.
  if (end >= input_.size() || input_[end] != '"') end = skip_plain_bytes(input_, end);
  if (end >= input_.size() || input_[end] != '"') return false;
  text = bytes(position_ + 1, end);
  position_ = end + 1;
  return true;
}

}  // namespace
}  // namespace claim_read

bool read_claim_by_schema(std::string_view json_line, const ClaimReadLimits& limits, ClaimReadResult& result) {
  result.id.clear();
  result.problems.clear();
  return json_line.size() <= limits.max_line_bytes && claim_read::SchemaReader(json_line, limits, result).read();
}

}  // namespace cotation
