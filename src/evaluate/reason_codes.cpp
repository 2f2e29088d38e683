// The names of the reason codes (decision.hpp): what a decision record writes in a reason's
// "code". In: a ReasonCode; out: its stable snake_case name, listed in docs/claim-format.md.
#include <array>
#include <cstddef>
#include <string_view>

#include "cotation/decision.hpp"

namespace cotation {
namespace {

// In the order of ReasonCode.
constexpr std::array<std::string_view, 51> reason_code_names = {
    "line_too_long",
    "empty_line",
    "not_json",
    "not_object",
    "too_deep",
    "too_many_lines",
    "too_many_sessions",
    "too_many_problems",
    "unknown_field",
    "duplicate_field",
    "missing_field",
    "wrong_type",
    "empty_value",
    "no_lines",
    "bad_date",
    "no_such_date",
    "unknown_value",
    "not_integer",
    "integer_out_of_range",
    "negative_number",
    "session_below_one",
    "bad_decimal",
    "decimal_too_large",
    "bad_prescriber_number",
    "engine_failure",
    "bad_coefficient",
    "unknown_code",
    "act_removed",
    "not_in_force",
    "no_longer_admitted",
    "transition",
    "act_not_named",
    "ambiguous_act",
    "candidate_acts",
    "telehealth_required",
    "telecare_code_required",
    "missing_data",
    "no_value_in_force",
    "calculation_failed",
    "act_pending",
    "condition_not_met",
    "prior_approval_threshold",
    "limit_exceeded",
    "history_missing",
    "not_cumulable",
    "required_act_missing",
    "rule_refusal",
    "rule_prior_approval",
    "rule_rate",
    "rule_acceptance",
    "rules_conflict",
};

}  // namespace

std::string_view to_string(ReasonCode code) noexcept {
  const auto index = static_cast<std::size_t>(code);
  return index < reason_code_names.size() ? reason_code_names[index] : std::string_view("unknown");
}

}  // namespace cotation
