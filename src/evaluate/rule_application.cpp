// Applying a line's rules (rule_application.hpp): the selection by scope, day and guard, each
// rule's `si`, cumulation, requirement (`seulement avec`) and limit, the exceptions, then the
// outcome.
#include "evaluate/rule_application.hpp"

#include <algorithm>
#include <bit>

namespace cotation::evaluation {

using namespace model;

// Only rules whose scope holds the subject, in force on the day and whose guard is not known
// false come here (GraphEvaluation::may_apply).
bool RuleApplication::applies(const Rule& rule, std::size_t line_index) {
  if (rule.when) {
    const bool met = graph_.truth(*rule.when, rule.formula, Wording::shifted_in_rule, rule.name);
    explainer_.explain([&] { return steps::rule_when(rule, met); });
    if (!met) return false;
  }
  if (!rule.not_cumulable_with.empty()) {
    // Refused when the claim also bills a line it does not cumulate with: one outside the
    // rule's own scope, or — among lines that exclude each other, as the IF* indemnities
    // do — an earlier one, so that the first billed is kept.
    bool excluded = false;
    for (std::size_t j = 0; j < subjects_.size() && !excluded; ++j) {
      if (j == line_index || subjects_[j].index == none || !in_scope(rule.not_cumulable_with, subjects_[j])) continue;
      excluded = j < line_index || !in_scope(rule.scope, subjects_[j]);
    }
    if (!excluded) return false;
  }
  if (!rule.only_with.empty()) {
    const bool beside = accepted_line_among(rule.only_with, line_index);
    explainer_.explain([&] { return steps::rule_only_with(rule, beside); });
    if (beside) return false;
  }
  if (!rule.limit) return true;
  const bool exceeded = limits_.limit_exceeded(*rule.limit, line_index, rule);
  // Within the limit on the claim's lines alone: the count may be short, and the line says so.
  if (!exceeded && !limits_.missing() && limits_.counted_without_history(*rule.limit)) {
    reasons_.add(ReasonCode::history_missing, rule.name, "docs/claim-format.md", &rule);
  }
  if (!exceeded && limits_.counted_folded_period()) {
    reasons_.add(ReasonCode::history_missing, rule.name, "docs/claim-format.md", &rule).variant = 1;
  }
  return exceeded;
}

// Whether another line of the claim, among `scope`, is not refused: the lines a `seulement
// avec` reads were decided in an earlier pass of the claim walk.
bool RuleApplication::accepted_line_among(const Scope& scope, std::size_t line_index) const {
  for (std::size_t j = 0; j < subjects_.size(); ++j) {
    if (j != line_index && subjects_[j].index != none && in_scope(scope, subjects_[j]) &&
        lines_[j].decision != Decision::refused) {
      return true;
    }
  }
  return false;
}

// The cause a rule gives when it applies: what restricts it, else what it decides.
ReasonCode RuleApplication::code_of(const Rule& rule) {
  if (rule.limit) return ReasonCode::limit_exceeded;
  if (!rule.not_cumulable_with.empty()) return ReasonCode::not_cumulable;
  if (!rule.only_with.empty()) return ReasonCode::required_act_missing;
  switch (rule.outcome) {
    case Outcome::refusal:
      return ReasonCode::rule_refusal;
    case Outcome::prior_approval:
      return ReasonCode::rule_prior_approval;
    case Outcome::rate:
      return ReasonCode::rule_rate;
    case Outcome::acceptance:
    case Outcome::none:
      break;
  }
  return ReasonCode::rule_acceptance;
}

void RuleApplication::apply(std::size_t line_index, const Subject& subject, LineDecision& line) {
  applying_.clear();
  const RuleSelection& selection =
      subject.is_act ? model_.rules_by_act[subject.index] : model_.rules_by_item[subject.index];
  for (std::size_t b = 0; b < selection.blocks.size(); ++b) {
    for (std::uint64_t rules = graph_.may_apply(selection.blocks[b]); rules != 0; rules &= rules - 1) {
      const std::uint32_t r = selection.rules[b * RuleSelection::block_size + std::countr_zero(rules)];
      if (applies(model_.rules[r], line_index)) applying_.push_back(r);
      if (limits_.missing()) return;
    }
  }
  std::erase_if(applying_, [&](std::uint32_t general) {
    return std::any_of(applying_.begin(), applying_.end(), [&](std::uint32_t r) {
      for (auto next = model_.rules[r].exception_of; next; next = model_.rules[*next].exception_of) {
        if (*next == general) return true;
      }
      return false;
    });
  });
  if (applying_.empty()) return;
  const Outcome first = model_.rules[applying_.front()].outcome;
  const bool agree = std::all_of(applying_.begin(), applying_.end(), [&](std::uint32_t r) {
    return model_.rules[r].outcome == first && model_.rules[r].rate == model_.rules[applying_.front()].rate;
  });
  for (const std::uint32_t r : applying_) {
    const Rule& rule = model_.rules[r];
    reasons_.add(code_of(rule), rule.name, rule.citation.text, &rule);
    explainer_.explain([&] { return steps::rule_applies(rule); });
  }
  if (!agree) {
    line.decision = Decision::refused;
    reasons_.add(ReasonCode::rules_conflict, "", "");
    return;
  }
  const Rule& rule = model_.rules[applying_.front()];
  switch (rule.outcome) {
    case Outcome::refusal:
      line.decision = Decision::refused;
      break;
    case Outcome::prior_approval:
      if (!fields_.prior_approval_granted()) line.decision = Decision::prior_approval;
      break;
    case Outcome::rate:
      price_.apply_rate(subject, rule, line);
      break;
    case Outcome::acceptance:
    case Outcome::none:
      break;
  }
}

}  // namespace cotation::evaluation
