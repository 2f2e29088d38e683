// Writing decisions as JSON lines (docs/claim-format.md, section 6): the exact line, escapes,
// invalid UTF-8 replaced, amounts to the cent, and lines that read back.
#include "evaluate/claim_json.hpp"
#include "evaluate/wordings.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace cotation {
namespace {

// A reason whose message is `text`, as written.
Reason reason(ReasonCode code, std::string_view rule, std::string field, std::string text, std::string source) {
  Reason made;
  made.code = code;
  made.rule = rule;
  made.field = std::move(field);
  made.source = std::move(source);
  evaluation::set_wording(made, evaluation::Wording::text, std::move(text));
  return made;
}

TEST(WriteDecision, WritesTheExactLine) {
  ClaimDecision decision;
  decision.id = "c1";
  decision.decision = Decision::refused;
  decision.total = Decimal::parse("24.56");
  decision.lines.push_back({"RAM 8.09", Decision::accepted, Decimal::parse("17.88"), {}});
  decision.lines.push_back({"IFD", Decision::accepted, Decimal::parse("2.5"), {}});
  decision.lines.push_back({"IK", Decision::accepted, Decimal::from_scaled(418, 2), {}});
  decision.lines.push_back(
      {"AMK 7",
       Decision::refused,
       std::nullopt,
       {reason(ReasonCode::not_cumulable, "cumul", "", "Non cumulable avec « RAM »", "NGAP art. 11 B")}});
  decision.reasons.push_back(reason(ReasonCode::missing_data, "", "patient.age", "m", "s"));
  decision.rule_set = "sha256:abc";
  decision.meta = R"({"dossier": [1, "x"]})";
  EXPECT_EQ(write_decision(decision),
            R"({"format":"cotation.decision/2","id":"c1","decision":"refused","total":"24.56","lines":[)"
            R"({"code":"RAM 8.09","decision":"accepted","amount":"17.88","reasons":[]},)"
            R"({"code":"IFD","decision":"accepted","amount":"2.50","reasons":[]},)"
            R"({"code":"IK","decision":"accepted","amount":"4.18","reasons":[]},)"
            R"({"code":"AMK 7","decision":"refused","amount":null,"reasons":[)"
            R"({"code":"not_cumulable","rule":"cumul","field":null,"message":"Non cumulable avec « RAM »",)"
            R"("source":"NGAP art. 11 B"}]}],"reasons":[{"code":"missing_data","rule":null,"field":"patient.age",)"
            R"("message":"m","source":"s"}],"rule_set":"sha256:abc","meta":{"dossier": [1, "x"]}})");
}

TEST(WriteDecision, EscapesQuotesBackslashesAndControlCharacters) {
  ClaimDecision decision;
  decision.id = "c\"1\\x";
  decision.decision = Decision::invalid;
  decision.reasons.push_back(
      reason(ReasonCode::not_json, "", "", std::string("ligne\n2\t\x01\x1f fin\x7f", 15), "docs/claim-format.md"));
  decision.reasons.push_back(reason(ReasonCode::rule_refusal, "nul", "", std::string("a\0b", 3), "é✓😀"));
  EXPECT_EQ(write_decision(decision), R"({"format":"cotation.decision/2","id":"c\"1\\x","decision":"invalid",)"
                                      R"("total":"0.00","lines":[],"reasons":[)"
                                      R"({"code":"not_json","rule":null,"field":null,)"
                                      R"("message":"ligne\u000a2\u0009\u0001\u001f fin)"
                                      "\x7f"
                                      R"(","source":"docs/claim-format.md"},)"
                                      R"({"code":"rule_refusal","rule":"nul","field":null,)"
                                      R"("message":"a\u0000b","source":"é✓😀"}],"rule_set":""})");
}

TEST(WriteDecision, ReplacesInvalidUtf8SoTheLineIsAlwaysValid) {
  std::string out;
  append_json_string(out,
                     "a\xff"
                     "b\xc3"
                     "c\xed\xa0\x80"
                     "d\xe2\x82");
  EXPECT_EQ(out,
            "\"a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD"
            "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
            "d\xEF\xBF\xBD\xEF\xBF\xBD\"");
  out.clear();
  append_json_string(out, "\xc0\xaf");  // an overlong '/'
  EXPECT_EQ(out, "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

// Texts that are escapes from end to end write several times their size; the output string is
// reused, longer and shorter than the line, as a batch reuses it.
TEST(WriteDecision, TextsOfEscapesOnlyAndAReusedOutput) {
  const std::string controls(300, '\x01');
  const std::string quotes(300, '"');
  const std::string invalid(300, '\xff');
  ClaimDecision decision;
  decision.id = std::string(200, '\\');
  decision.decision = Decision::invalid;
  decision.reasons.push_back(reason(ReasonCode::not_json, "", "", controls, quotes));
  decision.reasons.push_back(reason(ReasonCode::not_json, "utf8", "", invalid, "s"));
  std::string out(5000, 'x');
  write_decision(decision, out);
  const nlohmann::json parsed = nlohmann::json::parse(out);
  EXPECT_EQ(parsed.at("id").get<std::string>(), decision.id);
  EXPECT_EQ(parsed.at("reasons").at(0).at("message").get<std::string>(), controls);
  EXPECT_EQ(parsed.at("reasons").at(0).at("source").get<std::string>(), quotes);
  std::string replaced;
  for (int i = 0; i < 300; ++i) replaced += "\xEF\xBF\xBD";
  EXPECT_EQ(parsed.at("reasons").at(1).at("message").get<std::string>(), replaced);

  ClaimDecision small;
  small.id = "c1";
  write_decision(small, out);
  EXPECT_EQ(out, R"({"format":"cotation.decision/2","id":"c1","decision":"refused","total":"0.00","lines":[],)"
                 R"("reasons":[],"rule_set":""})");

  out = "[";
  append_json_string(out, controls);
  std::string expected = "[\"";
  for (int i = 0; i < 300; ++i) expected += "\\u0001";
  EXPECT_EQ(out, expected + "\"");
}

TEST(WriteDecision, TheLineIsValidJsonThatReadsBack) {
  ClaimDecision decision;
  decision.id = std::string("weird \"id\"\n\\ \x02 \xff é", 19);
  decision.decision = Decision::prior_approval;
  decision.total = Decimal::parse("-0.5");
  decision.lines.push_back({"RAM 8.09", Decision::prior_approval, Decimal::parse("17.880"), {}});
  const std::string line = write_decision(decision);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const nlohmann::json parsed = nlohmann::json::parse(line);  // throws if not valid JSON
  EXPECT_EQ(parsed.at("id").get<std::string>(), "weird \"id\"\n\\ \x02 \xEF\xBF\xBD é");
  EXPECT_EQ(parsed.at("decision").get<std::string>(), "prior_approval");
  EXPECT_EQ(parsed.at("total").get<std::string>(), "-0.50");
  EXPECT_EQ(parsed.at("lines").at(0).at("amount").get<std::string>(), "17.88");
  std::vector<std::string> keys;
  for (const auto& item : parsed.items()) keys.push_back(item.key());
  // nlohmann's object is sorted; the order on the line is checked by WritesTheExactLine.
  EXPECT_EQ(keys.size(), 7U);
}

TEST(WriteDecision, AnAmountBeyondTheCentIsNeverRoundedSilently) {
  ClaimDecision decision;
  decision.total = Decimal::parse("18.785");
  EXPECT_THROW((void)write_decision(decision), DecimalError);
}

// The writer formats amounts into a buffer of its own (no std::string per amount): the same
// text as Decimal::to_string(2), over signs, zero, scales and the largest magnitude.
TEST(WriteDecision, AmountsAreWrittenAsToStringWritesThem) {
  for (const std::string_view text :
       {"0", "-0.00", "0.05", "-0.05", "17.88", "-17.880", "2.5", "242", "1.000000000000000000",
        "-184467440737095516.15", "184467440737095516.15", "18446744073709551615"}) {
    ClaimDecision decision;
    decision.total = Decimal::parse(text);
    decision.lines.push_back({"RAM 8.09", Decision::accepted, Decimal::parse(text), {}});
    const nlohmann::json parsed = nlohmann::json::parse(write_decision(decision));
    const std::string expected = decision.total.to_string(2);
    EXPECT_EQ(parsed.at("total").get<std::string>(), expected) << text;
    EXPECT_EQ(parsed.at("lines").at(0).at("amount").get<std::string>(), expected) << text;
  }
}

TEST(WriteDecision, DecisionNames) {
  EXPECT_EQ(to_string(Decision::accepted), "accepted");
  EXPECT_EQ(to_string(Decision::refused), "refused");
  EXPECT_EQ(to_string(Decision::prior_approval), "prior_approval");
  EXPECT_EQ(to_string(Decision::invalid), "invalid");
}

TEST(WriteDecision, AnInvalidRecordRoundTripsItsProblems) {
  const ClaimReadResult read = read_claim(R"({"id":"c9","lines":[{"code":""}],"travel":{"distance_km":-1}})");
  ClaimDecision decision;
  decision.id = read.id;
  decision.decision = Decision::invalid;
  decision.reasons = read.problems;
  const nlohmann::json parsed = nlohmann::json::parse(write_decision(decision));
  EXPECT_EQ(parsed.at("id"), "c9");
  ASSERT_EQ(parsed.at("reasons").size(), 2U);
  EXPECT_EQ(parsed.at("reasons").at(0).at("message"), "lines[0].code : le code de la ligne est vide");
  EXPECT_EQ(parsed.at("reasons").at(1).at("message"),
            "travel.distance_km : une distance ne peut pas être négative (-1)");
}

}  // namespace
}  // namespace cotation
