// Series are series (docs/claim-format.md, section 7): the rank of a session in its series and
// its sessions of the 12 months before, when the claim does not give them, count the patient's
// earlier claims of the same series (the same prescription.id, or without one the same act or
// HAS referential), never every earlier claim. Observed through the shipped rules (rules/):
// the BDK (AMK 10.7) is billed at the first session of a series, then at the 30th and every 20
// sessions; the lombalgie commune referential asks for prior approval beyond 15 sessions per
// series or 30 sessions over 12 months; the forearm fracture referential, shared by two acts,
// beyond 25 per series. Letter values on 2024-09-02, metropole: RAM, RIC, RSC, RSM 2.21 €.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "cotation/engine.hpp"
#include "support/shipped_rules.hpp"

namespace cotation {
namespace {

Date day_after(int days) {
  return Date{std::chrono::sys_days(Date{std::chrono::year(2024), std::chrono::month(9), std::chrono::day(2)}) +
              std::chrono::days(days)};
}

// A session at the practice of patient p1, `days` after 2024-09-02, billing `codes`, from
// `prescription` (none when empty). The series is not given: the history derives it.
Claim session(int days, std::vector<std::string> codes, std::string prescription = "") {
  Claim claim;
  claim.id = "s" + std::to_string(days);
  claim.date = day_after(days);
  claim.region = Region::metropole;
  claim.place = Place::cabinet;
  claim.patient.id = "p1";
  claim.patient.age = 45;
  for (std::string& code : codes) claim.lines.push_back(ClaimLine{std::move(code)});
  claim.prescription.kind = PrescriptionKind::medical;
  claim.prescription.id = std::move(prescription);
  claim.series.prior_approval = false;
  return claim;
}

class Series : public ::testing::Test {
 protected:
  ClaimDecision decide(const Claim& claim) { return testing::shipped_rules().evaluate_in_sequence(claim, scratch_); }

  // `count` sessions billing `code`, one a day from `first_day`, each expected accepted.
  void sessions(int first_day, int count, const std::string& code, const std::string& prescription = "") {
    for (int k = 0; k < count; ++k) {
      const ClaimDecision decision = decide(session(first_day + k, {code}, prescription));
      ASSERT_EQ(decision.decision, Decision::accepted) << code << " session " << k + 1;
    }
  }

  EvaluationScratch scratch_;
};

void expect_line(const ClaimDecision& decision, std::size_t line, Decision expected, const char* amount) {
  ASSERT_GT(decision.lines.size(), line);
  EXPECT_EQ(decision.lines[line].decision, expected) << decision.lines[line].code;
  if (amount != nullptr) {
    EXPECT_EQ(decision.lines[line].amount, Decimal::parse(amount)) << decision.lines[line].code;
  }
}

// After fifteen knee sessions (prothese_genou, RIC 7.52), a first low-back session is a first
// session: its BDK is due. The knee series goes on at its 16th session, where no BDK is.
TEST_F(Series, AFirstLowBackSessionAfterFifteenKneeSessionsIsAFirstSession) {
  sessions(0, 15, "RIC 7.52");
  const ClaimDecision low_back = decide(session(15, {"AMK 10.7", "RAM 7.49"}));
  expect_line(low_back, 0, Decision::accepted, "23.65");  // BDK, rank 1: 10.7 x 2.21 = 23.647 -> 23.65
  expect_line(low_back, 1, Decision::accepted, "16.55");  // 7.49 x 2.21 = 16.5529 -> 16.55
  const ClaimDecision knee = decide(session(16, {"AMK 10.7", "RIC 7.52"}));
  expect_line(knee, 0, Decision::refused, nullptr);   // BDK at rank 16 of the knee series
  expect_line(knee, 1, Decision::accepted, "16.62");  // 7.52 x 2.21 = 16.6192 -> 16.62 (16th of 25)
}

// The 16th low-back session needs prior approval whatever the other series in between.
TEST_F(Series, TheSixteenthSessionOfASeriesCountsOnlyItsOwnSessions) {
  sessions(0, 10, "RAM 7.49");
  sessions(10, 10, "RIC 7.52");
  sessions(20, 5, "RAM 7.49");  // sessions 11 to 15 of the low-back series
  const ClaimDecision sixteenth = decide(session(25, {"RAM 7.49"}));
  expect_line(sixteenth, 0, Decision::prior_approval, "16.55");  // beyond 15 per series: 16.55 with approval
}

// With a prescription.id, the series is the prescription's: the same act on a new prescription
// starts a new series, the old prescription's next session is its 16th.
TEST_F(Series, APrescriptionIdMakesTheSeries) {
  sessions(0, 15, "RAM 7.49", "o1");
  const ClaimDecision new_prescription = decide(session(15, {"AMK 10.7", "RAM 7.49"}, "o2"));
  expect_line(new_prescription, 0, Decision::accepted, "23.65");  // BDK, rank 1 of o2
  expect_line(new_prescription, 1, Decision::accepted, "16.55");
  const ClaimDecision old_prescription = decide(session(16, {"RAM 7.49"}, "o1"));
  expect_line(old_prescription, 0, Decision::prior_approval, "16.55");  // 16th session of o1
}

// Two acts with one HAS referential make one series: 13 sessions of the operated forearm
// fracture (RSC 7.5) and 12 of the non-operated one (RSM 7.51) are 25; the 26th is beyond.
TEST_F(Series, ActsOfOneReferentialMakeOneSeries) {
  sessions(0, 13, "RSC 7.5");
  sessions(13, 12, "RSM 7.51");
  const ClaimDecision twenty_sixth = decide(session(25, {"RSC 7.5"}));
  expect_line(twenty_sixth, 0, Decision::prior_approval, "16.58");  // 7.5 x 2.21 = 16.575 -> 16.58
}

// The 12 months before count the sessions of the series only: 29 low-back sessions and 10 knee
// sessions in the 12 months, each series given as new (rank 1) so that only the window counts.
// The 30th low-back session is within 30 over 12 months; the 31st is beyond.
TEST_F(Series, TheTwelveMonthsBeforeCountTheSeriesSessions) {
  const auto given_first = [](Claim claim) {
    claim.series.session_number = 1;
    return claim;
  };
  for (int k = 0; k < 29; ++k) {
    ASSERT_EQ(decide(given_first(session(7 * k, {"RAM 7.49"}))).decision, Decision::accepted) << k;
    if (k < 10) {
      ASSERT_EQ(decide(given_first(session(7 * k + 1, {"RIC 7.52"}))).decision, Decision::accepted) << k;
    }
  }
  const ClaimDecision thirtieth = decide(given_first(session(7 * 29, {"RAM 7.49"})));
  expect_line(thirtieth, 0, Decision::accepted, "16.55");
  const ClaimDecision thirty_first = decide(given_first(session(7 * 29 + 1, {"RAM 7.49"})));
  expect_line(thirty_first, 0, Decision::prior_approval, "16.55");
}

}  // namespace
}  // namespace cotation
