// The compiled graph's values for the line being decided. In: a node, a predicate or a rule
// block of the immutable model, the claim's fields (ClaimFields), the day's dated values. Out:
// the node's value, memoised per line in the caller's scratch; a predicate's truth; the rules
// of a block that may apply. A date no value covers is a NoValueInForce, never the nearest.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compile/model.hpp"
#include "evaluate/calendar.hpp"
#include "evaluate/claim_fields.hpp"
#include "evaluate/evaluation_state.hpp"
#include "evaluate/explanation_steps.hpp"
#include "evaluate/formula.hpp"

namespace cotation::evaluation {

class GraphEvaluation {
 public:
  GraphEvaluation(const RuleSet::Model& model, ClaimFields& fields, EvaluationScratch::State& scratch,
                  Explainer& explainer)
      : model_(model), fields_(fields), scratch_(scratch), explainer_(explainer) {}

  // Forgets the values computed for the line: they depend on its subject, which changes with the
  // line, and for a telecare line decided for each of its candidate acts, with the candidate.
  // The claim's own fields, read as integers, are kept.
  void forget_values() {
    ++scratch_.generation;
    fields_.forget_line_fields();
  }

  // The value of a letter or item on the claim's date in the claim's region. A date that
  // no period covers is reported, never given the nearest value.
  Decimal value_at(const std::vector<model::RegionalValue>& values, const std::string& code) {
    const auto index = static_cast<std::size_t>(fields_.region());
    const model::RegionalValue* value = value_in_force(values, fields_);
    if (value == nullptr) no_value_in_force(code);
    explainer_.explain(
        [&] { return steps::value_in_force(code, fields_.day(), *value->by_region[index], value->citation); });
    return *value->by_region[index];
  }

  // A predicate's value: its formula's, from the fields, when it has one and they are given;
  // else the graph's. A date shifted onto a day its month lacks, with no rounding declared, is
  // reported under the name of the rule or condition that reads it: never a silent choice.
  bool truth(model::NodeId predicate, const std::optional<model::Formula>& formula, Wording shifted,
             std::string_view owner) {
    bool computed = false;
    Decimal unused;
    if (formula && compute(*formula, computed, unused)) return computed;
    try {
      return is_true(predicate);
    } catch (const model::DayMissingInMonth& shift) {
      shifted_onto_missing_day(shifted, owner, shift);
    }
  }

  // The rules of `block` in force on the day whose guard is not known false, each guard's field
  // read without a memo entry: those whose `si` is walked. A guard whose field is missing is not
  // known false (the graph then reports the field); with an explanation, no guard is: it shows
  // the walk.
  std::uint64_t may_apply(const model::RuleBlock& block) {
    std::uint64_t rules = block.by_day.at(fields_.day());
    if (explainer_.wanted()) return rules;
    for (const auto& [field, guarded, holds] : block.by_guard) {
      if ((rules & guarded) == 0) continue;
      if (const auto value = fields_.whole_field(field)) rules &= holds.at(*value);
    }
    return rules;
  }

  // A formula's boolean or decimal, whichever it leaves, computed from the fields and the dated
  // values without a memo entry, in the graph's order. False when a field it reads is missing or
  // a dated value is not in force (the graph then reports the first), or when an explanation is
  // asked for (it shows the walk).
  bool compute(const model::Formula& formula, bool& truth, Decimal& number) {
    return !explainer_.wanted() && compute_formula(model_, fields_, formula, truth, number);
  }

  // A reference into the scratch, whose values do not move while a claim is decided.
  const model::Value& evaluate(model::NodeId id) {
    model::Value& memo = scratch_.values[id];
    if (scratch_.stamps[id] == scratch_.generation) return memo;
    const model::Node& node = model_.nodes[id];
    if (node.op == model::Op::constant) return node.constant;  // nothing to remember
    memo = compute(node);
    scratch_.stamps[id] = scratch_.generation;
    return memo;
  }

 private:
  // The errors of value_at() and truth(), out of line.
  [[noreturn]] void no_value_in_force(const std::string& code) const;
  [[noreturn]] static void shifted_onto_missing_day(Wording wording, std::string_view owner,
                                                    const model::DayMissingInMonth& shift);

  // A predicate's value. Its top `et` and `ou` are decided here, left side first as compute()
  // does, without a call and a memo entry for each: a rule's `si` is most often a conjunction
  // whose left side is false.
  bool is_true(model::NodeId id) {
    const model::Node& node = model_.nodes[id];
    if (node.op == model::Op::logical_and) return is_true(node.operands[0]) && is_true(node.operands[1]);
    if (node.op == model::Op::logical_or) return is_true(node.operands[0]) || is_true(node.operands[1]);
    return evaluate(id).boolean;
  }

  model::Value compute(const model::Node& node);

  const RuleSet::Model& model_;
  ClaimFields& fields_;
  EvaluationScratch::State& scratch_;
  Explainer& explainer_;
};

}  // namespace cotation::evaluation
