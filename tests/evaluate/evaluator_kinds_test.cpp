// The evaluator's other paths: telehealth candidates, conjunctions, guards, formulas and code
// entries (evaluator_fixture.hpp). Amounts by hand.
#include <gtest/gtest.h>

#include <algorithm>

#include "evaluate/evaluator_fixture.hpp"

namespace cotation {
namespace {

using namespace evaluator_test;  // NOLINT(google-build-using-namespace)

// The shipped rules: the letter TMK bills in telecare the act whose coefficient the line gives.
class Telecare : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    CompileResult compiled = compile_rule_set(fs::path(COTATION_SOURCE_DIR) / "rules");
    ASSERT_TRUE(compiled.ok());
    shipped_ = new std::shared_ptr<const RuleSet>(compiled.rule_set);
  }
  static void TearDownTestSuite() {
    delete shipped_;
    shipped_ = nullptr;
  }

  // A telehealth session on 2024-09-02 (TMK = 2.15 €), second of its series.
  static Claim session(std::string code, std::string act = "") {
    Claim claim = claim_of("tmk", on(2024, 9, 2), {std::move(code)});
    claim.lines[0].act = std::move(act);
    claim.telehealth = true;
    claim.series.session_number = 2;
    claim.series.sessions_12_months_before = 1;
    return claim;
  }

  ClaimDecision decide(const Claim& claim) { return (*shipped_)->evaluate(claim, scratch_); }

  EvaluationScratch scratch_;

 private:
  static std::shared_ptr<const RuleSet>* shipped_;
};

std::shared_ptr<const RuleSet>* Telecare::shipped_ = nullptr;

TEST_F(Telecare, NamedActIsPricedWithTheTelecareLetter) {
  const ClaimDecision decision = decide(session("TMK 7.49", "lombalgie_commune"));
  expect_accepted(decision, 0, "16.10");  // 7.49 x 2.15 = 16.1035 -> 16.10
}

TEST_F(Telecare, RoundedAsTheTelecareLetterSays) {
  const ClaimDecision decision = decide(session("TMK 8.5", "respiratoire_hors_urgence"));
  expect_accepted(decision, 0, "18.28");  // 8.5 x 2.15 = 18.275 -> 18.28 (half away from zero)
}

TEST_F(Telecare, NamedActKeepsItsThresholds) {
  Claim claim = session("TMK 7.49", "lombalgie_commune");
  claim.series.session_number = 16;  // beyond 15 sessions of the series: HAS referential
  const ClaimDecision decision = decide(claim);
  EXPECT_EQ(decision.lines.at(0).decision, Decision::prior_approval) << describe(decision);
  EXPECT_TRUE(has_reason(decision.lines[0].reasons, "lombalgie_commune", "accord préalable")) << describe(decision);
}

TEST_F(Telecare, RefusedInASessionAtThePractice) {
  Claim claim = session("TMK 7.49", "lombalgie_commune");
  claim.telehealth = false;
  expect_refused(decide(claim), 0, "telehealth_required", "présence du patient");
  claim.telehealth.reset();
  expect_refused(decide(claim), 0, "telehealth_required", "ne dit pas si la séance est en télésoin");
}

TEST_F(Telecare, NamedActThatIsNoCandidateIsRefused) {
  expect_refused(decide(session("TMK 7.49", "bdk")), 0, "act_not_named", "« bdk », qui n'en est pas");
}

TEST_F(Telecare, CoefficientOfNoActIsRefused) {
  expect_refused(decide(session("TMK 7.77")), 0, "unknown_code", "aucun acte n'a le coefficient 7.77");
  expect_refused(decide(session("TMK sept")), 0, "bad_coefficient", "n'est pas un nombre");
}

TEST_F(Telecare, CandidatesThatAllAcceptAcceptWithTheirNames) {
  Claim claim = session("TMK 7.49");
  // deviation_rachis_lombo_sacre is for patients under 18 only; canal_carpien asks for prior
  // approval from the first session.
  claim.patient.age = 16;
  claim.series.prior_approval = true;
  const ClaimDecision decision = decide(claim);
  expect_accepted(decision, 0, "16.10");  // 7.49 x 2.15 = 16.1035 -> 16.10, whichever act
  EXPECT_TRUE(has_reason(decision.lines[0].reasons, "candidate_acts", "lombalgie_commune")) << describe(decision);
  EXPECT_TRUE(has_reason(decision.lines[0].reasons, "candidate_acts", "chacun de ces actes l'admet"))
      << describe(decision);
}

TEST_F(Telecare, CandidatesThatDisagreeAskForTheAct) {
  // Aged 45 without prior approval: lombalgie_commune accepts, canal_carpien asks for approval,
  // deviation_rachis_lombo_sacre refuses.
  const ClaimDecision decision = decide(session("TMK 7.49"));
  expect_refused(decision, 0, "ambiguous_act", "la ligne doit nommer l'acte (champ act)");
  EXPECT_TRUE(has_reason(decision.lines[0].reasons, "ambiguous_act", "canal_carpien : accord préalable"))
      << describe(decision);
  EXPECT_FALSE(decision.lines[0].amount.has_value()) << describe(decision);
}

// A code several acts share (AMK 10 from 2026-09-01: bilan_isole_amk_10, reperage_fragilite)
// billed without `act` is decided for each, as a telecare line is.
TEST_F(Telecare, SharedCodeWithoutActIsDecidedForEachAct) {
  Claim claim = claim_of("amk10", on(2026, 9, 1), {"AMK 10"});
  claim.patient.age = 70;
  const ClaimDecision both = decide(claim);
  expect_accepted(both, 0, "22.10");  // 10 x 2.21 = 22.10, whichever act
  EXPECT_TRUE(has_reason(both.lines[0].reasons, "candidate_acts", "chacun de ces actes l'admet")) << describe(both);
  claim.patient.age = 69;  // reperage_fragilite is for 70 and over
  const ClaimDecision differ = decide(claim);
  expect_refused(differ, 0, "ambiguous_act", "la ligne doit nommer l'acte (champ act)");
  EXPECT_TRUE(has_reason(differ.lines[0].reasons, "ambiguous_act", "reperage_fragilite : refusée")) << describe(differ);
  claim.lines[0].act = "bdk";
  expect_refused(decide(claim), 0, "act_not_named", "la ligne nomme « bdk », qui n'en est pas");
}

TEST_F(Telecare, CandidatesAllExcludedAreRefusedWithTheExclusion) {
  expect_refused(decide(session("TMK 2.2")), 0, "telesoin_balneotherapie", "kinébalnéothérapie");
}

// A rule's `si` whose top is `et` or `ou` is decided without computing that node; the same
// predicate negated in another rule is computed node by node (fixture rules-conjunctions). Over
// every combination of its fields, exactly one of the two rules applies, and a field the
// predicate does not need to decide (serie.accord_prealable unless horaire.nuit) may be missing.
TEST(Conjunctions, DecidedAtTheTopAsComputedInside) {
  const RuleSet& rules = compiled_once("tests/evaluate/rules-conjunctions");
  EvaluationScratch scratch;
  for (const bool night : {false, true}) {
    for (const std::optional<bool> approval : {std::optional<bool>(), std::optional(false), std::optional(true)}) {
      for (const int age : {10, 45}) {
        for (const bool urgent : {false, true}) {
          Claim claim = claim_of("et-ou", on(2025, 3, 1), {"RAM 7.49"});
          claim.time.night = night;
          claim.series.prior_approval = approval;
          claim.patient.age = age;
          claim.time.urgent = urgent;
          const ClaimDecision decision = rules.evaluate(claim, scratch);
          const std::string context = describe(decision);
          ASSERT_EQ(decision.lines.size(), 1U) << context;
          const std::vector<Reason>& reasons = decision.lines[0].reasons;
          EXPECT_EQ(decision.lines[0].decision, Decision::refused) << context;
          ASSERT_EQ(reasons.size(), 1U) << context;
          if (night && !approval) {
            EXPECT_EQ(reasons[0].code, ReasonCode::missing_data) << context;
            continue;
          }
          const bool holds = (night && (*approval || age < 18)) || urgent;
          EXPECT_EQ(reasons[0].rule, holds ? "en_tete" : "niee") << context;
        }
      }
    }
  }
}

// A rule whose `si` starts with a comparison of a field with a constant has a guard, checked
// before its `si` is walked (fixture rules-guards); with an explanation, every `si` is walked.
// Over combinations of the fields the rules read, each given or missing, the decisions with and
// without the guards must be the ones the rules' text gives, worked out here rule by rule.
TEST(Guards, DecideAsTheRulesText) {
  const RuleSet& rules = compiled_once("tests/evaluate/rules-guards");
  const auto guard_of = [&](std::string_view name) {
    for (const model::Rule& rule : rules.model().rules) {
      if (rule.name == name) return rule.guard;
    }
    throw std::runtime_error("no rule " + std::string(name));
  };
  // 18 > patient.age, read from the field's side; prescription.nature = renouvellement; the
  // boolean horaire.urgence, true when not 0; a fraction is compared by the graph only.
  ASSERT_TRUE(guard_of("garde_inversee"));
  EXPECT_EQ(guard_of("garde_inversee")->field, model::Field::patient_age);
  EXPECT_EQ(guard_of("garde_inversee")->op, model::Op::less);
  EXPECT_EQ(guard_of("garde_inversee")->constant, 18);
  ASSERT_TRUE(guard_of("garde_enumeration"));
  EXPECT_EQ(guard_of("garde_enumeration")->field, model::Field::prescription_kind);
  EXPECT_EQ(guard_of("garde_enumeration")->op, model::Op::equal);
  EXPECT_EQ(guard_of("garde_enumeration")->constant, static_cast<std::int64_t>(PrescriptionKind::renewal));
  ASSERT_TRUE(guard_of("garde_booleenne"));
  EXPECT_EQ(guard_of("garde_booleenne")->field, model::Field::urgent);
  EXPECT_EQ(guard_of("garde_booleenne")->op, model::Op::not_equal);
  EXPECT_EQ(guard_of("garde_booleenne")->constant, 0);
  EXPECT_FALSE(guard_of("sans_garde"));

  EvaluationScratch scratch;
  std::size_t refused_by_rules = 0;
  const std::optional<int> ages[] = {std::nullopt, 10, 45};
  const std::optional<bool> flags[] = {std::nullopt, false, true};
  const std::optional<PrescriptionKind> kinds[] = {std::nullopt, PrescriptionKind::medical, PrescriptionKind::renewal};
  const std::optional<std::string> numbers[] = {std::nullopt, "291991123", "123456789"};
  const std::optional<int> ranks[] = {std::nullopt, 2, 3};
  for (const auto& age : ages)
    for (const auto& night : flags)
      for (const auto& kind : kinds)
        for (const auto& number : numbers)
          for (const auto& urgent : flags)
            for (const Date date : {on(2024, 6, 3), on(2025, 6, 2)})
              for (const auto& rank : ranks)
                for (const auto& sunday : flags) {
                  Claim claim = claim_of("garde", date, {"RAM 7.49"});
                  claim.patient.age = age;
                  claim.time.night = night;
                  claim.prescription.kind = kind;
                  claim.prescription.prescriber_number = number;
                  claim.time.urgent = urgent;
                  claim.series.session_number = rank;
                  claim.time.sunday_or_holiday = sunday;
                  // The rules in their order, each `si` read left to right: the first field missing
                  // where a rule needs it refuses the line. The circumstances (horaire.*) absent
                  // did not occur: they read false, never missing.
                  std::string missing;
                  std::vector<std::string> applied;
                  const auto needs = [&](bool given, std::string_view field) {
                    if (!given && missing.empty()) missing = field;
                    return given;
                  };
                  if (needs(age.has_value(), "patient.age") && *age < 18 && night.value_or(false)) {
                    applied.emplace_back("garde_inversee");
                  }
                  if (missing.empty() && needs(kind.has_value(), "prescription.kind") &&
                      *kind == PrescriptionKind::renewal &&
                      needs(number.has_value(), "prescription.prescriber_number") && *number != "291991123") {
                    applied.emplace_back("garde_enumeration");
                  }
                  if (missing.empty() && urgent.value_or(false) && date == on(2024, 6, 3)) {
                    applied.emplace_back("garde_booleenne");
                  }
                  if (missing.empty() && needs(rank.has_value(), "series.session_number") && *rank > 2 &&
                      sunday.value_or(false)) {
                    applied.emplace_back("sans_garde");
                  }
                  for (const bool explained : {false, true}) {
                    std::vector<ExplanationStep> steps;
                    const ClaimDecision decision = rules.evaluate(claim, scratch, explained ? &steps : nullptr);
                    const std::string context = describe(decision) + (explained ? "(with an explanation)" : "(guards)");
                    ASSERT_EQ(decision.lines.size(), 1U) << context;
                    const LineDecision& line = decision.lines[0];
                    if (!missing.empty()) {
                      EXPECT_EQ(line.decision, Decision::refused) << context;
                      ASSERT_EQ(line.reasons.size(), 1U) << context;
                      EXPECT_EQ(line.reasons[0].code, ReasonCode::missing_data) << context;
                      EXPECT_NE(render_message(line.reasons[0]).find(missing), std::string::npos) << context;
                      continue;
                    }
                    std::vector<std::string> decided;
                    for (const Reason& reason : line.reasons) decided.emplace_back(reason.rule);
                    EXPECT_EQ(decided, applied) << context;
                    EXPECT_EQ(line.decision, applied.empty() ? Decision::accepted : Decision::refused) << context;
                    if (!applied.empty()) ++refused_by_rules;
                  }
                }
  // Each rule refuses somewhere, alone or with others: the combinations reach every rule.
  EXPECT_GT(refused_by_rules, 100U);
}

// choix(c, a, b) reads only the value chosen (shipped rules, IK of rules/deplacements.cot, NGAP
// art. 13 C 3°): at 12 km with the nearest practitioner at 7 km, the IK is computed on 7 km,
// (2 x 7 - 2 x 2) x 0.38 = 3.80; within a return-home programme on 12 km, (24 - 4) x 0.38 = 7.60,
// and the nearest practitioner's distance is never read: the explanation does not show it.
TEST(Choice, ReadsOnlyTheValueChosen) {
  const RuleSet& rules = compiled_once("rules");
  Claim claim = claim_of("ik", on(2025, 9, 1), {"ARL 8.5", "IK"});
  claim.place = Place::domicile;
  claim.travel.distance_km = Decimal::parse("12");
  claim.travel.same_agglomeration = false;
  claim.travel.nearest_practitioner_km = Decimal::parse("7");
  EvaluationScratch scratch;
  const auto nearest_read = [](const std::vector<ExplanationStep>& steps) {
    return std::any_of(steps.begin(), steps.end(),
                       [](const ExplanationStep& step) { return step.what == "travel.nearest_practitioner_km"; });
  };
  std::vector<ExplanationStep> capped_steps;
  const ClaimDecision capped = rules.evaluate(claim, scratch, &capped_steps);
  expect_accepted(capped, 1, "3.80");
  EXPECT_TRUE(nearest_read(capped_steps));
  claim.return_home_programme = true;
  std::vector<ExplanationStep> programme_steps;
  const ClaimDecision programme = rules.evaluate(claim, scratch, &programme_steps);
  expect_accepted(programme, 1, "7.60");
  EXPECT_FALSE(nearest_read(programme_steps));
}

// A condition, a rule's `si` or a computation that is a formula is computed from the fields and
// the dated values, without the graph; with an explanation, the graph is walked (fixture
// rules-formulas). Over combinations of the fields, each given or missing, both decide alike;
// with every field given, as the rules' text reads, worked out here.
TEST(Formulas, DecideAsTheGraphAndAsTheRulesText) {
  const RuleSet& rules = compiled_once("tests/evaluate/rules-formulas");
  const auto has_formula = [&](std::string_view name) {
    for (const model::Rule& rule : rules.model().rules) {
      if (rule.name == name) return rule.formula.has_value();
    }
    throw std::runtime_error("no rule " + std::string(name));
  };
  EXPECT_TRUE(has_formula("formule_ou"));
  EXPECT_TRUE(has_formula("formule_non"));
  EXPECT_TRUE(has_formula("formule_nombre"));
  EXPECT_FALSE(has_formula("sans_formule"));
  ASSERT_EQ(rules.model().acts.size(), 1U);
  ASSERT_EQ(rules.model().acts[0].conditions.size(), 1U);
  EXPECT_TRUE(rules.model().acts[0].conditions[0].formula.has_value());
  ASSERT_EQ(rules.model().items.size(), 1U);
  ASSERT_EQ(rules.model().items[0].conditions.size(), 1U);
  EXPECT_TRUE(rules.model().items[0].conditions[0].formula.has_value());
  EXPECT_TRUE(rules.model().items[0].computation_formula.has_value());

  EvaluationScratch scratch;
  std::size_t compared = 0;
  std::size_t worked_out = 0;
  std::map<std::string, std::size_t> refusals;
  const std::optional<Place> places[] = {std::nullopt, Place::cabinet, Place::domicile, Place::etablissement};
  const std::optional<bool> flags[] = {std::nullopt, false, true};
  const std::optional<int> ranks[] = {std::nullopt, 3, 12};
  const std::optional<int> ages[] = {std::nullopt, 10, 45};
  const std::optional<PrescriptionKind> kinds[] = {std::nullopt, PrescriptionKind::medical,
                                                   PrescriptionKind::direct_access};
  for (const auto& place : places)
    for (const auto& telehealth : flags)
      for (const auto& night : flags)
        for (const auto& sunday : flags)
          for (const auto& urgent : flags)
            for (const auto& rank : ranks)
              for (const auto& age : ages)
                for (const auto& kind : kinds) {
                  Claim claim = claim_of("formule", on(2024, 6, 3), {"RAM 7.49"});
                  claim.place = place;
                  claim.telehealth = telehealth;
                  claim.time.night = night;
                  claim.time.sunday_or_holiday = sunday;
                  claim.time.urgent = urgent;
                  claim.series.session_number = rank;
                  claim.patient.age = age;
                  claim.prescription.kind = kind;
                  std::vector<ExplanationStep> steps;
                  const std::string by_fields = describe(rules.evaluate(claim, scratch));
                  const std::string by_graph = describe(rules.evaluate(claim, scratch, &steps));
                  EXPECT_EQ(by_fields, by_graph);
                  ++compared;
                  if (!place || !telehealth || !night || !sunday || !urgent || !rank || !age || !kind) continue;
                  // Every field given: the condition, then the rules in their order.
                  std::string expected;
                  if (!((*place == Place::cabinet || *place == Place::domicile) && !*telehealth)) {
                    expected = "condition du lieu";
                  } else {
                    if ((*night || *sunday) && !*urgent && *rank < 10) expected += "formule ou;";
                    if (!(18 > *age || *kind == PrescriptionKind::renewal ||
                          *kind == PrescriptionKind::direct_access)) {
                      expected += "formule non;";
                    }
                    if (*rank > 2 && *night) expected += "formule nombre;";
                    // 2024-06-03 plus one month is after 2024-06-30.
                    if (*sunday) expected += "sans formule;";
                  }
                  const ClaimDecision decision = rules.evaluate(claim, scratch);
                  std::string decided;
                  for (const Reason& reason : decision.lines[0].reasons) {
                    decided += render_message(reason) + (expected == "condition du lieu" ? "" : ";");
                  }
                  EXPECT_EQ(decided, expected) << by_fields;
                  EXPECT_EQ(decision.lines[0].decision, expected.empty() ? Decision::accepted : Decision::refused);
                  ++refusals[expected];
                  ++worked_out;
                }
  EXPECT_EQ(compared, 4U * 3 * 3 * 3 * 3 * 3 * 3 * 3);
  EXPECT_EQ(worked_out, 3U * 2 * 2 * 2 * 2 * 2 * 2 * 2);
  // Each rule and the condition refuse somewhere, alone or with others.
  for (const std::string reason :
       {"formule ou", "formule non", "formule nombre", "sans formule", "condition du lieu"}) {
    EXPECT_TRUE(std::any_of(refusals.begin(), refusals.end(), [&](const auto& refused) {
      return refused.first.find(reason) != std::string::npos;
    })) << reason;
  }

  // The indemnity: a distance compared with a parameter, then
  // min(max(2 × distance - 2 × 1.5 km, 0 km), 40 km) × 0.38 € × (rank - rank + 1).
  const std::map<std::string, std::string> expected_amounts = {
      {"1.5", ""},       // not beyond 2 km
      {"2", ""},         // not beyond 2 km either
      {"7.25", "4.37"},  // (14.5 - 3) × 0.38 = 11.5 × 0.38 = 4.37
      {"30", "15.20"},   // 60 - 3 = 57, at most 40: 40 × 0.38 = 15.20
  };
  std::size_t amounts_checked = 0;
  const std::optional<std::string> distances[] = {std::nullopt, "1.5", "2", "7.25", "30"};
  const std::optional<Region> regions[] = {std::nullopt, Region::metropole};
  for (const auto& distance : distances) {
    for (const auto& rank : ranks) {
      for (const auto& region : regions) {
        Claim claim = claim_of("indemnite", on(2024, 6, 3), {"IKF"});
        if (distance) claim.travel.distance_km = money(*distance);
        claim.series.session_number = rank;
        claim.region = region;
        std::vector<ExplanationStep> steps;
        const ClaimDecision decision = rules.evaluate(claim, scratch);
        const std::string by_fields = describe(decision);
        EXPECT_EQ(by_fields, describe(rules.evaluate(claim, scratch, &steps)));
        if (!distance || !rank || !region) continue;
        const std::string& amount = expected_amounts.at(*distance);
        if (amount.empty()) {
          EXPECT_EQ(decision.lines[0].decision, Decision::refused) << by_fields;
        } else {
          expect_accepted(decision, 0, amount);
        }
        ++amounts_checked;
      }
    }
  }
  EXPECT_EQ(amounts_checked, 4U * 2);
}

// A billed code's entries are found by coefficient among its key letter's (model::entries_with):
// for every letter and coefficient of the shipped rules, exactly the entries a filter on the
// coefficient keeps, in the same order, whichever way the coefficient is written (7.5, 7.50).
TEST(CodeEntries, WithCoefficientAreTheEntriesFilteredInOrder) {
  const RuleSet& rules = compiled_once("rules");
  std::size_t codes = 0;
  for (const auto& [letter, entries] : rules.model().codes_by_letter) {
    for (const model::CodeEntry& entry : entries) {
      for (const Decimal& written : {entry.coefficient, entry.coefficient.with_scale(entry.coefficient.scale() + 1)}) {
        std::vector<const model::CodeEntry*> filtered;
        for (const model::CodeEntry& e : entries) {
          if (e.coefficient == written) filtered.push_back(&e);
        }
        std::vector<const model::CodeEntry*> found;
        for (const model::CodeEntry& e : model::entries_with(entries, written)) found.push_back(&e);
        ASSERT_EQ(found, filtered) << letter << " " << written.to_string();
      }
      ++codes;
    }
    // A coefficient no cotation of the letter has: nothing.
    EXPECT_TRUE(model::entries_with(entries, Decimal::parse("999.99")).empty()) << letter;
  }
  // AMS 7.5 alone stands for 47 acts in their transition: the rules have many entries.
  EXPECT_GT(codes, 100U);
}

}  // namespace
}  // namespace cotation
