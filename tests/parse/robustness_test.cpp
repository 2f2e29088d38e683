// Hostile and broken input: each gets at least one diagnostic, never a crash or a hang
// (the sanitizer build runs these too).
#include <gtest/gtest.h>

#include <string>

#include "parse/parser.hpp"

namespace cotation {
namespace {

std::vector<Diagnostic> parse_text(std::string text, const ParseOptions& options = {}) {
  const SourceFile source("input.cot", std::move(text));
  std::vector<Diagnostic> diagnostics;
  (void)parse_source(source, 0, options, diagnostics);
  return diagnostics;
}

bool has_message(const std::vector<Diagnostic>& diagnostics, std::string_view id) {
  for (const auto& d : diagnostics) {
    if (d.message_id == id) return true;
  }
  return false;
}

TEST(Robustness, EmptyFileIsReported) {
  EXPECT_TRUE(has_message(parse_text(""), "syntax.empty_file"));
  EXPECT_TRUE(has_message(parse_text("# seulement un commentaire\n\n"), "syntax.empty_file"));
}

TEST(Robustness, BinaryGarbageIsReported) {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage.push_back(static_cast<char>((i * 7919) % 256));
  const auto diagnostics = parse_text(garbage);
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_EQ(diagnostics.front().message_id, "syntax.invalid_utf8");
}

TEST(Robustness, AsciiControlCharactersAreReported) {
  EXPECT_TRUE(has_message(parse_text(std::string("\x01\x02\x03", 3)), "syntax.expected_declaration"));
  EXPECT_TRUE(has_message(parse_text(std::string("acte\0x", 6)), "syntax.expected_declaration_name"));
}

TEST(Robustness, InvalidUtf8IsReportedWhereItIs) {
  const auto diagnostics = parse_text("source av7 \"Avenant \xE9 7\"\n");
  ASSERT_EQ(diagnostics.size(), 1U);
  EXPECT_EQ(diagnostics[0].message_id, "syntax.invalid_utf8");
  EXPECT_EQ(diagnostics[0].position.line, 1U);
  EXPECT_EQ(diagnostics[0].position.column, 21U);
}

TEST(Robustness, TruncatedFilesAreReported) {
  const std::string whole =
      "lettre RAM \"Rééducation du rachis\" {\n"
      "  valeur 2.21 € en metropole depuis 2024-02-22 selon av7 \"art. 2.1\"\n"
      "}\n";
  ASSERT_TRUE(parse_text(whole).empty());
  // Every cut but the ones that end on a complete declaration (or its spacing) fails.
  const std::size_t complete = whole.size() - 1;
  for (std::size_t length = 1; length < complete; ++length) {
    if ((static_cast<unsigned char>(whole[length]) & 0xC0U) == 0x80U) continue;  // inside a character
    const auto diagnostics = parse_text(whole.substr(0, length));
    EXPECT_FALSE(diagnostics.empty()) << "cut after " << length << " bytes";
  }
}

TEST(Robustness, OneMegabyteLineIsReportedWithAShortExcerpt) {
  std::string text = "source av7 \"" + std::string(1U << 20U, 'x');  // an unterminated string
  const auto diagnostics = parse_text(text);
  ASSERT_EQ(diagnostics.size(), 1U);
  EXPECT_EQ(diagnostics[0].message_id, "syntax.expected_string_end");
  EXPECT_LT(render(diagnostics[0], Language::french).size(), 1000U);
}

TEST(Robustness, DeepNestingIsReportedNotOverflowed) {
  const std::string deep = std::string(10'000, '(') + "1" + std::string(10'000, ')');
  const auto diagnostics = parse_text("règle r \"r\" {\n  si " + deep + "\n}\n");
  ASSERT_EQ(diagnostics.size(), 1U);
  EXPECT_EQ(diagnostics[0].message_id, "syntax.nesting_too_deep");

  const std::string negations = [] {
    std::string s;
    for (int i = 0; i < 10'000; ++i) s += "non ";
    return s + "vrai";
  }();
  EXPECT_TRUE(has_message(parse_text("règle r \"r\" {\n  si " + negations + "\n}\n"), "syntax.nesting_too_deep"));
  EXPECT_TRUE(has_message(parse_text("règle r \"r\" {\n  si " + std::string(10'000, '-') + "1\n}\n"),
                          "syntax.nesting_too_deep"));
}

// Each right operand of a binary operator is a level of the tree the compiler recurses over:
// 10,000 operands of `+` (13,500 of `et`) overflowed its stack (issue 21, R1).
TEST(Robustness, LongChainsOfBinaryOperatorsAreReportedNotOverflowed) {
  const auto chain = [](const std::string& operand, const std::string& separator, int count) {
    std::string text = operand;
    for (int i = 1; i < count; ++i) text += separator + operand;
    return "règle r \"r\" {\n  si " + text + "\n  selon av7\n}\n";
  };
  for (const auto& [operand, separator] :
       {std::pair{"1", " + "}, std::pair{"1", " * "}, std::pair{"vrai", " et "}, std::pair{"vrai", " ou "}}) {
    const auto diagnostics = parse_text(chain(operand, separator, 10'000));
    ASSERT_EQ(diagnostics.size(), 1U) << separator;
    EXPECT_EQ(diagnostics[0].message_id, "syntax.nesting_too_deep") << separator;
    EXPECT_EQ(diagnostics[0].arguments, std::vector<std::string>{"64"});
    // 64 operands are 63 levels; 66 are 65, one over.
    EXPECT_TRUE(parse_text(chain(operand, separator, 64)).empty()) << separator;
    EXPECT_TRUE(has_message(parse_text(chain(operand, separator, 66)), "syntax.nesting_too_deep")) << separator;
  }
  // The levels of a chain end with it: two sums of 60 operands compared are 60 levels, not 120.
  std::string sum = "1";
  for (int i = 1; i < 60; ++i) sum += " + 1";
  EXPECT_TRUE(parse_text("règle r \"r\" {\n  si " + sum + " = " + sum + "\n  selon av7\n}\n").empty());
}

TEST(Robustness, NestingWithinTheLimitIsAccepted) {
  const std::string nested = std::string(60, '(') + "1" + std::string(60, ')');
  EXPECT_TRUE(parse_text("règle r \"r\" {\n  si " + nested + " = 1\n  selon av7\n}\n").empty());
}

TEST(Robustness, ManyErrorsStopAtTheLimit) {
  std::string text;
  for (int i = 0; i < 500; ++i) text += "acte\n";
  ParseOptions options;
  const auto diagnostics = parse_text(text, options);
  EXPECT_EQ(diagnostics.size(), options.max_errors_per_file + 1);
  EXPECT_EQ(diagnostics.back().message_id, "syntax.too_many_errors");
}

TEST(Recovery, EveryBrokenDeclarationIsReported) {
  const auto diagnostics = parse_text(
      "lettre RAM \"a\" {\n  valeur 2.21 €\n}\n"
      "acte x \"b\" {\n  cotation RAM depuis 2024-02-22 selon av7\n}\n"
      "source av7 \"c\" signé 2023-13-01\n"
      "règle r \"d\" {\n  alors peut-être\n}\n");
  ASSERT_EQ(diagnostics.size(), 4U);
  EXPECT_EQ(diagnostics[0].message_id, "syntax.expected_citation");
  EXPECT_EQ(diagnostics[1].message_id, "syntax.expected_coefficient");
  EXPECT_EQ(diagnostics[2].message_id, "syntax.invalid_date");
  EXPECT_EQ(diagnostics[3].message_id, "syntax.expected_outcome");
}

}  // namespace
}  // namespace cotation
