// The evaluator over a patient's claims: evaluate_in_sequence and evaluate_batch derive the
// series counts, the explanation's steps, the rule-set hash, threads (evaluator_fixture.hpp).
#include <gtest/gtest.h>

#include "evaluate/evaluator_fixture.hpp"

namespace cotation {
namespace {

using namespace evaluator_test;  // NOLINT(google-build-using-namespace)

// ------------------------------------------------------------------ history of a patient

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

// An RQD claim of patient p-rqd (the fixture's rqd_deux_par_an: at most 2 a calendar year).
Claim rqd_of_one_patient(std::string id, Date date) {
  Claim claim = claim_of(std::move(id), date, {"RQD"});
  claim.patient.id = "p-rqd";
  return claim;
}

TEST_F(Evaluator, BatchCountsTheLimitPerYearWhateverTheOrderOfTheDates) {
  const auto rqd = rqd_of_one_patient;
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

// The fixture's window is 366 days (RQD per year): sessions more than 366 + 62 days before the latest
// are folded into counts (history::Patient::fold). A claim given after them but dated in a folded
// year is not counted short in silence: its `par an` limit says it could not count it all.
TEST_F(Evaluator, BatchSaysWhenALateClaimsYearWasFolded) {
  const auto rqd = rqd_of_one_patient;
  const std::vector<Claim> claims = {
      rqd("r1", on(2023, 1, 10)), rqd("r2", on(2023, 2, 1)), rqd("r3", on(2024, 9, 1)),
      rqd("r4", on(2025, 6, 1)),  rqd("r5", on(2023, 3, 1)),  // the third of 2023, given last
  };
  EvaluationScratch scratch;
  const std::vector<ClaimDecision> decisions = rules().evaluate_batch(claims, scratch);
  ASSERT_EQ(decisions.size(), 5U);
  for (std::size_t i = 0; i < 4; ++i) expect_accepted(decisions[i], 0, "10");  // each within its year
  // On 2025-06-01, 2023's sessions were folded (before 2024-03-27 = 2025-06-01 - 366 - 62): r5
  // counts its own line only, and says so (with the whole history it would be refused).
  const ClaimDecision& late = decisions[4];
  EXPECT_TRUE(has_reason(late.lines.at(0).reasons, "rqd_deux_par_an", "n'a pas compté les séances les plus anciennes"))
      << describe(late);
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

}  // namespace
}  // namespace cotation
