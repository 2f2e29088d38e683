// The patients' history kept by RuleSet::evaluate_in_sequence: records in day order whatever
// the order they come in, patients found again among many, texts numbered.
#include "evaluate/history.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace cotation::history {
namespace {

std::vector<Day> days_of(std::span<const Session> sessions) {
  std::vector<Day> days;
  for (const Session& session : sessions) days.push_back(session.day);
  return days;
}

TEST(History, SessionsAreKeptInDayOrderAndADaysSessionsInTheirOrder) {
  Patient patient("p1", std::pmr::get_default_resource());
  // The prescription number tells the sessions of one day apart.
  patient.add(Session{20, 1, no_text, {}});
  patient.add(Session{10, 2, no_text, {}});
  patient.add(Session{20, 3, no_text, {}});
  patient.add(Session{15, 4, no_text, {}});
  patient.add(Session{5, 5, no_text, {}});
  EXPECT_EQ(patient.session_count(), 5U);
  EXPECT_EQ(days_of(patient.sessions_between(0, 100)), (std::vector<Day>{5, 10, 15, 20, 20}));
  EXPECT_EQ(days_of(patient.sessions_between(10, 15)), (std::vector<Day>{10, 15}));
  EXPECT_TRUE(patient.sessions_between(11, 14).empty());
  EXPECT_TRUE(patient.sessions_between(21, 30).empty());
  const auto twentieth = patient.sessions_between(20, 20);
  ASSERT_EQ(twentieth.size(), 2U);
  EXPECT_EQ(twentieth[0].prescription, 1U);  // given first
  EXPECT_EQ(twentieth[1].prescription, 3U);
}

// A session's series: those of its first two acts that make one; two sessions share a series
// when one of them is in both, sessions of no series are of the same (none), and a session of
// an act not known for sure is of any.
TEST(History, SeriesKeysKeepTwoSeriesAndShareAnyOfThem) {
  SeriesKeys knee_and_back;
  knee_and_back.add(7);
  knee_and_back.add(model::no_series);  // a BDK: no series
  knee_and_back.add(7);                 // the same act again
  knee_and_back.add(3);
  knee_and_back.add(9);  // a third series: not kept
  EXPECT_EQ(knee_and_back.first, 7U);
  EXPECT_EQ(knee_and_back.second, 3U);
  SeriesKeys back;
  back.add(3);
  SeriesKeys shoulder;
  shoulder.add(9);
  const SeriesKeys none;
  EXPECT_TRUE(back.shares(knee_and_back));
  EXPECT_TRUE(knee_and_back.shares(back));
  EXPECT_FALSE(shoulder.shares(knee_and_back));
  EXPECT_FALSE(shoulder.shares(back));
  EXPECT_FALSE(none.shares(back));
  EXPECT_FALSE(back.shares(none));
  EXPECT_TRUE(none.shares(none));
  // An act not known for sure (AMS 7.5): any series, whatever else the session bills.
  SeriesKeys unknown;
  unknown.add(3);
  unknown.add(SeriesKeys::any);
  unknown.add(9);
  EXPECT_EQ(unknown.first, SeriesKeys::any);
  EXPECT_TRUE(unknown.shares(shoulder));
  EXPECT_TRUE(none.shares(unknown));
}

TEST(History, LateSessionsWaitUntilAPeriodThatHoldsThemIsRead) {
  Patient patient("p1", std::pmr::get_default_resource());
  patient.add(Session{100, 1, no_text, {}});
  patient.add(Session{50, 2, no_text, {}});  // late: waits
  patient.add(Session{40, 3, no_text, {}});  // late: waits
  EXPECT_EQ(patient.session_count(), 3U);
  // A period after the late ones: read without them, as they are not in it.
  EXPECT_EQ(days_of(patient.sessions_between(60, 100)), (std::vector<Day>{100}));
  patient.add(Session{50, 4, no_text, {}});  // late, after the other of day 50
  patient.add(Session{100, 5, no_text, {}});
  // A period that holds a late one merges them all, each after the sessions of its day given before it.
  EXPECT_EQ(days_of(patient.sessions_between(45, 55)), (std::vector<Day>{50, 50}));
  EXPECT_EQ(days_of(patient.sessions_between(0, 200)), (std::vector<Day>{40, 50, 50, 100, 100}));
  const auto fiftieth = patient.sessions_between(50, 50);
  EXPECT_EQ(fiftieth[0].prescription, 2U);
  EXPECT_EQ(fiftieth[1].prescription, 4U);
  patient.add(Session{50, 6, no_text, {}});  // late again, after the merged ones of its day
  EXPECT_EQ(patient.sessions_between(50, 50).back().prescription, 6U);
  EXPECT_EQ(patient.session_count(), 6U);
}

TEST(History, BilledLinesAreKeptInDayOrder) {
  Patient patient("p1", std::pmr::get_default_resource());
  patient.add(BilledLine{30, no_text, 7, true});
  patient.add(BilledLine{10, no_text, 8, false});
  patient.add(BilledLine{30, no_text, 9, true});
  const auto thirtieth = patient.billed_between(30, 30);
  ASSERT_EQ(thirtieth.size(), 2U);
  EXPECT_EQ(thirtieth[0].index, 7U);
  EXPECT_EQ(thirtieth[1].index, 9U);
  ASSERT_EQ(patient.billed().size(), 3U);
  EXPECT_EQ(patient.billed()[0].index, 8U);
  EXPECT_FALSE(patient.billed()[0].is_act);
}

TEST(History, EachPatientIsFoundAgainAmongThousands) {
  // More patients than the table's first 1,024 slots can hold half full: it grows several times.
  constexpr int patients = 5000;
  Histories histories;
  for (int n = 0; n < patients; ++n) histories.patient("p" + std::to_string(n)).add(Session{n, no_text, no_text, {}});
  for (int n = 0; n < patients; ++n) {
    const std::string id = "p" + std::to_string(n);
    Patient& patient = histories.patient(id);
    ASSERT_EQ(patient.id(), id);
    ASSERT_EQ(patient.session_count(), 1U) << id;
    ASSERT_EQ(days_of(patient.sessions_between(0, patients)), std::vector<Day>{n}) << id;
  }
  histories.clear();
  EXPECT_EQ(histories.patient("p17").session_count(), 0U);
}

TEST(History, EqualTextsHaveEqualNumbers) {
  Histories histories;
  EXPECT_EQ(histories.number_of(""), no_text);
  EXPECT_EQ(histories.keep(""), no_text);
  EXPECT_EQ(histories.number_of("ordonnance-1"), unseen_text);
  const TextNumber first = histories.keep("ordonnance-1");
  const TextNumber second = histories.keep("ordonnance-2");
  EXPECT_NE(first, no_text);
  EXPECT_NE(first, unseen_text);
  EXPECT_NE(first, second);
  EXPECT_EQ(histories.keep("ordonnance-1"), first);
  EXPECT_EQ(histories.number_of("ordonnance-1"), first);
  histories.clear();
  EXPECT_EQ(histories.number_of("ordonnance-1"), unseen_text);
}

TEST(History, HugePageBlocksAreAlignedOnTwoMegabytesAndWhollyUsable) {
  constexpr std::size_t two_megabytes = std::size_t{2} << 20U;
  HugePageBlocks blocks;
  for (const std::size_t bytes : {std::size_t{1}, two_megabytes, 3 * two_megabytes / 2}) {
    void* block = blocks.allocate(bytes, alignof(std::max_align_t));
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(block) % two_megabytes, 0U) << bytes << " bytes";
    std::memset(block, 0xAB, bytes);
    EXPECT_EQ(static_cast<unsigned char*>(block)[bytes - 1], 0xAB);
    blocks.deallocate(block, bytes, alignof(std::max_align_t));
  }
}

// Two years and more of weekly sessions of one series (prescription 1), folded as a batch
// folds them with a window of 366 days: the records kept stay within the window plus
// late_claim_days plus a fold_step (366 + 62 + 31 = 459 days: at most 66 weekly sessions),
// while the folded counts plus those kept still give every session: the rank of the next.
TEST(History, FoldingKeepsTheWindowAndCountsTheRest) {
  Patient patient("p1", std::pmr::get_default_resource());
  constexpr int weeks = 120;
  std::size_t most_kept = 0;
  for (int week = 0; week < weeks; ++week) {
    const Day day = 7 * week;
    patient.add(BilledLine{day, 5, 0, true});
    patient.add(Session{day, 1, 5, {}});
    patient.fold(day, 366);
    most_kept = std::max(most_kept, patient.session_count());
  }
  EXPECT_LE(most_kept, 66U);
  EXPECT_LT(patient.session_count(), static_cast<std::size_t>(weeks));
  // 7 * 119 = 833, the last day: 833 - 366 - 62 = 405 the horizon, sessions from day 406 kept.
  EXPECT_GE(patient.kept_from(), 833 - 366 - 62 - 31 - 7);  // folded by steps of a month, at weekly sessions
  EXPECT_LE(patient.kept_from(), 833 - 366 - 62);
  EXPECT_EQ(patient.folded_of_the_series(1, {}) + static_cast<std::int32_t>(patient.session_count()), weeks);
  EXPECT_EQ(patient.folded_of_the_series(2, {}), 0);  // another prescription
  // Without a prescription, the series keys: no series shares with no series.
  EXPECT_EQ(patient.folded_of_the_series(no_text, {}), weeks - static_cast<std::int32_t>(patient.session_count()));
  ASSERT_EQ(patient.folded_lines().size(), 1U);  // act 0 of episode 5, counted
  EXPECT_EQ(patient.folded_lines()[0].count + patient.billed().size(), static_cast<std::size_t>(weeks));
  // Every record of the days before kept_from() is folded, every later one kept.
  EXPECT_GE(patient.sessions().front().day, patient.kept_from());
  EXPECT_GE(patient.billed().front().day, patient.kept_from());
}

}  // namespace
}  // namespace cotation::history
