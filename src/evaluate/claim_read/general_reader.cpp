// The general reader: reads any line and reports every problem of it (docs/claim-format.md
// section 4), each with the JSON path of its value. JsonScanner (json_scanner.hpp) drives a
// small state machine, one frame per open object or array, that knows the schema of each object
// of the format; problems are recorded and the reading goes on, so one pass reports them all:
// only the limits of ClaimReadLimits stop it. In: a line; out: its claim, or its problems.
// read_claim tries the fast path (fast_path.cpp) first and comes here for every line it gives
// up on.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/core.h>
#include <boost/container/small_vector.hpp>

#include "evaluate/claim_json.hpp"
#include "evaluate/claim_read/fields.hpp"
#include "evaluate/claim_read/json_scanner.hpp"
#include "evaluate/claim_read/json_text.hpp"
#include "evaluate/claim_read/problems.hpp"
#include "evaluate/claim_read/schema.hpp"

namespace cotation {

namespace claim_read {
namespace {

struct Frame {
  Context context = Context::skip;
  bool is_array = false;
  Field field = Field::none;  // object: the member whose value comes next
  Member member{};            // object: its name (for paths), when known
  std::string unknown_key;    // object: the name of an unknown member, for its path
  std::size_t index = 0;      // array: elements already read
  std::uint32_t seen = 0;     // object: the members met so far, one bit per entry of its table
  std::uint8_t expected = 0;  // object: the entry after the last member met, looked at first
};

class ClaimReader final : public FieldReader {
 public:
  ClaimReader(const ClaimReadLimits& limits, ClaimReadResult& result) : FieldReader(result), limits_(limits) {}

  // True when the whole line was read: no syntax error and no limit reached.
  [[nodiscard]] bool complete() const noexcept { return !stopped_; }

  // What JsonScanner calls; false stops the reading.
  bool null() { return scalar({JsonType::null, false, {}}); }
  bool boolean(bool value) { return scalar({JsonType::boolean, value, {}}); }
  bool number(std::string_view text) { return scalar({JsonType::number, false, text}); }
  bool string(std::string_view value) { return scalar({JsonType::string, false, value}); }
  bool start_object() { return open(JsonType::object); }
  bool start_array() { return open(JsonType::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string_view name);
  void parse_error(std::size_t offset, JsonFault fault);

  // Reads `input` (the whole line, or the head of a line too long).
  void read(std::string_view input) {
    input_ = input;
    JsonScanner<ClaimReader> scanner(input, *this, strings_);
    scanner_ = &scanner;
    scanner.run();
    scanner_ = nullptr;
  }

 private:
  bool scalar(const Scalar& value);
  bool open(JsonType type);
  bool close();
  void after_value();

  [[nodiscard]] std::string path() const override { return path_of({}); }
  // The path of the value about to be read, or of `member` inside the innermost object when given.
  [[nodiscard]] std::string path_of(std::string_view member) const;
  void problem(ReasonCode code, std::string field, std::string message) override;
  void push(Context context, bool is_array) {
    Frame& frame = frames_.emplace_back();
    frame.context = context;
    frame.is_array = is_array;
  }
  bool stop() {
    stopped_ = true;
    return false;
  }
  // An array of `kind` holds more elements than the limits allow: the reading stops there.
  bool too_many(Context kind) {
    if (kind == Context::history) {
      problem(ReasonCode::too_many_sessions, path(),
              fmt::format(msg::too_many_sessions, path(), limits_.max_history_sessions));
    } else {
      problem(ReasonCode::too_many_lines, path(), fmt::format(msg::too_many_lines, path(), limits_.max_claim_lines));
    }
    return stop();
  }
  static std::string_view element_expected(Context kind) {
    return kind == Context::history ? "un objet (une séance)" : "un objet (une ligne)";
  }

  const ClaimReadLimits& limits_;
  // The format nests three levels; deeper input is a problem long before this spills over.
  boost::container::small_vector<Frame, 8> frames_;
  std::string_view input_;
  const JsonScanner<ClaimReader>* scanner_ = nullptr;  // during read(): where it is in input_
  std::size_t meta_start_ = 0;                         // the offset of the `meta` object's brace
  std::string strings_;                                // the last string with escapes, decoded
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

std::string ClaimReader::path_of(std::string_view member) const {
  std::string out;
  for (const Frame& frame : frames_) {
    if (frame.is_array) {
      out += '[';
      out += std::to_string(frame.index);
      out += ']';
    } else if (frame.field == Field::ignored && frame.member.name.empty()) {
      append_key(out, frame.unknown_key);
    } else if (frame.field != Field::none) {
      append_key(out, frame.member.name);
    }
  }
  if (!member.empty()) append_key(out, member);
  if (out.empty()) out = "(enregistrement)";
  return out;
}

void ClaimReader::problem(ReasonCode code, std::string field, std::string message) {
  if (stopped_) return;
  if (result_.problems.size() >= limits_.max_problems) {
    result_.problems.push_back(
        format_problem(ReasonCode::too_many_problems, {}, fmt::format(msg::too_many_problems, limits_.max_problems)));
    stopped_ = true;
    return;
  }
  result_.problems.push_back(format_problem(code, std::move(field), std::move(message)));
}

bool ClaimReader::key(std::string_view name) {
  Frame& frame = frames_.back();
  if (frame.context == Context::skip || frame.context == Context::meta) return true;
  const auto members = members_of(frame.context);
  const std::size_t i = find_member(members, name, frame.expected);
  if (i < members.size()) {
    frame.expected = static_cast<std::uint8_t>(i + 1 == members.size() ? 0 : i + 1);
    frame.member = members[i];
    const std::uint32_t bit = std::uint32_t{1} << i;
    if ((frame.seen & bit) != 0) {
      frame.field = Field::ignored;
      problem(ReasonCode::duplicate_field, path(), fmt::format(msg::duplicate_field, path()));
    } else {
      frame.seen |= bit;
      frame.field = members[i].field;
    }
    return !stopped_;
  }
  frame.field = Field::ignored;
  frame.member = {};
  frame.unknown_key = name;
  problem(ReasonCode::unknown_field, path(), fmt::format(msg::unknown_field, path()));
  return !stopped_;
}

bool ClaimReader::open(JsonType type) {
  const bool is_array = type == JsonType::array;
  if (frames_.size() >= limits_.max_depth) {
    problem(ReasonCode::too_deep, path(), fmt::format(msg::too_deep, path(), limits_.max_depth));
    return stop();
  }
  if (frames_.empty()) {
    if (is_array) {
      problem(ReasonCode::not_object, {}, fmt::format(msg::not_object, describe(type)));
      return stop();
    }
    push(Context::record, false);
    return true;
  }
  Frame& parent = frames_.back();
  Context context = Context::skip;
  if (claim_read::is_array(parent.context)) {
    if (!add_element(parent.context, limits_)) return too_many(parent.context);
    if (is_array) {
      problem(ReasonCode::wrong_type, path(),
              fmt::format(msg::wrong_type, path(), element_expected(parent.context), describe(type)));
    } else {
      context = element_of(parent.context);
    }
  } else if (parent.context != Context::skip && parent.context != Context::meta && parent.field != Field::ignored) {
    const Context wanted = container_of(parent.field);
    if (wanted != Context::skip && claim_read::is_array(wanted) == is_array) {
      context = wanted;
      open_array(wanted);
      if (context == Context::meta) meta_start_ = scanner_->position() - 1;  // after its brace
    } else {
      wrong_type(parent.field, type);
    }
  }
  push(context, is_array);
  return !stopped_;
}

bool ClaimReader::close() {
  // Once the frame is gone, the parent still points at it: path() is the path of what closed.
  const Context context = frames_.back().context;
  const std::size_t elements = frames_.back().index;
  const std::uint32_t seen = frames_.back().seen;
  frames_.pop_back();
  if (context == Context::meta) claim_.meta.assign(input_.substr(meta_start_, scanner_->position() - meta_start_));
  if (context == Context::lines && elements == 0)
    problem(ReasonCode::no_lines, path(), fmt::format(msg::no_lines, path()));
  const auto members = members_of(context);
  const std::uint32_t missing = missing_required(context, seen);
  for (std::size_t i = 0; i < members.size(); ++i) {
    if ((missing & (std::uint32_t{1} << i)) != 0)
      problem(ReasonCode::missing_field, path_of(members[i].name),
              fmt::format(msg::missing_field, path_of(members[i].name)));
  }
  after_value();
  return !stopped_;
}

void ClaimReader::after_value() {
  if (frames_.empty()) return;
  Frame& parent = frames_.back();
  if (parent.is_array) {
    ++parent.index;
  } else {
    parent.field = Field::none;
  }
}

bool ClaimReader::scalar(const Scalar& value) {
  if (frames_.empty()) {
    problem(ReasonCode::not_object, {}, fmt::format(msg::not_object, describe(value.type)));
    return stop();
  }
  const Frame& frame = frames_.back();
  if (claim_read::is_array(frame.context)) {
    if (!add_element(frame.context, limits_)) return too_many(frame.context);
    problem(ReasonCode::wrong_type, path(),
            fmt::format(msg::wrong_type, path(), element_expected(frame.context), describe(value.type)));
  } else if (frame.context != Context::skip && frame.context != Context::meta && frame.field != Field::ignored) {
    assign(frame.field, value);
  }
  after_value();
  return !stopped_;
}

void ClaimReader::parse_error(std::size_t offset, JsonFault fault) {
  const std::string_view reason = reason_of(fault);
  if (offset < input_.size()) {
    problem(ReasonCode::not_json, {},
            fmt::format(msg::not_json_near, offset, reason, shown(input_.substr(offset), 20)));
  } else {
    problem(ReasonCode::not_json, {}, fmt::format(msg::not_json, offset, reason));
  }
  stop();
}

bool is_blank(std::string_view text) noexcept {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

void read_in_general(std::string_view json_line, const ClaimReadLimits& limits, ClaimReadResult& result) {
  result.id.clear();
  result.problems.clear();
  if (is_blank(json_line)) {
    result.claim.reset();
    result.problems.push_back(format_problem(ReasonCode::empty_line, {}, msg::empty_line));
    return;
  }
  if (json_line.size() > limits.max_line_bytes) {
    // Only the id is wanted from a line this long: read the head of it, where the id usually
    // is, and drop whatever else that partial reading finds.
    ClaimReadResult head;
    ClaimReader reader(limits, head);
    reader.read(json_line.substr(0, limits.max_line_bytes));
    result.claim.reset();
    result.id = std::move(head.id);
    result.problems.push_back(format_problem(ReasonCode::line_too_long, {},
                                             fmt::format(msg::line_too_long, json_line.size(), limits.max_line_bytes)));
    return;
  }
  ClaimReader reader(limits, result);
  reader.read(json_line);
  if (!reader.complete() || !result.problems.empty()) result.claim.reset();
}

}  // namespace
}  // namespace claim_read

ClaimReadResult read_claim(std::string_view json_line) {
  return read_claim(json_line, ClaimReadLimits{});
}

ClaimReadResult read_claim(std::string_view json_line, const ClaimReadLimits& limits) {
  ClaimReadResult result;
  read_claim(json_line, limits, result);
  return result;
}

void read_claim(std::string_view json_line, const ClaimReadLimits& limits, ClaimReadResult& result) {
  if (!read_claim_by_schema(json_line, limits, result)) claim_read::read_in_general(json_line, limits, result);
}

ClaimReadResult read_claim_in_general(std::string_view json_line, const ClaimReadLimits& limits) {
  ClaimReadResult result;
  claim_read::read_in_general(json_line, limits, result);
  return result;
}

}  // namespace cotation
