// The examples of the fixture tests/cli/test/regles (amounts computed by hand in its
// comments) run through the engine: which pass, how a failing line is described, and what
// coverage finds unexercised.
#include <gtest/gtest.h>

#include <algorithm>

#include "tools/example_runner.hpp"

namespace cotation::tools {
namespace {

const ExampleResult& result_named(const ExampleReport& report, std::string_view name) {
  const auto it = std::find_if(report.results.begin(), report.results.end(),
                               [&](const ExampleResult& r) { return r.example->name == name; });
  if (it == report.results.end()) throw std::runtime_error("no example named " + std::string(name));
  return *it;
}

class ExampleRunner : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    compiled_ = new CompileResult(compile_rule_set(std::string(COTATION_SOURCE_DIR) + "/tests/cli/test/regles"));
  }
  static void TearDownTestSuite() {
    delete compiled_;
    compiled_ = nullptr;
  }
  static CompileResult* compiled_;
};
CompileResult* ExampleRunner::compiled_ = nullptr;

TEST_F(ExampleRunner, PassingAndFailingExamples) {
  ASSERT_TRUE(compiled_->ok());
  const ExampleReport report = run_examples(*compiled_->rule_set);
  ASSERT_EQ(report.results.size(), 7U);
  EXPECT_EQ(report.failures(), 3U);
  // RAM 7.49 x 2.21 = 16.5529 -> 16.55; IFD 2.50; IK (2 x 10 - 4) x 0.38 = 6.08
  const ExampleResult& home = result_named(report, "domicile_10_km");
  EXPECT_TRUE(home.passed);
  ASSERT_EQ(home.lines.size(), 3U);
  EXPECT_EQ(*home.lines[2].actual->amount, Decimal::parse("6.08"));
  // RAM 7.49 x 2.43 = 18.2007 -> 18.20, 16th session: prior approval
  EXPECT_TRUE(result_named(report, "lombalgie_outre_mer").passed);
  EXPECT_TRUE(result_named(report, "ifd_au_cabinet").passed);
}

TEST_F(ExampleRunner, AmountsCompareExactly) {
  const ExampleReport report = run_examples(*compiled_->rule_set);
  // Expected 16.57; RAM 7.5 x 2.21 = 16.575 -> 16.58: one cent off is a failure.
  const ExampleResult& minor = result_named(report, "dra_mineur");
  EXPECT_FALSE(minor.passed);
  ASSERT_EQ(minor.lines.size(), 1U);
  EXPECT_FALSE(minor.lines[0].passed);
  EXPECT_EQ(minor.lines[0].actual->decision, Decision::accepted);
  EXPECT_EQ(*minor.lines[0].actual->amount, Decimal::parse("16.58"));
  EXPECT_EQ(*minor.lines[0].expected->amount, Decimal::parse("16.57"));
}

TEST_F(ExampleRunner, ReasonMustContainTheExpectedText) {
  const ExampleReport report = run_examples(*compiled_->rule_set);
  const ExampleResult& telehealth = result_named(report, "ifd_en_telesoin");
  EXPECT_FALSE(telehealth.passed);
  EXPECT_EQ(telehealth.lines[0].actual->decision, Decision::refused);  // refused, but for another reason
  const ExampleResult& adult = result_named(report, "dra_adulte");
  EXPECT_EQ(adult.lines[0].actual->decision, Decision::refused);
  EXPECT_FALSE(adult.explanation.empty());
}

TEST_F(ExampleRunner, CoverageListsWhatNoExampleExercises) {
  const ExampleReport report = run_examples(*compiled_->rule_set);
  // 4 values (RAM x 2, IFD, IK) + 2 cotations + 3 conditions x 2 (dra, IFD, IK) + rule applied,
  // si true, si false
  ASSERT_EQ(report.coverage.size(), 16U);
  std::vector<std::string> uncovered;
  for (const auto& item : report.coverage) {
    if (!item.covered) uncovered.push_back(item.element);
  }
  // No example before 2024-02-22, none in 2026; IK never billed within the agglomeration.
  const std::vector<std::string> expected{"lettre RAM, valeur en métropole jusqu'au 2024-02-21",
                                          "forfait IK, condition 1",
                                          "acte lombalgie, cotation RAM 8.09 depuis 2026-01-01"};
  EXPECT_EQ(uncovered, expected);
}

}  // namespace
}  // namespace cotation::tools
