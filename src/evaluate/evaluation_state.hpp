// What the evaluator's files share. In: nothing. Out: the subject a billed code designates
// (Subject), the failures that refuse a line (MissingField, NoValueInForce), and the per-call
// scratch a caller owns (EvaluationScratch::State): the graph's memo, the buffers reused from
// claim to claim, the caches of looked-up codes and composed texts, the patients' histories.
// The compiled rule set stays immutable: everything an evaluation writes lives here.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compile/model.hpp"
#include "cotation/engine.hpp"
#include "evaluate/history.hpp"
#include "evaluate/wordings.hpp"

namespace cotation {
namespace evaluation {

inline constexpr std::size_t none = static_cast<std::size_t>(-1);

// What the billed code designates.
struct Subject {
  bool is_act = false;
  std::size_t index = none;
  Decimal coefficient;  // acts
  const model::Cotation* cotation = nullptr;
  bool old_cotation = false;   // an old cotation accepted during its transition
  bool several_acts = false;   // ... that several acts replaced: which one is not known
  bool act_not_named = false;  // a shared code (`partagée`) whose line does not name one of its acts
  // Acts: the cotations of the code's key letter, null when the letter is unknown or the
  // coefficient is not a number (coefficient_read false).
  const std::vector<model::CodeEntry>* entries = nullptr;
  std::span<const model::CodeEntry> with_coefficient;  // those of `entries` with the coefficient
  bool coefficient_read = false;
  bool letter_known = false;  // "LETTER COEFFICIENT" whose letter the rules declare
  // Whether several acts replace the code (AMS 7.5), and then the source of the replacement
  // that ended last, cited when the code is billed after it
  // (DesignationReasons::outdated_shared_code()).
  bool replaced_by_several_acts = false;
  std::string_view last_replacement_source;
  // A telecare letter (`télésoin des actes`, TMK): the line bills in telecare an act whose
  // coefficient it gives; the acts with that coefficient on the date are its candidates.
  const model::Letter* telecare = nullptr;
  std::size_t candidates = 0;
};

inline bool in_scope(const model::Scope& scope, const Subject& subject) {
  if (subject.is_act) {
    return scope.every_act || std::binary_search(scope.acts.begin(), scope.acts.end(), subject.index);
  }
  return scope.every_item || std::binary_search(scope.items.begin(), scope.items.end(), subject.index);
}

// A field the rules need but the claim lacks: the line cannot be decided.
struct MissingField {
  std::string_view name;
};

// No value of a schedule covers the date: reported, never the nearest value.
struct NoValueInForce {
  Wording wording = Wording::none;
  std::vector<MessageArgument> arguments;
};

// A NoValueInForce in `wording` with these arguments.
template <typename... Args>
[[noreturn]] void throw_no_value(Wording wording, Args&&... args) {
  NoValueInForce absent{wording, {}};
  (absent.arguments.push_back(argument(std::forward<Args>(args))), ...);
  throw absent;
}

// The name of a claim field, as the claim format writes it.
std::string_view field_name(model::Field field);

// What a scratch's cached texts check, for they hold addresses inside a rule set: the count of
// rule sets destroyed (RuleSet::~RuleSet).
extern std::atomic<std::uint64_t> rule_sets_destroyed;

}  // namespace evaluation

struct EvaluationScratch::State {
  history::Histories histories;
  // The history a claim carries (Claim::history), rebuilt for each claim that carries one; its
  // texts are numbered in `histories`, as the counts compare them with the claim's.
  std::optional<history::Patient> carried;
  std::vector<model::Value> values;  // per node, valid when stamp matches
  std::vector<std::uint32_t> stamps;
  std::uint32_t generation = 0;
  // Per claim, kept here so that their capacity serves the next claim.
  std::vector<evaluation::Subject> subjects;                // per billed line
  std::vector<std::uint32_t> applying;                      // the rules that apply to the current line
  std::string piece;                                        // one part of a reason's message being written
  std::vector<std::pair<std::size_t, std::size_t>> pieces;  // parts already in the message
  // A text composed for one old code, kept for the next claims that need the same: the reasons
  // about an old code list the cotations of every act that replaces it (AMS 7.5: dozens). It
  // holds on the days of the periods it was composed from, whatever the order of the claims'
  // dates. Keyed by addresses inside the rule set, and by the count of rule sets destroyed:
  // another rule set may take a freed one's place, but not without that count changing.
  struct CachedText {
    std::uint64_t rule_sets_destroyed = 0;
    const model::Act* act = nullptr;
    const std::vector<model::CodeEntry>* entries = nullptr;  // none: nothing kept yet
    Decimal coefficient;
    model::Period days;
    std::string text;
    const std::string* held = nullptr;  // the text, kept in the rule set (HeldTexts)
  };
  CachedText transition;  // the reason of an old cotation accepted in its transition
  CachedText in_force;    // the cotations in force that replace an old code after its transition
  // What the codes billed lately designate whatever the date (Designation::resolve()'s two hash
  // lookups and number read), in slots chosen by a hash of the code, and the act a line that names none
  // bills with it on the days `resolved_days` (the last resolved). Keyed by the rule set's
  // address and the count of rule sets destroyed, as CachedText.
  struct LookedUpCode {
    std::uint64_t rule_sets_destroyed = 0;
    const RuleSet::Model* model = nullptr;  // none: an empty slot
    std::string code;
    evaluation::Subject subject;
    evaluation::Subject resolved;
    model::Period resolved_days = model::no_days;
  };
  std::array<LookedUpCode, 64> looked_up;
  std::vector<LineDecision> candidates;  // a telecare line decided for each of its candidate acts
};

}  // namespace cotation
