// The reasons about what a code designates (designation_reasons.hpp): the common ones (an
// outdated or unknown code, an old cotation in its transition) held as references into the rule
// set, the rarer ones (the candidate acts of a line) as wordings of the catalogue and their
// arguments: the claim's code, the date, the names and cotations of the rule set.
#include "evaluate/designation_reasons.hpp"

#include "evaluate/reason_text.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <iterator>

namespace cotation::evaluation {

using namespace model;

void DesignationReasons::unmatched(std::string_view code, const Subject& subject) {
  if ((subject.entries != nullptr || subject.telecare != nullptr) && !subject.coefficient_read) {
    reasons_.add(ReasonCode::bad_coefficient, "", "").quoted.assign(code);
    return;
  }
  if (subject.entries != nullptr) {
    if (outdated_shared_code(code, subject)) return;
    for (const auto& entry : subject.with_coefficient) {
      const Act& act = model_.acts[entry.act];
      if (act.removed_since && *act.removed_since <= day_) {
        reasons_.add(ReasonCode::act_removed, act.name, act.removed_citation.text, &act);
        return;
      }
      // Held as the act and the day: an outdated cotation is among the most common refusals.
      Period days;
      const Cotation* current = current_cotation(act, day_, days);
      Reason& reason = reasons_.add(ReasonCode::not_in_force, act.name,
                                    current != nullptr ? current->citation.text : act.article.text, &act);
      reason.quoted.assign(code);
      reason.rules = &model_;
      reason.day = static_cast<std::int32_t>(day_);
      return;
    }
  }
  // Held as the code: an unknown code is a common refusal.
  Reason& reason = reasons_.add(ReasonCode::unknown_code, "", "");
  reason.quoted.assign(code);
  reason.variant = subject.letter_known ? 1 : 0;
}

void DesignationReasons::act_not_named(std::string_view code, std::string_view named_act, const Subject& subject) {
  Reason& reason = candidates_reason(code, subject);
  reason.code = ReasonCode::act_not_named;
  reason.field = "act";
  wrap_wording(reason, Wording::act_not_named, named_act);
}

Reason& DesignationReasons::candidates_reason(std::string_view code, const Subject& subject) {
  const bool telecare = subject.telecare != nullptr;
  Reason& reason = reasons_.add(ReasonCode::candidate_acts, "",
                                telecare ? std::string_view(subject.telecare->telecare->text) : "docs/claim-format.md");
  std::string date;
  append_date(date, day_);
  if (telecare && subject.candidates == 0) {
    reason.code = ReasonCode::unknown_code;
    set_wording(reason, Wording::telecare_no_act, code, subject.coefficient.to_string(), std::move(date));
    return reason;
  }
  std::string acts;
  append_candidates(acts, subject);
  if (acts.empty()) {
    set_wording(reason, telecare ? Wording::designates_in_telecare : Wording::designates, code, std::move(date));
  } else {
    set_wording(reason, telecare ? Wording::designates_in_telecare_among : Wording::designates_among, code,
                std::move(date), std::move(acts));
  }
  return reason;
}

void DesignationReasons::add_transition_reason(const Subject& subject, const Act& act) {
  auto& cached = scratch_.transition;
  if (!holds(cached, &act, subject)) {
    keep(cached, &act, subject, compose_transition_message(subject, act, cached.text));
    cached.held = &model_.held_texts.keep(cached.text);
  }
  // Before 2024-02-22 no cotation replaces it yet: it is the cotation in force, no transition.
  if (cached.held->empty()) return;
  // Held as the text kept in the rule set: this reason comes with a large share of accepted lines.
  Reason& reason = reasons_.add(ReasonCode::transition, subject.several_acts ? std::string_view() : act.name,
                                act.article.text, cached.held);
  reason.variant = subject.several_acts ? 1 : 0;
}

// Appends the names of the candidate acts of a line without `act`, ", " apart.
void DesignationReasons::append_candidates(std::string& names, const Subject& subject) {
  scratch_.pieces.clear();
  designation_.for_each_candidate(subject, [&](std::size_t act) {
    scratch_.piece.assign(model_.acts[act].name);
    append_once(names, "", scratch_.piece);
  });
}

// An old code that several acts replaced (AMS 7.5), billed outside its transition: the
// reason names every cotation in force that replaces it, not the first act's alone.
bool DesignationReasons::outdated_shared_code(std::string_view code, const Subject& subject) {
  if (!subject.replaced_by_several_acts) return false;
  auto& cached = scratch_.in_force;
  if (!holds(cached, nullptr, subject)) {
    cached.text.clear();
    scratch_.pieces.clear();
    Period days;
    for (const auto& entry : subject.with_coefficient) {
      if (!entry.replaced) continue;
      const Cotation* current = current_cotation(model_.acts[entry.act], day_, days);
      if (current == nullptr) continue;
      std::string& piece = scratch_.piece;
      piece.clear();
      append_code(piece, model_, *current);
      append_once(cached.text, "", piece);
    }
    keep(cached, nullptr, subject, days);
  }
  std::string date;
  append_date(date, day_);
  Reason& reason = reasons_.add(ReasonCode::no_longer_admitted, "", subject.last_replacement_source);
  if (cached.text.empty()) {
    set_wording(reason, Wording::no_longer_admitted, code, std::move(date));
  } else {
    set_wording(reason, Wording::no_longer_admitted_in_force, code, std::move(date), cached.text);
  }
  return true;
}

// Whether `cached` holds the text for `act` (or none), the subject's code and the line's
// day. If not, it holds nothing until keep() says what the text composed next is for.
bool DesignationReasons::holds(EvaluationScratch::State::CachedText& cached, const Act* act,
                               const Subject& subject) const {
  if (cached.rule_sets_destroyed == rule_sets_destroyed.load(std::memory_order_relaxed) &&
      cached.entries == subject.entries && cached.entries != nullptr && cached.act == act &&
      cached.coefficient == subject.coefficient && cached.days.contains(day_)) {
    return true;
  }
  cached.entries = nullptr;
  return false;
}

// Records what `cached`'s text, just composed, was composed for: `days` are those on which
// the periods it was composed from hold as on the line's day.
void DesignationReasons::keep(EvaluationScratch::State::CachedText& cached, const Act* act, const Subject& subject,
                              const Period& days) const {
  cached.rule_sets_destroyed = rule_sets_destroyed.load(std::memory_order_relaxed);
  cached.act = act;
  cached.entries = subject.entries;
  cached.coefficient = subject.coefficient;
  cached.days = days;
}

// Appends `piece` to `message` unless it is there already: the first after `lead`, the
// next ones after a comma. scratch_.pieces holds what was appended since it was cleared.
void DesignationReasons::append_once(std::string& message, std::string_view lead, const std::string& piece) {
  const std::string_view written = message;
  for (const auto& [at, size] : scratch_.pieces) {
    if (written.substr(at, size) == piece) return;
  }
  message += scratch_.pieces.empty() ? lead : ", ";
  scratch_.pieces.emplace_back(message.size(), piece.size());
  message += piece;
}

// The cotations that replace the old one, "RAM 7.49 (label)" or a list of codes. Returns the
// days on which the list holds: those on which the code's entries and the cotations in force of
// the acts named are those of the line's day.
Period DesignationReasons::compose_transition_message(const Subject& subject, const Act& act, std::string& message) {
  message.clear();
  scratch_.pieces.clear();
  Period days;
  const auto add_current = [&](const Act& candidate) {
    const Cotation* current = current_cotation(candidate, day_, days);
    if (current == nullptr) return;
    std::string& piece = scratch_.piece;
    piece.clear();
    append_code(piece, model_, *current);
    // One act: its label says what to bill. Many (AMS 7.5 became 47 acts): the codes alone,
    // or the reason would run to kilobytes.
    if (!subject.several_acts) fmt::format_to(std::back_inserter(piece), " ({})", candidate.label);
    append_once(message, "", piece);
  };
  // The entries in force on the day say whether several acts replace the code.
  for (const auto& entry : subject.with_coefficient) {
    if (narrow_to_same(days, entry.period, day_) && entry.replaced && subject.several_acts) {
      add_current(model_.acts[entry.act]);
    }
  }
  if (!subject.several_acts) add_current(act);
  return days;
}

}  // namespace cotation::evaluation
