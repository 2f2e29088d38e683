// The evaluator: each decision kind of RuleSet::evaluate on the fixture rule set
// tests/evaluate/rules/ (evaluator_fixture.hpp). Every expected amount is computed by hand in the
// comment beside its assertion, from the values written in the fixture; none comes from the engine.
#include <gtest/gtest.h>

#include "evaluate/evaluator_fixture.hpp"

namespace cotation {
namespace {

using namespace evaluator_test;  // NOLINT(google-build-using-namespace)

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
  EXPECT_EQ(render_message(*reason), "Pas d'indemnité de déplacement pour une séance en télésoin");
  EXPECT_EQ(reason_source(*reason), cited(label_ngap_test, "dispositions générales, art. 13"));
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
  EXPECT_NE(render_message(*reason).find("lombalgie commune"), std::string::npos) << render_message(*reason);
  EXPECT_NE(render_message(*reason).find("accord préalable"), std::string::npos) << render_message(*reason);
  EXPECT_EQ(reason_source(*reason), cited(label_fonds_test, "référentiels HAS, lombalgie commune"));
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
  const std::string message = render_message(reason);
  EXPECT_NE(message.find("transition"), std::string::npos) << message;
  EXPECT_NE(message.find("RAM 7.49"), std::string::npos)
      << "the message of an old cotation accepted in transition should name the new one: " << message;
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
  EXPECT_EQ(reason_source(after.lines[0].reasons.at(0)),
            "Assurance Maladie : synthèse des mesures (fixture de test), fin de la transition au 1er juin 2024");

  // Before the transition no cotation replaces it yet: the old one is in force, at the old value,
  // and no transition reason is given. AMK 8.5 x 2.15 = 18.275 -> 18.28.
  const ClaimDecision before =
      compiled.rule_set->evaluate(claim_of("amk-avant", on(2024, 2, 21), {"AMK 8.5"}), scratch);
  expect_accepted(before, 0, "18.28");
  EXPECT_TRUE(before.lines[0].reasons.empty()) << describe(before);
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
    for (const Reason& reason : decision.lines.at(0).reasons) names.emplace_back(reason.rule);
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

}  // namespace
}  // namespace cotation
