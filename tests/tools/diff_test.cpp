// The semantic diff (src/tools/diff.hpp) on small rule sets written here: what is the same
// meaning written differently, what a change over part of a schedule looks like, what is in
// force on a date.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tools/diff.hpp"

namespace cotation::tools {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view header =
    "source s \"Source\" rang texte\n"
    "source t \"Autre source\" rang texte\n";

// The model of a rule set made of `header` and `body`, kept alive with its rule set.
class Compiled {
 public:
  explicit Compiled(const std::string& body) {
    const fs::path directory = fs::temp_directory_path() / ("cotation-diff-test-" + std::to_string(::getpid()));
    fs::create_directories(directory);
    std::ofstream(directory / "r.cot", std::ios::binary | std::ios::trunc) << header << body;
    CompileResult compiled = compile_rule_set(directory);
    fs::remove_all(directory);
    EXPECT_TRUE(compiled.ok()) << body;
    rule_set_ = compiled.rule_set;
  }
  [[nodiscard]] const RuleSet::Model& model() const { return rule_set_->model(); }

 private:
  std::shared_ptr<const RuleSet> rule_set_;
};

constexpr std::string_view rounding = "  arrondi au centime demi_loin_de_zero selon s \"arrondi\"\n";

std::string letter(const std::string& values) {
  return "lettre AMS \"Actes\" {\n" + std::string(rounding) + values + "}\n";
}

TEST(Diff, OneValueWrittenInTwoPiecesIsTheSameValue) {
  const Compiled whole(letter("  valeur 2.15 € en metropole selon s \"v\"\n"));
  const Compiled split(
      letter("  valeur 2,15 EUR en metropole jusqu'au 2024-02-21 selon s \"v\"\n"
             "  valeur 2.150 € en metropole depuis 2024-02-22 selon s \"v\"\n"));
  EXPECT_TRUE(diff(snapshot(whole.model()), snapshot(split.model())).elements.empty());
}

TEST(Diff, AChangeOverPartOfAScheduleIsReportedOverThatPeriod) {
  const Compiled before(letter("  valeur 2.15 € en metropole selon s \"v\"\n"));
  const Compiled after(
      letter("  valeur 2.15 € en metropole jusqu'au 2024-02-21 selon s \"v\"\n"
             "  valeur 2.21 € en metropole depuis 2024-02-22 jusqu'au 2025-12-31 selon t \"w\"\n"
             "  valeur 2.15 € en metropole depuis 2026-01-01 selon s \"v\"\n"));
  const RuleSetDiff result = diff(snapshot(before.model()), snapshot(after.model()));
  ASSERT_EQ(result.elements.size(), 1U);
  const ElementChange& element = result.elements[0];
  EXPECT_EQ(element.name, "AMS");
  EXPECT_EQ(element.status, ElementStatus::changed);
  ASSERT_EQ(element.properties.size(), 1U);
  EXPECT_EQ(element.properties[0].property, "valeur metropole");
  ASSERT_EQ(element.properties[0].changes.size(), 1U);
  const ValueChange& change = element.properties[0].changes[0];
  EXPECT_EQ(model::date_text(change.period.since), "2024-02-22");
  EXPECT_EQ(model::date_text(change.period.until), "2025-12-31");
  EXPECT_EQ(change.before, "2.15 €");
  EXPECT_EQ(change.after, "2.21 €");
  EXPECT_EQ(change.after_source, "Autre source, w");
  EXPECT_EQ(change.kind, ChangeKind::revalued);
}

TEST(Diff, TheSameValueCitingAnotherSourceIsASourceChange) {
  const Compiled before(letter("  valeur 2.15 € en metropole selon s \"v\"\n"));
  const Compiled after(letter("  valeur 2.15 € en metropole selon t \"v\"\n"));
  const RuleSetDiff result = diff(snapshot(before.model()), snapshot(after.model()));
  ASSERT_EQ(result.elements.size(), 1U);
  EXPECT_EQ(result.elements[0].properties.at(0).changes.at(0).kind, ChangeKind::source);
}

constexpr std::string_view acts =
    "acte ancien \"Ancien\" {\n  cotation AMS 7.5 jusqu'au 2024-02-21 selon s \"c\"\n}\n"
    "acte nouveau \"Nouveau\" {\n  cotation AMS 7.49 depuis 2024-02-22 selon s \"c\"\n"
    "  remplace AMS 7.5 depuis 2024-02-22 jusqu'au 2024-05-31 selon s \"r\"\n"
    "  supprimé depuis 2026-01-01 selon s \"fin\"\n}\n";

TEST(Diff, ARuleSetAgainstItselfHasNoRecoding) {
  const Compiled rules(letter("  valeur 2.15 € en metropole selon s \"v\"\n") + std::string(acts));
  const RuleSetDiff result = diff(snapshot(rules.model()), snapshot(rules.model()));
  EXPECT_TRUE(result.elements.empty());
  EXPECT_TRUE(result.recodings.empty());
}

TEST(Diff, OnADateOnlyWhatIsInForceRemains) {
  const Compiled rules(letter("  valeur 2.15 € en metropole selon s \"v\"\n") + std::string(acts));
  const auto on = [&](int year, unsigned month, unsigned day) {
    return snapshot_at(rules.model(),
                       model::day_of(Date{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)}));
  };
  // On 2024-02-22 the old act has no cotation any more, the new one starts and replaces AMS 7.5.
  RuleSetDiff result = diff(on(2024, 2, 21), on(2024, 2, 22));
  ASSERT_EQ(result.elements.size(), 2U);
  EXPECT_EQ(result.elements[0].name, "ancien");
  EXPECT_EQ(result.elements[0].properties.at(0).changes.at(0).kind, ChangeKind::removed);
  EXPECT_EQ(result.elements[1].name, "nouveau");
  // The new act is removed on 2026-01-01: it leaves the rule set that day.
  result = diff(on(2025, 12, 31), on(2026, 1, 1));
  ASSERT_EQ(result.elements.size(), 1U);
  EXPECT_EQ(result.elements[0].name, "nouveau");
  EXPECT_EQ(result.elements[0].status, ElementStatus::removed);
}

TEST(Diff, ACotationUnderAnotherLetterIsARecoding) {
  const Compiled before(letter("  valeur 2.15 € en metropole selon s \"v\"\n") + "lettre RAM \"R\" {\n" +
                        std::string(rounding) + "  valeur 2.21 € en metropole selon s \"v\"\n}\n" +
                        "acte a \"A\" {\n  cotation AMS 7.5 selon s \"c\"\n}\n");
  const Compiled after(letter("  valeur 2.15 € en metropole selon s \"v\"\n") + "lettre RAM \"R\" {\n" +
                       std::string(rounding) + "  valeur 2.21 € en metropole selon s \"v\"\n}\n" +
                       "acte a \"A\" {\n  cotation RAM 7.49 selon s \"c\"\n}\n");
  const RuleSetDiff result = diff(snapshot(before.model()), snapshot(after.model()));
  ASSERT_EQ(result.elements.size(), 1U);
  const ValueChange& change = result.elements[0].properties.at(0).changes.at(0);
  EXPECT_EQ(change.before, "AMS 7.5");
  EXPECT_EQ(change.after, "RAM 7.49");
  EXPECT_EQ(change.kind, ChangeKind::recoded);
}

// A rule that gains `seulement avec` is changed in that statement, shown as it is written.
TEST(Diff, ARuleThatGainsSeulementAvecIsChanged) {
  const std::string items = "forfait IFD \"D\" {\n  valeur 2.50 € en metropole selon s \"v\"\n}\n" +
                            letter("  valeur 2.15 € en metropole selon s \"v\"\n") +
                            "acte a \"A\" {\n  cotation AMS 7.5 selon s \"c\"\n}\n";
  const std::string rule = "règle r \"R\" {\n  pour forfait IFD\n  non cumulable avec forfait IFD\n";
  const Compiled before(items + rule + "  selon s \"r\"\n}\n");
  const Compiled after(items + rule + "  seulement avec tout acte\n  selon s \"r\"\n}\n");
  const RuleSetDiff result = diff(snapshot(before.model()), snapshot(after.model()));
  ASSERT_EQ(result.elements.size(), 1U);
  EXPECT_EQ(result.elements[0].name, "r");
  ASSERT_EQ(result.elements[0].properties.size(), 1U);
  EXPECT_EQ(result.elements[0].properties[0].property, "seulement avec");
  const ValueChange& change = result.elements[0].properties[0].changes.at(0);
  EXPECT_FALSE(change.before.has_value());
  EXPECT_EQ(change.after, "tout acte");
}

}  // namespace
}  // namespace cotation::tools
