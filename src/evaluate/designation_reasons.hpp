// Why a code designates nothing the line can bill, and what an old cotation stands for. In: the
// line's code, the act it names and what Designation made of them. Out: the line's reason —
// an unknown code, a cotation not in force and the one that is, a removed act, a shared code
// whose act is not named, a telecare line's candidates, an old cotation in or after its
// transition and the cotations that replace it. The long texts are kept in the scratch.
#pragma once

#include <string>
#include <string_view>

#include "compile/model.hpp"
#include "evaluate/designation.hpp"
#include "evaluate/evaluation_state.hpp"
#include "evaluate/line_reasons.hpp"

namespace cotation::evaluation {

class DesignationReasons {
 public:
  DesignationReasons(const RuleSet::Model& model, EvaluationScratch::State& scratch, const Designation& designation,
                     LineReasons& reasons, model::Day day)
      : model_(model), scratch_(scratch), designation_(designation), reasons_(reasons), day_(day) {}

  // Why a code matches no act on that date: the closest explanation the rule set gives.
  // `subject` is what Designation::resolve() made of the code.
  void unmatched(std::string_view code, const Subject& subject);

  // A line that names an act its code (shared, or telecare) does not designate: the reason
  // lists the acts the code designates on the date.
  void act_not_named(std::string_view code, std::string_view named_act, const Subject& subject);

  // What a line without `act` designates: "TMK 7.49 désigne en télésoin le 2024-09-02 :
  // lombalgie_commune, ..." (no candidate: the coefficient is no act's on that date), or for a
  // shared code "AMK 10 désigne le 2026-09-01 : bilan_isole_amk_10, reperage_fragilite".
  // Returns the reason, whose wording the caller may wrap in a longer one.
  Reason& candidates_reason(std::string_view code, const Subject& subject);

  // An old cotation accepted in its transition: the reason names the cotations that
  // replace it on that date, each once, composed once per day range and kept in the rule set:
  // this reason comes with a large share of accepted lines.
  void add_transition_reason(const Subject& subject, const model::Act& act);

 private:
  void append_candidates(std::string& names, const Subject& subject);
  bool outdated_shared_code(std::string_view code, const Subject& subject);
  bool holds(EvaluationScratch::State::CachedText& cached, const model::Act* act, const Subject& subject) const;
  void keep(EvaluationScratch::State::CachedText& cached, const model::Act* act, const Subject& subject,
            const model::Period& days) const;
  void append_once(std::string& message, std::string_view lead, const std::string& piece);
  model::Period compose_transition_message(const Subject& subject, const model::Act& act, std::string& message);

  const RuleSet::Model& model_;
  EvaluationScratch::State& scratch_;
  const Designation& designation_;
  LineReasons& reasons_;
  model::Day day_;
};

}  // namespace cotation::evaluation
