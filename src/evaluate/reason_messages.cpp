// Writing a reason's message (decision.hpp): in: a reason as the engine holds it — its code,
// references into the rule set, the claim's words and numbers — and a language; out: its text.
// The French texts are those the engine always wrote; the rules' own texts stay as written. The
// reasons written from a wording of the catalogue are written by wordings.cpp.
#include <array>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <unordered_set>

#include "compile/model.hpp"
#include "cotation/decision.hpp"
#include "evaluate/designation.hpp"
#include "evaluate/reason_text.hpp"
#include "evaluate/wordings.hpp"

namespace cotation {

using namespace model;

struct HeldTexts::Store {
  std::mutex mutex;
  std::unordered_set<std::string, CodeHash, std::equal_to<>> texts;  // nodes: their addresses hold
};

std::shared_ptr<HeldTexts::Store> HeldTexts::make_store() {
  return std::make_shared<Store>();
}

const std::string& HeldTexts::keep(std::string_view text) const {
  const std::lock_guard lock(store_->mutex);
  auto found = store_->texts.find(text);
  if (found == store_->texts.end()) found = store_->texts.emplace(text).first;
  return *found;
}

namespace evaluation {

void append_code(std::string& out, const RuleSet::Model& model, const Cotation& cotation) {
  out += model.letters[cotation.letter].code;
  out += ' ';
  out += cotation.coefficient.to_string();
}

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

}  // namespace evaluation

namespace {

using evaluation::append_date;

// The words of the engine's messages, in one language; "{q}" marks where a quoted text goes.
struct Words {
  std::string_view open, close;  // around a quoted text
  std::string_view bad_coefficient, not_a_number;
  std::string_view removed_since, removed_colon;
  std::string_view not_in_force_on, in_force_for, in_force_is;
  std::string_view unknown_letter_known, letter_known_end, unknown_code;
  std::string_view transition, replaced_by, replaced_by_act;
  std::string_view telehealth_bills, telehealth_present, telehealth_unsaid, telehealth_field;
  std::string_view missing_lead, missing_end;
  std::string_view calculation;
  std::array<std::string_view, 4> calculation_failures;  // overflow, decimals, zero, other
  std::string_view condition_not_met;
  std::string_view pending;
  std::string_view referential, prior_approval;
  std::string_view limit_of, at_most, per, counted_alone, counted_folded;
  std::array<std::string_view, 4> periods;  // in the order of Limit::Per
  std::string_view conflict;
};

constexpr Words french{
    "« ",
    " »",
    "le coefficient de « ",
    " » n'est pas un nombre",
    "acte supprimé depuis le ",
    " : ",
    " n'est pas en vigueur le ",
    " pour « ",
    " ; la cotation en vigueur est ",
    "aucun acte n'est coté « ",
    " » : la lettre clé existe, pas ce coefficient",
    "code inconnu : « ",
    "ancienne cotation acceptée pendant la période de transition",
    " ; elle est remplacée par ",
    " ; elle est remplacée, selon l'acte, par ",
    " facture une séance de télésoin ; la facture ",
    "est celle d'une séance en présence du patient",
    "ne dit pas si la séance est en télésoin",
    " (champ telehealth)",
    "la facture ne donne pas ",
    " dont la décision a besoin",
    "calcul impossible : ",
    {"le montant exact dépasse 19 chiffres", "le montant exact aurait plus de 18 décimales", "division par zéro",
     "opération décimale impossible"},
    "condition non remplie",
    "acte créé mais en attente : ",
    "référentiel « ",
    " » : accord préalable nécessaire",
    "la limite de la règle ",
    " (au plus ",
    " par ",
    ") n'a compté que les lignes de cette facture : l'historique du patient n'a pas été fourni (champ history)",
    ") n'a pas compté les séances les plus anciennes de la période : la facture vient après d'autres plus "
    "récentes du patient, et l'historique ne garde que la fenêtre que lisent les règles",
    {"jour", "an", "série", "épisode"},
    "des règles qui s'appliquent à cette ligne décident différemment",
};

constexpr Words english{
    "“",
    "”",
    "the coefficient of “",
    "” is not a number",
    "act removed since ",
    ": ",
    " is not in force on ",
    " for “",
    "; the cotation in force is ",
    "no act is coded “",
    "”: the key letter exists, not this coefficient",
    "unknown code: “",
    "old cotation accepted during its transition period",
    "; it is replaced by ",
    "; it is replaced, depending on the act, by ",
    " bills a telehealth session; the claim ",
    "is that of a session with the patient present",
    "does not say whether the session is at a distance",
    " (field telehealth)",
    "the claim does not give ",
    ", which the decision needs",
    "calculation impossible: ",
    {"the exact amount exceeds 19 digits", "the exact amount would have more than 18 decimals", "division by zero",
     "decimal operation impossible"},
    "condition not met",
    "act created but pending: ",
    "referential “",
    "”: prior approval required",
    "the limit of the rule ",
    " (at most ",
    " per ",
    ") counted only the lines of this claim: the patient's history was not given (field history)",
    ") did not count the oldest sessions of the period: the claim comes after more recent ones of the "
    "patient, and the history keeps only the window the rules read",
    {"day", "year", "series", "episode"},
    "rules that apply to this line decide differently",
};

void append_not_in_force(std::string& out, const Reason& reason, const Words& w) {
  const auto& act = *static_cast<const Act*>(reason.about);
  out += reason.quoted;
  out += w.not_in_force_on;
  append_date(out, reason.day);
  out += w.in_force_for;
  out += act.label;
  out += w.close;
  Period days;
  if (const Cotation* current = evaluation::current_cotation(act, reason.day, days); current != nullptr) {
    out += w.in_force_is;
    evaluation::append_code(out, *static_cast<const RuleSet::Model*>(reason.rules), *current);
  }
}

// Variant 1: the count missed sessions the history had folded (a claim older than the window).
void append_history_missing(std::string& out, const Rule& rule, std::uint8_t variant, const Words& w) {
  out += w.limit_of;
  out += rule.name;
  out += w.at_most;
  out += std::to_string(rule.limit->count);
  out += w.per;
  out += w.periods[static_cast<std::size_t>(rule.limit->per)];
  out += variant != 0 ? w.counted_folded : w.counted_alone;
}

// The text of the rule set that is the whole message, if it is one: a rule's or a condition's,
// as the analyst wrote it, in every language.
std::string_view held_text(const Reason& reason) {
  switch (reason.code) {
    case ReasonCode::condition_not_met: {
      const auto& condition = *static_cast<const Condition*>(reason.about);
      return condition.message;
    }
    case ReasonCode::limit_exceeded:
    case ReasonCode::not_cumulable:
    case ReasonCode::required_act_missing:
    case ReasonCode::rule_refusal:
    case ReasonCode::rule_prior_approval:
    case ReasonCode::rule_rate:
    case ReasonCode::rule_acceptance:
      if (reason.about != nullptr) {
        const auto& rule = *static_cast<const Rule*>(reason.about);
        return rule.message.empty() ? rule.label : rule.message;
      }
      break;
    default:
      break;
  }
  return {};
}

// The message of the reasons written from a few texts held: its pieces; none for the others.
evaluation::MessagePieces held_pieces(const Reason& reason, const Words& w) {
  switch (reason.code) {
    case ReasonCode::bad_coefficient:
      return {{w.bad_coefficient, reason.quoted, w.not_a_number}, 3};
    case ReasonCode::unknown_code:
      return {{reason.variant != 0 ? w.unknown_letter_known : w.unknown_code, reason.quoted,
               reason.variant != 0 ? w.letter_known_end : w.close},
              3};
    case ReasonCode::transition:
      return {{w.transition, reason.variant != 0 ? w.replaced_by_act : w.replaced_by,
               *static_cast<const std::string*>(reason.about)},
              3};
    case ReasonCode::telehealth_required:
      return {{reason.quoted, w.telehealth_bills, reason.variant != 0 ? w.telehealth_present : w.telehealth_unsaid,
               w.telehealth_field},
              4};
    case ReasonCode::missing_data:
      return {{w.missing_lead, reason.field, w.missing_end}, 3};
    case ReasonCode::calculation_failed:
      return {{w.calculation, w.calculation_failures.at(reason.variant)}, 2};
    case ReasonCode::condition_not_met: {
      const std::string_view held = held_text(reason);
      return {{held.empty() ? w.condition_not_met : held}, 1};
    }
    case ReasonCode::act_pending:
      return {{w.pending, *static_cast<const Act*>(reason.about)->pending}, 2};
    case ReasonCode::prior_approval_threshold:
      return {{w.referential, static_cast<const Referential*>(reason.about)->name, w.prior_approval}, 3};
    case ReasonCode::rules_conflict:
      return {{w.conflict}, 1};
    default:
      break;
  }
  const std::string_view held = held_text(reason);  // a rule that applies: its own text
  if (!held.empty()) return {{held}, 1};
  return {};
}

void append_held(std::string& out, const Reason& reason, const Words& w) {
  switch (reason.code) {
    case ReasonCode::act_removed: {
      const auto& act = *static_cast<const Act*>(reason.about);
      out += w.removed_since;
      out += date_text(*act.removed_since);
      out += w.removed_colon;
      out += act.label;
      return;
    }
    case ReasonCode::not_in_force:
      return append_not_in_force(out, reason, w);
    case ReasonCode::history_missing:
      return append_history_missing(out, *static_cast<const Rule*>(reason.about), reason.variant, w);
    default:
      break;
  }
  const evaluation::MessagePieces message = held_pieces(reason, w);
  for (std::size_t i = 0; i < message.count; ++i) out += message.pieces[i];
}

}  // namespace

evaluation::MessagePieces evaluation::message_pieces(const Reason& reason, Language language, std::string& scratch) {
  if (reason.wording == 0) {
    const MessagePieces held = held_pieces(reason, language == Language::english ? english : french);
    if (held.count != 0) return held;
  }
  scratch.clear();
  append_message(scratch, reason, language);
  return {{scratch}, 1};
}

std::size_t evaluation::message_size(const Reason& reason, Language language) {
  if (reason.wording != 0) {  // about the size: the wording and what its arguments quote
    std::size_t size = wording_text(static_cast<Wording>(reason.wording), language).size();
    for (const MessageArgument& argument : reason.arguments) size += argument.text.size() + 64;
    return size;
  }
  const MessagePieces held = held_pieces(reason, language == Language::english ? english : french);
  std::size_t size = held.count == 0 ? 256 : 0;  // an act's label and a few words
  for (std::size_t i = 0; i < held.count; ++i) size += held.pieces[i].size();
  return size;
}

void append_message(std::string& out, const Reason& reason, Language language) {
  if (reason.wording != 0) {
    evaluation::append_wording(out, static_cast<evaluation::Wording>(reason.wording), reason.arguments, language);
    return;
  }
  append_held(out, reason, language == Language::english ? english : french);
}

std::string render_message(const Reason& reason, Language language) {
  std::string out;
  append_message(out, reason, language);
  return out;
}

std::string_view reason_source(const Reason& reason) noexcept {
  return reason.cited.empty() ? std::string_view(reason.source) : reason.cited;
}

}  // namespace cotation
