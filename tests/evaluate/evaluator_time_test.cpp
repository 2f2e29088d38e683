// The evaluator over time: revaluations, postponed and repealed texts, pending and removed
// acts, art. 11 B, exceptions, missing fields and ages (evaluator_fixture.hpp). Amounts by hand.
#include <gtest/gtest.h>

#include "evaluate/evaluator_fixture.hpp"

namespace cotation {
namespace {

using namespace evaluator_test;  // NOLINT(google-build-using-namespace)

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
  EXPECT_NE(render_message(*reason).find("attente"), std::string::npos) << render_message(*reason);
  EXPECT_EQ(reason_source(*reason), cited(label_fonds_test, "TER 16 en attente de l'avis de la HAS"));
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
  EXPECT_EQ(reason_source(*reason), cited(label_fonds_test, "pertinence des interventions en EHPAD"));
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
  EXPECT_EQ(render_message(*reason),
            "La rééducation des déviations du rachis est réservée aux patients de moins de 18 ans");
  EXPECT_EQ(reason_source(*reason), cited(label_guide_test, "déviations du rachis (personnes de moins de 18 ans)"));
}

TEST_F(Evaluator, AgeGivenIsUsedAsGiven) {
  Claim seventeen = claim_of("dra-17", on(2025, 3, 1), {"DRA 7.49"});
  seventeen.patient.age = 17;
  expect_accepted(decide(seventeen), 0, "16.55");  // 7.49 x 2.21 = 16.5529 -> 16.55
  Claim eighteen = seventeen;
  eighteen.patient.age = 18;
  expect_refused(decide(eighteen), 0, "dra", "moins de 18 ans");
}

}  // namespace
}  // namespace cotation
