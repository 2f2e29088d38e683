// The impact of a new rule set on a corpus of claims: every claim decided under both rule
// sets, the way `cotation eval` decides it (each patient's claims in input order, so counts
// derived from a patient's history are the same), and what moves between the two.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "cotation/engine.hpp"
#include "tools/diff.hpp"

namespace cotation::tools {

struct ImpactOptions {
  std::size_t jobs = 1;
  std::size_t examples = 3;     // per kind of change, the first ones in input order
  std::size_t chunk_lines = 0;  // lines read and decided together; 0 as in BatchOptions
};

// The billed lines of one act (or one article) under both rule sets.
struct LineTotals {
  std::size_t lines = 0;
  std::size_t changed = 0;  // decision or amount differs
  Decimal before;           // sum of the accepted amounts
  Decimal after;
};

struct ImpactExample {
  std::size_t line_number = 0;  // 1-based, in the claims file
  ClaimDecision before;
  ClaimDecision after;
  std::vector<ExplanationStep> before_steps;
  std::vector<ExplanationStep> after_steps;
};

struct ImpactReport {
  std::size_t claims = 0;   // records read
  std::size_t invalid = 0;  // malformed records (the same under both rule sets)
  // Claims that change, by kind: "decision accepted -> refused"..., "total", "lines" (the
  // same decision and total, but a line's decision or amount moves).
  std::map<std::string, std::size_t> changed;
  Decimal total_before;
  Decimal total_after;
  // Lines by what they bill, as the old rule set names it (the new one for codes the old one
  // does not know): "acte lombalgie_commune", "forfait IFD", "code inconnu".
  std::map<std::string, LineTotals> by_act;
  std::map<std::string, LineTotals> by_article;                // the act's article as its source cites it
  std::map<std::string, std::vector<ImpactExample>> examples;  // by kind, as `changed`

  [[nodiscard]] std::size_t changed_claims() const;
};

// Decides `claim` in its patient's sequence, as `cotation eval` does. A decision never fails
// the run: an engine error on one claim is an invalid decision saying so.
[[nodiscard]] ClaimDecision decide_claim(const RuleSet& rule_set, const Claim& claim, EvaluationScratch& scratch,
                                         std::vector<ExplanationStep>* steps);

// The claims file cannot be opened.
struct UnreadableClaims : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Reads the claims file twice: once to decide everything, once more to explain the examples
// (replaying only their patients' claims, so that their history is the same). Throws
// UnreadableClaims when the file cannot be opened.
[[nodiscard]] ImpactReport measure_impact(const RuleSet& before, const RuleSet& after,
                                          const std::filesystem::path& claims, const ImpactOptions& options);

// Each example shows the steps of its explanation that differ before and after, or all of
// them with `all_steps`.
[[nodiscard]] std::string impact_markdown(const ImpactReport& report, const DiffTitles& titles, Language language,
                                          bool all_steps = false);
[[nodiscard]] nlohmann::json impact_json(const ImpactReport& report, const DiffTitles& titles);

}  // namespace cotation::tools
