// What a billed code designates on the claim's day. In: the line's code ("RAM 8.09", "IFD",
// "TMK 7.49") and the act it names (`act`), the immutable model's code index. Out: a Subject —
// the act or item billed, or what stands in the way (a letter unknown, a coefficient that is not
// a number, an old cotation in or after its transition, a shared code the line does not name,
// a telecare line's candidate acts). Codes looked up are kept in the caller's scratch.
#pragma once

#include <algorithm>
#include <string_view>
#include <vector>

#include "compile/model.hpp"
#include "cotation/claim.hpp"
#include "evaluate/evaluation_state.hpp"

namespace cotation::evaluation {

// Narrows `days`, which hold `day`, to those that `period` holds, or not, as it holds `day`:
// what was decided from `period` on `day` is the same on each of `days`. Returns whether
// `period` holds `day`.
inline bool narrow_to_same(model::Period& days, const model::Period& period, model::Day day) {
  if (period.contains(day)) {
    days.since = std::max(days.since, period.since);
    days.until = std::min(days.until, period.until);
    return true;
  }
  if (period.until < day) {
    days.since = std::max(days.since, period.until + 1);
  } else {
    days.until = std::min(days.until, period.since - 1);
  }
  return false;
}

// The act's cotation in force on `day`, if any; narrows `days` to those on which it is the same.
inline const model::Cotation* current_cotation(const model::Act& act, model::Day day, model::Period& days) {
  const model::Cotation* current = nullptr;
  for (const auto& c : act.cotations) {
    if (narrow_to_same(days, c.period, day)) current = &c;
  }
  return current;
}

class Designation {
 public:
  Designation(const RuleSet::Model& model, EvaluationScratch::State& scratch, model::Day day)
      : model_(model), scratch_(scratch), day_(day) {}

  // What each of the claim's lines designates, into `subjects` (one a line, in billing order).
  void designate(const Claim& claim, std::vector<Subject>& subjects);
  // The same for the lines of an earlier session a claim carries (Claim::history), on its day.
  void designate(const std::vector<EarlierLine>& lines, std::vector<Subject>& subjects);

  // Calls `visit` with each act a line without `act` may bill: for a telecare line, each act
  // whose cotation in force on the date has the subject's coefficient; for a code several acts
  // share (`partagée`), each act it designates on the date.
  template <typename Visit>
  void for_each_candidate(const Subject& subject, Visit visit) const {
    if (subject.telecare == nullptr) {
      for (const auto& entry : subject.with_coefficient) {
        if (!entry.replaced && entry.period.contains(day_)) visit(entry.act);
      }
      return;
    }
    for (std::size_t a = 0; a < model_.acts.size(); ++a) {
      const auto& cotations = model_.acts[a].cotations;
      if (model_.acts[a].removed_since && *model_.acts[a].removed_since <= day_) continue;
      if (std::any_of(cotations.begin(), cotations.end(), [&](const model::Cotation& c) {
            return c.coefficient == subject.coefficient && c.period.contains(day_);
          })) {
        visit(a);
      }
    }
  }

 private:
  Subject resolve(std::string_view code, std::string_view named_act);
  Subject resolve_on_day(Subject subject, std::string_view named_act, model::Period& days) const;
  Subject look_up(std::string_view code) const;
  void find_replacements(Subject& subject) const;
  EvaluationScratch::State::LookedUpCode& look_up_cached(std::string_view code);
  void resolve_telecare(std::string_view named_act, Subject& subject) const;

  const RuleSet::Model& model_;
  EvaluationScratch::State& scratch_;
  model::Day day_;
};

}  // namespace cotation::evaluation
