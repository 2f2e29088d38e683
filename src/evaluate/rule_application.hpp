// The rules that decide a line. In: the line's subject and index, the rules whose scope holds
// it (model::RuleSelection), in force on the day, their guards, `si`, cumulations and limits.
// Out: the outcome of the rules that apply (a refusal, a prior approval, a rate on the amount),
// their reasons and explanation steps; two rules that still disagree refuse the line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "compile/model.hpp"
#include "cotation/decision.hpp"
#include "evaluate/claim_fields.hpp"
#include "evaluate/evaluation_state.hpp"
#include "evaluate/explanation_steps.hpp"
#include "evaluate/graph_evaluation.hpp"
#include "evaluate/limits.hpp"
#include "evaluate/line_price.hpp"
#include "evaluate/line_reasons.hpp"

namespace cotation::evaluation {

class RuleApplication {
 public:
  RuleApplication(const RuleSet::Model& model, EvaluationScratch::State& scratch, GraphEvaluation& graph,
                  ClaimFields& fields, Limits& limits, LinePrice& price, LineReasons& reasons, Explainer& explainer)
      : model_(model),
        subjects_(scratch.subjects),
        applying_(scratch.applying),
        graph_(graph),
        fields_(fields),
        limits_(limits),
        price_(price),
        reasons_(reasons),
        explainer_(explainer) {}

  // The rules that apply decide; an exception sets aside the rule it refines; two rules
  // that still disagree refuse the line with both reasons.
  void apply(std::size_t line_index, const Subject& subject, LineDecision& line);

 private:
  bool applies(const model::Rule& rule, std::size_t line_index);

  const RuleSet::Model& model_;
  const std::vector<Subject>& subjects_;
  std::vector<std::uint32_t>& applying_;
  GraphEvaluation& graph_;
  ClaimFields& fields_;
  Limits& limits_;
  LinePrice& price_;
  LineReasons& reasons_;
  Explainer& explainer_;
};

}  // namespace cotation::evaluation
