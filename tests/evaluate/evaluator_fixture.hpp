// The evaluator tests' fixture (tests/evaluate/evaluator_*_test.cpp): the fixture rule set
// tests/evaluate/rules/ compiled once, a complete claim to start from, and the assertions
// that print the whole decision when they fail.
#pragma once

#include <gtest/gtest.h>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>
#include "compile/model.hpp"
#include "cotation/engine.hpp"

namespace cotation::evaluator_test {

namespace fs = std::filesystem;

inline const fs::path fixture = fs::path(COTATION_SOURCE_DIR) / "tests/evaluate/rules";

// The fixture, compiled once for the whole suite (consolidated: amendments applied).
class Evaluator : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    CompileResult compiled = compile_rule_set(fixture);
    std::string diagnostics;
    for (const Diagnostic& d : compiled.diagnostics) diagnostics += render(d, Language::french);
    ASSERT_TRUE(compiled.ok()) << diagnostics;
    consolidated_ = new std::shared_ptr<const RuleSet>(compiled.rule_set);
    CompileOptions as_signed;
    as_signed.apply_amendments = false;
    CompileResult signed_compiled = compile_rule_set(fixture, as_signed);
    ASSERT_TRUE(signed_compiled.ok());
    as_signed_ = new std::shared_ptr<const RuleSet>(signed_compiled.rule_set);
  }
  static void TearDownTestSuite() {
    delete consolidated_;
    delete as_signed_;
    consolidated_ = nullptr;
    as_signed_ = nullptr;
  }

  static const RuleSet& rules() { return **consolidated_; }
  static const RuleSet& rules_as_signed() { return **as_signed_; }

  ClaimDecision decide(const Claim& claim, std::vector<ExplanationStep>* explanation = nullptr) {
    return rules().evaluate(claim, scratch_, explanation);
  }

  EvaluationScratch scratch_;

 private:
  inline static std::shared_ptr<const RuleSet>* consolidated_ = nullptr;
  inline static std::shared_ptr<const RuleSet>* as_signed_ = nullptr;
};

inline Date on(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

inline Decimal money(std::string_view text) {
  return Decimal::parse(text);
}

// A complete claim: every field given, so that only what a test removes is missing.
// Metropolitan France, at the practice, adult patient, medical prescription, first session.
inline Claim claim_of(std::string id, Date date, std::vector<std::string> codes) {
  Claim claim;
  claim.id = std::move(id);
  claim.date = date;
  claim.region = Region::metropole;
  claim.place = Place::cabinet;
  claim.patient.id = "p-" + claim.id;
  claim.patient.age = 45;
  for (auto& code : codes) claim.lines.push_back(ClaimLine{std::move(code)});
  claim.prescription.kind = PrescriptionKind::medical;
  claim.series.session_number = 1;
  claim.series.sessions_12_months_before = 0;
  claim.series.prior_approval = false;
  claim.time.night = false;
  claim.time.sunday_or_holiday = false;
  claim.time.urgent = false;
  claim.telehealth = false;
  return claim;
}

inline std::string amount_text(const std::optional<Decimal>& amount) {
  return amount ? amount->to_string() : "(aucun)";
}

inline std::string reasons_text(const std::vector<Reason>& reasons) {
  std::string out;
  for (const Reason& r : reasons) {
    out += "  [" + std::string(r.rule) + "] " + render_message(r) + " (" + std::string(reason_source(r)) + ")\n";
  }
  return out;
}

inline std::string describe(const ClaimDecision& decision) {
  std::string out = std::string(to_string(decision.decision)) + " total " + decision.total.to_string() + "\n" +
                    reasons_text(decision.reasons);
  for (const LineDecision& line : decision.lines) {
    out += line.code + ": " + std::string(to_string(line.decision)) + " " + amount_text(line.amount) + "\n" +
           reasons_text(line.reasons);
  }
  return out;
}

// The line is accepted with exactly this amount (compared by value: 2.5 == 2.50).
inline void expect_accepted(const ClaimDecision& decision, std::size_t index, std::string_view amount) {
  ASSERT_LT(index, decision.lines.size()) << describe(decision);
  const LineDecision& line = decision.lines[index];
  EXPECT_EQ(line.decision, Decision::accepted) << describe(decision);
  ASSERT_TRUE(line.amount.has_value()) << describe(decision);
  EXPECT_EQ(*line.amount, money(amount)) << line.code << ": " << line.amount->to_string() << " instead of " << amount
                                         << "\n"
                                         << describe(decision);
}

inline void expect_total(const ClaimDecision& decision, std::string_view total) {
  EXPECT_EQ(decision.total, money(total)) << decision.total.to_string() << " instead of " << total << "\n"
                                          << describe(decision);
}

// `rule` names the rule of the reason, or its code.
inline bool has_reason(const std::vector<Reason>& reasons, std::string_view rule, std::string_view message_part) {
  for (const Reason& r : reasons) {
    if ((rule.empty() || r.rule == rule || to_string(r.code) == rule) &&
        render_message(r).find(message_part) != std::string::npos)
      return true;
  }
  return false;
}

// The line is refused, has no amount, and gives a reason of `rule` whose message holds `message_part`.
inline void expect_refused(const ClaimDecision& decision, std::size_t index, std::string_view rule,
                           std::string_view message_part) {
  ASSERT_LT(index, decision.lines.size()) << describe(decision);
  const LineDecision& line = decision.lines[index];
  EXPECT_EQ(line.decision, Decision::refused) << describe(decision);
  EXPECT_FALSE(line.amount.has_value()) << describe(decision);
  EXPECT_TRUE(has_reason(line.reasons, rule, message_part)) << "no reason [" << rule << "] « " << message_part << " »\n"
                                                            << describe(decision);
}

inline const Reason* find_reason(const std::vector<Reason>& reasons, std::string_view rule) {
  for (const Reason& r : reasons) {
    if (r.rule == rule) return &r;
  }
  return nullptr;
}

// Citations as the explanation shows them: the source's label, then the detail.
constexpr std::string_view label_av_test = "Avenant de test créant les nouvelles lettres clés";
constexpr std::string_view label_ngap_test = "Nomenclature générale des actes professionnels (fixture de test)";
constexpr std::string_view label_fonds_test = "Assurance Maladie : synthèse des mesures (fixture de test)";
constexpr std::string_view label_guide_test = "Guide éditeur de la nomenclature (fixture de test)";

inline std::string cited(std::string_view label, std::string_view detail) {
  return std::string(label) + ", " + std::string(detail);
}

// A rule set of the repository, compiled on first use and kept for the whole run.
inline const RuleSet& compiled_once(const std::string& directory) {
  static std::map<std::string, std::shared_ptr<const RuleSet>> compiled;
  auto& rules = compiled[directory];
  if (!rules) {
    const CompileResult result = compile_rule_set(fs::path(COTATION_SOURCE_DIR) / directory);
    if (!result.ok()) throw std::runtime_error("the rule set " + directory + " does not compile");
    rules = result.rule_set;
  }
  return *rules;
}

inline std::string step_value(const std::vector<ExplanationStep>& steps, std::string_view what) {
  for (const ExplanationStep& step : steps) {
    if (step.what == what) return step.value;
  }
  return "(absent)";
}

inline Claim without_history(Claim claim) {
  claim.series.session_number.reset();
  claim.series.sessions_12_months_before.reset();
  return claim;
}

inline Date plus_days(Date date, int days) {
  return Date{std::chrono::sys_days(date) + std::chrono::days(days)};
}

// A lombalgie session (RAM 7.49) of `patient`; the series fields the test leaves out are
// derived from the patient's earlier claims.
inline Claim lombalgie_session(std::string id, std::string patient, Date date) {
  Claim claim = without_history(claim_of(std::move(id), date, {"RAM 7.49"}));
  claim.patient.id = std::move(patient);
  return claim;
}

}  // namespace cotation::evaluator_test
