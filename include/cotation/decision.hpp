// What the engine decides for a claim: per line and for the whole claim, with reasons.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cotation/decimal.hpp"
#include "cotation/export.h"

COTATION_PUBLIC_BEGIN
namespace cotation {

enum class Decision {
  accepted,        // billable as is
  refused,         // not billable
  prior_approval,  // billable only with the fund's prior approval (DAP)
  invalid,         // the claim record itself is malformed
};

// The version of the decision record (docs/claim-format.md, "Version du format") written in
// its "format" member. The number changes only when a member changes meaning or goes away.
inline constexpr std::string_view decision_format = "cotation.decision/2";

// The cause of a reason, one per distinct cause: what a program acts on. Written as its name
// (to_string: "missing_field"), which never changes; docs/claim-format.md lists their meaning.
enum class ReasonCode : std::uint8_t {
  // The record does not read (the claim format).
  line_too_long,
  empty_line,
  not_json,
  not_object,
  too_deep,
  too_many_lines,
  too_many_sessions,
  too_many_problems,
  unknown_field,
  duplicate_field,
  missing_field,
  wrong_type,
  empty_value,
  no_lines,
  bad_date,
  no_such_date,
  unknown_value,
  not_integer,
  integer_out_of_range,
  negative_number,
  session_below_one,
  bad_decimal,
  decimal_too_large,
  bad_prescriber_number,
  // The engine failed on the claim.
  engine_failure,
  // What a line's code designates.
  bad_coefficient,
  unknown_code,
  act_removed,
  not_in_force,
  no_longer_admitted,
  transition,
  act_not_named,
  ambiguous_act,
  candidate_acts,
  telehealth_required,
  telecare_code_required,
  // Deciding a line.
  missing_data,
  no_value_in_force,
  calculation_failed,
  act_pending,
  condition_not_met,
  prior_approval_threshold,
  // The rules that apply to a line.
  limit_exceeded,
  history_missing,
  not_cumulable,
  required_act_missing,
  rule_refusal,
  rule_prior_approval,
  rule_rate,
  rule_acceptance,
  rules_conflict,
};

// Why: its cause, the rule (or act, item) of the rule set and the claim field it concerns, a
// message in French (English with Language::english) for the practitioner, the legal source.
struct Reason {
  ReasonCode code = ReasonCode::rule_acceptance;
  std::string rule;   // a name from the rule set; empty when the reason is about no rule
  std::string field;  // a claim field ("patient.age", "lines[1].date"); empty when about none
  std::string message;
  std::string source;
};

struct LineDecision {
  std::string code;
  Decision decision = Decision::refused;
  std::optional<Decimal> amount;  // the amount billable for the line (accepted or prior_approval)
  std::vector<Reason> reasons;
};

struct ClaimDecision {
  std::string id;
  Decision decision = Decision::refused;  // accepted only when every line is
  Decimal total;                          // the sum of the accepted lines
  std::vector<LineDecision> lines;
  std::vector<Reason> reasons;  // about the claim as a whole (invalid records: where and why)
  std::string rule_set;         // content hash of the rule files that decided
  std::string meta;             // the claim's `meta` object, as written (JSON text); empty: none
};

[[nodiscard]] std::string_view to_string(Decision decision) noexcept;
[[nodiscard]] std::string_view to_string(ReasonCode code) noexcept;

}  // namespace cotation
COTATION_PUBLIC_END
