// The words the analyst reads around the engine's: CLI11's parse errors in French, the language
// read from the arguments, an explanation step in French (the rules' field names) or English,
// the steps two explanations do not share, and `timeline` lookups by case, code and label words.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tools/cli_language.hpp"
#include "tools/step_difference.hpp"
#include "tools/step_words.hpp"
#include "tools/timeline.hpp"

namespace cotation::tools {
namespace {

TEST(CliLanguage, ParseErrorsInFrench) {
  EXPECT_EQ(parse_error_text("A subcommand is required", Language::french), "une sous-commande est requise");
  EXPECT_EQ(parse_error_text("--date is required", Language::french), "--date est requis");
  EXPECT_EQ(parse_error_text("The following argument was not expected: x", Language::french), "argument inattendu : x");
  EXPECT_EQ(parse_error_text("--region: guadeloupe not in {metropole,drom}", Language::french),
            "--region : valeur inconnue « guadeloupe » ; valeurs admises : {metropole,drom}");
  EXPECT_EQ(parse_error_text("--jobs: Value 300 not in range 1 to 256", Language::french),
            "--jobs : valeur 300 hors de l'intervalle 1 à 256");
  // English is CLI11's own.
  EXPECT_EQ(parse_error_text("A subcommand is required", Language::english), "A subcommand is required");
}

TEST(CliLanguage, TheLanguageIsReadBeforeParsing) {
  const char* before[] = {"cotation", "--lang", "en", "table"};
  const char* after[] = {"cotation", "table", "--lang=en"};
  const char* none[] = {"cotation", "table", "--help"};
  EXPECT_EQ(language_of_arguments(4, before), Language::english);
  EXPECT_EQ(language_of_arguments(3, after), Language::english);
  EXPECT_EQ(language_of_arguments(3, none), Language::french);
}

TEST(StepWords, FrenchNamesTheFieldsAsTheRulesDo) {
  const ExplanationStep step{"series.session_number", "3", "facture"};
  const ExplanationStep french = step_in(step, Language::french);
  EXPECT_EQ(french.what, "serie.rang");
  EXPECT_EQ(french.value, "3");
  EXPECT_EQ(french.source, "facture");
  EXPECT_EQ(step_in(step, Language::english).what, "series.session_number");
}

TEST(StepWords, EnglishTranslatesTheEngineWords) {
  EXPECT_EQ(step_in({"valeur de RAM le 2025-03-01", "2.21", "av7"}, Language::english).what,
            "value of RAM on 2025-03-01");
  const ExplanationStep rule = step_in({"règle deuxieme_acte, si", "faux", "NGAP"}, Language::english);
  EXPECT_EQ(rule.what, "rule deuxieme_acte, if");
  EXPECT_EQ(rule.value, "false");
  EXPECT_EQ(step_in({"telehealth", "vrai", "facture"}, Language::english).source, "claim");
  EXPECT_EQ(step_in({"paramètre abattement_ik", "2", ""}, Language::english).what, "parameter abattement_ik");
  EXPECT_EQ(step_in({"cotation de « Lombalgie »", "RAM 7.49", ""}, Language::english).what, "cotation of “Lombalgie”");
}

TEST(StepDifference, OnlyTheStepsOneSideLacks) {
  const std::vector<ExplanationStep> before{
      {"cotation", "AMS 7.5", "s"}, {"valeur de AMS", "2.15", "s"}, {"place", "cabinet", "facture"}};
  const std::vector<ExplanationStep> after{{"cotation", "AMS 7.5", "s"},
                                           {"valeur de AMS", "2.21", "s"},
                                           {"place", "cabinet", "facture"},
                                           {"place", "cabinet", "facture"}};
  const StepDifference difference = differing_steps(before, after);
  ASSERT_EQ(difference.only_before.size(), 1U);
  EXPECT_EQ(difference.only_before[0]->value, "2.15");
  // 2.21 differs, and the second "place" has no match before.
  ASSERT_EQ(difference.only_after.size(), 2U);
  EXPECT_EQ(difference.only_after[0]->value, "2.21");
  EXPECT_EQ(difference.only_after[1]->what, "place");
  EXPECT_EQ(difference.shared, 2U);
}

const RuleSet& shipped() {
  static const CompileResult compiled = compile_rule_set(std::string(COTATION_SOURCE_DIR) + "/rules");
  if (!compiled.ok()) throw std::runtime_error("the shipped rules do not compile");
  return *compiled.rule_set;
}

std::string act_found(std::string_view typed) {
  const auto& model = shipped().model();
  const SubjectLookup lookup = find_subject(model, typed);
  if (!lookup.subject || lookup.subject->kind != Subject::Kind::act) return "";
  return model.acts[lookup.subject->index].name;
}

TEST(TimelineLookup, CaseCodesAndLabelWords) {
  EXPECT_EQ(act_found("lombalgie_commune"), "lombalgie_commune");
  EXPECT_EQ(act_found("LOMBALGIE_COMMUNE"), "lombalgie_commune");
  EXPECT_EQ(act_found("ram 7.49"), "lombalgie_commune");   // RAM 7.49 bills the common low back pain
  EXPECT_EQ(act_found("lombalgie"), "lombalgie_commune");  // the one act with this word
  const SubjectLookup letter = find_subject(shipped().model(), "amk");
  ASSERT_TRUE(letter.subject);
  EXPECT_EQ(letter.subject->kind, Subject::Kind::letter);
  // A typo: nothing found, the name suggested.
  const SubjectLookup typo = find_subject(shipped().model(), "lombalgie_comune");
  EXPECT_FALSE(typo.subject);
  ASSERT_FALSE(typo.suggestions.empty());
  EXPECT_EQ(typo.suggestions.front(), "lombalgie_commune");
}

}  // namespace
}  // namespace cotation::tools
