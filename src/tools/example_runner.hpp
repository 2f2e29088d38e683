// The examples written in the rule files (`exemple`), run through the engine and compared
// with what the analyst expects; and what no example exercises (coverage).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "compile/model.hpp"
#include "cotation/diagnostic.hpp"
#include "cotation/engine.hpp"

namespace cotation::tools {

struct LineResult {
  const model::ExpectedLine* expected = nullptr;
  const LineDecision* actual = nullptr;  // null when the engine gave fewer lines
  bool passed = false;
};

struct ExampleResult {
  const model::Example* example = nullptr;
  ClaimDecision decision;
  std::vector<ExplanationStep> explanation;
  std::vector<LineResult> lines;
  bool passed = false;
};

// One thing the examples should exercise: a value of a letter or item read in its period, a
// cotation of an act billed in its period, a condition of an act or item true or false, a
// rule that decides, a rule's `si` true or false.
enum class Branch { read, billed, condition_true, condition_false, applied, when_true, when_false };

struct CoverageItem {
  std::string element;  // "règle dra_mineurs", "acte lombalgie_commune, cotation RAM 7.49 du 2024-02-22 au 2025-06-30"
  Branch branch = Branch::billed;
  bool covered = false;
};

struct ExampleReport {
  std::vector<ExampleResult> results;
  std::vector<CoverageItem> coverage;  // every item, covered or not
  [[nodiscard]] std::size_t failures() const;
};

// Evaluates every example of `rule_set` (each on its own, through RuleSet::evaluate) and
// compares decisions, exact amounts and reasons line by line.
[[nodiscard]] ExampleReport run_examples(const RuleSet& rule_set);

// The report as text for the analyst: each example's verdict, for a failure the claim, what
// was expected, what came out and the explanation (the steps of the failing lines and of the
// claim as a whole; every step with `all_steps`); with `coverage`, what no example exercises.
[[nodiscard]] std::string report_text(const ExampleReport& report, bool coverage, Language language,
                                      bool all_steps = false);
[[nodiscard]] nlohmann::json report_json(const ExampleReport& report, bool coverage);

}  // namespace cotation::tools
