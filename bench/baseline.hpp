// The yardstick of the benchmarks: what a programmer would write by hand to price the claims of
// the shipped rules (rules/) without a rules engine. The tariff tables are hard-coded (key-letter
// values by region and period, the cotations of the acts of article 1 by date with the +0.6 and
// +0.3 revaluations and the AMS 7.5 transition, the HAS thresholds, IFD, IK / IKM / IKS with their
// conditions and their 2d - 2a formula), amounts are 64-bit integers of cents (128 bits for a
// distance's intermediate product), rounded half away from zero as the letters' tables say.
//
// It decides what the engine decides (line decisions, amounts, claim decision and total), but
// gives no reasons and no explanation: the benchmark setup checks that the two agree on every
// benchmark claim, and `cotation_bench --corpus FILE` on every claim of a corpus.
//
// It is only as true as the rules it copies: when rules/ changes, this file must follow
// (the agreement check says when it has not).
#pragma once

#include <cstdint>
#include <vector>

#include "cotation/claim.hpp"
#include "cotation/decision.hpp"

namespace cotation::bench {

struct BaselineLine {
  Decision decision = Decision::refused;
  bool has_amount = false;
  std::int64_t cents = 0;  // the amount when has_amount
};

struct BaselineDecision {
  Decision decision = Decision::refused;
  std::int64_t total_cents = 0;
  std::vector<BaselineLine> lines;  // reused from claim to claim: cleared, not freed
};

// Decides `claim` as RuleSet::evaluate does with the shipped rules, into `out` (overwritten).
void baseline_evaluate(const Claim& claim, BaselineDecision& out);

}  // namespace cotation::bench
