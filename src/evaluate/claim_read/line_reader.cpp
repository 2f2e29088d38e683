// The claim reader: LineReader reads a line in one pass, straight over its bytes, following the
// format's schema (schema.hpp), and reports every problem of it (docs/claim-format.md section 4),
// each with the JSON path of its value: unknown and repeated members and values of the wrong type
// are reported and skipped, missing members reported, values converted by FieldReader (fields.cpp).
// At a syntax error it stops and asks JsonScanner (json_scanner.hpp) where and why the line stops
// being JSON. Only a syntax error and the limits of ClaimReadLimits stop it before the line's end.
// In: a line; out: its claim, or its problems.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/core.h>
#include <boost/container/small_vector.hpp>

#include "evaluate/claim_json.hpp"
#include "evaluate/claim_read/fields.hpp"
#include "evaluate/claim_read/json_scanner.hpp"
#include "evaluate/claim_read/json_string.hpp"
#include "evaluate/claim_read/json_text.hpp"
#include "evaluate/claim_read/member_keys.hpp"
#include "evaluate/claim_read/problems.hpp"
#include "evaluate/claim_read/schema.hpp"

namespace cotation {

namespace claim_read {

using evaluation::Wording;
namespace {

// An open object or array, for what its values become and for the paths of problems: on the
// stack of the reader's calls, each pointing to the one it is in.
struct Frame {
  Frame* parent = nullptr;
  std::size_t index = 0;            // array: the element being read
  Context context = Context::skip;  // skip: a value not read (an unknown member's, a wrong type's)
  bool is_array = false;
  // Object of the format (a table in members_of): the entry of the member being read, for paths,
  // or the table's size for an unknown member (its name in LineReader::unknown_). Paths are only
  // asked for once a member is met, so that an object of the format always has one.
  std::uint8_t entry = 0;
  std::uint32_t seen = 0;  // object: the members met, one bit per entry of its table, once closed
};

// Whether a member's value is read into the claim: a member of the format, met once (not none,
// the member of an object not of the format, nor ignored, an unknown or repeated one).
bool is_read(Field field) noexcept {
  return field != Field::none && field != Field::ignored;
}

// How a reading ended.
enum class End : std::uint8_t { whole, stopped, syntax };

class LineReader final : public FieldReader {
 public:
  LineReader(std::string_view input, const ClaimReadLimits& limits, ClaimReadResult& result)
      : FieldReader(result), input_(input), limits_(limits) {}

  // Reads the line, reporting every problem up to a limit or a syntax error.
  End read();
  // The syntax error the reading ended at, where the scanner finds it.
  void report_syntax_error();

 private:
  // Each reads from position_ on: true to go on, false at a syntax error or when stopped_.
  // value: the value of member `field`, or (Field::none) an element, a value not read, the record.
  // Only container is a call: the rest is inlined into it, so that a scalar is read within the
  // loop over its object's members, one call per object or array rather than per value.
  [[gnu::always_inline]] inline bool value(Field field);
  [[gnu::noinline]] bool container(bool is_array, Field field);
  [[gnu::always_inline]] inline bool members(Frame& frame);
  bool skipped_members();  // the members of an object not of the format
  [[gnu::always_inline]] inline bool elements(Frame& frame);
  [[gnu::always_inline]] inline bool open(bool is_array, Field field, Frame& frame);
  [[gnu::always_inline]] inline bool close(Frame& frame);
  // The scalar value of member `field`, or of no member read (to scalar).
  [[gnu::always_inline]] inline bool read_scalar(Field field, const Scalar& value);
  bool scalar(const Scalar& value);  // a scalar that is no member's value read
  bool unknown_member(std::string_view name);
  // A string, without its quotes and with its escapes decoded, or false at a fault. Printable
  // ASCII is most strings, read inline; anything else (an escape, UTF-8) is left to the lexer.
  [[gnu::always_inline]] bool string(std::string_view& text) {
    if (position_ < input_.size() && input_[position_] == '"') {
      const std::size_t end = skip_plain_ascii(input_, position_ + 1);
      if (end < input_.size() && input_[end] == '"') {
        text = bytes(position_ + 1, end);
        position_ = end + 1;
        return true;
      }
    }
    return lexed_string(text);
  }
  bool lexed_string(std::string_view& text);

  // The input's bytes [begin, end), within it already: substr's range check is not inlined.
  [[nodiscard]] std::string_view bytes(std::size_t begin, std::size_t end) const noexcept {
    return {input_.data() + begin, end - begin};
  }
  // Moves past `c` when it comes next, after any whitespace; the whitespace apart, so that the
  // usual case (none) stays small enough to be inlined.
  [[gnu::always_inline]] bool consume(char c) noexcept {
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
  // The entry of a table whose key comes next (its name without escape, then the colon), moved
  // past; or `count` when none does. The entry expected is tried first, then the others in place
  // too: comparing a few words each costs less than lexing the name and looking for it.
  [[gnu::always_inline]] std::size_t consume_key(const MemberKeys& keys, std::size_t count,
                                                 std::size_t expected) noexcept {
    if (keys[expected].matches(input_, position_)) {
      position_ += keys[expected].length;
      return expected;
    }
    return consume_other_key(keys, count, expected);
  }
  std::size_t consume_other_key(const MemberKeys& keys, std::size_t count, std::size_t expected) noexcept {
    std::size_t i = expected + 1 >= count ? 0 : expected + 1;
    for (std::size_t k = 0; k < count; ++k) {
      if (keys[i].matches(input_, position_)) {
        position_ += keys[i].length;
        return i;
      }
      i = i + 1 == count ? 0 : i + 1;
    }
    return count;
  }

  [[nodiscard]] std::string path() const override { return path_of({}); }
  // The path of the value being read, or of `member` inside the innermost object when given.
  [[nodiscard]] std::string path_of(std::string_view member) const;
  void add_problem(Reason problem) override;
  bool stop() {
    stopped_ = true;
    return false;
  }
  // An array of `kind` holds more elements than the limits allow: the reading stops there.
  bool too_many(Context kind);

  std::string_view input_;
  const ClaimReadLimits& limits_;
  std::size_t position_ = 0;
  Frame* innermost_ = nullptr;  // the frame of the object or array being read; none outside the record
  std::size_t depth_ = 0;       // open objects and arrays
  std::string decoded_;         // the last string with escapes, decoded
  std::string unknown_;         // the name of the unknown member being read, for paths
  bool stopped_ = false;
};

void append_key(std::string& out, std::string_view name) {
  bool plain = !name.empty();
  for (const char c : name) {
    plain = plain && (is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_');
  }
  if (plain) {
    if (!out.empty()) out += '.';
    out += name;
  } else {
    out += "[\"";
    out += shown(name);
    out += "\"]";
  }
}

std::string LineReader::path_of(std::string_view member) const {
  boost::container::small_vector<const Frame*, 8> frames;  // the format nests five levels at most
  for (const Frame* frame = innermost_; frame != nullptr; frame = frame->parent) frames.push_back(frame);
  std::string out;
  for (auto frame = frames.rbegin(); frame != frames.rend(); ++frame) {
    if ((*frame)->is_array) {
      out += '[';
      out += std::to_string((*frame)->index);
      out += ']';
    } else if (const auto members = members_of((*frame)->context); !members.empty()) {
      const std::size_t entry = (*frame)->entry;
      append_key(out, entry < members.size() ? members[entry].name : std::string_view(unknown_));
    }
  }
  if (!member.empty()) append_key(out, member);
  if (out.empty()) out = "(enregistrement)";
  return out;
}

void LineReader::add_problem(Reason problem) {
  if (stopped_) return;
  if (result_.problems.size() >= limits_.max_problems) {
    result_.problems.push_back(
        format_problem(ReasonCode::too_many_problems, {}, Wording::too_many_problems, limits_.max_problems));
    stopped_ = true;
    return;
  }
  result_.problems.push_back(std::move(problem));
}

bool LineReader::too_many(Context kind) {
  if (kind == Context::history) {
    problem(ReasonCode::too_many_sessions, Wording::too_many_sessions, limits_.max_history_sessions);
  } else {
    problem(ReasonCode::too_many_lines, Wording::too_many_lines, limits_.max_claim_lines);
  }
  return stop();
}

Wording element_expected(Context kind) {
  return kind == Context::history ? Wording::a_session_object : Wording::a_line_object;
}

End LineReader::read() {
  static constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";
  if (input_.starts_with(byte_order_mark)) {
    position_ = byte_order_mark.size();
  } else if (input_.starts_with(byte_order_mark.front())) {
    return End::syntax;
  }
  if (!value(Field::none)) return stopped_ ? End::stopped : End::syntax;
  return skip_whitespace(input_, position_) == input_.size() ? End::whole : End::syntax;
}

void LineReader::report_syntax_error() {
  const SyntaxFault fault = JsonScanner(input_).first_fault().value_or(SyntaxFault{position_, JsonFault::syntax});
  const Wording reason = reason_of(fault.fault);
  if (fault.offset < input_.size()) {
    add_problem(format_problem(ReasonCode::not_json, {}, Wording::not_json_near, fault.offset, reason,
                               shown(input_.substr(fault.offset), 20)));
  } else {
    add_problem(format_problem(ReasonCode::not_json, {}, Wording::not_json, fault.offset, reason));
  }
}

// What a value is, from its first byte: one jump, objects and arrays apart from '}', ':' and the
// like. none: a byte that starts no value, or whitespace before one.
enum class ValueStart : std::uint8_t { none, object, array, string, number, literal };

constexpr auto value_starts = [] {
  std::array<ValueStart, 256> starts{};
  for (std::size_t byte = 0; byte < starts.size(); ++byte) {
    switch (byte_classes.at(byte)) {
      case ByteClass::quote:
        starts.at(byte) = ValueStart::string;
        break;
      case ByteClass::number:
        starts.at(byte) = ValueStart::number;
        break;
      case ByteClass::literal:
        starts.at(byte) = ValueStart::literal;
        break;
      case ByteClass::single:
      case ByteClass::other:
        break;
    }
  }
  starts['{'] = ValueStart::object;
  starts['['] = ValueStart::array;
  return starts;
}();

bool LineReader::value(Field field) {
  if (position_ >= input_.size()) return false;
  ValueStart first = value_starts[static_cast<unsigned char>(input_[position_])];
  if (first == ValueStart::none) {
    position_ = skip_whitespace(input_, position_);
    if (position_ >= input_.size()) return false;
    first = value_starts[static_cast<unsigned char>(input_[position_])];
  }
  switch (first) {
    case ValueStart::object:
    case ValueStart::array:
      return container(first == ValueStart::array, field);
    case ValueStart::string: {
      std::string_view text;
      return string(text) && read_scalar(field, {.type = JsonType::string, .boolean = false, .text = text});
    }
    case ValueStart::number: {
      const Lexeme number = lex_number(input_, position_);
      const std::string_view text = bytes(position_, number.end);
      if (!number.whole || beyond_json_range(text, number)) return false;
      position_ = number.end;
      return read_scalar(field, {.type = JsonType::number, .boolean = false, .text = text});
    }
    case ValueStart::literal: {
      const Lexeme literal = lex_literal(input_, position_);
      if (!literal.whole) return false;
      const char letter = input_[position_];
      position_ = literal.end;
      return read_scalar(
          field, {.type = letter == 'n' ? JsonType::null : JsonType::boolean, .boolean = letter == 't', .text = {}});
    }
    case ValueStart::none:
      break;
  }
  return false;
}

bool LineReader::read_scalar(Field field, const Scalar& value) {
  if (!is_read(field)) return scalar(value);
  assign(field, value);
  return !stopped_;
}

bool LineReader::container(bool is_array, Field field) {
  Frame frame;
  const std::size_t start = position_++;
  if (!open(is_array, field, frame) || !(is_array ? elements(frame) : members(frame))) {
    innermost_ = nullptr;  // the reading ends: no frame is looked at any more
    return false;
  }
  if (frame.context == Context::meta) claim_.meta.assign(bytes(start, position_));
  return close(frame);
}

// The members of an object. In an object of the format, each name is the member expected next
// (compared in place, colon included: most often it is), or another member's key in place, or
// (escaped, spaced, unknown) lexed and looked for in the table; an unknown or repeated member is
// reported, and its value skipped.
bool LineReader::members(Frame& frame) {
  if (consume('}')) return true;
  const auto members = members_of(frame.context);
  if (members.empty()) return skipped_members();
  const auto& keys = member_keys[static_cast<std::size_t>(frame.context)];
  std::uint32_t seen = 0;
  std::size_t expected = 0;
  do {
    std::size_t entry = consume_key(keys, members.size(), expected);
    const bool in_place = entry < members.size();
    if (!in_place) {
      position_ = skip_whitespace(input_, position_);
      std::string_view name;
      if (!string(name)) return false;
      entry = find_member(members, name, expected);
      if (entry == members.size()) {
        frame.entry = static_cast<std::uint8_t>(entry);
        if (!unknown_member(name)) return false;
      }
    }
    frame.entry = static_cast<std::uint8_t>(entry);
    Field field = Field::ignored;
    if (in_place || entry < members.size()) {
      expected = entry + 1;  // after the last entry: a key that never matches, then the table's first
      const std::uint32_t bit = std::uint32_t{1} << entry;
      if ((seen & bit) == 0) {
        seen |= bit;
        field = members[entry].field;
      } else {
        problem(ReasonCode::duplicate_field, Wording::duplicate_field);
        if (stopped_) return false;
      }
    }
    if ((!in_place && !consume(':')) || !value(field)) return false;
  } while (consume(','));
  frame.seen = seen;
  return consume('}');
}

bool LineReader::skipped_members() {
  do {
    position_ = skip_whitespace(input_, position_);
    std::string_view name;
    if (!string(name) || !consume(':') || !value(Field::none)) return false;
  } while (consume(','));
  return consume('}');
}

bool LineReader::unknown_member(std::string_view name) {
  unknown_.assign(name);  // the name may be in decoded_, which the next string overwrites
  problem(ReasonCode::unknown_field, Wording::unknown_field);
  return !stopped_;
}

bool LineReader::elements(Frame& frame) {
  if (consume(']')) return true;
  do {
    if (!value(Field::none)) return false;
    ++frame.index;
  } while (consume(','));
  return consume(']');
}

// An object or array opens: the frame of what it is, after the problems of its place.
bool LineReader::open(bool is_array, Field field, Frame& frame) {
  const JsonType type = is_array ? JsonType::array : JsonType::object;
  if (depth_ >= limits_.max_depth) {
    problem(ReasonCode::too_deep, Wording::too_deep, limits_.max_depth);
    return stop();
  }
  Context context = Context::skip;
  if (is_read(field)) {  // a member of an object of the format: not at the record
    const Context wanted = container_of(field);
    if (wanted != Context::skip && claim_read::is_array(wanted) == is_array) {
      context = wanted;
      open_array(wanted);
    } else {
      wrong_type(field, type);
    }
  } else if (innermost_ == nullptr) {
    if (is_array) {
      add_problem(format_problem(ReasonCode::not_object, {}, Wording::not_object, describe(type)));
      return stop();
    }
    context = Context::record;
  } else if (const Frame& parent = *innermost_; claim_read::is_array(parent.context)) {
    if (!add_element(parent.context, limits_)) return too_many(parent.context);
    if (is_array) {
      problem(ReasonCode::wrong_type, Wording::wrong_type, element_expected(parent.context), describe(type));
    } else {
      context = element_of(parent.context);
    }
  }
  frame.parent = innermost_;
  frame.context = context;
  frame.is_array = is_array;
  innermost_ = &frame;
  ++depth_;
  return !stopped_;
}

bool LineReader::close(Frame& frame) {
  // Once the frame is left, the parent still points at it: path() is the path of what closed.
  innermost_ = frame.parent;
  --depth_;
  if (frame.context == Context::lines && frame.index == 0) problem(ReasonCode::no_lines, Wording::no_lines);
  if (const std::uint32_t missing = missing_required(frame.context, frame.seen); missing != 0) {
    const auto members = members_of(frame.context);
    for (std::size_t i = 0; i < members.size(); ++i) {
      if ((missing & (std::uint32_t{1} << i)) != 0)
        problem_at(path_of(members[i].name), ReasonCode::missing_field, Wording::missing_field);
    }
  }
  return !stopped_;
}

bool LineReader::scalar(const Scalar& value) {
  if (innermost_ == nullptr) {
    add_problem(format_problem(ReasonCode::not_object, {}, Wording::not_object, describe(value.type)));
    return stop();
  }
  Frame& frame = *innermost_;
  if (claim_read::is_array(frame.context)) {
    if (!add_element(frame.context, limits_)) return too_many(frame.context);
    problem(ReasonCode::wrong_type, Wording::wrong_type, element_expected(frame.context), describe(value.type));
  }
  return !stopped_;
}

bool LineReader::lexed_string(std::string_view& text) {
  if (position_ >= input_.size() || input_[position_] != '"') return false;
  const StringLexeme lexeme = StringLexer(input_, decoded_).lex(position_);
  if (!lexeme.whole) return false;
  text = lexeme.text;
  position_ = lexeme.end;
  return true;
}

bool is_blank(std::string_view text) noexcept {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace
}  // namespace claim_read

void read_claim(std::string_view json_line, std::size_t length, const ClaimReadLimits& limits,
                ClaimReadResult& result) {
  using claim_read::End;
  result.id.clear();
  result.problems.clear();
  if (claim_read::is_blank(json_line)) {
    result.claim.reset();
    result.problems.push_back(claim_read::format_problem(ReasonCode::empty_line, {}, evaluation::Wording::empty_line));
    return;
  }
  if (length > limits.max_line_bytes) {
    // Only the id is wanted from a line this long: read the head of it, where the id usually
    // is, and drop whatever else that partial reading finds.
    ClaimReadResult head;
    claim_read::LineReader(json_line.substr(0, limits.max_line_bytes), limits, head).read();
    result.claim.reset();
    result.id = std::move(head.id);
    result.problems.push_back(claim_read::format_problem(
        ReasonCode::line_too_long, {}, evaluation::Wording::line_too_long, length, limits.max_line_bytes));
    return;
  }
  claim_read::LineReader reader(json_line, limits, result);
  const End end = reader.read();
  if (end == End::syntax) reader.report_syntax_error();
  if (end != End::whole || !result.problems.empty()) result.claim.reset();
}

void read_claim(std::string_view json_line, const ClaimReadLimits& limits, ClaimReadResult& result) {
  read_claim(json_line, json_line.size(), limits, result);
}

ClaimReadResult read_claim(std::string_view json_line, const ClaimReadLimits& limits) {
  ClaimReadResult result;
  read_claim(json_line, limits, result);
  return result;
}

ClaimReadResult read_claim(std::string_view json_line) {
  return read_claim(json_line, ClaimReadLimits{});
}

}  // namespace cotation
