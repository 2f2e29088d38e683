// Resolving a billed code (designation.hpp): the code index's lookup, kept in the scratch, then
// the act in force on the day, an old cotation's transition, a shared code's named act, a
// telecare line's candidates.
#include "evaluate/designation.hpp"

#include <cstdint>

namespace cotation::evaluation {

using namespace model;

void Designation::designate(const Claim& claim, std::vector<Subject>& subjects) {
  subjects.clear();
  for (const auto& line : claim.lines) subjects.push_back(resolve(line.code, line.act));
}

void Designation::designate(const std::vector<EarlierLine>& lines, std::vector<Subject>& subjects) {
  subjects.clear();
  for (const auto& line : lines) subjects.push_back(resolve(line.code, line.act));
}

// "RAM 8.09" -> the act whose cotation that is on the claim's date; "IFD" -> the item. A
// code several acts share (`partagée`) designates the act the line names (`act`).
Subject Designation::resolve(std::string_view code, std::string_view named_act) {
  auto& looked_up = look_up_cached(code);
  // An item, or a code whose letter is unknown or whose coefficient is not a number: as looked up.
  if (!looked_up.subject.is_act || !looked_up.subject.coefficient_read) return looked_up.subject;
  if (looked_up.subject.telecare != nullptr) {
    Subject subject = looked_up.subject;
    resolve_telecare(named_act, subject);
    return subject;
  }
  // A line that names no act bills the act the code had on the days its entries hold as on
  // this one: most lines of a batch, their dates in any order.
  if (!named_act.empty()) {
    Period days;
    return resolve_on_day(looked_up.subject, named_act, days);
  }
  if (!looked_up.resolved_days.contains(day_)) {
    looked_up.resolved_days = Period{};
    looked_up.resolved = resolve_on_day(looked_up.subject, named_act, looked_up.resolved_days);
  }
  return looked_up.resolved;
}

// resolve() on the line's day; narrows `days` to those on which the entries it reads hold as
// on that day (the entries after the one that decides change nothing).
Subject Designation::resolve_on_day(Subject subject, std::string_view named_act, Period& days) const {
  const Day day = day_;
  const CodeEntry* old = nullptr;
  std::size_t unnamed_acts = 0;  // acts with the code on the date, not the one named
  for (const auto& entry : subject.with_coefficient) {
    if (!narrow_to_same(days, entry.period, day)) continue;
    if (!entry.replaced) {
      if (model_.acts[entry.act].name == named_act || (!entry.shared && named_act.empty())) {
        subject.index = entry.act;
        return subject;
      }
      subject.index = entry.act;
      ++unnamed_acts;
      continue;
    }
    if (old == nullptr) {
      old = &entry;
    } else if (entry.act != old->act) {
      subject.several_acts = true;
    }
  }
  // A shared code alone on its date needs no name; shared by several acts and not named, the
  // line is decided for each of them (LineDecider::decide_candidates()); named wrongly, it is
  // refused with the candidates (DesignationReasons::act_not_named()).
  if (unnamed_acts == 1 && named_act.empty()) return subject;
  if (unnamed_acts > 0) {
    subject.index = none;
    subject.candidates = named_act.empty() ? unnamed_acts : 0;
    subject.act_not_named = !named_act.empty();
    return subject;
  }
  if (old != nullptr) {
    subject.index = old->act;
    subject.old_cotation = true;
  }
  return subject;
}

// What the code designates whatever the date: an item; or a key letter (its codes, or the
// telecare letter) and the coefficient, read only when the letter is known.
Subject Designation::look_up(std::string_view code) const {
  Subject subject;
  const auto space = code.find(' ');
  if (space == std::string_view::npos) {
    if (const auto it = model_.item_index.find(code); it != model_.item_index.end()) subject.index = it->second;
    return subject;
  }
  subject.is_act = true;
  const auto letter = model_.letter_index.find(code.substr(0, space));
  subject.letter_known = letter != model_.letter_index.end();
  if (subject.letter_known && model_.letters[letter->second].telecare) {
    subject.telecare = &model_.letters[letter->second];
  } else if (const auto entries = model_.codes_by_letter.find(code.substr(0, space));
             entries != model_.codes_by_letter.end()) {
    subject.entries = &entries->second;
  } else {
    return subject;
  }
  try {
    subject.coefficient = Decimal::parse(code.substr(space + 1));
    subject.coefficient_read = true;
  } catch (const DecimalError&) {
    return subject;
  }
  if (subject.entries != nullptr) {
    subject.with_coefficient = entries_with(*subject.entries, subject.coefficient);
    find_replacements(subject);
  }
  return subject;
}

void Designation::find_replacements(Subject& subject) const {
  // An act may replace the code over two periods (before avenant 7, then its transition): the
  // source cited is that of the period that ended last.
  const model::CodeEntry* latest = nullptr;
  for (const auto& entry : subject.with_coefficient) {
    if (!entry.replaced) continue;
    if (latest != nullptr && entry.act != latest->act) subject.replaced_by_several_acts = true;
    if (latest == nullptr || entry.period.until > latest->period.until) latest = &entry;
  }
  if (!subject.replaced_by_several_acts) return;
  const Act& cited_act = model_.acts[latest->act];
  // The code index keeps the origin of the `remplace` line each entry comes from.
  const auto replaced = std::find_if(cited_act.replaced.begin(), cited_act.replaced.end(),
                                     [&](const Cotation& c) { return c.origin == latest->origin; });
  subject.last_replacement_source =
      replaced != cited_act.replaced.end() ? replaced->citation.text : cited_act.article.text;
}

// look_up(), remembered by the scratch: a batch bills the same few codes again and again.
EvaluationScratch::State::LookedUpCode& Designation::look_up_cached(std::string_view code) {
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a: a code is a few bytes
  for (const char c : code) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  auto& slot = scratch_.looked_up[hash % scratch_.looked_up.size()];
  const std::uint64_t destroyed = rule_sets_destroyed.load(std::memory_order_relaxed);
  if (slot.model != &model_ || slot.rule_sets_destroyed != destroyed || slot.code != code) {
    slot.subject = look_up(code);
    slot.resolved_days = no_days;
    slot.code.assign(code);
    slot.model = &model_;
    slot.rule_sets_destroyed = destroyed;
  }
  return slot;
}

// The act the line names among the candidates, the only candidate, or none: several
// candidates are decided together (LineDecider::decide_candidates()), a name that is none of
// them refused.
void Designation::resolve_telecare(std::string_view named_act, Subject& subject) const {
  std::size_t named = none;
  for_each_candidate(subject, [&](std::size_t act) {
    ++subject.candidates;
    if (subject.candidates == 1) subject.index = act;
    if (model_.acts[act].name == named_act) named = act;
  });
  if (!named_act.empty()) {
    subject.index = named;
    subject.act_not_named = named == none;
  } else if (subject.candidates > 1) {
    subject.index = none;
  }
}

}  // namespace cotation::evaluation
