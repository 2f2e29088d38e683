// The SQLite history store of `cotation eval --history` (src/tools/history_store.hpp): the
// window computed from a rule set, sessions kept across openings, folded outside the window.
#include "tools/history_store.hpp"

#include <gtest/gtest.h>

#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "compile/history_window.hpp"
#include "evaluate/history.hpp"

namespace cotation::tools {
namespace {

namespace fs = std::filesystem;

std::shared_ptr<const RuleSet> compiled(const char* directory) {
  CompileResult result = compile_rule_set(fs::path(COTATION_SOURCE_DIR) / directory);
  EXPECT_TRUE(result.ok()) << directory;
  return result.rule_set;
}

TEST(HistoryWindow, IsAYearWhenARuleReadsAYearOrTheTwelveMonthsBefore) {
  // The shipped rules: RQD at most twice a calendar year, the HAS thresholds over 12 months; the
  // ranks in a series (BDK, thresholds by series) and `par épisode` (FRD) are folded, not dated.
  EXPECT_EQ(model::history_window_days(compiled("rules")->model()), 366);
  EXPECT_EQ(model::history_window_days(compiled("tests/evaluate/rules")->model()), 366);  // rqd_deux_par_an
}

TEST(HistoryWindow, IsZeroWhenNoRuleReadsAnEarlierDay) {
  EXPECT_EQ(model::history_window_days(compiled("tests/evaluate/rules-dates")->model()), 0);
}

TEST(HistoryStore, KeepsSessionsAcrossOpeningsFoldedOutsideTheWindow) {
  const auto rule_set = compiled("tests/evaluate/rules-dates");  // window 0: the latest day only
  const fs::path file = fs::temp_directory_path() / ("history_store_test_" + std::to_string(::getpid()) + ".sqlite");
  fs::remove(file);
  const auto claim_on = [](std::string id, std::chrono::year_month_day date) {
    Claim claim;
    claim.id = std::move(id);
    claim.date = date;
    claim.patient.id = "p1";
    claim.lines.push_back({"AMK 7"});
    return claim;
  };
  using std::chrono::January;
  using std::chrono::July;
  const std::vector<Claim> claims = {claim_on("a", std::chrono::year{2025} / January / 2),
                                     claim_on("b", std::chrono::year{2025} / July / 6),
                                     claim_on("c", std::chrono::year{2025} / July / 6)};
  {
    HistoryStore store(file, *rule_set);
    std::vector<DecidedClaim> chunk;
    for (const Claim& claim : claims) chunk.push_back({&claim, {true}});
    chunk.push_back({nullptr, {}});  // a line that did not read joins nothing
    store.save(chunk);
  }
  // Saving folded a: 185 days before b and c, beyond the window (0 days) plus late_claim_days.
  HistoryStore reopened(file, *rule_set);
  EvaluationScratch scratch;
  reopened.load(0, 1, scratch);
  const history::Patient& patient = history::histories_of(scratch).patient("p1");
  ASSERT_EQ(patient.session_count(), 2U);
  EXPECT_EQ(patient.sessions()[0].day, model::day_of(std::chrono::year{2025} / July / 6));
  ASSERT_EQ(patient.folded().size(), 1U);
  EXPECT_EQ(patient.folded()[0].count, 1U);
  EXPECT_EQ(patient.kept_from(), model::day_of(std::chrono::year{2025} / July / 6) - history::late_claim_days);
  // Worker 1 of 2 loads only the patients whose hash it decides: p1 is one worker's.
  EvaluationScratch first;
  EvaluationScratch second;
  reopened.load(0, 2, first);
  reopened.load(1, 2, second);
  EXPECT_EQ(history::histories_of(first).patient("p1").session_count() +
                history::histories_of(second).patient("p1").session_count(),
            2U);
  fs::remove(file);
  fs::remove(file.string() + "-wal");
  fs::remove(file.string() + "-shm");
}

// A file of schema version 0 (the sessions only, before folding) is migrated; one of a later
// version is refused and left as it is.
TEST(HistoryStore, MigratesAFileOfVersionZeroAndRefusesALaterVersion) {
  const auto rule_set = compiled("tests/evaluate/rules-dates");
  const fs::path file = fs::temp_directory_path() / ("history_store_schema_" + std::to_string(::getpid()) + ".sqlite");
  fs::remove(file);
  const auto run = [&](const char* sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  };
  run("CREATE TABLE session(id INTEGER PRIMARY KEY, patient TEXT NOT NULL, day INTEGER NOT NULL,"
      " claim TEXT NOT NULL, prescription TEXT NOT NULL, episode TEXT NOT NULL, lines TEXT NOT NULL);"
      "INSERT INTO session(patient, day, claim, prescription, episode, lines)"
      " VALUES('p1', 20270, 'a', '', '', '[{\"code\":\"AMK 7\",\"act\":\"\",\"accepted\":true}]');");
  {
    HistoryStore store(file, *rule_set);
    EvaluationScratch scratch;
    store.load(0, 1, scratch);
    EXPECT_EQ(history::histories_of(scratch).patient("p1").session_count(), 1U);
  }
  run("PRAGMA user_version = 2;");
  try {
    HistoryStore later(file, *rule_set);
    ADD_FAILURE() << "a file of schema version 2 was opened";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("version 2"), std::string::npos) << error.what();
  }
  fs::remove(file);
  fs::remove(file.string() + "-wal");
  fs::remove(file.string() + "-shm");
}

}  // namespace
}  // namespace cotation::tools
