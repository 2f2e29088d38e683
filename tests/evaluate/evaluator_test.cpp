// The evaluator: each decision kind and each path of RuleSet::evaluate, evaluate_in_sequence and
// evaluate_batch, on the fixture rule set tests/evaluate/rules/ (its own sources, letters, items,
// acts, rules and amendments). Every expected amount is computed by hand in the comment beside
// its assertion, from the values written in the fixture; none comes from running the engine.
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

namespace cotation {
namespace {

namespace fs = std::filesystem;

const fs::path fixture = fs::path(COTATION_SOURCE_DIR) / "tests/evaluate/rules";

// The fixture, compiled once for the whole file (consolidated: amendments applied).
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
  static std::shared_ptr<const RuleSet>* consolidated_;
  static std::shared_ptr<const RuleSet>* as_signed_;
};

std::shared_ptr<const RuleSet>* Evaluator::consolidated_ = nullptr;
std::shared_ptr<const RuleSet>* Evaluator::as_signed_ = nullptr;

Date on(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

Decimal money(std::string_view text) {
  return Decimal::parse(text);
}

// A complete claim: every field given, so that only what a test removes is missing.
// Metropolitan France, at the practice, adult patient, medical prescription, first session.
Claim claim_of(std::string id, Date date, std::vector<std::string> codes) {
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

std::string amount_text(const std::optional<Decimal>& amount) {
  return amount ? amount->to_string() : "(aucun)";
}

std::string reasons_text(const std::vector<Reason>& reasons) {
  std::string out;
  for (const Reason& r : reasons) out += "  [" + r.rule + "] " + r.message + " (" + r.source + ")\n";
  return out;
}

std::string describe(const ClaimDecision& decision) {
  std::string out = std::string(to_string(decision.decision)) + " total " + decision.total.to_string() + "\n" +
                    reasons_text(decision.reasons);
  for (const LineDecision& line : decision.lines) {
    out += line.code + ": " + std::string(to_string(line.decision)) + " " + amount_text(line.amount) + "\n" +
           reasons_text(line.reasons);
  }
  return out;
}

// The line is accepted with exactly this amount (compared by value: 2.5 == 2.50).
void expect_accepted(const ClaimDecision& decision, std::size_t index, std::string_view amount) {
  ASSERT_LT(index, decision.lines.size()) << describe(decision);
  const LineDecision& line = decision.lines[index];
  EXPECT_EQ(line.decision, Decision::accepted) << describe(decision);
  ASSERT_TRUE(line.amount.has_value()) << describe(decision);
  EXPECT_EQ(*line.amount, money(amount)) << line.code << ": " << line.amount->to_string() << " instead of " << amount
                                         << "\n"
                                         << describe(decision);
}

void expect_total(const ClaimDecision& decision, std::string_view total) {
  EXPECT_EQ(decision.total, money(total)) << decision.total.to_string() << " instead of " << total << "\n"
                                          << describe(decision);
}

// `rule` names the rule of the reason, or its code.
bool has_reason(const std::vector<Reason>& reasons, std::string_view rule, std::string_view message_part) {
  for (const Reason& r : reasons) {
    if ((rule.empty() || r.rule == rule || to_string(r.code) == rule) &&
        r.message.find(message_part) != std::string::npos)
      return true;
  }
  return false;
}

// The line is refused, has no amount, and gives a reason of `rule` whose message holds `message_part`.
void expect_refused(const ClaimDecision& decision, std::size_t index, std::string_view rule,
                    std::string_view message_part) {
  ASSERT_LT(index, decision.lines.size()) << describe(decision);
  const LineDecision& line = decision.lines[index];
  EXPECT_EQ(line.decision, Decision::refused) << describe(decision);
  EXPECT_FALSE(line.amount.has_value()) << describe(decision);
  EXPECT_TRUE(has_reason(line.reasons, rule, message_part)) << "no reason [" << rule << "] « " << message_part << " »\n"
                                                            << describe(decision);
}

const Reason* find_reason(const std::vector<Reason>& reasons, std::string_view rule) {
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

std::string cited(std::string_view label, std::string_view detail) {
  return std::string(label) + ", " + std::string(detail);
}

// ------------------------------------------------------------------ accepted, with exact amounts

TEST_F(Evaluator, AcceptedSessionAtHomeWithItsExactAmounts) {
  Claim claim = claim_of("c1", on(2025, 3, 1), {"RAM 7.49", "IFD", "IK"});
  claim.place = Place::domicile;
  claim.travel.distance_km = money("7.3");
  claim.travel.same_agglomeration = false;
  const ClaimDecision decision = decide(claim);
  EXPECT_EQ(decision.id, "c1");
  EXPECT_EQ(decision.decision, Decision::accepted) << describe(decision);
  ASSERT_EQ(decision.lines.size(), 3U);
  EXPECT_EQ(decision.lines[0].code, "RAM 7.49");
  EXPECT_EQ(decision.lines[1].code, "IFD");
  EXPECT_EQ(decision.lines[2].code, "IK");
  expect_accepted(decision, 0, "16.55");  // 7.49 x 2.21 = 16.5529 -> 16.55
  expect_accepted(decision, 1, "2.50");   // IFD 2.50 €
  expect_accepted(decision, 2, "4.03");   // (2 x 7.3 - 2 x 2) x 0.38 = 10.6 x 0.38 = 4.028 -> 4.03
  expect_total(decision, "23.08");        // 16.55 + 2.50 + 4.03 = 23.08
  for (const LineDecision& line : decision.lines) EXPECT_TRUE(line.reasons.empty()) << describe(decision);
  EXPECT_TRUE(decision.reasons.empty());
}

TEST_F(Evaluator, AcceptedOverseasUsesTheOverseasValues) {
  Claim claim = claim_of("c2", on(2025, 3, 1), {"RAM 7.49", "IFD", "IK"});
  claim.region = Region::drom;
  claim.place = Place::domicile;
  claim.travel.distance_km = money("7.3");
  claim.travel.same_agglomeration = false;
  const ClaimDecision decision = decide(claim);
  EXPECT_EQ(decision.decision, Decision::accepted) << describe(decision);
  expect_accepted(decision, 0, "18.20");  // 7.49 x 2.43 = 18.2007 -> 18.20
  expect_accepted(decision, 1, "2.50");   // IFD 2.50 € overseas too
  expect_accepted(decision, 2, "4.56");   // (2 x 7.3 - 2 x 2) x 0.43 = 10.6 x 0.43 = 4.558 -> 4.56
  expect_total(decision, "25.26");        // 18.20 + 2.50 + 4.56 = 25.26
}

TEST_F(Evaluator, LetterValueDependsOnTheDate) {
  // AMK 6 before the avenant: 6 x 2.15 = 12.90; after: 6 x 2.21 = 13.26.
  const ClaimDecision before = decide(claim_of("amk-avant", on(2024, 2, 21), {"AMK 6"}));
  expect_accepted(before, 0, "12.90");  // 6 x 2.15 = 12.90
  const ClaimDecision after = decide(claim_of("amk-apres", on(2024, 2, 22), {"AMK 6"}));
  expect_accepted(after, 0, "13.26");  // 6 x 2.21 = 13.26
}

// ------------------------------------------------------------------ refused

TEST_F(Evaluator, RefusedByARuleWithItsConditionGivesTheRuleAndItsMessage) {
  Claim claim = claim_of("telesoin", on(2025, 3, 1), {"RAM 7.49", "IFD"});
  claim.place = Place::domicile;
  claim.telehealth = true;
  const ClaimDecision decision = decide(claim);
  EXPECT_EQ(decision.decision, Decision::refused) << describe(decision);
  expect_accepted(decision, 0, "16.55");  // 7.49 x 2.21 = 16.5529 -> 16.55
  expect_refused(decision, 1, "telesoin_deplacement", "Pas d'indemnité de déplacement pour une séance en télésoin");
  const Reason* reason = find_reason(decision.lines[1].reasons, "telesoin_deplacement");
  ASSERT_NE(reason, nullptr);
  EXPECT_EQ(reason->message, "Pas d'indemnité de déplacement pour une séance en télésoin");
  EXPECT_EQ(reason->source, cited(label_ngap_test, "dispositions générales, art. 13"));
  expect_total(decision, "16.55");  // only the accepted line: 16.55
}

TEST_F(Evaluator, RuleConditionFalseLeavesTheLineAccepted) {
  Claim claim = claim_of("pas-telesoin", on(2025, 3, 1), {"IFD"});
  claim.place = Place::domicile;
  const ClaimDecision decision = decide(claim);
  expect_accepted(decision, 0, "2.50");  // IFD 2.50 €
}

TEST_F(Evaluator, ItemConditionsRefuseWithTheirMessages) {
  const ClaimDecision at_practice = decide(claim_of("ifd-cabinet", on(2025, 3, 1), {"IFD"}));
  expect_refused(at_practice, 0, "", "L'IFD ne se facture que pour un acte réalisé au domicile du patient");

  Claim same_town = claim_of("ik-agglo", on(2025, 3, 1), {"IK"});
  same_town.travel.distance_km = money("7.3");
  same_town.travel.same_agglomeration = true;
  expect_refused(decide(same_town), 0, "", "hors de l'agglomération");

  Claim two_km = claim_of("ik-2km", on(2025, 3, 1), {"IK"});
  two_km.travel.distance_km = money("2");  // not beyond 2 km
  two_km.travel.same_agglomeration = false;
  expect_refused(decide(two_km), 0, "", "au-delà de 2 km");

  Claim just_beyond = claim_of("ik-2.1km", on(2025, 3, 1), {"IK"});
  just_beyond.travel.distance_km = money("2.1");
  just_beyond.travel.same_agglomeration = false;
  expect_accepted(decide(just_beyond), 0, "0.08");  // (2 x 2.1 - 2 x 2) x 0.38 = 0.2 x 0.38 = 0.076 -> 0.08
}

TEST_F(Evaluator, AnAmountTooLargeToComputeIsRefusedInFrench) {
  // issue 21, R7: the reason was "calcul impossible : decimal overflow in ...", English inside
  // French. 2 x 9999999999999.999999 km is 20 digits: more than an exact amount holds.
  Claim far = claim_of("ik-loin", on(2025, 3, 1), {"IK"});
  far.travel.distance_km = money("9999999999999.999999");
  far.travel.same_agglomeration = false;
  const ClaimDecision decision = decide(far);
  expect_refused(decision, 0, "calculation_failed", "calcul impossible : le montant exact dépasse 19 chiffres");
  EXPECT_FALSE(has_reason(decision.lines[0].reasons, "calculation_failed", "overflow")) << describe(decision);
}

TEST_F(Evaluator, UnknownCodeIsRefusedAndNamed) {
  const ClaimDecision decision = decide(claim_of("inconnu", on(2025, 3, 1), {"XYZ 3", "IFZ"}));
  EXPECT_EQ(decision.decision, Decision::refused);
  expect_refused(decision, 0, "", "XYZ 3");
  expect_refused(decision, 1, "", "IFZ");
  expect_total(decision, "0.00");
}

TEST_F(Evaluator, NotCumulableRefusesTheLineInScopeOnly) {
  Claim both = claim_of("ifs-ifd", on(2025, 3, 1), {"IFD", "IFS"});
  both.place = Place::domicile;
  const ClaimDecision decision = decide(both);
  EXPECT_EQ(decision.decision, Decision::refused);
  expect_accepted(decision, 0, "2.50");  // IFD 2.50 €
  expect_refused(decision, 1, "ifs_non_cumulable", "L'IFS ne se cumule pas avec l'IFD");
  expect_total(decision, "2.50");  // IFD only

  const ClaimDecision alone = decide(claim_of("ifs-seule", on(2025, 3, 1), {"IFS"}));
  EXPECT_EQ(alone.decision, Decision::accepted) << describe(alone);
  expect_accepted(alone, 0, "4");  // IFS 4 €
}

TEST_F(Evaluator, AtMostTwoPerYearWithinOneClaim) {
  const ClaimDecision decision = decide(claim_of("rqd-x3", on(2025, 3, 1), {"RQD", "RQD", "RQD"}));
  EXPECT_EQ(decision.decision, Decision::refused);
  expect_accepted(decision, 0, "10");  // RQD 10 €
  expect_accepted(decision, 1, "10");  // RQD 10 €, second of the year
  expect_refused(decision, 2, "rqd_deux_par_an", "RQD : deux actes par an et par patient au plus");
  expect_total(decision, "20");  // 10 + 10
}

// ------------------------------------------------------------------ prior approval (HAS referential)

TEST_F(Evaluator, PriorApprovalBeyondFifteenSessionsOfASeries) {
  Claim fifteenth = claim_of("serie-15", on(2025, 3, 1), {"RAM 7.49"});
  fifteenth.series.session_number = 15;
  const ClaimDecision within = decide(fifteenth);
  EXPECT_EQ(within.decision, Decision::accepted) << describe(within);
  expect_accepted(within, 0, "16.55");  // 7.49 x 2.21 = 16.5529 -> 16.55

  Claim sixteenth = claim_of("serie-16", on(2025, 3, 1), {"RAM 7.49", "IFS"});
  sixteenth.series.session_number = 16;
  const ClaimDecision beyond = decide(sixteenth);
  EXPECT_EQ(beyond.decision, Decision::prior_approval) << describe(beyond);
  ASSERT_EQ(beyond.lines.size(), 2U);
  const LineDecision& line = beyond.lines[0];
  EXPECT_EQ(line.decision, Decision::prior_approval);
  ASSERT_TRUE(line.amount.has_value()) << "a line needing prior approval keeps its amount";
  EXPECT_EQ(*line.amount, money("16.55")) << line.amount->to_string();  // 7.49 x 2.21 = 16.5529 -> 16.55
  const Reason* reason = find_reason(line.reasons, "lombalgie");
  ASSERT_NE(reason, nullptr) << describe(beyond);
  EXPECT_NE(reason->message.find("lombalgie commune"), std::string::npos) << reason->message;
  EXPECT_NE(reason->message.find("accord préalable"), std::string::npos) << reason->message;
  EXPECT_EQ(reason->source, cited(label_fonds_test, "référentiels HAS, lombalgie commune"));
  expect_accepted(beyond, 1, "4");  // IFS 4 €
  expect_total(beyond, "4");        // only accepted lines count: IFS 4 €

  sixteenth.series.prior_approval = true;
  const ClaimDecision granted = decide(sixteenth);
  EXPECT_EQ(granted.decision, Decision::accepted) << describe(granted);
  expect_accepted(granted, 0, "16.55");  // 7.49 x 2.21 = 16.5529 -> 16.55
  expect_total(granted, "20.55");        // 16.55 + 4 = 20.55
}

TEST_F(Evaluator, PriorApprovalBeyondThirtySessionsInTwelveMonths) {
  Claim thirtieth = claim_of("fenetre-30", on(2025, 3, 1), {"RAM 7.49"});
  thirtieth.series.session_number = 3;
  thirtieth.series.sessions_12_months_before = 29;  // this one is the 30th
  const ClaimDecision within = decide(thirtieth);
  EXPECT_EQ(within.decision, Decision::accepted) << describe(within);
  expect_accepted(within, 0, "16.55");  // 7.49 x 2.21 = 16.5529 -> 16.55

  Claim thirty_first = thirtieth;
  thirty_first.series.sessions_12_months_before = 30;  // this one is the 31st
  const ClaimDecision beyond = decide(thirty_first);
  EXPECT_EQ(beyond.decision, Decision::prior_approval) << describe(beyond);
  EXPECT_EQ(beyond.lines.at(0).decision, Decision::prior_approval);

  thirty_first.series.prior_approval = true;
  const ClaimDecision granted = decide(thirty_first);
  EXPECT_EQ(granted.decision, Decision::accepted) << describe(granted);
  expect_accepted(granted, 0, "16.55");  // 7.49 x 2.21 = 16.5529 -> 16.55
}

// ------------------------------------------------------------------ invalid

TEST_F(Evaluator, ClaimWithoutDateIsInvalid) {
  Claim claim = claim_of("sans-date", on(2025, 3, 1), {"RAM 7.49", "IFD"});
  claim.date.reset();
  const ClaimDecision decision = decide(claim);
  EXPECT_EQ(decision.id, "sans-date");
  EXPECT_EQ(decision.decision, Decision::invalid) << describe(decision);
  EXPECT_TRUE(has_reason(decision.reasons, "missing_field", "date")) << describe(decision);
  expect_total(decision, "0.00");
  for (const LineDecision& line : decision.lines) {
    EXPECT_NE(line.decision, Decision::accepted);
    EXPECT_FALSE(line.amount.has_value());
  }
}

// ------------------------------------------------------------------ rounding modes

TEST_F(Evaluator, EachRoundingModeOfTheLetters) {
  const auto single = [&](std::string code) { return decide(claim_of(code, on(2025, 3, 1), {code})); };
  expect_accepted(single("RAB 8.5"), 0, "18.79");  // 8.5 x 2.21 = 18.785 -> 18.79 (demi_loin_de_zero)
  expect_accepted(single("TPA 8.5"), 0, "18.78");  // 8.5 x 2.21 = 18.785 -> 18.78 (demi_pair: 8 is even)
  expect_accepted(single("TPA 1.5"), 0, "3.32");   // 1.5 x 2.21 = 3.315 -> 3.32 (demi_pair: 1 is odd)
  expect_accepted(single("TVZ 3.5"), 0, "7.52");   // 3.5 x 2.15 = 7.525 -> 7.52 (vers_zero)
  expect_accepted(single("TVZ 3.49"), 0, "7.50");  // 3.49 x 2.15 = 7.5035 -> 7.50 (vers_zero)
  expect_accepted(single("TLZ 3.5"), 0, "7.53");   // 3.5 x 2.15 = 7.525 -> 7.53 (loin_de_zero)
  expect_accepted(single("TLZ 3.49"), 0, "7.51");  // 3.49 x 2.15 = 7.5035 -> 7.51 (loin_de_zero)
}

TEST_F(Evaluator, CoefficientWrittenWithMoreZerosOrACommaIsTheSameCode) {
  expect_accepted(decide(claim_of("zeros", on(2025, 3, 1), {"RAM 7.490"})), 0, "16.55");   // 7.49 x 2.21 -> 16.55
  expect_accepted(decide(claim_of("virgule", on(2025, 3, 1), {"RAM 7,49"})), 0, "16.55");  // 7.49 x 2.21 -> 16.55
}

// ------------------------------------------------------------------ transitions and dated cotations

TEST_F(Evaluator, OldCotationAcceptedDuringItsTransition) {
  const ClaimDecision first_day = decide(claim_of("ams-debut", on(2024, 2, 22), {"AMS 7.5"}));
  EXPECT_EQ(first_day.decision, Decision::accepted) << describe(first_day);
  expect_accepted(first_day, 0, "16.58");  // 7.5 x 2.21 = 16.575 -> 16.58
  const ClaimDecision last_day = decide(claim_of("ams-fin", on(2024, 5, 31), {"AMS 7.5"}));
  EXPECT_EQ(last_day.decision, Decision::accepted) << describe(last_day);
  expect_accepted(last_day, 0, "16.58");  // 7.5 x 2.21 = 16.575 -> 16.58
  // The practitioner is told the old cotation is accepted only for now, and what replaces it.
  ASSERT_FALSE(last_day.lines[0].reasons.empty()) << describe(last_day);
  const Reason& reason = last_day.lines[0].reasons[0];
  EXPECT_EQ(reason.rule, "lombalgie");
  EXPECT_NE(reason.message.find("transition"), std::string::npos) << reason.message;
  EXPECT_NE(reason.message.find("RAM 7.49"), std::string::npos)
      << "the message of an old cotation accepted in transition should name the new one: " << reason.message;
  // The new cotation is accepted during the transition too.
  expect_accepted(decide(claim_of("ram-transition", on(2024, 3, 1), {"RAM 7.49"})), 0,
                  "16.55");  // 7.49 x 2.21 -> 16.55
}

TEST_F(Evaluator, OldCotationRefusedAfterItsTransitionNamingTheNewOne) {
  const ClaimDecision decision = decide(claim_of("ams-apres", on(2024, 6, 1), {"AMS 7.5"}));
  EXPECT_EQ(decision.decision, Decision::refused) << describe(decision);
  expect_refused(decision, 0, "lombalgie", "AMS 7.5");
  EXPECT_TRUE(has_reason(decision.lines[0].reasons, "lombalgie", "RAM 7.49")) << describe(decision);
}

// An old code that two acts replace (fixture rules-shared-old-code): the line cannot say which
// act it is, so each reason names both new cotations, by code only.
TEST(SharedOldCode, TransitionAndRefusalNameEveryReplacingCotation) {
  const CompileResult compiled =
      compile_rule_set(fs::path(COTATION_SOURCE_DIR) / "tests/evaluate/rules-shared-old-code");
  ASSERT_TRUE(compiled.ok());
  EvaluationScratch scratch;

  // AMK 8.5 x 2.21 = 18.785 -> 18.79 (half away from zero), accepted in its transition.
  const ClaimDecision during =
      compiled.rule_set->evaluate(claim_of("amk-transition", on(2024, 5, 31), {"AMK 8.5"}), scratch);
  expect_accepted(during, 0, "18.79");
  EXPECT_TRUE(
      has_reason(during.lines[0].reasons, "transition", "elle est remplacée, selon l'acte, par RAB 8.51, RAB 8.49"))
      << describe(during);

  const ClaimDecision after = compiled.rule_set->evaluate(claim_of("amk-apres", on(2024, 6, 1), {"AMK 8.5"}), scratch);
  expect_refused(
      after, 0, "no_longer_admitted",
      "AMK 8.5 n'est plus admise le 2024-06-01 ; selon l'acte, la cotation en vigueur est RAB 8.51, RAB 8.49");
  EXPECT_EQ(after.lines[0].reasons.at(0).source,
            "Assurance Maladie : synthèse des mesures (fixture de test), fin de la transition au 1er juin 2024");

  // Before the transition no cotation replaces it yet: the old one is in force, at the old value,
  // and no transition reason is given. AMK 8.5 x 2.15 = 18.275 -> 18.28.
  const ClaimDecision before =
      compiled.rule_set->evaluate(claim_of("amk-avant", on(2024, 2, 21), {"AMK 8.5"}), scratch);
  expect_accepted(before, 0, "18.28");
  EXPECT_TRUE(before.lines[0].reasons.empty()) << describe(before);
}

// A rule set of the repository, compiled on first use and kept for the whole run.
const RuleSet& compiled_once(const std::string& directory) {
  static std::map<std::string, std::shared_ptr<const RuleSet>> compiled;
  auto& rules = compiled[directory];
  if (!rules) {
    const CompileResult result = compile_rule_set(fs::path(COTATION_SOURCE_DIR) / directory);
    if (!result.ok()) throw std::runtime_error("the rule set " + directory + " does not compile");
    rules = result.rule_set;
  }
  return *rules;
}

// A date plus months or years (fixture rules-dates): each rule refuses the session whose date
// is the one it computes from the initial prescription's date, so the reasons name the dates.
class DateRounding : public ::testing::Test {
 protected:
  // The rules that refused a session on `session` of a prescription written on `initial`.
  ClaimDecision decide(Date initial, Date session, Place place = Place::cabinet) {
    Claim claim = claim_of("dates", session, {"RAM 7.49"});
    claim.place = place;
    claim.prescription.initial_date = initial;
    return compiled_once("tests/evaluate/rules-dates").evaluate(claim, scratch_);
  }

  static std::vector<std::string> rules_of(const ClaimDecision& decision) {
    std::vector<std::string> names;
    for (const Reason& reason : decision.lines.at(0).reasons) names.push_back(reason.rule);
    return names;
  }

  EvaluationScratch scratch_;
};

using Names = std::vector<std::string>;

TEST_F(DateRounding, TwentyNinthOfFebruaryPlusOneYear) {
  // 2025 is not a leap year: 2025-02-29 does not exist. Previous day: 2025-02-28, the last
  // day of February; next day: 2025-03-01.
  EXPECT_EQ(rules_of(decide(on(2024, 2, 29), on(2025, 2, 28))), Names{"un_an_precedent"});
  EXPECT_EQ(rules_of(decide(on(2024, 2, 29), on(2025, 3, 1))), Names{"un_an_suivant"});
}

TEST_F(DateRounding, ThirtyFirstOfJanuaryPlusOneMonth) {
  // 2024-02-31 does not exist; 2024 is a leap year: previous day 2024-02-29, next 2024-03-01.
  EXPECT_EQ(rules_of(decide(on(2024, 1, 31), on(2024, 2, 29))), Names{"un_mois_precedent"});
  EXPECT_EQ(rules_of(decide(on(2024, 1, 31), on(2024, 3, 1))), Names{"un_mois_suivant"});
}

TEST_F(DateRounding, DayThatExistsNeedsNoRounding) {
  // 2024-03-15 + 12 mois = 2025-03-15, and + 1 an too, whatever the rounding: all three rules
  // that compute it refuse, the one without a rounding included, with no error.
  const ClaimDecision decision = decide(on(2024, 3, 15), on(2025, 3, 15), Place::domicile);
  EXPECT_EQ(rules_of(decision), (Names{"un_an_precedent", "un_an_suivant", "douze_mois_sans_arrondi"}))
      << describe(decision);
  // The day after: no rule applies, and none lacks its rounding. RAM 7.49 x 2.21 = 16.5529 -> 16.55.
  expect_accepted(decide(on(2024, 3, 15), on(2025, 3, 16), Place::domicile), 0, "16.55");
}

TEST_F(DateRounding, MissingDayWithoutRoundingIsAnErrorNamingTheRuleAndTheDate) {
  const ClaimDecision decision = decide(on(2024, 2, 29), on(2025, 3, 10), Place::domicile);
  expect_refused(decision, 0, "no_value_in_force",
                 "la règle douze_mois_sans_arrondi : 2024-02-29 + 12 mois tombe le 2025-02-29, qui n'existe pas, "
                 "et aucun arrondi n'est déclaré (`arrondi au jour précédent` ou `arrondi au jour suivant`)");
}

TEST_F(DateRounding, MinusOneMonth) {
  // 2024-03-31 - 1 mois: 2024-02-31 does not exist, previous day 2024-02-29.
  EXPECT_EQ(rules_of(decide(on(2024, 3, 31), on(2024, 2, 29), Place::etablissement)), Names{"un_mois_avant"});
}

// The shipped rules (rules/acces-direct-renouvellement.cot) read the renewal and direct
// access fields only on the claims that use them; a missing one is reported, never taken as no.
class ShippedPrescriptionRules : public ::testing::Test {
 protected:
  ClaimDecision decide(const Claim& claim) { return compiled_once("rules").evaluate(claim, scratch_); }

  // `complete` without one field (`remove` takes it away): its line is refused, the field named.
  template <typename Remove>
  void expect_missing(Claim complete, std::string_view field, Remove remove) {
    remove(complete);
    expect_refused(decide(complete), 0, "missing_data", field);
  }

  // A lombalgie session (RAM 7.49 x 2.21 = 16.5529 -> 16.55) of the given kind.
  static Claim session(PrescriptionKind kind) {
    Claim claim = claim_of("prescription", on(2024, 9, 2), {"RAM 7.49"});
    claim.prescription.kind = kind;
    return claim;
  }

  EvaluationScratch scratch_;
};

TEST_F(ShippedPrescriptionRules, MedicalPrescriptionNeedsNoneOfTheNewFields) {
  expect_accepted(decide(session(PrescriptionKind::medical)), 0, "16.55");
}

TEST_F(ShippedPrescriptionRules, RenewalWithoutItsDatesOrPrescriberIsReported) {
  Claim claim = session(PrescriptionKind::renewal);
  claim.prescription.initial_date = on(2024, 3, 15);
  claim.prescription.renewal_date = on(2024, 8, 1);
  claim.prescription.prescriber_number = "291991123";
  // 2024-03-15 + 12 mois = 2025-03-15: the renewal of 2024-08-01 is within the 12 months.
  expect_accepted(decide(claim), 0, "16.55");
  expect_missing(claim, "prescription.initial_date", [](Claim& c) { c.prescription.initial_date.reset(); });
  expect_missing(claim, "prescription.renewal_date", [](Claim& c) { c.prescription.renewal_date.reset(); });
  expect_missing(claim, "prescription.prescriber_number", [](Claim& c) { c.prescription.prescriber_number.reset(); });
  // Both dates missing: `date_renouvellement > date_initiale + 12 mois` reads its left side
  // first, so the renewal date is the one reported, whichever compiler built the engine.
  expect_missing(claim, "prescription.renewal_date", [](Claim& c) {
    c.prescription.initial_date.reset();
    c.prescription.renewal_date.reset();
  });

  claim.prescription.renewal_date = on(2025, 3, 15);  // the last day of the 12 months
  expect_accepted(decide(claim), 0, "16.55");
  claim.prescription.renewal_date = on(2025, 3, 16);
  expect_refused(decide(claim), 0, "renouvellement_douze_mois", "12 mois");
  claim.prescription.renewal_date = on(2025, 3, 15);
  claim.prescription.prescriber_number = "751234567";
  expect_refused(decide(claim), 0, "renouvellement_numero_prescripteur", "291991123");
}

TEST_F(ShippedPrescriptionRules, DirectAccessWithoutStructureOrDiagnosisIsReported) {
  Claim claim = session(PrescriptionKind::direct_access);
  claim.series.session_number = 9;
  claim.series.sessions_12_months_before = 8;
  claim.practitioner.structure = PracticeStructure::primary_care_team;
  claim.prescription.prior_diagnosis = true;  // the limit is for patients without a diagnosis
  expect_accepted(decide(claim), 0, "16.55");
  expect_missing(claim, "practitioner.structure", [](Claim& c) { c.practitioner.structure.reset(); });
  expect_missing(claim, "prescription.prior_diagnosis", [](Claim& c) { c.prescription.prior_diagnosis.reset(); });

  claim.prescription.prior_diagnosis = false;
  expect_refused(decide(claim), 0, "huit_seances_acces_direct", "limité à 8");
  claim.prescription.prior_diagnosis = true;
  claim.practitioner.structure = PracticeStructure::none;
  expect_refused(decide(claim), 0, "acces_direct_structures", "n'est ouvert qu'aux MK");
}

// The counts a threshold or a limit reads: missing, the line is refused and the count named,
// whichever of them reads it, and the same when an explanation is asked for (the graph then
// reads it).
TEST_F(ShippedPrescriptionRules, CountsThatThresholdsAndLimitsReadAreReportedMissing) {
  const auto expect_missing_count = [this](Claim claim, std::string_view field) {
    const ClaimDecision alone = decide(claim);
    expect_refused(alone, 0, "missing_data", field);
    std::vector<ExplanationStep> steps;
    const ClaimDecision explained = compiled_once("rules").evaluate(claim, scratch_, &steps);
    EXPECT_EQ(explained.lines.at(0).decision, Decision::refused);
    EXPECT_EQ(reasons_text(explained.lines[0].reasons), reasons_text(alone.lines.at(0).reasons));
  };
  // Lombalgie (RAM 7.49): 15 sessions per series, 30 in 12 months.
  Claim lombalgie = session(PrescriptionKind::medical);
  lombalgie.series.session_number.reset();
  expect_missing_count(lombalgie, "series.session_number");
  lombalgie.series.session_number = 3;
  lombalgie.series.sessions_12_months_before.reset();
  expect_missing_count(lombalgie, "series.sessions_12_months_before");
  // The rank is read first: missing, the line is not decided on the 12-month count that follows,
  // even one past its threshold (this session the 31st).
  lombalgie.series.session_number.reset();
  lombalgie.series.sessions_12_months_before = 30;
  expect_missing_count(lombalgie, "series.session_number");

  // Lombo-sacré without radicular pain (RAM 7.51) has no referential: in direct access without
  // a diagnosis, only the limit of 8 sessions per series reads the rank.
  Claim direct = claim_of("acces-direct", on(2024, 9, 2), {"RAM 7.51"});
  direct.prescription.kind = PrescriptionKind::direct_access;
  direct.prescription.prior_diagnosis = false;
  direct.practitioner.structure = PracticeStructure::primary_care_team;
  direct.series.session_number = 8;
  expect_accepted(decide(direct), 0, "16.60");  // 7.51 x 2.21 = 16.5971 -> 16.60
  direct.series.session_number = 9;
  expect_refused(decide(direct), 0, "huit_seances_acces_direct", "limité à 8");
  direct.series.session_number.reset();
  expect_missing_count(direct, "series.session_number");
  // Nor on the rules that would also apply to the line.
  direct.practitioner.structure = PracticeStructure::none;
  expect_missing_count(direct, "series.session_number");
}

// The texts listing the cotations that replace an old code are kept in the scratch from claim
// to claim (per code and day): through one scratch, each day still gets the cotations in force
// on it. Shipped rules: the +0.6 revaluation moves RAM 7.49 to RAM 8.09 on 2026-01-01.
TEST(SharedOldCode, ReasonsThroughOneScratchFollowTheDay) {
  const CompileResult compiled = compile_rule_set(fs::path(COTATION_SOURCE_DIR) / "rules");
  ASSERT_TRUE(compiled.ok());
  EvaluationScratch scratch;
  const auto refused_on = [&](Date date, std::string_view in_force) {
    const ClaimDecision decision = compiled.rule_set->evaluate(claim_of("ams", date, {"AMS 7.5"}), scratch);
    expect_refused(decision, 0, "no_longer_admitted", in_force);
  };
  refused_on(on(2025, 12, 31), "n'est plus admise le 2025-12-31 ; selon l'acte, la cotation en vigueur est RAM 7.49, ");
  refused_on(on(2026, 1, 2), "n'est plus admise le 2026-01-02 ; selon l'acte, la cotation en vigueur est RAM 8.09, ");
  refused_on(on(2025, 12, 31), "n'est plus admise le 2025-12-31 ; selon l'acte, la cotation en vigueur est RAM 7.49, ");

  // The transition's reason, through the same scratch, on two days of the transition.
  for (const Date date : {on(2024, 2, 22), on(2024, 5, 31)}) {
    const ClaimDecision during = compiled.rule_set->evaluate(claim_of("ams", date, {"AMS 7.5"}), scratch);
    // AMS 7.5 x 2.21 = 16.575 -> 16.58
    expect_accepted(during, 0, "16.58");
    EXPECT_TRUE(has_reason(during.lines[0].reasons, "transition",
                           "ancienne cotation acceptée pendant la période de transition ; elle est remplacée, selon "
                           "l'acte, par RAM 7.49, "))
        << describe(during);
  }
}

TEST_F(Evaluator, DayBeforeAndDayOfARevaluation) {
  // Consolidated: the +0.6 step of reval_ams_7_5 moved from 2025-07-01 to 2026-01-01.
  const ClaimDecision eve = decide(claim_of("veille", on(2025, 12, 31), {"RAM 7.49"}));
  expect_accepted(eve, 0, "16.55");  // 7.49 x 2.21 = 16.5529 -> 16.55
  const ClaimDecision day = decide(claim_of("jour", on(2026, 1, 1), {"RAM 8.09"}));
  expect_accepted(day, 0, "17.88");  // (7.49 + 0.6) = 8.09 x 2.21 = 17.8789 -> 17.88

  const ClaimDecision too_early = decide(claim_of("trop-tot", on(2025, 12, 31), {"RAM 8.09"}));
  expect_refused(too_early, 0, "lombalgie", "RAM 7.49");  // names the cotation in force
  const ClaimDecision too_late = decide(claim_of("trop-tard", on(2026, 1, 1), {"RAM 7.49"}));
  expect_refused(too_late, 0, "lombalgie", "RAM 8.09");  // names the cotation in force
}

TEST_F(Evaluator, PostponementMovesTheStepAndTheSignedTextKeepsItsDate) {
  // Consolidated: on 2025-07-01 the old coefficient still applies.
  const Claim july = claim_of("juillet", on(2025, 7, 1), {"RAM 7.49"});
  expect_accepted(decide(july), 0, "16.55");  // 7.49 x 2.21 = 16.5529 -> 16.55
  expect_refused(decide(claim_of("juillet-809", on(2025, 7, 1), {"RAM 8.09"})), 0, "lombalgie", "RAM 7.49");

  // As signed: the step is on 2025-07-01.
  EvaluationScratch scratch;
  const ClaimDecision signed_eve =
      rules_as_signed().evaluate(claim_of("veille", on(2025, 6, 30), {"RAM 7.49"}), scratch);
  expect_accepted(signed_eve, 0, "16.55");  // 7.49 x 2.21 = 16.5529 -> 16.55
  const ClaimDecision signed_day = rules_as_signed().evaluate(claim_of("jour", on(2025, 7, 1), {"RAM 8.09"}), scratch);
  expect_accepted(signed_day, 0, "17.88");  // 8.09 x 2.21 = 17.8789 -> 17.88
  const ClaimDecision signed_old = rules_as_signed().evaluate(july, scratch);
  expect_refused(signed_old, 0, "lombalgie", "RAM 8.09");
  // The same files read two ways decide differently: a decision's rule_set tells which reading.
  EXPECT_NE(signed_old.rule_set, decide(july).rule_set);
  EXPECT_EQ(signed_old.rule_set, rules_as_signed().hash());
}

TEST_F(Evaluator, RepealFromADateEndsTheExceptionAndTheSignedTextKeepsIt) {
  // AMS 9.5 then the urgent ARL 8: the exception urgence_plein_tarif keeps ARL at full rate
  // until its repeal on 2026-06-21; from then on the general rule takes half.
  const ClaimDecision before = decide(claim_of("avant-abrogation", on(2026, 6, 20), {"AMS 9.5", "ARL 8"}));
  expect_accepted(before, 0, "21.00");  // 9.5 x 2.21 = 20.995 -> 21.00
  expect_accepted(before, 1, "17.68");  // 8 x 2.21 = 17.68, full rate
  expect_total(before, "38.68");        // 21.00 + 17.68

  const ClaimDecision after = decide(claim_of("abrogation", on(2026, 6, 21), {"AMS 9.5", "ARL 8"}));
  expect_accepted(after, 0, "21.00");  // 9.5 x 2.21 = 20.995 -> 21.00
  expect_accepted(after, 1, "8.84");   // 8 x 2.21 x 50 % = 17.68 x 0.5 = 8.84
  expect_total(after, "29.84");        // 21.00 + 8.84
  EXPECT_TRUE(has_reason(after.lines.at(1).reasons, "deuxieme_acte", "")) << describe(after);
  EXPECT_FALSE(has_reason(after.lines.at(1).reasons, "urgence_plein_tarif", "")) << describe(after);

  EvaluationScratch scratch;
  const ClaimDecision signed_after =
      rules_as_signed().evaluate(claim_of("abrogation", on(2026, 6, 21), {"AMS 9.5", "ARL 8"}), scratch);
  expect_accepted(signed_after, 1, "17.68");  // as signed, no repeal: 8 x 2.21 = 17.68, full rate
}

// ------------------------------------------------------------------ pending and removed acts

TEST_F(Evaluator, PendingActIsRefusedWithItsReason) {
  const ClaimDecision decision = decide(claim_of("ter", on(2025, 3, 1), {"TER 16"}));
  EXPECT_EQ(decision.decision, Decision::refused) << describe(decision);
  expect_refused(decision, 0, "ter", "avis de la HAS");
  const Reason* reason = find_reason(decision.lines[0].reasons, "ter");
  ASSERT_NE(reason, nullptr);
  EXPECT_NE(reason->message.find("attente"), std::string::npos) << reason->message;
  EXPECT_EQ(reason->source, cited(label_fonds_test, "TER 16 en attente de l'avis de la HAS"));
}

TEST_F(Evaluator, RemovedActIsAcceptedTheDayBeforeAndRefusedFromItsDate) {
  const ClaimDecision eve = decide(claim_of("deamb-veille", on(2025, 6, 30), {"AMK 6"}));
  expect_accepted(eve, 0, "13.26");  // 6 x 2.21 = 13.26
  const ClaimDecision removed = decide(claim_of("deamb-supprime", on(2025, 7, 1), {"AMK 6"}));
  EXPECT_EQ(removed.decision, Decision::refused) << describe(removed);
  expect_refused(removed, 0, "deambulation", "supprimé");
  EXPECT_TRUE(has_reason(removed.lines[0].reasons, "deambulation", "2025-07-01")) << describe(removed);
  const Reason* reason = find_reason(removed.lines[0].reasons, "deambulation");
  ASSERT_NE(reason, nullptr);
  EXPECT_EQ(reason->source, cited(label_fonds_test, "pertinence des interventions en EHPAD"));
}

// ------------------------------------------------------------------ rates, exceptions, conflicts

TEST_F(Evaluator, SecondActOfTheSessionAtFiftyPercent) {
  Claim claim = claim_of("deux-actes", on(2025, 3, 1), {"AMS 9.5", "DRA 7.49"});
  claim.patient.age = 10;
  const ClaimDecision decision = decide(claim);
  EXPECT_EQ(decision.decision, Decision::accepted) << describe(decision);
  expect_accepted(decision, 0, "21.00");  // 9.5 x 2.21 = 20.995 -> 21.00
  // NGAP art. 11 B: the second act at 50 % of its coefficient: 7.49 x 50 % = 3.745,
  // 3.745 x 2.21 = 8.27645 -> 8.28 (and 50 % of 16.55 = 8.275 -> 8.28 as well).
  expect_accepted(decision, 1, "8.28");
  expect_total(decision, "29.28");  // 21.00 + 8.28
  EXPECT_TRUE(has_reason(decision.lines[1].reasons, "deuxieme_acte", "")) << describe(decision);
}

TEST_F(Evaluator, SecondActAtFiftyPercentIsRoundedOnceFromTheExactAmount) {
  Claim claim = claim_of("deux-actes-rab", on(2025, 3, 1), {"AMS 9.5", "RAB 8.5"});
  const ClaimDecision decision = decide(claim);
  expect_accepted(decision, 0, "21.00");  // 9.5 x 2.21 = 20.995 -> 21.00
  // NGAP art. 11 B notes the second act at 50 % of its coefficient: RAB 4.25,
  // 4.25 x 2.21 = 9.3925 -> 9.39. Rounding twice (18.785 -> 18.79, then 18.79 x 0.5 = 9.395
  // -> 9.40) adds a cent the rules never wrote.
  expect_accepted(decision, 1, "9.39");
  expect_total(decision, "30.39");  // 21.00 + 9.39
}

TEST_F(Evaluator, ExceptionWinsOverItsGeneralRule) {
  const ClaimDecision decision = decide(claim_of("urgence", on(2025, 3, 1), {"AMS 9.5", "ARL 8"}));
  EXPECT_EQ(decision.decision, Decision::accepted) << describe(decision);
  expect_accepted(decision, 0, "21.00");  // 9.5 x 2.21 = 20.995 -> 21.00
  expect_accepted(decision, 1, "17.68");  // 8 x 2.21 = 17.68, full rate: the exception sets aside art. 11 B
  expect_total(decision, "38.68");        // 21.00 + 17.68
  EXPECT_TRUE(has_reason(decision.lines[1].reasons, "urgence_plein_tarif", "taux plein")) << describe(decision);
  EXPECT_FALSE(has_reason(decision.lines[1].reasons, "deuxieme_acte", "")) << describe(decision);
  EXPECT_FALSE(has_reason(decision.lines[1].reasons, "rules_conflict", "")) << describe(decision);
}

TEST_F(Evaluator, RulesThatConflictOnlyAtRunTimeRefuseWithBothReasons) {
  Claim home = claim_of("fragilite-domicile", on(2025, 3, 1), {"AMK 10"});
  home.place = Place::domicile;
  const ClaimDecision approval = decide(home);
  EXPECT_EQ(approval.decision, Decision::prior_approval) << describe(approval);
  EXPECT_TRUE(has_reason(approval.lines.at(0).reasons, "fragilite_domicile", "accord préalable")) << describe(approval);
  ASSERT_TRUE(approval.lines[0].amount.has_value());
  EXPECT_EQ(*approval.lines[0].amount, money("22.10"));  // 10 x 2.21 = 22.10

  Claim both = home;
  both.telehealth = true;
  const ClaimDecision conflict = decide(both);
  EXPECT_EQ(conflict.decision, Decision::refused) << describe(conflict);
  expect_refused(conflict, 0, "fragilite_domicile", "Repérage à domicile");
  EXPECT_TRUE(has_reason(conflict.lines[0].reasons, "fragilite_telesoin", "télésoin")) << describe(conflict);
  expect_total(conflict, "0.00");

  Claim remote = both;
  remote.place = Place::cabinet;
  const ClaimDecision refused = decide(remote);
  expect_refused(refused, 0, "fragilite_telesoin", "télésoin");
  EXPECT_FALSE(has_reason(refused.lines[0].reasons, "fragilite_domicile", "")) << describe(refused);
}

// ------------------------------------------------------------------ what the claim lacks

TEST_F(Evaluator, MissingFieldThatARuleNeedsIsReportedNotDecided) {
  Claim no_rank = claim_of("sans-rang", on(2025, 3, 1), {"RAM 7.49"});
  no_rank.series.session_number.reset();
  const ClaimDecision decision = decide(no_rank);
  EXPECT_NE(decision.decision, Decision::accepted) << describe(decision);
  ASSERT_EQ(decision.lines.size(), 1U);
  EXPECT_NE(decision.lines[0].decision, Decision::accepted) << describe(decision);
  EXPECT_NE(decision.lines[0].decision, Decision::prior_approval) << describe(decision);
  EXPECT_FALSE(decision.lines[0].amount.has_value()) << describe(decision);
  EXPECT_TRUE(has_reason(decision.lines[0].reasons, "", "series.session_number")) << describe(decision);

  Claim no_place = claim_of("sans-lieu", on(2025, 3, 1), {"IFD"});
  no_place.place.reset();
  const ClaimDecision item = decide(no_place);
  EXPECT_NE(item.lines.at(0).decision, Decision::accepted) << describe(item);
  EXPECT_FALSE(item.lines[0].amount.has_value());
  EXPECT_TRUE(has_reason(item.lines[0].reasons, "", "place")) << describe(item);

  Claim no_age = claim_of("sans-age", on(2025, 3, 1), {"DRA 7.49"});
  no_age.patient.age.reset();
  const ClaimDecision act = decide(no_age);
  EXPECT_NE(act.lines.at(0).decision, Decision::accepted) << describe(act);
  EXPECT_TRUE(has_reason(act.lines[0].reasons, "", "patient.age")) << describe(act);

  // A field no rule reads is not needed: the claim without it is decided.
  Claim minimal;
  minimal.id = "minimal";
  minimal.date = on(2025, 3, 1);
  minimal.region = Region::metropole;
  minimal.lines.push_back(ClaimLine{"AMK 6"});
  const ClaimDecision decided = decide(minimal);
  EXPECT_EQ(decided.decision, Decision::accepted) << describe(decided);
  expect_accepted(decided, 0, "13.26");  // 6 x 2.21 = 13.26
}

TEST_F(Evaluator, DateThatNoValuePeriodCoversIsReported) {
  Claim early = claim_of("ifd-2023", on(2023, 6, 1), {"IFD"});
  early.place = Place::domicile;
  const ClaimDecision decision = decide(early);
  EXPECT_NE(decision.decision, Decision::accepted) << describe(decision);
  EXPECT_NE(decision.lines.at(0).decision, Decision::accepted) << describe(decision);
  EXPECT_FALSE(decision.lines[0].amount.has_value()) << "never the nearest value\n" << describe(decision);
  EXPECT_TRUE(has_reason(decision.lines[0].reasons, "", "IFD")) << describe(decision);
  EXPECT_TRUE(has_reason(decision.lines[0].reasons, "", "2023-06-01")) << describe(decision);

  // IFS has a value in metropolitan France only: never another region's value overseas.
  Claim overseas = claim_of("ifs-drom", on(2025, 3, 1), {"IFS"});
  overseas.region = Region::drom;
  const ClaimDecision drom = decide(overseas);
  EXPECT_NE(drom.lines.at(0).decision, Decision::accepted) << describe(drom);
  EXPECT_FALSE(drom.lines[0].amount.has_value()) << describe(drom);
  EXPECT_TRUE(has_reason(drom.lines[0].reasons, "", "IFS")) << describe(drom);
}

// ------------------------------------------------------------------ age by the birthday rule

TEST_F(Evaluator, AgeFromBirthDateByTheBirthdayRule) {
  const auto dra_on = [&](Date birth, Date session) {
    Claim claim = claim_of("dra", session, {"DRA 7.49"});
    claim.patient.age.reset();
    claim.patient.birth_date = birth;
    return decide(claim);
  };
  // Born 2008-03-10: 17 on 2026-03-09, 18 on 2026-03-10.
  expect_accepted(dra_on(on(2008, 3, 10), on(2026, 3, 9)), 0, "16.55");  // 7.49 x 2.21 = 16.5529 -> 16.55
  expect_refused(dra_on(on(2008, 3, 10), on(2026, 3, 10)), 0, "dra", "moins de 18 ans");
  // Born on 29 February: in a common year the birthday falls on 1 March.
  expect_accepted(dra_on(on(2008, 2, 29), on(2026, 2, 28)), 0, "16.55");  // 17 years old; 16.55 as above
  expect_refused(dra_on(on(2008, 2, 29), on(2026, 3, 1)), 0, "dra", "moins de 18 ans");
  // The condition's own message and source.
  const ClaimDecision adult = dra_on(on(2000, 1, 1), on(2025, 3, 1));
  const Reason* reason = find_reason(adult.lines.at(0).reasons, "dra");
  ASSERT_NE(reason, nullptr) << describe(adult);
  EXPECT_EQ(reason->message, "La rééducation des déviations du rachis est réservée aux patients de moins de 18 ans");
  EXPECT_EQ(reason->source, cited(label_guide_test, "déviations du rachis (personnes de moins de 18 ans)"));
}

TEST_F(Evaluator, AgeGivenIsUsedAsGiven) {
  Claim seventeen = claim_of("dra-17", on(2025, 3, 1), {"DRA 7.49"});
  seventeen.patient.age = 17;
  expect_accepted(decide(seventeen), 0, "16.55");  // 7.49 x 2.21 = 16.5529 -> 16.55
  Claim eighteen = seventeen;
  eighteen.patient.age = 18;
  expect_refused(decide(eighteen), 0, "dra", "moins de 18 ans");
}

// ------------------------------------------------------------------ history of a patient

std::string step_value(const std::vector<ExplanationStep>& steps, std::string_view what) {
  for (const ExplanationStep& step : steps) {
    if (step.what == what) return step.value;
  }
  return "(absent)";
}

Claim without_history(Claim claim) {
  claim.series.session_number.reset();
  claim.series.sessions_12_months_before.reset();
  return claim;
}

Date plus_days(Date date, int days) {
  return Date{std::chrono::sys_days(date) + std::chrono::days(days)};
}

// A lombalgie session (RAM 7.49) of `patient`; the series fields the test leaves out are
// derived from the patient's earlier claims.
Claim lombalgie_session(std::string id, std::string patient, Date date) {
  Claim claim = without_history(claim_of(std::move(id), date, {"RAM 7.49"}));
  claim.patient.id = std::move(patient);
  return claim;
}

// The derived counts are observed through the HAS referential of the fixture's lombalgie act:
// prior approval beyond 15 sessions per series, or beyond 30 sessions over 12 months.
TEST_F(Evaluator, SequenceDerivesTheSessionNumberFromThePatientsEarlierClaims) {
  EvaluationScratch scratch;
  for (int k = 0; k < 15; ++k) {
    Claim claim = lombalgie_session("rang" + std::to_string(k + 1), "p-rang", plus_days(on(2025, 3, 1), k));
    claim.series.sessions_12_months_before = 0;  // given: only the rank is derived
    const ClaimDecision decision = rules().evaluate_in_sequence(claim, scratch);
    EXPECT_EQ(decision.decision, Decision::accepted) << claim.id << "\n" << describe(decision);
    // Another patient in between: counted apart.
    Claim other = lombalgie_session("autre" + std::to_string(k + 1), "p-autre", plus_days(on(2025, 3, 1), k));
    other.series.sessions_12_months_before = 0;
    (void)rules().evaluate_in_sequence(other, scratch);
  }
  Claim sixteenth = lombalgie_session("rang16", "p-rang", on(2025, 3, 20));
  sixteenth.series.sessions_12_months_before = 0;
  const ClaimDecision decision = rules().evaluate_in_sequence(sixteenth, scratch);
  EXPECT_EQ(decision.decision, Decision::prior_approval) << "16th session of p-rang\n" << describe(decision);
  ASSERT_TRUE(decision.lines.at(0).amount.has_value());
  EXPECT_EQ(*decision.lines[0].amount, money("16.55"));  // 7.49 x 2.21 = 16.5529 -> 16.55

  // A rank the claim gives is kept as given.
  Claim given = sixteenth;
  given.id = "rang-donne";
  given.series.session_number = 1;
  const ClaimDecision kept = rules().evaluate_in_sequence(given, scratch);
  EXPECT_EQ(kept.decision, Decision::accepted) << describe(kept);

  // forget_history starts again from nothing: the next session is the first.
  scratch.forget_history();
  const ClaimDecision fresh = rules().evaluate_in_sequence(sixteenth, scratch);
  EXPECT_EQ(fresh.decision, Decision::accepted) << describe(fresh);
}

TEST_F(Evaluator, SequenceDerivesTheSessionsOfTheTwelveMonthsBefore) {
  EvaluationScratch scratch;
  const auto session = [&](std::string id, Date date) {
    Claim claim = lombalgie_session(std::move(id), "p-fenetre", date);
    claim.series.session_number = 1;  // given: only the 12-month count is derived
    return rules().evaluate_in_sequence(claim, scratch);
  };
  // One session more than 12 months before 2025-03-05, then 29 inside the 12 months.
  (void)session("ancienne", on(2024, 3, 1));
  for (int k = 0; k < 29; ++k) (void)session("f" + std::to_string(k + 1), plus_days(on(2024, 4, 1), 7 * k));
  // 2025-03-05: 29 sessions in the 12 months before (2024-03-01 is older): the 30th, accepted.
  const ClaimDecision thirtieth = session("trentieme", on(2025, 3, 5));
  EXPECT_EQ(thirtieth.decision, Decision::accepted) << describe(thirtieth);
  expect_accepted(thirtieth, 0, "16.55");  // 7.49 x 2.21 = 16.5529 -> 16.55
  // 2025-03-06: 30 sessions in the 12 months before: the 31st needs prior approval.
  const ClaimDecision thirty_first = session("trente-et-unieme", on(2025, 3, 6));
  EXPECT_EQ(thirty_first.decision, Decision::prior_approval) << describe(thirty_first);
}

TEST_F(Evaluator, SequenceCountsAnEarlierSessionOfTheSameDayAmongTheSessionsBefore) {
  EvaluationScratch scratch;
  const auto session = [&](std::string id, Date date) {
    Claim claim = lombalgie_session(std::move(id), "p-jour", date);
    claim.series.session_number = 1;
    return rules().evaluate_in_sequence(claim, scratch);
  };
  for (int k = 0; k < 29; ++k) (void)session("j" + std::to_string(k + 1), plus_days(on(2024, 4, 1), 7 * k));
  const ClaimDecision morning = session("matin", on(2025, 3, 5));  // 29 before: the 30th
  EXPECT_EQ(morning.decision, Decision::accepted) << describe(morning);
  // The morning session is one of the patient's sessions before this one: 30 before, the 31st.
  const ClaimDecision afternoon = session("apres-midi", on(2025, 3, 5));
  EXPECT_EQ(afternoon.decision, Decision::prior_approval)
      << "the morning session of the same day must count among the 12 months before\n"
      << describe(afternoon);
}

// The example of docs/claim-format.md, section 7, and one claim more: claims given out of the
// order of their dates, the derived counts read from the explanation.
TEST_F(Evaluator, SequenceDerivesTheCountsOfTheFormatsExampleWhateverTheOrderOfTheDates) {
  struct Expected {
    const char* id;
    Date date;
    const char* session_number;
    const char* sessions_12_months_before;
  };
  const Expected claims[] = {
      {"a", on(2024, 3, 1), "1", "0"},  {"b", on(2024, 3, 1), "2", "1"},  // a, the same day
      {"c", on(2025, 3, 1), "3", "2"},   // a and b: 2024-03-01 is the same day one year before
      {"d", on(2025, 3, 2), "4", "1"},   // c; a and b are more than a year before
      {"e", on(2024, 12, 1), "5", "2"},  // a and b; c and d are dated after it
      {"f", on(2025, 3, 2), "6", "3"},   // e, c and d; a and b are more than a year before
  };
  EvaluationScratch scratch;
  for (const Expected& expected : claims) {
    std::vector<ExplanationStep> steps;
    (void)rules().evaluate_in_sequence(lombalgie_session(expected.id, "p1", expected.date), scratch, &steps);
    EXPECT_EQ(step_value(steps, "series.session_number"), expected.session_number) << "claim " << expected.id;
    EXPECT_EQ(step_value(steps, "series.sessions_12_months_before"), expected.sessions_12_months_before)
        << "claim " << expected.id;
  }
}

TEST_F(Evaluator, BatchDerivesTheSeriesRankAndAsksPriorApprovalAtTheSixteenthSession) {
  std::vector<Claim> claims;
  for (unsigned day = 1; day <= 16; ++day) {
    Claim claim = without_history(claim_of("s" + std::to_string(day), on(2025, 3, day), {"RAM 7.49"}));
    claim.patient.id = "p-serie";
    claims.push_back(claim);
  }
  Claim other = without_history(claim_of("autre", on(2025, 3, 16), {"RAM 7.49"}));
  other.patient.id = "p-autre";
  claims.push_back(other);
  EvaluationScratch scratch;
  const std::vector<ClaimDecision> decisions = rules().evaluate_batch(claims, scratch);
  ASSERT_EQ(decisions.size(), claims.size());
  for (std::size_t i = 0; i < 15; ++i) {
    EXPECT_EQ(decisions[i].id, claims[i].id);
    EXPECT_EQ(decisions[i].decision, Decision::accepted) << claims[i].id << "\n" << describe(decisions[i]);
    expect_accepted(decisions[i], 0, "16.55");  // 7.49 x 2.21 = 16.5529 -> 16.55
  }
  // 16th session of p-serie: beyond 15 sessions per series.
  EXPECT_EQ(decisions[15].decision, Decision::prior_approval) << describe(decisions[15]);
  // p-autre's first session.
  EXPECT_EQ(decisions[16].decision, Decision::accepted) << describe(decisions[16]);

  // The batch forgets its history at the end: the same batch decides the same again.
  const std::vector<ClaimDecision> again = rules().evaluate_batch(claims, scratch);
  ASSERT_EQ(again.size(), decisions.size());
  EXPECT_EQ(again[14].decision, Decision::accepted);
  EXPECT_EQ(again[15].decision, Decision::prior_approval);
}

TEST_F(Evaluator, BatchCountsTheLimitPerYearOverThePatientsEarlierClaims) {
  const auto rqd = [](std::string id, std::string patient, Date date) {
    Claim claim = claim_of(std::move(id), date, {"RQD"});
    claim.patient.id = std::move(patient);
    return claim;
  };
  const std::vector<Claim> claims = {
      rqd("r1", "p-rqd", on(2025, 2, 1)), rqd("r2", "p-rqd", on(2025, 5, 1)), rqd("x1", "p-x", on(2025, 6, 1)),
      rqd("r3", "p-rqd", on(2025, 9, 1)), rqd("x2", "p-x", on(2025, 9, 1)),   rqd("r4", "p-rqd", on(2026, 7, 1)),
  };
  EvaluationScratch scratch;
  const std::vector<ClaimDecision> decisions = rules().evaluate_batch(claims, scratch);
  ASSERT_EQ(decisions.size(), 6U);
  expect_accepted(decisions[0], 0, "10");                                   // first RQD of p-rqd in 2025: 10 €
  expect_accepted(decisions[1], 0, "10");                                   // second: 10 €
  expect_accepted(decisions[2], 0, "10");                                   // p-x, first: 10 €
  expect_refused(decisions[3], 0, "rqd_deux_par_an", "deux actes par an");  // third of p-rqd in 2025
  expect_accepted(decisions[4], 0, "10");                                   // p-x, second: 10 €
  expect_accepted(decisions[5], 0, "10");  // p-rqd in 2026, more than 12 months after the first two: 10 €

  // evaluate, unlike evaluate_in_sequence, keeps no history: each claim alone.
  EvaluationScratch alone;
  expect_accepted(rules().evaluate(claims[3], alone), 0, "10");
}

TEST_F(Evaluator, BatchCountsTheLimitPerYearWhateverTheOrderOfTheDates) {
  const auto rqd = [](std::string id, Date date) {
    Claim claim = claim_of(std::move(id), date, {"RQD"});
    claim.patient.id = "p-rqd";
    return claim;
  };
  const std::vector<Claim> claims = {
      rqd("r1", on(2025, 9, 1)), rqd("r0", on(2024, 12, 31)), rqd("r2", on(2025, 2, 1)),
      rqd("r3", on(2025, 5, 1)), rqd("r4", on(2024, 6, 1)),
  };
  EvaluationScratch scratch;
  const std::vector<ClaimDecision> decisions = rules().evaluate_batch(claims, scratch);
  ASSERT_EQ(decisions.size(), 5U);
  expect_accepted(decisions[0], 0, "10");                                   // first RQD of 2025: 10 €
  expect_accepted(decisions[1], 0, "10");                                   // first of 2024: 10 €
  expect_accepted(decisions[2], 0, "10");                                   // second of 2025 (r1): 10 €
  expect_refused(decisions[3], 0, "rqd_deux_par_an", "deux actes par an");  // third of 2025: r1 and r2
  expect_accepted(decisions[4], 0, "10");                                   // second of 2024 (r0): 10 €
}

// ------------------------------------------------------------------ explanation

TEST_F(Evaluator, ExplanationListsTheStepsInOrderWithTheirSources) {
  Claim claim = claim_of("explique", on(2025, 3, 1), {"RAM 7.49", "IFD", "IK"});
  claim.place = Place::domicile;
  claim.travel.distance_km = money("7.3");
  claim.travel.same_agglomeration = false;
  std::vector<ExplanationStep> steps;
  const ClaimDecision decision = decide(claim, &steps);
  EXPECT_EQ(decision.decision, Decision::accepted) << describe(decision);
  ASSERT_FALSE(steps.empty());

  std::string listing;
  for (const ExplanationStep& s : steps) listing += s.what + " = " + s.value + " (" + s.source + ")\n";
  for (const ExplanationStep& s : steps) EXPECT_FALSE(s.source.empty()) << "a step without its source:\n" << listing;
  // Every step of this claim is about one of its lines: the line is known, and the steps of
  // one line come together, lines in order.
  for (std::size_t i = 0; i < steps.size(); ++i) {
    ASSERT_TRUE(steps[i].line.has_value()) << steps[i].what << "\n" << listing;
    if (i > 0) {
      EXPECT_LE(*steps[i - 1].line, *steps[i].line) << steps[i].what << "\n" << listing;
    }
  }

  struct Expected {
    std::string_view what_part;
    std::string_view value;
    std::string source;
    std::size_t line;  // the index of the billed line the step was needed for
  };
  const std::string rounding_source =
      cited(label_guide_test, "tarif = coefficient x valeur, arrondi au centime le plus proche");
  const std::vector<Expected> expected = {
      {"Rééducation d'une lombalgie commune", "RAM 7.49", cited(label_av_test, "annexe 12"), 0},
      {"valeur de RAM le 2025-03-01", "2.21", cited(label_av_test, "art. 2.1"), 0},
      {"7.49 × 2.21", "16.55", rounding_source, 0},  // 7.49 x 2.21 = 16.5529 -> 16.55
      {"place", "domicile", "facture", 1},
      {"valeur de IFD le 2025-03-01", "2.50", cited(label_fonds_test, "IFD 2,50 €"), 1},
      {"travel.distance_km", "7.3", "facture", 2},
      {"valeur de IK le 2025-03-01", "0.38", cited(label_fonds_test, "IK en plaine"), 2},
      {"calcul de IK", "4.03", cited(label_ngap_test, "dispositions générales, art. 13"), 2},  // 10.6 x 0.38 -> 4.03
  };
  std::size_t next = 0;
  for (const Expected& e : expected) {
    while (next < steps.size() && steps[next].what.find(e.what_part) == std::string::npos) ++next;
    ASSERT_LT(next, steps.size()) << "step « " << e.what_part << " » missing or out of order:\n" << listing;
    EXPECT_EQ(steps[next].value, e.value) << e.what_part << "\n" << listing;
    EXPECT_EQ(steps[next].source, e.source) << e.what_part << "\n" << listing;
    EXPECT_EQ(steps[next].line, e.line) << e.what_part << "\n" << listing;
    ++next;
  }
}

// The HAS referential decided that the session needs no prior approval by comparing the
// session's rank and its 12-month count with the thresholds: the explanation shows both.
TEST_F(Evaluator, ExplanationShowsTheCountsTheReferentialCompared) {
  Claim claim = claim_of("explique-referentiel", on(2025, 3, 1), {"RAM 7.49"});
  claim.series.session_number = 3;
  claim.series.sessions_12_months_before = 2;
  std::vector<ExplanationStep> steps;
  const ClaimDecision decision = decide(claim, &steps);
  EXPECT_EQ(decision.decision, Decision::accepted) << describe(decision);
  std::string listing;
  for (const ExplanationStep& s : steps) listing += s.what + " = " + s.value + " (" + s.source + ")\n";
  EXPECT_EQ(step_value(steps, "series.session_number"), "3") << listing;
  EXPECT_EQ(step_value(steps, "series.sessions_12_months_before"), "2") << listing;
}

TEST_F(Evaluator, ExplanationNamesTheRulesThatDecided) {
  Claim claim = claim_of("explique-regle", on(2025, 3, 1), {"IFD"});
  claim.place = Place::domicile;
  claim.telehealth = true;
  std::vector<ExplanationStep> steps;
  (void)decide(claim, &steps);
  bool found = false;
  for (const ExplanationStep& s : steps) {
    if (s.what.find("telesoin_deplacement") != std::string::npos) {
      found = true;
      EXPECT_EQ(s.source, cited(label_ngap_test, "dispositions générales, art. 13"));
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(Evaluator, ExplanationDoesNotChangeTheDecision) {
  Claim claim = claim_of("avec-sans", on(2025, 3, 1), {"AMS 9.5", "DRA 7.49"});
  claim.patient.age = 10;
  std::vector<ExplanationStep> steps;
  const ClaimDecision with = decide(claim, &steps);
  const ClaimDecision without = decide(claim);
  EXPECT_EQ(describe(with), describe(without));
}

// ------------------------------------------------------------------ rule-set hash

TEST_F(Evaluator, RuleSetHashIsPresentAndStable) {
  const CompileResult first = compile_rule_set(fixture);
  const CompileResult second = compile_rule_set(fixture);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(first.rule_set->hash().empty());
  EXPECT_EQ(first.rule_set->hash(), second.rule_set->hash());
  EXPECT_EQ(first.rule_set->hash(), rules().hash());
  EvaluationScratch scratch;
  const ClaimDecision decision = first.rule_set->evaluate(claim_of("hash", on(2025, 3, 1), {"AMK 6"}), scratch);
  EXPECT_EQ(decision.rule_set, first.rule_set->hash());
  // The shipped rules are other files: another hash.
  const CompileResult shipped = compile_rule_set(fs::path(COTATION_SOURCE_DIR) / "rules");
  if (shipped.ok()) {
    EXPECT_NE(shipped.rule_set->hash(), first.rule_set->hash());
  }
}

// ------------------------------------------------------------------ threads

// Every claim of the tests above, as one corpus.
std::vector<Claim> corpus() {
  std::vector<Claim> claims;
  Claim home = claim_of("t-home", on(2025, 3, 1), {"RAM 7.49", "IFD", "IK"});
  home.place = Place::domicile;
  home.travel.distance_km = money("7.3");
  home.travel.same_agglomeration = false;
  claims.push_back(home);
  Claim drom = home;
  drom.id = "t-drom";
  drom.region = Region::drom;
  claims.push_back(drom);
  Claim remote = home;
  remote.id = "t-telesoin";
  remote.telehealth = true;
  claims.push_back(remote);
  for (const char* code : {"RAB 8.5", "TPA 8.5", "TPA 1.5", "TVZ 3.5", "TVZ 3.49", "TLZ 3.5", "TLZ 3.49", "TER 16",
                           "AMK 6", "XYZ 3", "IFS", "RQD"}) {
    claims.push_back(claim_of(std::string("t-") + code, on(2025, 3, 1), {code}));
  }
  claims.push_back(claim_of("t-ams", on(2024, 3, 1), {"AMS 7.5"}));
  claims.push_back(claim_of("t-ams-apres", on(2024, 6, 1), {"AMS 7.5"}));
  claims.push_back(claim_of("t-reval", on(2026, 1, 1), {"RAM 8.09", "RAM 7.49"}));
  claims.push_back(claim_of("t-urgence", on(2025, 3, 1), {"AMS 9.5", "ARL 8"}));
  claims.push_back(claim_of("t-abroge", on(2026, 6, 21), {"AMS 9.5", "ARL 8"}));
  claims.push_back(claim_of("t-rqd", on(2025, 3, 1), {"RQD", "RQD", "RQD"}));
  Claim sixteenth = claim_of("t-16", on(2025, 3, 1), {"RAM 7.49", "IFS"});
  sixteenth.series.session_number = 16;
  claims.push_back(sixteenth);
  Claim conflict = claim_of("t-conflit", on(2025, 3, 1), {"AMK 10"});
  conflict.place = Place::domicile;
  conflict.telehealth = true;
  claims.push_back(conflict);
  Claim dra = claim_of("t-dra", on(2026, 3, 1), {"DRA 7.49", "IFD"});
  dra.patient.age.reset();
  dra.patient.birth_date = on(2008, 2, 29);
  claims.push_back(dra);
  Claim no_rank = claim_of("t-sans-rang", on(2025, 3, 1), {"RAM 7.49"});
  no_rank.series.session_number.reset();
  claims.push_back(no_rank);
  Claim no_date = claim_of("t-sans-date", on(2025, 3, 1), {"IFD"});
  no_date.date.reset();
  claims.push_back(no_date);
  Claim early = claim_of("t-2023", on(2023, 6, 1), {"IFD"});
  early.place = Place::domicile;
  claims.push_back(early);
  return claims;
}

std::string described_with_explanation(const RuleSet& rules, const Claim& claim, EvaluationScratch& scratch) {
  std::vector<ExplanationStep> steps;
  std::string out = describe(rules.evaluate(claim, scratch, &steps));
  for (const ExplanationStep& s : steps) out += s.what + "=" + s.value + "|" + s.source + "\n";
  return out;
}

TEST_F(Evaluator, OneRuleSetFromFourThreadsGivesTheDecisionsOfOneThread) {
  const std::vector<Claim> claims = corpus();
  std::vector<std::string> reference;
  {
    EvaluationScratch scratch;
    for (const Claim& claim : claims) reference.push_back(described_with_explanation(rules(), claim, scratch));
  }
  constexpr int threads = 4;
  constexpr int rounds = 50;
  std::vector<std::vector<std::string>> results(threads);
  {
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        EvaluationScratch scratch;
        for (int round = 0; round < rounds; ++round) {
          // Each thread walks the corpus from another starting point.
          for (std::size_t k = 0; k < claims.size(); ++k) {
            const std::size_t i =
                (k + static_cast<std::size_t>(t) * 7 + static_cast<std::size_t>(round)) % claims.size();
            std::string got = described_with_explanation(rules(), claims[i], scratch);
            if (got != reference[i]) results[t].push_back(claims[i].id + ":\n" + got + "instead of\n" + reference[i]);
          }
        }
      });
    }
    for (auto& worker : workers) worker.join();
  }
  for (int t = 0; t < threads; ++t) {
    EXPECT_TRUE(results[t].empty()) << "thread " << t << ": " << results[t].size() << " differences, first:\n"
                                    << (results[t].empty() ? "" : results[t].front());
  }
}

// A scratch remembers what a code designates and the texts composed about an old code, each for
// the days on which it holds (shipped rules): whatever the order of the claims' dates, the decisions and their
// reasons are those of a fresh scratch. Codes: an old cotation that 47 acts replace (AMS 7.5),
// one that one act replaces (AMS 9.5), cotations revalued twice (RAM 7.49, 8.09, 8.39), a shared
// code (AMK 10), an unknown coefficient; days: both sides of each date where they change.
TEST(Scratch, DecidesAsAFreshOneWhateverTheOrderOfTheDates) {
  const RuleSet& rules = compiled_once("rules");
  std::vector<Date> days;
  for (const Date boundary : {on(2024, 2, 22), on(2024, 6, 1), on(2026, 1, 1), on(2026, 9, 1), on(2027, 7, 1)}) {
    const std::chrono::sys_days day(boundary);
    for (const int shift : {-40, -1, 0, 1, 40}) days.emplace_back(day + std::chrono::days(shift));
  }
  std::vector<Claim> claims;
  for (const std::string code : {"AMS 7.5", "AMS 9.5", "RAM 7.49", "RAM 8.09", "RAM 8.39", "AMK 10", "RAM 7.77"}) {
    for (const Date day : days) claims.push_back(claim_of(code + " " + std::to_string(claims.size()), day, {code}));
  }
  std::vector<std::string> fresh;
  for (const Claim& claim : claims) {
    EvaluationScratch scratch;
    fresh.push_back(describe(rules.evaluate(claim, scratch)));
  }
  // Each code's days forward, backward, and far apart in turn (first, last, second, ...).
  std::vector<std::size_t> order(claims.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<std::vector<std::size_t>> orders = {order, {order.rbegin(), order.rend()}, {}};
  for (std::size_t low = 0, high = order.size(); low < high;) {
    orders[2].push_back(low++);
    if (low < high) orders[2].push_back(--high);
  }
  std::size_t refused_after_transition = 0;
  for (const auto& walk : orders) {
    EvaluationScratch scratch;
    for (const std::size_t i : walk) {
      const std::string decided = describe(rules.evaluate(claims[i], scratch));
      EXPECT_EQ(decided, fresh[i]) << claims[i].id;
      if (decided.find("n'est plus admise") != std::string::npos) ++refused_after_transition;
    }
  }
  // The texts listing the cotations in force that replace AMS 7.5 were composed and reused.
  EXPECT_GT(refused_after_transition, 30U);
}

// ------------------------------------------------------------------ telecare (TMK), shipped rules

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
                      EXPECT_NE(line.reasons[0].message.find(missing), std::string::npos) << context;
                      continue;
                    }
                    std::vector<std::string> decided;
                    for (const Reason& reason : line.reasons) decided.push_back(reason.rule);
                    EXPECT_EQ(decided, applied) << context;
                    EXPECT_EQ(line.decision, applied.empty() ? Decision::accepted : Decision::refused) << context;
                    if (!applied.empty()) ++refused_by_rules;
                  }
                }
  // Each rule refuses somewhere, alone or with others: the combinations reach every rule.
  EXPECT_GT(refused_by_rules, 100U);
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
                    decided += reason.message + (expected == "condition du lieu" ? "" : ";");
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
