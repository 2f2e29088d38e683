// The engine: compile a rule set once, then decide claims with it, from many threads.
//
//   auto compiled = cotation::compile_rule_set("rules/");
//   if (!compiled.ok()) { for (auto& d : compiled.diagnostics) std::cerr << render(d, ...); }
//   cotation::EvaluationScratch scratch;                 // one per thread, reused
//   cotation::ClaimDecision decision = compiled.rule_set->evaluate(claim, scratch);
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cotation/claim.hpp"
#include "cotation/decision.hpp"
#include "cotation/diagnostic.hpp"
#include "cotation/export.h"
#include "cotation/rule_set.hpp"

COTATION_PUBLIC_BEGIN
namespace cotation {

struct CompileOptions {
  ParseOptions parse;
  // Read the rule set as consolidated (amendments applied) or as the texts were signed.
  bool apply_amendments = true;
};

// One step of an explanation: what was looked at or decided, its value, and its source.
struct ExplanationStep {
  std::string what;    // "valeur de RAM le 2025-07-01 en métropole"
  std::string value;   // "2.21"
  std::string source;  // "av7, art. 2.1"
  // The index in claim.lines of the line being decided when the step was needed; none for a
  // step about the claim as a whole.
  std::optional<std::size_t> line = std::nullopt;
};

// Per-thread evaluation state: reused from claim to claim so that evaluating allocates
// nothing once warm. Not shared between threads.
class EvaluationScratch {
 public:
  EvaluationScratch();
  ~EvaluationScratch();
  EvaluationScratch(const EvaluationScratch&) = delete;
  EvaluationScratch& operator=(const EvaluationScratch&) = delete;
  EvaluationScratch(EvaluationScratch&&) noexcept;
  EvaluationScratch& operator=(EvaluationScratch&&) noexcept;

  // Forgets the patients' earlier claims seen by RuleSet::evaluate_in_sequence.
  void forget_history();

  struct State;
  State& state() { return *state_; }

 private:
  std::unique_ptr<State> state_;
};

// A compiled rule set: immutable, safe to evaluate from many threads at once.
class RuleSet {
 public:
  struct Model;
  explicit RuleSet(std::unique_ptr<const Model> model);
  ~RuleSet();
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  // Decides every line of `claim`. When `explanation` is given, the steps that led to the
  // decision are appended to it, in the order they were needed.
  [[nodiscard]] ClaimDecision evaluate(const Claim& claim, EvaluationScratch& scratch,
                                       std::vector<ExplanationStep>* explanation = nullptr) const;

  // Like evaluate, and the claim joins its patient's history in `scratch`: counts that
  // depend on earlier sessions and that the claim does not give are derived from the
  // patient's claims evaluated before it through the same scratch.
  [[nodiscard]] ClaimDecision evaluate_in_sequence(const Claim& claim, EvaluationScratch& scratch,
                                                   std::vector<ExplanationStep>* explanation = nullptr) const;

  // The same two, deciding into a caller-owned `decision` whose strings and vectors are
  // reused: with a warm scratch and a decision filled before, an accepted claim (and most
  // refused ones) allocates nothing, unless an explanation is asked for or, in sequence, the
  // patient's history grows (tests/evaluate/allocation_test.cpp says exactly what is covered).
  void evaluate(const Claim& claim, EvaluationScratch& scratch, ClaimDecision& decision,
                std::vector<ExplanationStep>* explanation = nullptr) const;
  void evaluate_in_sequence(const Claim& claim, EvaluationScratch& scratch, ClaimDecision& decision,
                            std::vector<ExplanationStep>* explanation = nullptr) const;

  // Decides claims given together, in input order. Counts that depend on earlier sessions
  // come from each claim's series fields when given; otherwise they are derived from the
  // earlier claims of the same patient in `claims` (docs/claim-format.md, "History").
  [[nodiscard]] std::vector<ClaimDecision> evaluate_batch(const std::vector<Claim>& claims,
                                                          EvaluationScratch& scratch) const;

  // Content hash of the rule files, written in every decision.
  [[nodiscard]] const std::string& hash() const noexcept;
  [[nodiscard]] const Model& model() const noexcept { return *model_; }

 private:
  std::unique_ptr<const Model> model_;
};

struct CompileResult {
  std::shared_ptr<const RuleSet> rule_set;  // null when there are errors
  std::vector<Diagnostic> diagnostics;      // sorted; errors and warnings
  [[nodiscard]] bool ok() const noexcept { return rule_set != nullptr; }
};

[[nodiscard]] CompileResult compile_rule_set(const std::filesystem::path& path, const CompileOptions& options = {});
// The same from files given in memory (RuleText): a program that keeps its rules elsewhere than
// in a directory (a database, an archive, its own resources) compiles them without a file.
[[nodiscard]] CompileResult compile_rule_set(std::vector<RuleText> files, const CompileOptions& options = {});

}  // namespace cotation
COTATION_PUBLIC_END
