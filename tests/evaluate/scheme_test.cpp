// The convention mechanisms of rules/convention/ (`dispositif`) evaluated for situations:
// amounts, schedules and decisions from seed 002, with the arithmetic written beside each.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "cotation/scheme.hpp"

namespace cotation {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono;

const RuleSet& shipped_rules() {
  static const CompileResult compiled = compile_rule_set(fs::path(COTATION_SOURCE_DIR) / "rules");
  EXPECT_TRUE(compiled.ok());
  return *compiled.rule_set;
}

Decimal euros(const char* text) {
  return Decimal::parse(text);
}

Situation modernisation(bool all_prerequisites, bool coordination, bool video, bool devices) {
  return {"m",
          "aide_modernisation",
          2024y / December / 31d,
          {{"logiciel_dmp", all_prerequisites},
           {"cahier_des_charges_sesam_vitale", true},
           {"scor", true},
           {"taux_teletransmission", euros("72.5")},
           {"messagerie_securisee", true},
           {"prise_en_charge_coordonnee", coordination},
           {"videotransmission", video},
           {"appareils_connectes", devices}}};
}

TEST(Scheme, ModernisationEveryIndicatorMet) {
  const SchemeResult result = evaluate_scheme(shipped_rules(), modernisation(true, true, true, true));
  EXPECT_TRUE(result.eligible);
  ASSERT_EQ(result.amounts.size(), 4U);
  for (const auto& amount : result.amounts) EXPECT_TRUE(amount.paid) << amount.name;
  EXPECT_EQ(result.total, euros("1115"));  // 490 + 100 + 350 + 175 = 1 115
}

TEST(Scheme, ModernisationOnlyThePrerequisites) {
  const SchemeResult result = evaluate_scheme(shipped_rules(), modernisation(true, false, false, false));
  EXPECT_TRUE(result.eligible);
  EXPECT_EQ(result.total, euros("490"));  // the 490 of the five prerequisites, nothing else
  EXPECT_EQ(result.amounts[1].reason, "condition non remplie : prise_en_charge_coordonnee");
}

TEST(Scheme, ModernisationPrerequisiteMissingPaysNothingAndSaysWhich) {
  const SchemeResult result = evaluate_scheme(shipped_rules(), modernisation(false, true, false, false));
  EXPECT_FALSE(result.eligible);
  EXPECT_EQ(result.total, euros("0"));  // 0: the complementary indicator needs the prerequisites too
  EXPECT_FALSE(result.prerequisites[0].met);
  EXPECT_EQ(result.amounts[0].reason,
            "prérequis non rempli : Indicateur 1 : disposer d'un logiciel métier compatible DMP");
  EXPECT_NE(result.prerequisites[0].source.find("indicateur 1"), std::string::npos);
}

TEST(Scheme, ModernisationTelehealthEquipmentIsPaidWithoutThePrerequisites) {
  Situation situation = modernisation(true, true, true, true);
  situation.facts[3].second = euros("69.99");  // indicator 4 missed: 69.99 % < 70 %
  const SchemeResult result = evaluate_scheme(shipped_rules(), situation);
  EXPECT_FALSE(result.eligible);
  EXPECT_EQ(result.total, euros("525"));  // 350 + 175 = 525, "indépendamment des indicateurs socles"
}

TEST(Scheme, ModernisationAmountsAreThoseOf2024Only) {
  Situation situation = modernisation(true, true, true, true);
  situation.date = 2025y / January / 1d;
  const SchemeResult result = evaluate_scheme(shipped_rules(), situation);
  EXPECT_TRUE(result.amounts.empty());
  EXPECT_EQ(result.total, euros("0"));
}

Situation contract(const char* scheme) {
  return {"c", scheme, 2024y / March / 1d, {{"zone_tres_sous_dotee", true}, {"engagements_socles", true}}};
}

TEST(Scheme, CaccmkSchedule) {
  const SchemeResult result = evaluate_scheme(shipped_rules(), contract("caccmk"));
  ASSERT_EQ(result.schedule.size(), 4U);
  EXPECT_EQ(result.schedule[0].year, 2024);
  EXPECT_EQ(result.schedule[0].date, Date(2024y / March / 1d));  // at the signature
  EXPECT_EQ(result.schedule[0].amount, euros("30000"));
  EXPECT_EQ(result.schedule[1].year, 2026);  // N+2, for N+1
  EXPECT_EQ(result.schedule[1].amount, euros("9000"));
  EXPECT_FALSE(result.schedule[1].date.has_value());
  EXPECT_EQ(result.schedule[2].year, 2027);
  EXPECT_EQ(result.schedule[3].year, 2028);
  EXPECT_EQ(result.total, euros("49000"));  // 30 000 + 9 000 + 5 000 + 5 000 = 49 000
}

TEST(Scheme, CaimkSchedule) {
  const SchemeResult result = evaluate_scheme(shipped_rules(), contract("caimk"));
  ASSERT_EQ(result.schedule.size(), 4U);
  EXPECT_EQ(result.schedule[0].amount, euros("15000"));
  EXPECT_EQ(result.total, euros("34000"));  // 15 000 + 9 000 + 5 000 + 5 000 = 34 000
}

TEST(Scheme, CammkSchedule) {
  const SchemeResult result = evaluate_scheme(shipped_rules(), contract("cammk"));
  ASSERT_EQ(result.schedule.size(), 3U);
  EXPECT_EQ(result.schedule[0].year, 2025);  // year N's 4 000 €, paid in N+1
  EXPECT_EQ(result.schedule[2].year, 2027);
  EXPECT_EQ(result.total, euros("12000"));  // 3 × 4 000 = 12 000
}

TEST(Scheme, ContractOutsideAVeryUnderservedZoneHasNoSchedule) {
  Situation situation = contract("caccmk");
  situation.facts[0].second = false;
  const SchemeResult result = evaluate_scheme(shipped_rules(), situation);
  EXPECT_FALSE(result.eligible);
  EXPECT_TRUE(result.schedule.empty());
  EXPECT_EQ(result.total, euros("0"));
}

SchemeResult intern(const char* months, const char* share) {
  return evaluate_scheme(shipped_rules(), {"s",
                                           "complement_stagiaire",
                                           2024y / June / 30d,
                                           {{"contrat_demographique", true},
                                            {"mois_accueil", euros(months)},
                                            {"quotite", euros(share)}}});
}

TEST(Scheme, InternSupplement) {
  EXPECT_EQ(intern("2", "100").total, euros("600"));  // 300 × 2 months × 100 % = 600
  EXPECT_EQ(intern("2", "50").total, euros("300"));   // 300 × 2 × 50 % = 300, half time
}

std::optional<SchemeOutcome> conventionnement(bool derogation, bool cessation, const char* acts, bool cpd) {
  return evaluate_scheme(shipped_rules(), {"z",
                                           "conventionnement_zone_non_prioritaire",
                                           2025y / May / 2d,
                                           {{"derogation", derogation},
                                            {"cessation_definitive", cessation},
                                            {"actes_cedant", euros(acts)},
                                            {"avis_favorable_cpd", cpd}}})
      .decision;
}

TEST(Scheme, ConventionnementEachBranchOfTheTree) {
  EXPECT_EQ(conventionnement(true, false, "0", false)->label, "conventionnement accordé");  // derogation
  EXPECT_EQ(conventionnement(false, false, "1500", true)->label, "conventionnement non accordé");  // no cessation
  EXPECT_EQ(conventionnement(false, true, "1201", false)->label, "conventionnement accordé");  // > 1200
  EXPECT_EQ(conventionnement(false, true, "1199", true)->label, "conventionnement accordé");  // < 1200, CPD yes
  EXPECT_EQ(conventionnement(false, true, "1199", false)->label, "conventionnement non accordé");  // CPD no
  EXPECT_FALSE(conventionnement(false, true, "1200", true).has_value());  // the tree says nothing of 1 200
}

TEST(Scheme, ABranchNotTakenNeedsNoFact) {
  const SchemeResult result = evaluate_scheme(
      shipped_rules(), {"z", "conventionnement_zone_non_prioritaire", 2025y / May / 2d, {{"derogation", true}}});
  EXPECT_EQ(result.decision->label, "conventionnement accordé");
}

TEST(Scheme, BadSituationsAreErrorsThatSayWhy) {
  const RuleSet& rules = shipped_rules();
  EXPECT_THROW((void)evaluate_scheme(rules, {"x", "inconnu", 2024y / May / 2d, {}}), SchemeError);
  EXPECT_THROW((void)evaluate_scheme(rules, {"x", "caccmk", 2024y / May / 2d, {{"zone", true}}}), SchemeError);
  EXPECT_THROW((void)evaluate_scheme(rules, {"x", "caccmk", 2024y / May / 2d, {{"zone_tres_sous_dotee", euros("1")}}}),
               SchemeError);
  try {
    (void)evaluate_scheme(rules, {"x", "caccmk", 2024y / May / 2d, {{"zone_tres_sous_dotee", true}}});
    FAIL() << "a fact the evaluation needs is missing";
  } catch (const SchemeError& error) {
    EXPECT_STREQ(error.what(), "la situation ne donne pas le fait engagements_socles, nécessaire ici");
  }
}

}  // namespace
}  // namespace cotation
