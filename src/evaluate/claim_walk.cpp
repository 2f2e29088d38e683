// Deciding a claim: the walk over its lines, and the engine's entry points (RuleSet::evaluate,
// evaluate_in_sequence, evaluate_batch). In: a claim, the immutable compiled model, the caller's
// scratch, and in sequence the patient's history. Out: the ClaimDecision — each line's decision,
// the claim's total and its decision — and, in sequence, the claim added to the history.
//
// The walk takes three steps, in this order (decide_claim()):
//   1. designate (Designation, designation.hpp): what each line's code designates on the day, for
//      all lines first, since a line's rules read the other lines (cumulations, limits, `détient`);
//      in sequence, the counts the claim does not give are then derived from the patient's
//      earlier claims of the same series (limits.hpp), which its acts tell;
//   2. decide each line (LineDecider, line_decision.hpp): its eligibility, its price, its limits
//      and rules. A line whose rules read other lines' decisions (`seulement avec`: an item that
//      exists only beside an accepted act of the session) is decided after those lines, in a
//      later pass (RuleSet::Model::act_pass and item_pass, ordered by the compiler); the others,
//      most claims' lines, in the first, in billing order;
//   3. combine: the claim's total and decision from its lines' decisions.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <utility>
#include <vector>

#include "cotation/json.hpp"
#include "evaluate/claim_read/problems.hpp"
#include "evaluate/claim_walk.hpp"
#include "evaluate/designation.hpp"
#include "evaluate/evaluation_state.hpp"
#include "evaluate/limits.hpp"
#include "evaluate/line_decision.hpp"

namespace cotation {

namespace evaluation {

std::atomic<std::uint64_t> rule_sets_destroyed{0};

namespace {

using namespace model;

std::uint8_t pass_of(const RuleSet::Model& model, const Subject& subject) {
  if (subject.index == none) return 0;
  return subject.is_act ? model.act_pass[subject.index] : model.item_pass[subject.index];
}

// 2. Each line decided in its pass, in billing order within a pass.
void decide_lines(const RuleSet::Model& model, const Claim& claim, const Series& series, const SameDay& same_day,
                  const history::Patient* history, const Designation& designation, Day day,
                  EvaluationScratch::State& scratch, std::vector<ExplanationStep>* explanation,
                  ClaimDecision& decision) {
  decision.lines.resize(claim.lines.size());
  LineDecider decider(model, claim, series, same_day, history, scratch, designation, day, decision.lines, explanation);
  std::uint8_t last = 0;
  for (std::uint8_t pass = 0; pass <= last; ++pass) {
    std::size_t act_rank = 0;
    for (std::size_t i = 0; i < claim.lines.size(); ++i) {
      const Subject& subject = scratch.subjects[i];
      if (subject.is_act && subject.index != none) ++act_rank;
      const std::uint8_t line_pass = pass_of(model, subject);
      last = std::max(last, line_pass);
      if (line_pass == pass) decider.decide(i, act_rank, decision.lines[i]);
    }
  }
}

// 3. The claim's total and decision from its lines': accepted when every line is, refused when
// one is, else waiting for a prior approval (a claim without lines is refused by validate).
void combine_lines(ClaimDecision& decision) {
  bool all_accepted = !decision.lines.empty();
  bool any_refused = false;
  for (const auto& line : decision.lines) {
    if (line.decision == Decision::accepted && line.amount) decision.total += *line.amount;
    all_accepted = all_accepted && line.decision == Decision::accepted;
    any_refused = any_refused || line.decision == Decision::refused;
  }
  decision.decision = all_accepted ? Decision::accepted : any_refused ? Decision::refused : Decision::prior_approval;
}

// Decides `claim` into `decision`, whose strings and vectors are reused. `series` and
// `same_day` are the claim's; in sequence they are completed from the patient's `history` (null
// when the claim is decided alone) once the lines are designated, as a series is that of the
// claim's acts.
void decide_claim(const RuleSet::Model& model, const Claim& claim, Series& series, SameDay& same_day,
                  const history::Patient* history, EvaluationScratch::State& scratch,
                  std::vector<ExplanationStep>* explanation, ClaimDecision& decision) {
  decision.id.assign(claim.id);
  decision.meta.assign(claim.meta);
  decision.rule_set.assign(model.hash);
  decision.total = Decimal();
  decision.reasons.clear();
  if (scratch.values.size() < model.nodes.size()) {
    scratch.values.resize(model.nodes.size());
    scratch.stamps.resize(model.nodes.size(), 0);
  }
  // A claim built in C++ gets the reader's checks (a claim the reader made passes them).
  std::vector<Reason> problems = validate(claim);
  if (!claim.date) {
    problems.push_back(
        claim_read::format_problem(ReasonCode::missing_field, "date", evaluation::Wording::missing_date));
  }
  if (!problems.empty()) {
    decision.decision = Decision::invalid;
    decision.lines.clear();
    decision.reasons = std::move(problems);
    return;
  }
  const Day day = day_of(*claim.date);
  // 1. What each line's code designates on the day.
  Designation designation(model, scratch, day);
  designation.designate(claim, scratch.subjects);
  if (history != nullptr) {
    complete_from_history(model, claim, day, scratch.subjects, scratch.histories, *history, series, same_day);
  }
  decide_lines(model, claim, series, same_day, history, designation, day, scratch, explanation, decision);
  combine_lines(decision);
}

// The history the claim carries (Claim::history), in the scratch's patient kept for it; null
// when the claim carries none.
const history::Patient* carried_history(const RuleSet::Model& model, const Claim& claim,
                                        EvaluationScratch::State& scratch) {
  if (!claim.history) return nullptr;
  history::Patient& patient = scratch.carried.emplace(claim.patient.id, std::pmr::get_default_resource());
  add_carried_history(model, *claim.history, scratch, patient);
  return &patient;
}

}  // namespace

}  // namespace evaluation

EvaluationScratch::EvaluationScratch() : state_(std::make_unique<State>()) {}
EvaluationScratch::~EvaluationScratch() = default;
EvaluationScratch::EvaluationScratch(EvaluationScratch&&) noexcept = default;
EvaluationScratch& EvaluationScratch::operator=(EvaluationScratch&&) noexcept = default;

void EvaluationScratch::forget_history() {
  state_->histories.clear();
}

history::Histories& history::histories_of(EvaluationScratch& scratch) {
  return scratch.state().histories;
}

RuleSet::RuleSet(std::unique_ptr<const Model> model) : model_(std::move(model)) {}
RuleSet::~RuleSet() {
  evaluation::rule_sets_destroyed.fetch_add(1, std::memory_order_relaxed);
}
const std::string& RuleSet::hash() const noexcept {
  return model_->hash;
}

void RuleSet::evaluate(const Claim& claim, EvaluationScratch& scratch, ClaimDecision& decision,
                       std::vector<ExplanationStep>* explanation) const {
  // Alone, the claim has no earlier session that day unless it says so or carries its history,
  // as a `par jour` limit counts only its own lines (and says so, Limits::counted_without_history).
  Series series = claim.series;
  SameDay same_day = claim.same_day;
  const history::Patient* carried = evaluation::carried_history(*model_, claim, scratch.state());
  if (carried == nullptr && !same_day.earlier_sessions) same_day.earlier_sessions = 0;
  evaluation::decide_claim(*model_, claim, series, same_day, carried, scratch.state(), explanation, decision);
}

ClaimDecision RuleSet::evaluate(const Claim& claim, EvaluationScratch& scratch,
                                std::vector<ExplanationStep>* explanation) const {
  ClaimDecision decision;
  evaluate(claim, scratch, decision, explanation);
  return decision;
}

void RuleSet::evaluate_in_sequence(const Claim& claim, EvaluationScratch& scratch, ClaimDecision& decision,
                                   std::vector<ExplanationStep>* explanation) const {
  if (claim.patient.id.empty() || !claim.date) {
    evaluate(claim, scratch, decision, explanation);
    return;
  }
  EvaluationScratch::State& state = scratch.state();
  history::Patient& patient = state.histories.patient(claim.patient.id);
  const model::Day today = model::day_of(*claim.date);
  Series series = claim.series;
  SameDay same_day = claim.same_day;
  // The history a claim carries is its whole history; the claim still joins the sequence's.
  const history::Patient* carried = evaluation::carried_history(*model_, claim, state);
  evaluation::decide_claim(*model_, claim, series, same_day, carried != nullptr ? carried : &patient, state,
                           explanation, decision);
  evaluation::add_to_history(*model_, claim, today, decision, state.subjects, state.histories, patient);
  patient.fold(today, state.histories.window_of(*model_));
}

void evaluate_first_of_patient(const RuleSet& rule_set, const Claim& claim, EvaluationScratch& scratch,
                               ClaimDecision& decision, std::vector<ExplanationStep>* explanation) {
  if (claim.patient.id.empty() || !claim.date) {
    rule_set.evaluate(claim, scratch, decision, explanation);
    return;
  }
  // The history a claim carries is its whole history, as in a sequence.
  const history::Patient no_earlier_session(claim.patient.id, std::pmr::get_default_resource());
  const history::Patient* carried = evaluation::carried_history(rule_set.model(), claim, scratch.state());
  Series series = claim.series;
  SameDay same_day = claim.same_day;
  evaluation::decide_claim(rule_set.model(), claim, series, same_day,
                           carried != nullptr ? carried : &no_earlier_session, scratch.state(), explanation, decision);
}

ClaimDecision RuleSet::evaluate_in_sequence(const Claim& claim, EvaluationScratch& scratch,
                                            std::vector<ExplanationStep>* explanation) const {
  ClaimDecision decision;
  evaluate_in_sequence(claim, scratch, decision, explanation);
  return decision;
}

std::vector<ClaimDecision> RuleSet::evaluate_batch(const std::vector<Claim>& claims, EvaluationScratch& scratch) const {
  std::vector<ClaimDecision> decisions;
  decisions.reserve(claims.size());
  for (const Claim& claim : claims) decisions.push_back(evaluate_in_sequence(claim, scratch));
  scratch.forget_history();
  return decisions;
}

}  // namespace cotation
