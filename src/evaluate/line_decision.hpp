// A line's decision: whether what it bills may be paid, and how much. In: the line (its index
// in the claim, its rank among the claim's acts) and what its code designates (Subject). Out:
// its LineDecision — accepted, refused or prior approval, the amount and the reasons. The line's
// eligibility is decided here: a telecare line needs a session at a distance, and several
// candidate acts are each decided; then the act's or item's conditions, the act's referential
// thresholds, then the rules. What cannot be decided (a missing field, no value on the day, an
// impossible calculation) refuses the line with a reason that says so.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "compile/model.hpp"
#include "cotation/claim.hpp"
#include "cotation/decision.hpp"
#include "evaluate/claim_fields.hpp"
#include "evaluate/designation.hpp"
#include "evaluate/designation_reasons.hpp"
#include "evaluate/evaluation_state.hpp"
#include "evaluate/explanation_steps.hpp"
#include "evaluate/graph_evaluation.hpp"
#include "evaluate/limits.hpp"
#include "evaluate/line_price.hpp"
#include "evaluate/line_reasons.hpp"
#include "evaluate/rule_application.hpp"

namespace cotation::evaluation {

class LineDecider {
 public:
  // `series` and `same_day` are the claim's, or completed from the patient's `history` (null
  // when the claim is decided alone); the subjects of the claim's lines are in the scratch;
  // `lines`, one for each line of the claim, receive the decisions.
  LineDecider(const RuleSet::Model& model, const Claim& claim, const Series& series, const SameDay& same_day,
              const history::Patient* history, EvaluationScratch::State& scratch, const Designation& designation,
              model::Day day, const std::vector<LineDecision>& lines, std::vector<ExplanationStep>* explanation)
      : model_(model),
        claim_(claim),
        scratch_(scratch),
        subjects_(scratch.subjects),
        designation_(designation),
        explainer_(explanation),
        fields_(model, claim, series, same_day, history, scratch.subjects, day, explainer_),
        graph_(model, fields_, scratch, explainer_),
        designation_reasons_(model, scratch, designation, reasons_, day),
        price_(model, graph_, explainer_, day),
        limits_(claim, fields_, scratch.subjects, scratch.histories, history),
        rules_(model, scratch, lines, graph_, fields_, limits_, price_, reasons_, explainer_) {}

  // Decides line `i` into `line`, whose strings and vectors are reused; `act_rank` counts the
  // claim's acts up to it.
  void decide(std::size_t i, std::size_t act_rank, LineDecision& line);

 private:
  bool telehealth_session(std::string_view code, const Subject& subject, LineDecision& line);
  void refuse_in_person_code(std::string_view code, const Subject& subject, LineDecision& line);
  void decide_candidates(std::size_t i, LineDecision& line);
  void decide_subject(std::size_t i, const Subject& subject, LineDecision& line);
  void decide_act(const Subject& subject, LineDecision& line);
  void decide_item(const Subject& subject, LineDecision& line);
  bool holds(const model::Condition& condition, LineDecision& line, const std::string& owner);
  void refuse_for_missing(std::string_view field, LineDecision& line);

  const RuleSet::Model& model_;
  const Claim& claim_;
  EvaluationScratch::State& scratch_;
  std::vector<Subject>& subjects_;
  const Designation& designation_;
  Explainer explainer_;
  ClaimFields fields_;
  GraphEvaluation graph_;
  LineReasons reasons_;
  DesignationReasons designation_reasons_;
  LinePrice price_;
  Limits limits_;
  RuleApplication rules_;
};

}  // namespace cotation::evaluation
