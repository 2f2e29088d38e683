// The history a claim carries (docs/claim-format.md §7, "History carried by the claim"): read,
// it gives a claim decided alone the decisions of a batch, and a limit decided
// without any history says so in a reason (cause history_missing).
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cotation/engine.hpp"
#include "evaluate/claim_json.hpp"

namespace cotation {
namespace {

namespace fs = std::filesystem;

const fs::path fixture = fs::path(COTATION_SOURCE_DIR) / "tests/evaluate/rules";

class CarriedHistory : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    CompileResult compiled = compile_rule_set(fixture);
    ASSERT_TRUE(compiled.ok());
    rules_ = new std::shared_ptr<const RuleSet>(compiled.rule_set);
  }
  static void TearDownTestSuite() {
    delete rules_;
    rules_ = nullptr;
  }
  static const RuleSet& rules() { return **rules_; }

  // The claim of `json_line`, with its history.
  static Claim read(std::string_view json_line) {
    const ClaimReadResult read = read_claim(json_line);
    EXPECT_TRUE(read.problems.empty()) << render_message(read.problems.front());
    EXPECT_TRUE(read.claim && read.claim->history);
    return *read.claim;
  }
  ClaimDecision decide(std::string_view json_line) { return rules().evaluate(read(json_line), scratch_); }

  EvaluationScratch scratch_;

 private:
  static std::shared_ptr<const RuleSet>* rules_;
};

std::shared_ptr<const RuleSet>* CarriedHistory::rules_ = nullptr;

// An RQD claim of 2025-09-01 (the fixture's rule rqd_deux_par_an: at most 2 a year), with `history`.
std::string rqd_claim(std::string_view history) {
  std::string line = R"({"id":"r3","date":"2025-09-01","region":"metropole","place":"cabinet",)"
                     R"("patient":{"id":"p1","age":45},"lines":[{"code":"RQD"}],)"
                     R"("series":{"session_number":1,"sessions_12_months_before":0,"prior_approval":false})";
  if (!history.empty()) line += std::string(R"(,"history":)") + std::string(history);
  return line + "}";
}

bool has_reason(const LineDecision& line, std::string_view rule) {
  for (const Reason& reason : line.reasons) {
    if (reason.rule == rule) return true;
  }
  return false;
}

bool has_code(const LineDecision& line, ReasonCode code) {
  for (const Reason& reason : line.reasons) {
    if (reason.code == code) return true;
  }
  return false;
}

TEST_F(CarriedHistory, TheThirdRqdOfTheYearIsRefusedWhenTheFirstTwoComeAsHistory) {
  const ClaimDecision decision = decide(rqd_claim(
      R"([{"date":"2025-02-01","lines":[{"code":"RQD"}]},{"date":"2025-05-01","lines":[{"code":"RQD"}],"prescription_id":"o1"}])"));
  ASSERT_EQ(decision.lines.size(), 1U);
  EXPECT_EQ(decision.decision, Decision::refused);  // 2 earlier + this one = 3 > 2
  EXPECT_TRUE(has_reason(decision.lines[0], "rqd_deux_par_an"));
  EXPECT_FALSE(has_code(decision.lines[0], ReasonCode::history_missing));
}

TEST_F(CarriedHistory, OnlyAcceptedLinesOfTheSameYearCount) {
  // One RQD of 2024 (another year) and one refused in 2025: this one is the second of 2025.
  const ClaimDecision decision = decide(rqd_claim(
      R"([{"date":"2024-12-31","lines":[{"code":"RQD"}]},)"
      R"({"date":"2025-05-01","lines":[{"code":"RQD","accepted":false}]},{"date":"2025-06-01","lines":[{"code":"RQD"}]}])"));
  ASSERT_EQ(decision.lines.size(), 1U);
  EXPECT_EQ(decision.lines[0].decision, Decision::accepted);
  EXPECT_EQ(decision.lines[0].amount, Decimal::parse("10"));  // RQD 10 €
  EXPECT_FALSE(has_code(decision.lines[0], ReasonCode::history_missing));
}

TEST_F(CarriedHistory, AnEmptyHistoryIsHadAndNoHistoryIsSaid) {
  const ClaimDecision had = decide(rqd_claim("[]"));
  ASSERT_EQ(had.lines.size(), 1U);
  EXPECT_EQ(had.lines[0].decision, Decision::accepted);
  EXPECT_TRUE(had.lines[0].reasons.empty());

  const ClaimReadResult read = read_claim(rqd_claim(""));
  ASSERT_TRUE(read.claim);
  const ClaimDecision alone = rules().evaluate(*read.claim, scratch_);
  ASSERT_EQ(alone.lines.size(), 1U);
  EXPECT_EQ(alone.lines[0].decision, Decision::accepted);  // the count is short, not wrong
  ASSERT_TRUE(has_code(alone.lines[0], ReasonCode::history_missing));
  EXPECT_NE(render_message(alone.lines[0].reasons[0]).find("rqd_deux_par_an (au plus 2 par an)"), std::string::npos)
      << render_message(alone.lines[0].reasons[0]);

  // In sequence the batch's earlier claims are the history: had, nothing said.
  const ClaimDecision in_sequence = rules().evaluate_in_sequence(*read.claim, scratch_);
  EXPECT_FALSE(has_code(in_sequence.lines[0], ReasonCode::history_missing));
  scratch_.forget_history();
}

TEST_F(CarriedHistory, InABatchTheCarriedHistoryReplacesTheBatchsEarlierClaims) {
  // Two RQD claims of p1 in the batch, then one carrying an empty history: it is the first.
  const ClaimReadResult plain = read_claim(rqd_claim(""));
  ASSERT_TRUE(plain.claim);
  const Claim carrying = read(rqd_claim("[]"));
  const std::vector<ClaimDecision> decisions =
      rules().evaluate_batch({*plain.claim, *plain.claim, carrying, *plain.claim}, scratch_);
  ASSERT_EQ(decisions.size(), 4U);
  EXPECT_EQ(decisions[1].decision, Decision::accepted);  // second of 2025
  EXPECT_EQ(decisions[2].decision, Decision::accepted);  // its own history: none before it
  EXPECT_EQ(decisions[3].decision, Decision::refused);   // the batch's: three before it
}

TEST(CarriedHistoryFormat, ASessionWithoutDateOrWithAScalarLineIsAProblem) {
  const ClaimReadResult read =
      read_claim(rqd_claim(R"([{"lines":[{"code":"RQD"}]},{"date":"2025-01-01","lines":["RQD"]}])"));
  EXPECT_FALSE(read.claim);
  std::string messages;
  for (const Reason& problem : read.problems) messages += render_message(problem) + "\n";
  EXPECT_NE(messages.find("history[0].date"), std::string::npos) << messages;
  EXPECT_NE(messages.find("history[1].lines[0]"), std::string::npos) << messages;
}

}  // namespace
}  // namespace cotation
