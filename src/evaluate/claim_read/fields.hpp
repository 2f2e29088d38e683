// From JSON values to a claim's fields: FieldReader turns each scalar value a reader meets into
// the field it belongs to (a string, a date, an enumeration, an integer, a decimal), checking it.
// In: a member (Field) and its value (Scalar, numbers and strings by their text); out: the field
// set in the claim being built, or a problem, with the value's path, handed to the reader.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/core.h>

#include "evaluate/claim_json.hpp"
#include "evaluate/claim_read/problems.hpp"
#include "evaluate/claim_read/schema.hpp"

namespace cotation::claim_read {

// A scalar value as the parser hands it over; numbers and strings by their text.
struct Scalar {
  JsonType type = JsonType::null;
  bool boolean = false;
  std::string_view text;
};

// An empty claim in `result`, with the lines' capacity of the claim it held: a result reused
// from line to line allocates no lines.
Claim& fresh_claim(ClaimReadResult& result);

// Turns scalar values into the claim's fields, for the reader (LineReader, line_reader.cpp), so
// that a JSON value becomes a field in one place. The claim is built in the result; a problem
// goes to the reader, with the path of the value.
class FieldReader {
 public:
  FieldReader(const FieldReader&) = delete;
  FieldReader& operator=(const FieldReader&) = delete;

  void assign(Field field, const Scalar& value);
  // An array of the format opens (lines, history, a session's lines), then each of its elements:
  // false when the array already holds as many as `limits` allow (the element is not added).
  void open_array(Context array) {
    if (array == Context::history) claim_.history.emplace();
  }
  bool add_element(Context array, const ClaimReadLimits& limits);

 protected:
  explicit FieldReader(ClaimReadResult& result) : result_(result), claim_(fresh_claim(result)) {}
  ~FieldReader() = default;

  // The JSON path of the value being read ("lines[2].code").
  [[nodiscard]] virtual std::string path() const = 0;
  // A problem of the record.
  virtual void add_problem(Reason problem) = 0;
  // A problem about the value at JSON path `at`, in the catalogue's `wording`: the path first.
  // Out of line and cold: a valid claim's reading keeps its code tight.
  template <typename... Args>
  [[gnu::cold, gnu::noinline]] void problem_at(std::string at, ReasonCode code, evaluation::Wording wording,
                                               Args&&... args) {
    MessageArgument shown_path = path_argument(at);
    add_problem(format_problem(code, std::move(at), wording, std::move(shown_path), std::forward<Args>(args)...));
  }
  // The same about the value being read.
  template <typename... Args>
  [[gnu::cold, gnu::noinline]] void problem(ReasonCode code, evaluation::Wording wording, Args&&... args) {
    problem_at(path(), code, wording, std::forward<Args>(args)...);
  }
  [[gnu::cold, gnu::noinline]] void wrong_type(Field field, JsonType found) {
    problem(ReasonCode::wrong_type, evaluation::Wording::wrong_type, expected_of(field), describe(found));
  }

  ClaimReadResult& result_;
  Claim& claim_;

 private:
  // The text, as a view: assigned into the claim's strings, it allocates only when they must grow.
  std::optional<std::string_view> read_string(Field field, const Scalar& value);
  // An optional identifier (prescription.id, episode.id): empty is a problem, not "absent".
  void read_identifier(Field field, const Scalar& value, std::string& out);
  std::optional<Date> read_date(Field field, const Scalar& value);
  std::optional<bool> read_bool(Field field, const Scalar& value);
  std::optional<std::int32_t> read_int(Field field, const Scalar& value);
  std::optional<Decimal> read_decimal(Field field, const Scalar& value);
  template <class Enum, std::size_t N>
  std::optional<Enum> read_enum(Field field, const Scalar& value, const std::array<EnumValue<Enum>, N>& values);

  std::string scratch_;  // the plain text of a number in exponent form
  bool have_id_ = false;
};

}  // namespace cotation::claim_read
