// What the engine decides for a claim: per line and for the whole claim, with reasons.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cotation/decimal.hpp"
#include "cotation/diagnostic.hpp"
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

struct Reason;

// What a reason's message quotes in one of its places: the claim's words or numbers, kept as
// written; or a word of the engine's catalogue, or other reasons (", " apart), written in the
// language of the message.
struct MessageArgument {
  std::string text;             // the claim's words, when neither of the others is set
  std::uint16_t wording = 0;    // a word of the engine's catalogue; 0: none
  std::vector<Reason> reasons;  // reasons whose messages this is
};

// Why: its cause, the rule (or act, item) of the rule set and the claim field it concerns, and
// what its message is made of. The engine holds no text of its own in a reason: the common
// reasons are references into the rule set that decided and the few words and numbers of the
// claim they quote; the claim reader's problems and the rarer reasons, a wording of the
// engine's catalogue and its arguments. render_message writes their text, in French or English,
// when the decision is written. So a decision's reasons are read while the RuleSet that decided
// lives.
struct Reason {
  ReasonCode code = ReasonCode::rule_acceptance;
  std::string_view rule;  // a name from the rule set; empty when the reason is about no rule
  std::string field;      // a claim field ("patient.age", "lines[1].date"); empty when about none
  std::string source;     // the source of a reason the rule set does not cite; else empty (see `cited`)
  // Held while deciding, for render_message and reason_source.
  std::uint16_t wording = 0;               // the catalogue's wording of the message; 0: none
  std::vector<MessageArgument> arguments;  // what the wording quotes, in its order
  std::string_view cited;                  // the legal source, in the rule set
  std::string quoted;                      // the claim's words the message quotes: the line's code, cotations
  const void* about = nullptr;             // the act, condition, referential or rule the message is written from
  const void* rules = nullptr;             // the rule set's model, for a reason naming a cotation in force
  std::int32_t day = 0;                    // the line's date, in days since 1970-01-01
  std::uint8_t variant = 0;                // which wording of the reason's code
};

// The reason's message for the practitioner. In English, the rules' own texts (`message "..."`
// in the .cot files, labels) stay the law's French.
[[nodiscard]] std::string render_message(const Reason& reason, Language language = Language::french);
void append_message(std::string& out, const Reason& reason, Language language = Language::french);
// The legal source of the reason, "" when none.
[[nodiscard]] std::string_view reason_source(const Reason& reason) noexcept;

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
