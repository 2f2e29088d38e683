// The SQLite history store of `cotation eval --history` (src/tools/history_store.hpp): the
// window computed from a rule set, sessions kept across openings, trimmed to the window.
#include "tools/history_store.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "evaluate/history.hpp"

namespace cotation::tools {
namespace {

namespace fs = std::filesystem;

std::shared_ptr<const RuleSet> compiled(const char* directory) {
  CompileResult result = compile_rule_set(fs::path(COTATION_SOURCE_DIR) / directory);
  EXPECT_TRUE(result.ok()) << directory;
  return result.rule_set;
}

TEST(HistoryWindow, IsNoneWhenARuleReadsTheRankInASeries) {
  // The HAS threshold `au-delà de 15 séances par série` reads every session of the series.
  EXPECT_FALSE(history_window_days(compiled("tests/evaluate/rules")->model()));
  EXPECT_FALSE(history_window_days(compiled("tests/evaluate/rules-formulas")->model()));  // série.rang
  EXPECT_FALSE(history_window_days(compiled("rules")->model()));
}

TEST(HistoryWindow, IsZeroWhenNoRuleReadsAnEarlierSession) {
  EXPECT_EQ(history_window_days(compiled("tests/evaluate/rules-dates")->model()), 0);
}

TEST(HistoryStore, KeepsSessionsAcrossOpeningsTrimmedToTheWindow) {
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
  using std::chrono::July;
  const std::vector<Claim> claims = {claim_on("a", std::chrono::year{2025} / July / 1),
                                     claim_on("b", std::chrono::year{2025} / July / 6),
                                     claim_on("c", std::chrono::year{2025} / July / 6)};
  {
    HistoryStore store(file, *rule_set);
    std::vector<DecidedClaim> chunk;
    for (const Claim& claim : claims) chunk.push_back({&claim, {true}});
    chunk.push_back({nullptr, {}});  // a line that did not read joins nothing
    store.save(chunk);
  }
  HistoryStore reopened(file, *rule_set);  // trims: a, five days before b and c, goes
  EvaluationScratch scratch;
  reopened.load(0, 1, scratch);
  const history::Patient& patient = history::histories_of(scratch).patient("p1");
  ASSERT_EQ(patient.session_count(), 2U);
  EXPECT_EQ(patient.sessions()[0].day, model::day_of(std::chrono::year{2025} / July / 6));
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

}  // namespace
}  // namespace cotation::tools
