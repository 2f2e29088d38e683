// What the engine decides for a claim: per line and for the whole claim, with reasons.
#pragma once

#include <optional>
#include <string>
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

// Why: the rule that decided, a message in French for the practitioner, the legal source.
struct Reason {
  std::string rule;
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
};

[[nodiscard]] std::string_view to_string(Decision decision) noexcept;

}  // namespace cotation
COTATION_PUBLIC_END
