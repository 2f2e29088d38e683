// A line's amount. In: what the line bills (an act at its coefficient, in person or in
// telecare, or an item), the dated values of letters and items, and a rule's rate when one
// applies. Out: the amount rounded as the rules declare it, with its explanation steps; the
// exact amount before rounding is kept for the rate (art. 11 B rates the exact amount). A value
// or rounding the rules do not give on the day is a NoValueInForce: never a default.
#pragma once

#include "compile/model.hpp"
#include "cotation/decision.hpp"
#include "evaluate/evaluation_state.hpp"
#include "evaluate/explanation_steps.hpp"
#include "evaluate/graph_evaluation.hpp"

namespace cotation::evaluation {

class LinePrice {
 public:
  LinePrice(const RuleSet::Model& model, GraphEvaluation& graph, Explainer& explainer, model::Day day)
      : model_(model), graph_(graph), explainer_(explainer), day_(day) {}

  // The act's cotation billed on the day (the old one in its transition) times its letter's
  // value (the telecare letter's, in telecare).
  void price_act(const Subject& subject, const model::Act& act, LineDecision& line);
  // The item's computation, or its value on the day.
  void price_item(const model::Item& item, LineDecision& line);
  // The rule's rate applied to the exact amount, rounded once.
  void apply_rate(const Subject& subject, const model::Rule& rule, LineDecision& line);

 private:
  model::Rounding rounding_of(const Subject& subject, const model::Rule& rule) const;

  const RuleSet::Model& model_;
  GraphEvaluation& graph_;
  Explainer& explainer_;
  model::Day day_;
  Decimal exact_amount_;  // the current line's amount before its rounding
};

}  // namespace cotation::evaluation
