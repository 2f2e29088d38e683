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
  // Every problem is reported, each with its place in the record, in English.
  EXPECT_TRUE(text.starts_with("claim (record 7): invalid\n├─ reason: lines: the array is empty")) << text;
  EXPECT_NE(text.find("└─ reason: invalid JSON at byte 13: extra content after the JSON object"), std::string::npos)
      << text;
  EXPECT_NE(explanation_text(explained, Language::french).find("JSON invalide à l'octet 13"), std::string::npos);
}

// The shipped rules: an IFD exists only beside an act of the session that is not refused
// (`seulement avec`, deplacement_avec_un_acte). Billed before the act, it is decided after it
// and still shown first; billed alone, it is refused with the rule's reason. ARL 8.5 x 2.21 =
// 18.785 -> 18.79; IFD 2.50.
TEST(Explain, SeulementAvecShowsWhetherTheLinesItReadsAreRefused) {
  static const CompileResult shipped = compile_rule_set(std::string(COTATION_SOURCE_DIR) + "/rules");
  ASSERT_TRUE(shipped.ok());
  // Each claim a patient of its own: no same-day history between them.
  const auto claim = [](const std::string& patient, const std::string& lines) {
    return R"({"id":"d1","date":"2025-09-01","region":"metropole","place":"domicile","patient":{"id":")" + patient +
           R"(","age":45},"prescription":{"kind":"medical"},"telehealth":false,)"
           R"("series":{"session_number":2,"sessions_12_months_before":1},"lines":)" +
           lines + "}";
  };
  EvaluationScratch scratch;
  const ClaimExplanation beside =
      explain_record(*shipped.rule_set, claim("p1", R"([{"code":"IFD"},{"code":"ARL 8.5"}])"), 1, scratch);
  std::string text = explanation_text(beside, Language::french);
  const auto line1 = text.find("├─ ligne 1 « IFD » : acceptée, 2.50 €\n");
  const auto step = text.find("règle deplacement_avec_un_acte, seulement avec : une ligne non refusée");
  const auto line2 = text.find("└─ ligne 2 « ARL 8.5 » : acceptée, 18.79 €\n");
  ASSERT_NE(line1, std::string::npos) << text;
  ASSERT_NE(line2, std::string::npos) << text;
  EXPECT_TRUE(line1 < step && step < line2) << text;

  const ClaimExplanation alone = explain_record(*shipped.rule_set, claim("p2", R"([{"code":"IFD"}])"), 2, scratch);
  text = explanation_text(alone, Language::french);
  EXPECT_NE(text.find("règle deplacement_avec_un_acte, seulement avec : aucune ligne non refusée"), std::string::npos)
      << text;
  EXPECT_NE(text.find("motif : Les frais de déplacement sont remboursés en sus de la valeur de l'acte"),
            std::string::npos)
      << text;
  EXPECT_EQ(alone.decision.lines.at(0).decision, Decision::refused);
}

// The shipped rules: the BDK's re-billing rank by `modulo`, its arithmetic shown. At the 1010th
// session (1010 - 30) modulo 20 = 980 modulo 20 = 0: AMK 10.7 x 2.21 = 23.647 -> 23.65; at the
// 511th, 481 modulo 20 = 1: refused.
TEST(Explain, ModuloShowsItsArithmetic) {
  static const CompileResult shipped = compile_rule_set(std::string(COTATION_SOURCE_DIR) + "/rules");
  ASSERT_TRUE(shipped.ok());
  const auto claim = [](int rank) {
    return R"({"id":"b1","date":"2024-09-02","region":"metropole","place":"cabinet","patient":{"id":"p)" +
           std::to_string(rank) + R"(","age":45},"prescription":{"kind":"medical"},"telehealth":false,)" +
           R"("series":{"session_number":)" + std::to_string(rank) + R"(,"sessions_12_months_before":0},)" +
           R"("lines":[{"code":"AMK 10.7"}]})";
  };
  EvaluationScratch scratch;
  std::string text = explanation_text(explain_record(*shipped.rule_set, claim(1010), 1, scratch), Language::french);
  EXPECT_NE(text.find("980 modulo 20 : 0"), std::string::npos) << text;
  EXPECT_NE(text.find("« AMK 10.7 » : acceptée, 23.65 €"), std::string::npos) << text;
  text = explanation_text(explain_record(*shipped.rule_set, claim(511), 1, scratch), Language::french);
  EXPECT_NE(text.find("481 modulo 20 : 1"), std::string::npos) << text;
  EXPECT_NE(text.find("« AMK 10.7 » : refusée"), std::string::npos) << text;
}

}  // namespace
}  // namespace cotation::tools
