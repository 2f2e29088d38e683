// Each directory tests/compile/errors/<case>/ is a small rule set (one or more .cot files)
// that parses but breaks a rule-set check (or draws a warning); <case>.err beside the directory holds, written by
// hand, the exact diagnostics `cotation check` must print for it (French, files named
// without their directory), and <case>.en.err, when present, the English ones.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cotation/rule_set.hpp"
#include "support/golden.hpp"

namespace cotation {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::rendered;

TEST(RuleSetChecks, EachCaseProducesItsExactDiagnostics) {
  const fs::path directory = fs::path(COTATION_SOURCE_DIR) / "tests/compile/errors";
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(directory)) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  ASSERT_GE(cases.size(), 30U) << "the corpus of rule sets that fail a check has shrunk";
  for (const auto& case_dir : cases) {
    const CheckReport report = check_rule_set(case_dir);
    EXPECT_FALSE(report.diagnostics.empty()) << case_dir << " must produce a diagnostic";
    const fs::path french = fs::path(case_dir.string() + ".err");
    ASSERT_TRUE(fs::exists(french)) << "no expected diagnostics for " << case_dir;
    EXPECT_EQ(rendered(report.diagnostics, Language::french), read_file(french)) << "case " << case_dir.filename();
    const fs::path english = fs::path(case_dir.string() + ".en.err");
    if (fs::exists(english)) {
      EXPECT_EQ(rendered(report.diagnostics, Language::english), read_file(english)) << "case " << case_dir.filename();
    }
  }
}

}  // namespace
}  // namespace cotation
