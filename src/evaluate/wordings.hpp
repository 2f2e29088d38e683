// The catalogue of the engine's wordings: every message a reason is written from that is not a
// rule set's own text, in French and English side by side, and the engine's words its arguments
// may be (JSON types, the scanner's faults, decisions, regions). In: nothing; out: the wordings,
// and how a reason comes to hold one and its arguments (rendered by reason_messages.cpp).
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "cotation/decision.hpp"

namespace cotation::evaluation {

// One per wording; "{}" marks where an argument goes, in the order of the arguments.
enum class Wording : std::uint16_t {
  none,
  text,  // a message that is its one argument, written as given
  // The claim reader's problems (docs/claim-format.md §4); the first argument of those about a
  // value is its JSON path.
  line_too_long,
  empty_line,
  not_json,
  not_json_near,
  not_object,
  too_deep,
  too_many_lines,
  too_many_sessions,
  too_many_problems,
  unknown_field,
  duplicate_field,
  missing_field,
  wrong_type,
  empty_id,
  empty_code,
  no_lines,
  bad_date,
  no_such_date,
  unknown_value,
  not_integer,
  integer_out_of_range,
  negative_distance,
  negative_age,
  negative_count,
  session_below_one,
  bad_decimal,
  bad_prescriber_number,
  decimal_too_large,
  missing_date,
  engine_failure,
  // The engine's rarer reasons.
  no_longer_admitted,
  no_longer_admitted_in_force,
  designates,
  designates_among,
  designates_in_telecare,
  designates_in_telecare_among,
  telecare_no_act,
  act_not_named,
  ambiguous_act,
  candidate_decided,
  candidate_refused,
  candidates_admit,
  candidates_alike,
  no_telecare_letter,
  telecare_bill_coefficient,
  telecare_bill,
  no_value_in_region,
  no_parameter_value,
  no_cotation_matches,
  letter_without_rounding,
  rate_without_rounding,
  shifted_in_condition,
  shifted_in_rule,
  day_missing_in_month,
  outside_calendar,
  // The engine's words, arguments of the wordings above.
  the_record,
  json_null,
  a_boolean,
  a_number,
  a_string,
  an_object,
  an_array,
  a_value,
  a_prescriber_number,
  a_date,
  an_enumerated_value,
  an_array_of_lines,
  an_array_of_sessions,
  an_integer,
  a_decimal,
  a_session_object,
  a_line_object,
  another_json_text,
  fault_syntax,
  fault_end_of_input,
  fault_trailing,
  fault_control,
  fault_utf8,
  fault_bad_string,
  fault_bad_number,
  fault_bad_literal,
  fault_overflow,
  fault_unterminated_string,
  accepted,
  refused,
  prior_approval,
  metropole,
  overseas,
  count,
};

struct WordingText {
  std::string_view french, english;
};

// The texts of every wording, in the order of Wording.
extern const std::array<WordingText, static_cast<std::size_t>(Wording::count)> wordings;

[[nodiscard]] inline std::string_view wording_text(Wording wording, Language language) {
  const WordingText& text = wordings.at(static_cast<std::size_t>(wording));
  return language == Language::english ? text.english : text.french;
}

// Appends the wording with its arguments, in `language`.
void append_wording(std::string& out, Wording wording, const std::vector<MessageArgument>& arguments,
                    Language language);

// An argument: an engine's word, a reason (nested), or the claim's words and numbers as they are.
inline MessageArgument argument(Wording word) {
  MessageArgument made;
  made.wording = static_cast<std::uint16_t>(word);
  return made;
}
inline MessageArgument argument(Reason reason) {
  MessageArgument made;
  made.reasons.push_back(std::move(reason));
  return made;
}
inline MessageArgument argument(MessageArgument made) {
  return made;
}
inline MessageArgument argument(std::string text) {
  MessageArgument made;
  made.text = std::move(text);
  return made;
}
inline MessageArgument argument(std::string_view text) {
  return argument(std::string(text));
}
inline MessageArgument argument(const char* text) {
  return argument(std::string(text));
}
template <std::integral Number>
MessageArgument argument(Number number) {
  return argument(std::to_string(number));
}

// `reason` written from `wording` and these arguments.
template <typename... Args>
void set_wording(Reason& reason, Wording wording, Args&&... args) {
  reason.wording = static_cast<std::uint16_t>(wording);
  reason.arguments.clear();
  (reason.arguments.push_back(argument(std::forward<Args>(args))), ...);
}

// `reason`'s message becomes the first argument of `wording`, the others after it.
template <typename... Args>
void wrap_wording(Reason& reason, Wording wording, Args&&... args) {
  Reason inner;
  inner.code = reason.code;
  inner.wording = reason.wording;
  inner.arguments = std::move(reason.arguments);
  set_wording(reason, wording, std::move(inner), std::forward<Args>(args)...);
}

}  // namespace cotation::evaluation
