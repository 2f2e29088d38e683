// `cotation explain` on the fixture tests/evaluate/rules: the steps sit under the line that
// needed them, a refused line shows its reason, a malformed record its problem, and the
// fixed words follow the language. Amounts by hand from lettres.cot and forfaits.cot.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

#include "tools/explain.hpp"

namespace cotation::tools {
namespace {

const RuleSet& fixture() {
  static const CompileResult compiled = compile_rule_set(std::string(COTATION_SOURCE_DIR) + "/tests/evaluate/rules");
  if (!compiled.ok()) throw std::runtime_error("the fixture does not compile");
  return *compiled.rule_set;
}

// At home in telehealth: RAM 7.49 = 7.49 x 2.21 = 16.5529 -> 16.55 accepted; IFD refused by
// telesoin_deplacement.
constexpr std::string_view telehealth_claim =
    R"({"id":"t1","date":"2025-03-01","region":"metropole","place":"domicile","patient":{"id":"p1","age":45},)"
    R"("lines":[{"code":"RAM 7.49"},{"code":"IFD"}],)"
    R"("series":{"session_number":1,"sessions_12_months_before":0,"prior_approval":false},"telehealth":true})";

TEST(Explain, GroupsTheStepsUnderTheirLineAndGivesTheReasons) {
  EvaluationScratch scratch;
  const ClaimExplanation explained = explain_record(fixture(), telehealth_claim, 1, scratch);
  const std::string text = explanation_text(explained, Language::french);
  EXPECT_TRUE(text.starts_with("facture t1 — 2025-03-01, métropole : refusée, total 16.55 €\n")) << text;
  const auto line1 = text.find("├─ ligne 1 « RAM 7.49 » : acceptée, 16.55 €\n");
  const auto value = text.find("│   ├─ valeur de RAM le 2025-03-01 : 2.21");
  const auto line2 = text.find("└─ ligne 2 « IFD » : refusée\n");
  const auto reason = text.find(
      "    └─ motif : Pas d'indemnité de déplacement pour une séance en télésoin "
      "(règle telesoin_deplacement, selon ");
  ASSERT_NE(line1, std::string::npos) << text;
  ASSERT_NE(line2, std::string::npos) << text;
  EXPECT_TRUE(line1 < value && value < line2) << text;
  EXPECT_TRUE(line2 < reason && reason != std::string::npos) << text;

  const nlohmann::ordered_json data = explanation_json(explained);
  EXPECT_EQ(data["lines"][1]["decision"], "refused");
  EXPECT_TRUE(data["lines"][1]["amount"].is_null());
  EXPECT_EQ(data["lines"][0]["amount"], "16.55");
  EXPECT_EQ(data["lines"][0]["steps"][1]["what"], "valeur de RAM le 2025-03-01");
}

TEST(Explain, AMalformedRecordSaysWhereAndWhyInTheLanguageAsked) {
  EvaluationScratch scratch;
  const ClaimExplanation explained = explain_record(fixture(), R"({"lines":[]} x)", 7, scratch);
  EXPECT_EQ(explained.decision.decision, Decision::invalid);
  const std::string text = explanation_text(explained, Language::english);
  // Every problem is reported, each with its place in the record.
  EXPECT_TRUE(text.starts_with("claim (record 7): invalid\n├─ reason: lines : le tableau est vide")) << text;
  EXPECT_NE(text.find("└─ reason: JSON invalide à l'octet 13"), std::string::npos) << text;
}

}  // namespace
}  // namespace cotation::tools
