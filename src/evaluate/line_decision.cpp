// Deciding a line (line_decision.hpp): its eligibility — a telecare line's session and
// candidates, the conditions, the referential thresholds — its price, then its rules; last, an
// in-person letter on a telehealth session is refused naming the telecare cotation to bill.
#include "evaluate/line_decision.hpp"

#include <algorithm>

namespace cotation::evaluation {

using namespace model;

namespace {

// Why an exact amount could not be computed: the wording of a calculation_failed reason.
std::uint8_t calculation_failure(const DecimalError& error) {
  switch (error.kind()) {
    case DecimalErrorKind::overflow:
      return 0;
    case DecimalErrorKind::too_many_decimals:
      return 1;
    case DecimalErrorKind::division_by_zero:
      return 2;
    default:
      return 3;
  }
}

}  // namespace

void LineDecider::decide(std::size_t i, std::size_t act_rank, LineDecision& line) {
  const std::string& code = claim_.lines[i].code;
  line.code.assign(code);
  line.decision = Decision::accepted;
  line.amount.reset();
  reasons_.start(line.reasons);
  const Subject& subject = subjects_[i];
  explainer_.set_line(i);
  fields_.set_line(i, act_rank, subject.coefficient);
  graph_.forget_values();
  if (subject.telecare != nullptr && subject.coefficient_read && !telehealth_session(code, subject, line)) {
    reasons_.finish();
    return;
  }
  if (subject.index == none) {
    line.decision = Decision::refused;
    if (subject.act_not_named) {
      designation_reasons_.act_not_named(code, claim_.lines[i].act, subject);
    } else if (subject.coefficient_read &&
               (subject.telecare != nullptr ? subject.candidates != 1 : subject.candidates > 1)) {
      decide_candidates(i, line);
    } else {
      designation_reasons_.unmatched(code, subject);
    }
    reasons_.finish();
    return;
  }
  decide_subject(i, subject, line);
  reasons_.finish();
}

// A telecare line bills a session at a distance: a claim that does not say it is one (field
// telehealth) refuses it.
bool LineDecider::telehealth_session(std::string_view code, const Subject& subject, LineDecision& line) {
  if (claim_.telehealth.value_or(false)) return true;
  line.decision = Decision::refused;
  Reason& reason = reasons_.add(ReasonCode::telehealth_required, "", subject.telecare->telecare->text);
  reason.field = "telehealth";
  reason.quoted.assign(code);
  reason.variant = claim_.telehealth ? 1 : 0;
  return false;
}

// An act billed with its in-person letter on a telehealth session that its rules admit there (the
// exclusions of telecare are rules, which refuse it first): the session is billed with the
// telecare letter in force (`télésoin des actes`) at the act's coefficient on the date (an old
// cotation's act, its new one). With no telecare letter in force, telecare does not exist then
// and the act cannot be billed at a distance. An old code that several acts replaced names none.
// Rules that declare no telecare letter say nothing of telecare: the line stays as decided.
void LineDecider::refuse_in_person_code(std::string_view code, const Subject& subject, LineDecision& line) {
  if (std::none_of(model_.letters.begin(), model_.letters.end(), [](const Letter& l) { return l.telecare; })) return;
  line.decision = Decision::refused;
  line.amount.reset();
  const Act& act = model_.acts[subject.index];
  const auto telecare = std::find_if(model_.letters.begin(), model_.letters.end(), [&](const Letter& letter) {
    return letter.telecare && value_in_force(letter.values, fields_) != nullptr;
  });
  const auto in_force = std::find_if(act.cotations.begin(), act.cotations.end(),
                                     [&](const Cotation& c) { return c.period.contains(fields_.day()); });
  Reason& reason =
      telecare == model_.letters.end() ? reasons_.add_worded(ReasonCode::telecare_code_required, act.name, "",
                                                             Wording::no_telecare_letter, date_text(fields_.day()))
      : subject.several_acts || in_force == act.cotations.end()
          ? reasons_.add_worded(ReasonCode::telecare_code_required, act.name, telecare->telecare->text,
                                Wording::telecare_bill_coefficient, telecare->code, code)
          : reasons_.add_worded(ReasonCode::telecare_code_required, act.name, telecare->telecare->text,
                                Wording::telecare_bill, telecare->code, in_force->coefficient.to_string(), code);
  reason.field = "telehealth";
}

// A line without `act` that several acts may bill (a telecare line whose coefficient several
// acts have, a code several acts share on the date): decided for each of them. Decided alike,
// the line takes that decision with their reasons; decided differently, it is refused until it
// names its act. Never a silent pick.
void LineDecider::decide_candidates(std::size_t i, LineDecision& line) {
  const Subject subject = subjects_[i];
  if (subject.candidates == 0) {
    designation_reasons_.candidates_reason(claim_.lines[i].code, subject);
    return;
  }
  auto& decided = scratch_.candidates;
  decided.resize(subject.candidates);
  std::size_t n = 0;
  designation_.for_each_candidate(subject, [&](std::size_t act) {
    // The rules read the line's subject (limits, cumulations, same-day articles): the
    // candidate's, for a while.
    subjects_[i].index = act;
    graph_.forget_values();
    LineDecision& trial = decided[n++];
    trial.decision = Decision::accepted;
    trial.amount.reset();
    reasons_.start(trial.reasons);
    decide_subject(i, subjects_[i], trial);
    reasons_.finish();
  });
  subjects_[i].index = none;
  const bool alike = std::all_of(decided.begin(), decided.end(), [&](const LineDecision& d) {
    return d.decision == decided.front().decision && d.amount == decided.front().amount;
  });
  reasons_.start(line.reasons);
  Reason& reason = designation_reasons_.candidates_reason(claim_.lines[i].code, subject);
  if (!alike) {
    reason.code = ReasonCode::ambiguous_act;
    reason.field = "act";
    // Each candidate with its decision, and for a refusal the reason of its first.
    MessageArgument each;
    n = 0;
    designation_.for_each_candidate(subject, [&](std::size_t act) {
      const LineDecision& trial = decided[n++];
      Reason& candidate = each.reasons.emplace_back();
      const Wording decision = trial.decision == Decision::accepted  ? Wording::accepted
                               : trial.decision == Decision::refused ? Wording::refused
                                                                     : Wording::prior_approval;
      if (trial.decision == Decision::refused && !trial.reasons.empty()) {
        set_wording(candidate, Wording::candidate_refused, model_.acts[act].name, decision, trial.reasons.front());
      } else {
        set_wording(candidate, Wording::candidate_decided, model_.acts[act].name, decision);
      }
    });
    wrap_wording(reason, Wording::ambiguous_act, std::move(each));
    return;
  }
  wrap_wording(reason,
               decided.front().decision == Decision::accepted ? Wording::candidates_admit : Wording::candidates_alike);
  line.decision = decided.front().decision;
  line.amount = decided.front().amount;
  for (const auto& trial : decided) {
    for (const auto& r : trial.reasons) {
      if (std::none_of(line.reasons.begin(), line.reasons.end(), [&](const Reason& kept) {
            return kept.rule == r.rule && render_message(kept) == render_message(r);
          })) {
        reasons_.add(r);
      }
    }
  }
}

// Decides the line of a known act or item.
void LineDecider::decide_subject(std::size_t i, const Subject& subject, LineDecision& line) {
  limits_.start_line();
  try {
    if (subject.is_act) {
      decide_act(subject, line);
    } else {
      decide_item(subject, line);
    }
    if (line.decision != Decision::refused && !limits_.missing()) rules_.apply(i, subject, line);
    if (line.decision != Decision::refused && !limits_.missing() && subject.is_act && subject.telecare == nullptr &&
        claim_.telehealth.value_or(false)) {
      refuse_in_person_code(claim_.lines[i].code, subject, line);
    }
    if (limits_.missing()) {
      refuse_for_missing(field_name(*limits_.missing()), line);
    } else if (line.decision == Decision::refused && subject.old_cotation) {
      reasons_.remove_if([](const Reason& r) { return r.code == ReasonCode::transition; });
    }
  } catch (const MissingField& missing) {
    refuse_for_missing(missing.name, line);
  } catch (NoValueInForce& absent) {
    line.decision = Decision::refused;
    Reason& reason = reasons_.add(ReasonCode::no_value_in_force, "", "");
    reason.wording = static_cast<std::uint16_t>(absent.wording);
    reason.arguments = std::move(absent.arguments);
  } catch (const DecimalError& error) {
    line.decision = Decision::refused;
    reasons_.add(ReasonCode::calculation_failed, "", "").variant = calculation_failure(error);
  }
  if (line.decision == Decision::refused) line.amount.reset();
}

void LineDecider::refuse_for_missing(std::string_view field, LineDecision& line) {
  line.decision = Decision::refused;
  reasons_.add(ReasonCode::missing_data, "", "docs/claim-format.md").field.assign(field);
}

bool LineDecider::holds(const Condition& condition, LineDecision& line, const std::string& owner) {
  const bool met = graph_.truth(condition.predicate, condition.formula, Wording::shifted_in_condition, condition.name);
  explainer_.explain([&] { return steps::condition(condition, met); });
  if (met) return true;
  line.decision = Decision::refused;
  reasons_.add(ReasonCode::condition_not_met, owner, condition.citation.text, &condition);
  return false;
}

void LineDecider::decide_act(const Subject& subject, LineDecision& line) {
  const Act& act = model_.acts[subject.index];
  if (act.pending) {
    line.decision = Decision::refused;
    reasons_.add(ReasonCode::act_pending, act.name, act.pending_citation.text, &act);
    return;
  }
  price_.price_act(subject, act, line);
  if (subject.old_cotation) {
    designation_reasons_.add_transition_reason(subject, act);
    // Several acts replaced this code: their own conditions and thresholds cannot be
    // told apart, so only what the old cotation itself says applies.
    if (subject.several_acts) return;
  }
  for (const auto& condition : act.conditions) {
    if (!holds(condition, line, act.name)) return;
  }
  for (const auto& referential : act.referentials) {
    for (const auto& threshold : referential.thresholds) {
      const bool exceeded = limits_.threshold_exceeded(threshold);
      if (limits_.missing()) return;
      if (exceeded) {
        if (fields_.prior_approval_granted()) continue;
        line.decision = Decision::prior_approval;
        // Held as the referential: a line in ten past a threshold gives this reason.
        reasons_.add(ReasonCode::prior_approval_threshold, act.name, referential.citation.text, &referential);
        return;
      }
    }
  }
}

void LineDecider::decide_item(const Subject& subject, LineDecision& line) {
  const Item& item = model_.items[subject.index];
  for (const auto& condition : item.conditions) {
    if (!holds(condition, line, item.code)) return;
  }
  price_.price_item(item, line);
}

}  // namespace cotation::evaluation
