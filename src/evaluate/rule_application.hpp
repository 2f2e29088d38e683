// The rules that decide a line. In: the line's subject and index, the rules whose scope holds
// it (model::RuleSelection), in force on the day, their guards, `si`, cumulations, limits, and
// for `seulement avec` the decisions of the lines it reads (decided before, claim_walk.cpp).
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
  // `lines` are the claim's decisions, read by `seulement avec` once the lines it reads are decided.
  RuleApplication(const RuleSet::Model& model, EvaluationScratch::State& scratch,
                  const std::vector<LineDecision>& lines, GraphEvaluation& graph, ClaimFields& fields, Limits& limits,
                  LinePrice& price, LineReasons& reasons, Explainer& explainer)
      : model_(model),
        subjects_(scratch.subjects),
        lines_(lines),
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
  static ReasonCode code_of(const model::Rule& rule);
  bool applies(const model::Rule& rule, std::size_t line_index);
  bool accepted_line_among(const model::Scope& scope, std::size_t line_index) const;

  const RuleSet::Model& model_;
  const std::vector<Subject>& subjects_;
  const std::vector<LineDecision>& lines_;
  std::vector<std::uint32_t>& applying_;
  GraphEvaluation& graph_;
  ClaimFields& fields_;
  Limits& limits_;
  LinePrice& price_;
  LineReasons& reasons_;
  Explainer& explainer_;
};

}  // namespace cotation::evaluation
