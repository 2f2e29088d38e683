// Composing the reasons about what a code designates (designation_reasons.hpp), piece by piece
// into reused strings: an outdated or unknown code is among the most common refusals.
#include "evaluate/designation_reasons.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <iterator>

namespace cotation::evaluation {

using namespace model;

namespace {

// "RAM 8.09": a cotation as it is billed.
void append_code(std::string& out, const RuleSet::Model& model, const Cotation& cotation) {
  out += model.letters[cotation.letter].code;
  out += ' ';
  out += cotation.coefficient.to_string();
}

// "2024-02-22", as date_text writes it, without going through fmt.
void append_date(std::string& out, Day day) {
  const std::chrono::year_month_day date{std::chrono::sys_days(std::chrono::days(day))};
  const int year = static_cast<int>(date.year());
  if (year < 0 || year > 9999) {
    out += date_text(day);
    return;
  }
  const auto digits = [&out](unsigned value, std::size_t count) {
    std::array<char, 4> text{};
    for (std::size_t i = count; i-- > 0; value /= 10) text[i] = static_cast<char>('0' + value % 10);
    out.append(text.data(), count);
  };
  digits(static_cast<unsigned>(year), 4);
  out += '-';
  digits(static_cast<unsigned>(date.month()), 2);
  out += '-';
  digits(static_cast<unsigned>(date.day()), 2);
}

}  // namespace

void DesignationReasons::unmatched(std::string_view code, const Subject& subject) {
  if ((subject.entries != nullptr || subject.telecare != nullptr) && !subject.coefficient_read) {
    reasons_.add_formatted(ReasonCode::bad_coefficient, "", "", "le coefficient de « {} » n'est pas un nombre", code);
    return;
  }
  if (subject.entries != nullptr) {
    if (outdated_shared_code(code, subject)) return;
    for (const auto& entry : subject.with_coefficient) {
      const Act& act = model_.acts[entry.act];
      if (act.removed_since && *act.removed_since <= day_) {
        reasons_.add_formatted(ReasonCode::act_removed, act.name, act.removed_citation.text,
                               "acte supprimé depuis le {} : {}", date_text(*act.removed_since), act.label);
        return;
      }
      Period days;
      const Cotation* current = current_cotation(act, day_, days);
      std::string& message =
          reasons_
              .add(ReasonCode::not_in_force, act.name, current != nullptr ? current->citation.text : act.article.text)
              .message;
      // Appended piece by piece: an outdated cotation is among the most common refusals.
      message += code;
      message += " n'est pas en vigueur le ";
      append_date(message, day_);
      message += " pour « ";
      message += act.label;
      message += " »";
      if (current != nullptr) {
        message += " ; la cotation en vigueur est ";
        append_code(message, model_, *current);
      }
      return;
    }
  }
  // Appended piece by piece, not formatted: an unknown code is a common refusal.
  std::string& message = reasons_.add(ReasonCode::unknown_code, "", "").message;
  message += subject.letter_known ? "aucun acte n'est coté « " : "code inconnu : « ";
  message += code;
  message += subject.letter_known ? " » : la lettre clé existe, pas ce coefficient" : " »";
}

void DesignationReasons::act_not_named(std::string_view code, std::string_view named_act, const Subject& subject) {
  std::string& message = candidates_reason(code, subject);
  Reason& reason = reasons_.last();
  reason.code = ReasonCode::act_not_named;
  reason.field = "act";
  message += " ; la ligne nomme « ";
  message += named_act;
  message += " », qui n'en est pas";
}

std::string& DesignationReasons::candidates_reason(std::string_view code, const Subject& subject) {
  if (subject.telecare == nullptr) {
    std::string& message = reasons_.add(ReasonCode::candidate_acts, "", "docs/claim-format.md").message;
    message += code;
    message += " désigne le ";
    append_date(message, day_);
    append_candidates(message, " : ", subject);
    return message;
  }
  std::string& message = reasons_.add(ReasonCode::candidate_acts, "", subject.telecare->telecare->text).message;
  message += code;
  if (subject.candidates == 0) {
    reasons_.last().code = ReasonCode::unknown_code;
    message += " : aucun acte n'a le coefficient ";
    message += subject.coefficient.to_string();
    message += " le ";
    append_date(message, day_);
    message += " ; la ligne de télésoin porte le coefficient de l'acte réalisé à distance";
    return message;
  }
  message += " désigne en télésoin le ";
  append_date(message, day_);
  append_candidates(message, " : ", subject);
  return message;
}

void DesignationReasons::add_transition_reason(const Subject& subject, const Act& act) {
  std::string& message =
      reasons_.add(ReasonCode::transition, subject.several_acts ? std::string_view() : act.name, "").message;
  auto& cached = scratch_.transition;
  if (!holds(cached, &act, subject)) {
    keep(cached, &act, subject, compose_transition_message(subject, act, cached.text));
  }
  message = cached.text;
  if (message.size() > transition_message.size()) {
    reasons_.set_source(act.article.text);
  } else {
    // Before 2024-02-22 no cotation replaces it yet: it is the cotation in force, no transition.
    reasons_.drop_last();
  }
}

// Appends the names of the candidate acts of a line without `act`, after `lead`.
void DesignationReasons::append_candidates(std::string& message, std::string_view lead, const Subject& subject) {
  scratch_.pieces.clear();
  designation_.for_each_candidate(subject, [&](std::size_t act) {
    scratch_.piece.assign(model_.acts[act].name);
    append_once(message, lead, scratch_.piece);
  });
}

// An old code that several acts replaced (AMS 7.5), billed outside its transition: the
// reason names every cotation in force that replaces it, not the first act's alone.
bool DesignationReasons::outdated_shared_code(std::string_view code, const Subject& subject) {
  if (!subject.replaced_by_several_acts) return false;
  std::string& message = reasons_.add(ReasonCode::no_longer_admitted, "", subject.last_replacement_source).message;
  message += code;
  message += " n'est plus admise le ";
  append_date(message, day_);
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
      append_once(cached.text, " ; selon l'acte, la cotation en vigueur est ", piece);
    }
    keep(cached, nullptr, subject, days);
  }
  message += cached.text;
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

// Returns the days on which the message holds: those on which the code's entries and the
// cotations in force of the acts named are those of the line's day.
Period DesignationReasons::compose_transition_message(const Subject& subject, const Act& act, std::string& message) {
  message = transition_message;
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
    append_once(message,
                subject.several_acts ? " ; elle est remplacée, selon l'acte, par " : " ; elle est remplacée par ",
                piece);
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
