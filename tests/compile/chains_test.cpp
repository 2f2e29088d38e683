// Long chains of groups and of exceptions, as a hostile rule file can write them (issue 21,
// R5 and R11): the compiler walks them without recursion, so they compile, and a cycle at the
// end of a long chain is still reported once, at its first member. And wide sets, which the
// checks over pairs compared pair by pair (quadratic): many acts on one code over disjoint
// periods, many rules of one condition with different outcomes over disjoint periods or acts;
// they compile, and the one pair that does overlap is still reported, once.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

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

constexpr int wide = 20'000;  // 20,000 acts on one code took 4.7 s to check, 10,000 1.8 s

// The i-th day from 2024-02-22, as written in a rule file.
std::string day(int i) {
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::year{2024} / 2 / 22} +
                                         std::chrono::days{i}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return text;
}

std::string act(const std::string& name, const std::string& cotation) {
  return "acte " + name + " \"A\" {\n  article s \"art. 1\"\n  cotation " + cotation + " selon s \"x\"\n}\n";
}

// Refusals (even i) and acceptances (odd i) of one condition.
std::string rule(const std::string& name, int i, const std::string& scope, const std::string& period) {
  return "règle " + name + " \"R\" {\n  pour " + scope + "\n" + period + "  si patient.age < 18\n" +
         (i % 2 == 0 ? "  alors refus\n  message \"m\"\n" : "  alors acceptation\n") + "  selon s \"x\"\n}\n";
}

std::string one_day(int i) {
  return "  depuis " + day(i) + "\n  jusqu'au " + day(i) + "\n";
}

std::vector<std::string> messages(const CheckReport& report) {
  std::vector<std::string> out;
  for (const auto& d : report.diagnostics) {
    std::string text = d.message_id;
    for (const auto& argument : d.arguments) text += " " + argument;
    out.push_back(text);
  }
  return out;
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

TEST(WideSets, ManyActsOnOneCodeOverDisjointPeriods) {
  // c<i> is coted AMK 8 on day i only; `both` on days 100 and 101, over c100's and c101's.
  std::string text = header();
  for (int i = 0; i < wide; ++i) text += act("c" + std::to_string(i), "AMK 8 depuis " + day(i) + " jusqu'au " + day(i));
  EXPECT_TRUE(check(text).ok());
  text += act("both", "AMK 8 depuis " + day(100) + " jusqu'au " + day(101));
  EXPECT_EQ(messages(check(text)),
            (std::vector<std::string>{"compile.same_code_same_date AMK 8 both c100 " + day(100),
                                      "compile.same_code_same_date AMK 8 both c101 " + day(101)}));
}

TEST(WideSets, ManyRulesOfOneConditionOverDisjointPeriods) {
  // r<i> on a1, day i only, refusing (even i) or accepting (odd i); `both`, accepting on days 10
  // to 12, meets the refusals r10 and r12 (r11 accepts too).
  std::string text = header();
  for (int i = 0; i < wide; ++i) text += rule("r" + std::to_string(i), i, "acte a1", one_day(i));
  EXPECT_TRUE(check(text).ok());
  text += rule("both", 1, "acte a1", "  depuis " + day(10) + "\n  jusqu'au " + day(12) + "\n");
  EXPECT_EQ(messages(check(text)),
            (std::vector<std::string>{"compile.conflicting_rules both r10", "compile.conflicting_rules both r12"}));
}

TEST(WideSets, ManyRulesOfOneConditionOverDisjointActs) {
  // r<i> on its own act b<i>, refusing (even i) or accepting (odd i), over the same period;
  // `both`, accepting on b7 and b8, meets the refusal r8.
  std::string text = header();
  for (int i = 0; i < wide; ++i) {
    const std::string n = std::to_string(i);
    text += act("b" + n, "AMK " + std::to_string(10 + i / 1000) + "." + std::to_string(1000 + i % 1000).substr(1) +
                             " depuis 2024-02-22");
    text += rule("r" + n, i, "acte b" + n, "");
  }
  EXPECT_TRUE(check(text).ok());
  text += rule("both", 1, "acte b7, b8", "");
  EXPECT_EQ(messages(check(text)), (std::vector<std::string>{"compile.conflicting_rules both r8"}));
}

}  // namespace
}  // namespace cotation
