// The normative grammar (grammar/cotation.peg) and the PEGTL grammar must name the
// same rules; and the PEGTL grammar must have no rule that can loop without progress.
#include <gtest/gtest.h>
#include <tao/pegtl/contrib/analyze.hpp>
#include <tao/pegtl/demangle.hpp>
#include <tao/pegtl/visit.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <string>

#include "parse/grammar.hpp"

namespace cotation::grammar {
namespace {

constexpr std::string_view grammar_namespace = "cotation::grammar::";

template <typename Rule>
struct collect_name {
  static void visit(std::set<std::string>& names) {
    const std::string_view name = tao::pegtl::demangle<Rule>();
    // Templates (keyword<...>, block<...>) are notation, not named rules of the grammar.
    if (name.substr(0, grammar_namespace.size()) == grammar_namespace &&
        name.find('<') == std::string_view::npos) {
      names.emplace(name.substr(grammar_namespace.size()));
    }
  }
};

std::set<std::string> peg_rule_names() {
  std::ifstream file(std::string(COTATION_SOURCE_DIR) + "/grammar/cotation.peg");
  EXPECT_TRUE(file.good()) << "grammar/cotation.peg not found";
  std::set<std::string> names;
  const std::regex definition(R"(^([A-Za-z_][A-Za-z0-9_]*)\s*<-)");
  std::string line;
  std::smatch match;
  while (std::getline(file, line)) {
    if (std::regex_search(line, match, definition)) names.insert(match[1]);
  }
  return names;
}

TEST(GrammarMirror, PegFileAndPegtlGrammarNameTheSameRules) {
  std::set<std::string> pegtl_names;
  tao::pegtl::visit<rule_file, collect_name>(pegtl_names);
  const std::set<std::string> peg_names = peg_rule_names();
  ASSERT_GT(peg_names.size(), 100U) << "the .peg file was not read";
  for (const auto& name : peg_names) {
    EXPECT_TRUE(pegtl_names.count(name)) << "rule `" << name << "` is in grammar/cotation.peg but not in grammar.hpp";
  }
  for (const auto& name : pegtl_names) {
    EXPECT_TRUE(peg_names.count(name)) << "rule `" << name << "` is in grammar.hpp but not in grammar/cotation.peg";
  }
}

TEST(GrammarAnalysis, NoRuleCanLoopWithoutConsumingInput) {
  EXPECT_EQ(tao::pegtl::analyze<rule_file>(-1), 0U);
}

}  // namespace
}  // namespace cotation::grammar
