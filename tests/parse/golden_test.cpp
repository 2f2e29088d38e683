// The language's examples and counter-examples, as files:
//  - tests/parse/valid/*.cot parse with no diagnostic (syntax only: they name sources and
//    acts they do not declare), and the shipped rules/ pass every check;
//  - each tests/parse/errors/<case>.cot produces exactly the diagnostics written by hand
//    in <case>.err (French, as `cotation check` prints them, file named without its
//    directory), and <case>.en.err when present (English).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cotation/rule_set.hpp"
#include "support/golden.hpp"
#include "parse/parser.hpp"

namespace cotation {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::rendered;

const fs::path source_dir = COTATION_SOURCE_DIR;

std::vector<fs::path> files_with_extension(const fs::path& directory, std::string_view extension) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > extension.size() && name.ends_with(extension) &&
        name.find('.') == name.size() - extension.size()) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(ValidExamples, EveryExampleFileParsesWithoutDiagnostic) {
  const auto files = files_with_extension(source_dir / "tests/parse/valid", ".cot");
  ASSERT_FALSE(files.empty());
  for (const auto& file : files) {
    const ParsedRuleSet parsed = parse_rule_set(file, ParseOptions{});
    EXPECT_TRUE(parsed.diagnostics.empty()) << file << ":\n" << rendered(parsed.diagnostics, Language::french);
    ASSERT_EQ(parsed.files.size(), 1U) << file;
    EXPECT_FALSE(parsed.files[0].declarations.empty()) << file;
  }
}

TEST(ShippedRules, ParseWithoutDiagnostic) {
  const CheckReport report = check_rule_set(source_dir / "rules");
  EXPECT_TRUE(report.diagnostics.empty()) << rendered(report.diagnostics, Language::french);
  EXPECT_GT(report.file_count, 0U);
}

void expect_golden(const fs::path& case_file, const fs::path& golden, Language language) {
  const ParsedRuleSet parsed = parse_rule_set(case_file, ParseOptions{});
  EXPECT_FALSE(parsed.diagnostics.empty()) << case_file << " must produce an error";
  EXPECT_EQ(rendered(parsed.diagnostics, language), read_file(golden)) << "case " << case_file.filename();
}

TEST(MalformedRuleFiles, EachProducesItsExactDiagnostics) {
  const fs::path directory = source_dir / "tests/parse/errors";
  const auto cases = files_with_extension(directory, ".cot");
  ASSERT_GE(cases.size(), 40U) << "the corpus of malformed files has shrunk";
  for (const auto& case_file : cases) {
    const fs::path french = fs::path(case_file).replace_extension(".err");
    ASSERT_TRUE(fs::exists(french)) << "no expected diagnostics for " << case_file;
    expect_golden(case_file, french, Language::french);
    const fs::path english = fs::path(case_file).replace_extension(".en.err");
    if (fs::exists(english)) expect_golden(case_file, english, Language::english);
  }
}

}  // namespace
}  // namespace cotation
