// Long chains of groups and of exceptions, as a hostile rule file can write them (issue 21,
// R5 and R11): the compiler walks them without recursion, so they compile, and a cycle at the
// end of a long chain is still reported once, at its first member.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cotation/rule_set.hpp"

namespace cotation {
namespace {

namespace fs = std::filesystem;

constexpr int chain = 50'000;  // R5: 50,000 nested groups overflowed the stack

std::string header() {
  return "source s \"Source\" rang texte\n"
         "lettre AMK \"Actes\" {\n  arrondi au centime demi_loin_de_zero selon s \"x\"\n"
         "  valeur 2.21 € en metropole depuis 2024-02-22 selon s \"x\"\n}\n"
         "acte a1 \"Acte 1\" {\n  article s \"art. 1\"\n  cotation AMK 7 depuis 2024-02-22 selon s \"x\"\n}\n";
}

// group g<i> contains g<i+1>; the last contains the act, or `last_member`.
std::string groups(const std::string& last_member) {
  std::string text;
  for (int i = 0; i < chain; ++i) {
    text += "groupe g" + std::to_string(i) + " \"G\" {\n  " +
            (i + 1 < chain ? "groupe g" + std::to_string(i + 1) : last_member) + "\n}\n";
  }
  return text + "règle r \"R\" {\n  pour groupe g0\n  alors refus\n  message \"m\"\n  selon s \"x\"\n}\n";
}

// rule e<i> is an exception of e<i+1>; the last of `last_general`, or of none.
std::string exceptions(const std::string& last_general) {
  std::string text;
  for (int i = 0; i < chain; ++i) {
    const std::string general = i + 1 < chain ? "e" + std::to_string(i + 1) : last_general;
    text += "règle e" + std::to_string(i) + " \"R\"" + (general.empty() ? "" : " exception de " + general) +
            " {\n  pour acte a1\n  alors refus\n  message \"m\"\n  selon s \"x\"\n}\n";
  }
  return text;
}

CheckReport check(const std::string& text) {
  const fs::path directory = fs::temp_directory_path() / ("cotation-chains-" + std::to_string(::getpid()));
  fs::create_directories(directory);
  std::ofstream(directory / "chains.cot") << text;
  CheckReport report = check_rule_set(directory);
  fs::remove_all(directory);
  return report;
}

TEST(Chains, LongChainsOfGroupsAndExceptionsCompile) {
  const CheckReport report = check(header() + groups("acte a1") + exceptions(""));
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.declaration_count, 3U + 2U * chain + 1U);
}

TEST(Chains, ACycleAtTheEndOfALongChainIsReportedOnce) {
  // g<last> contains a1 and g<last-1>; e<last> is an exception of e<last-1>: one cycle of each.
  const std::string last_group = "acte a1\n  groupe g" + std::to_string(chain - 2);
  const std::string last_rule = "e" + std::to_string(chain - 2);
  const CheckReport report = check(header() + groups(last_group) + exceptions(last_rule));
  std::vector<std::string> ids;
  for (const auto& d : report.diagnostics) ids.push_back(d.message_id + " " + std::to_string(d.position.line));
  // The group cycle is closed by the second member of the last group (3 lines a group, 4 for
  // the last, after the 9 lines of the header); the rule cycle is reported at its first rule,
  // e<last-1> (6 lines a rule, after the rule r).
  const int group_member_line = 9 + 3 * (chain - 1) + 3;
  const int rule_line = 9 + 3 * chain + 1 + 6 + 6 * (chain - 2) + 1;
  EXPECT_EQ(ids, (std::vector<std::string>{"compile.group_cycle " + std::to_string(group_member_line),
                                           "compile.exception_cycle " + std::to_string(rule_line)}));
}

}  // namespace
}  // namespace cotation
