// Limits and the counts they read. In: a referential's threshold or a rule's limit, the claim's
// counts (its rank in the series, its sessions in the 12 months before), the claim's earlier
// lines and the patient's earlier claims. Out: whether the threshold or limit is exceeded; a
// count the claim lacks is noted (missing()), not thrown: the line is then refused for it.
// Also the history's side: the counts a claim does not give, derived from its patient's
// earlier claims, and what the claim leaves in that history for the next ones.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "compile/model.hpp"
#include "cotation/claim.hpp"
#include "cotation/decision.hpp"
#include "evaluate/claim_fields.hpp"
#include "evaluate/evaluation_state.hpp"
#include "evaluate/history.hpp"

namespace cotation::evaluation {

class Limits {
 public:
  // `history` is null when the claim is decided alone.
  Limits(const Claim& claim, ClaimFields& fields, const std::vector<Subject>& subjects, history::Histories& histories,
         const history::Patient* history)
      : claim_(claim), fields_(fields), subjects_(subjects), histories_(histories), history_(history) {}

  // A new line: no count is missing yet.
  void start_line() { missing_count_.reset(); }
  // The count the current line lacks, if any.
  [[nodiscard]] const std::optional<model::Field>& missing() const { return missing_count_; }

  // Thresholds count sessions: the claim's rank in its series, or its sessions in the 12
  // months before plus itself. False when the claim lacks the count (missing() says which).
  bool threshold_exceeded(const model::Threshold& threshold) {
    const bool in_window = threshold.scope == model::Threshold::Scope::window;
    const auto count = count_of(in_window ? model::Field::sessions_12_months_before : model::Field::session_number);
    if (!count) return false;
    const auto sessions = static_cast<std::int32_t>(threshold.sessions);
    switch (threshold.scope) {
      case model::Threshold::Scope::series:
        return *count > sessions;
      case model::Threshold::Scope::window:
        return *count + 1 > sessions;
      case model::Threshold::Scope::from_session:
        return *count >= sessions;
    }
    return false;
  }

  // A limit counts the lines in the rule's scope: earlier lines of this claim, and for the
  // same day, year or episode the patient's earlier claims given in the same input; per series,
  // the session's rank.
  bool limit_exceeded(const model::Limit& limit, std::size_t line_index, const model::Rule& rule);

  // Whether `limit` counts earlier sessions that the claim decided lacks: decided alone, without
  // carried `history` (docs/claim-format.md §7); a `par jour` limit has them when the claim says
  // it is the day's first session (same_day.earlier_sessions 0). `par série` reads the session's
  // rank, which, missing, refuses the line.
  [[nodiscard]] bool counted_without_history(const model::Limit& limit) const {
    if (history_ != nullptr || limit.per == model::Limit::Per::series) return false;
    return limit.per != model::Limit::Per::day || claim_.same_day.earlier_sessions != 0;
  }
  // Whether the last limit_exceeded() counted a period whose oldest days were folded out of the
  // history (history::Patient::fold): a claim far out of date order.
  [[nodiscard]] bool counted_folded_period() const { return folded_period_; }

 private:
  // The count a threshold or a limit reads. When the claim lacks it the line cannot be decided:
  // noted in missing_count_, and the line is left as a MissingField would leave it. Not thrown:
  // a claim without its series' counts, decided alone, meets this at each act line, and an
  // exception costs microseconds.
  std::optional<std::int32_t> count_of(model::Field which) {
    const auto count = fields_.counted(which);
    if (!count) missing_count_ = which;
    return count;
  }

  const Claim& claim_;
  ClaimFields& fields_;
  const std::vector<Subject>& subjects_;
  history::Histories& histories_;
  const history::Patient* history_;
  std::optional<model::Field> missing_count_;
  bool folded_period_ = false;
};

// The counts that `claim`, on `today`, does not give, derived from the patient's earlier claims:
// its rank in its series and its sessions of that series in the 12 months before (the earlier
// claims of its prescription.id, or without one of its acts' series: what `subjects` says its
// lines bill), the same day's earlier sessions and whether one of them had the same prescription.
void complete_from_history(const RuleSet::Model& model, const Claim& claim, model::Day today,
                           const std::vector<Subject>& subjects, history::Histories& histories,
                           const history::Patient& patient, Series& series, SameDay& same_day);

// The claim joins its patient's history: its accepted lines (what `subjects` says they bill)
// and its session.
void add_to_history(const RuleSet::Model& model, const Claim& claim, model::Day today, const ClaimDecision& decision,
                    const std::vector<Subject>& subjects, history::Histories& histories, history::Patient& patient);

// An earlier session's lines designated on its date, into the scratch's subjects; out, the series
// they make, as the history counts it.
history::SeriesKeys designate_session(const RuleSet::Model& model, const EarlierSession& session,
                                      EvaluationScratch::State& scratch);

// The earlier sessions a claim carries (Claim::history) join `patient`, a patient of no other
// session: each session's lines designated on its date, its accepted lines and the session.
// Uses the scratch's subjects, before the claim's own lines are designated.
void add_carried_history(const RuleSet::Model& model, std::span<const EarlierSession> sessions,
                         EvaluationScratch::State& scratch, history::Patient& patient);

}  // namespace cotation::evaluation
