// The public JSON API (cotation/json.hpp) and what decision format 2 adds: a claim read and its
// decision written through the installed headers only, `meta` carried through the reader,
// validate() on claims built in C++, and every reason code named and documented.
#include <gtest/gtest.h>

#include <cotation/engine.hpp>
#include <cotation/json.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "evaluate/claim_json.hpp"

namespace cotation {
namespace {

namespace fs = std::filesystem;

const RuleSet& rules() {
  static const CompileResult compiled = compile_rule_set(fs::path(COTATION_SOURCE_DIR) / "tests/evaluate/rules");
  EXPECT_TRUE(compiled.ok());
  return *compiled.rule_set;
}

constexpr std::string_view with_meta =
    R"({"id":"m1","date":"2024-03-04","lines":[{"code":"RAM 7.49"}],"meta":{"facture": "F-1", "n":[1, 2.50, {"x":null}]}})";

TEST(PublicJson, MetaIsReturnedByteForByte) {
  const ClaimReadResult read = read_claim(with_meta);
  ASSERT_TRUE(read.claim) << (read.problems.empty() ? "" : render_message(read.problems[0]));
  EXPECT_EQ(read.claim->meta, R"({"facture": "F-1", "n":[1, 2.50, {"x":null}]})");
  EvaluationScratch scratch;
  const std::string out = write_decision(rules().evaluate(*read.claim, scratch));
  EXPECT_TRUE(out.starts_with(R"({"format":"cotation.decision/2","id":"m1",)")) << out;
  EXPECT_TRUE(out.ends_with(R"(,"meta":{"facture": "F-1", "n":[1, 2.50, {"x":null}]}})")) << out;
}

// meta is kept as written: spaces, escapes and nesting included.
TEST(PublicJson, MetaIsKeptAsWritten) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {with_meta, R"({"facture": "F-1", "n":[1, 2.50, {"x":null}]})"},
      {R"({"id":"m2","lines":[{"code":"A"}],"meta":{}})", "{}"},
      {R"({"id":"m3","lines":[{"code":"A"}],"meta":{"t":"a\"b\u00e9","d":[[[]]]}})",
       R"({"t":"a\"b\u00e9","d":[[[]]]})"},
      {R"({"meta": { "a" : [ true , false ] } ,"id":"m4","lines":[{"code":"A"}]})", R"({ "a" : [ true , false ] })"},
  };
  for (const auto& [line, meta] : cases) {
    SCOPED_TRACE(std::string(line));
    const ClaimReadResult read = read_claim(line);
    ASSERT_TRUE(read.claim);
    EXPECT_EQ(read.claim->meta, meta);
  }
}

TEST(PublicJson, MetaMustBeAnObjectAndOtherUnknownFieldsStayProblems) {
  const auto problems_of = [](std::string_view line) { return read_claim(line).problems; };
  const auto not_object = problems_of(R"({"id":"c","lines":[{"code":"A"}],"meta":[1]})");
  ASSERT_EQ(not_object.size(), 1U);
  EXPECT_EQ(not_object[0].code, ReasonCode::wrong_type);
  EXPECT_EQ(not_object[0].field, "meta");
  EXPECT_EQ(problems_of(R"({"id":"c","lines":[{"code":"A"}],"meta":"x"})").at(0).code, ReasonCode::wrong_type);
  EXPECT_TRUE(problems_of(R"({"id":"c","lines":[{"code":"A"}],"meta":null})").empty());
  const auto nested = problems_of(R"({"id":"c","lines":[{"code":"A","meta":{}}]})");
  ASSERT_EQ(nested.size(), 1U);
  EXPECT_EQ(nested[0].code, ReasonCode::unknown_field);
  EXPECT_EQ(nested[0].field, "lines[0].meta");
}

Claim valid_claim() {
  Claim claim;
  claim.id = "c1";
  claim.date = std::chrono::year{2024} / 3 / 4;
  claim.lines = {{"RAM 7.49"}};
  return claim;
}

// A claim built in C++ gets the reader's checks: 2025-02-30 and age -5 are refused, not decided.
TEST(PublicJson, ValidateRefusesWhatTheReaderRefuses) {
  EXPECT_TRUE(validate(valid_claim()).empty());
  Claim claim = valid_claim();
  claim.date = std::chrono::year{2025} / 2 / 30;
  claim.patient.age = -5;
  const std::vector<Reason> problems = validate(claim);
  ASSERT_EQ(problems.size(), 2U);
  EXPECT_EQ(problems[0].code, ReasonCode::no_such_date);
  EXPECT_EQ(problems[0].field, "date");
  EXPECT_EQ(render_message(problems[0]), "date : la date « 2025-02-30 » n'existe pas");
  EXPECT_EQ(problems[1].code, ReasonCode::negative_number);
  EXPECT_EQ(problems[1].field, "patient.age");
  EXPECT_EQ(render_message(problems[1]), "patient.age : un âge ne peut pas être négatif (-5)");

  EvaluationScratch scratch;
  const ClaimDecision decision = rules().evaluate(claim, scratch);
  EXPECT_EQ(decision.decision, Decision::invalid);
  EXPECT_TRUE(decision.lines.empty());
  ASSERT_EQ(decision.reasons.size(), 2U);
  EXPECT_EQ(decision.reasons[0].code, ReasonCode::no_such_date);
}

TEST(PublicJson, ValidateChecksEveryFieldTheReaderChecks) {
  Claim claim = valid_claim();
  claim.id.clear();
  claim.lines = {{" "}};
  claim.series.session_number = 0;
  claim.series.sessions_12_months_before = -1;
  claim.same_day.earlier_sessions = -2;
  claim.travel.distance_km = Decimal::parse("-3");
  claim.travel.nearest_practitioner_km = Decimal::parse("-0.5");
  claim.orthopaedic_discharge_date = Date{std::chrono::year{2025}, std::chrono::February, std::chrono::day{29}};
  claim.prescription.prescriber_number = "12345678";
  claim.meta = R"({}, "date":"2024-01-01")";  // one object only: no member slipped in after it
  std::ostringstream fields;
  for (const Reason& problem : validate(claim)) fields << to_string(problem.code) << '@' << problem.field << ' ';
  EXPECT_EQ(fields.str(),
            "empty_value@id empty_value@lines[0].code no_such_date@orthopaedic_discharge_date "
            "session_below_one@series.session_number "
            "negative_number@series.sessions_12_months_before negative_number@same_day.earlier_sessions "
            "negative_number@travel.distance_km negative_number@travel.nearest_practitioner_km "
            "bad_prescriber_number@prescription.prescriber_number wrong_type@meta ");
  claim = valid_claim();
  claim.lines.clear();
  ASSERT_EQ(validate(claim).size(), 1U);
  EXPECT_EQ(validate(claim)[0].code, ReasonCode::no_lines);
}

// Each code has its own snake_case name, and docs/claim-format.md lists every one.
TEST(PublicJson, EveryReasonCodeIsNamedOnceAndDocumented) {
  std::ifstream doc(fs::path(COTATION_SOURCE_DIR) / "docs/claim-format.md");
  const std::string text((std::istreambuf_iterator<char>(doc)), std::istreambuf_iterator<char>());
  std::set<std::string_view> names;
  for (int i = 0; i <= static_cast<int>(ReasonCode::rules_conflict); ++i) {
    const std::string_view name = to_string(static_cast<ReasonCode>(i));
    EXPECT_NE(name, "unknown");
    EXPECT_TRUE(names.insert(name).second) << name;
    EXPECT_NE(text.find("| `" + std::string(name) + "` |"), std::string::npos) << name;
  }
  EXPECT_EQ(to_string(static_cast<ReasonCode>(200)), "unknown");
}

}  // namespace
}  // namespace cotation
