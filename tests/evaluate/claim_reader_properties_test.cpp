// The claim reader's properties (tests/support/reader_properties.hpp) on lines generated from
// valid ones: members removed, repeated, unknown, reordered, given values of every type; the text
// changed (whitespace, escapes, UTF-8 and bytes that are not, truncations); under limits tight
// enough to be reached. And what it reads of escaped strings and names, and a byte order mark.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "evaluate/claim_json.hpp"
#include "support/claim_text.hpp"
#include "support/reader_properties.hpp"

namespace cotation {
namespace {

using Json = nlohmann::ordered_json;
using testing::text_of;

// Lines of the corpus's kinds (tools/generate_claims.py writes them so).
constexpr std::string_view corpus_lines[] = {
    R"({"id":"c00500001","date":"2025-07-02","region":"metropole","place":"cabinet","patient":{"id":"p0019647",)"
    R"("birth_date":"1986-04-03"},"lines":[{"code":"RAM 7.49"}],"prescription":{"kind":"direct_access",)"
    R"("prior_diagnosis":false},"practitioner":{"structure":"health_home"},"series":{"session_number":24,)"
    R"("sessions_12_months_before":23,"prior_approval":false},"time":{"night":false,"sunday_or_holiday":false,)"
    R"("urgent":false},"telehealth":false})",
    R"({"id":"c00500004","date":"2025-07-02","region":"metropole","place":"domicile","patient":{"id":"p0022789",)"
    R"("birth_date":"1966-01-11"},"lines":[{"code":"RAM 7.49"},{"code":"IFD"},{"code":"IK"}],)"
    R"("travel":{"distance_km":"0.6","same_agglomeration":true},"prescription":{"kind":"renewal",)"
    R"("initial_date":"2024-10-19","renewal_date":"2025-05-07","prescriber_number":"291991123"},)"
    R"("series":{"session_number":3,"sessions_12_months_before":2,"prior_approval":false},)"
    R"("time":{"night":false,"sunday_or_holiday":false,"urgent":false},"telehealth":false})",
};

// Every member of every object of the format, each with a valid value.
constexpr std::string_view every_field =
    R"({"id":"c1","date":"2025-07-01","region":"drom","place":"etablissement",)"
    R"("patient":{"id":"p1","age":45,"birth_date":"1980-02-29"},)"
    R"("lines":[{"code":"RAM 8.09","act":"reeducation"},{"code":"IFD"},{"code":"IK"}],)"
    R"("travel":{"distance_km":7.5,"same_agglomeration":false,"casf_establishment":true,)"
    R"("charged_for_another_patient":false,"nearest_practitioner_km":"6,25"},)"
    R"("orthopaedic_discharge_date":"2025-06-02","return_home_programme":true,)"
    R"("prescription":{"kind":"medical","initial_date":"2025-01-02","renewal_date":"2025-03-04",)"
    R"("prescriber_number":"123456789","prior_diagnosis":true,"id":"o-1"},)"
    R"("series":{"session_number":3,"sessions_12_months_before":2,"prior_approval":true},)"
    R"("same_day":{"earlier_sessions":1,"same_prescription":true,"same_article":false,"same_body_region":true},)"
    R"("episode":{"id":"e-1"},"time":{"night":true,"sunday_or_holiday":false,"urgent":true},)"
    R"("telehealth":false,"practitioner":{"structure":"primary_care_team"},)"
    R"("meta":{"facture":"F-1","n":[1,2.5,-0.5e3,{"x":null,"t":true,"f":false}],"e":{},"a":[]}})";

// Values put in place of each member's: every JSON type, edge numbers, texts the conversions refuse.
const std::vector<Json>& replacement_values() {
  static const std::vector<Json> values = [] {
    std::vector<Json> out = {nullptr,      true,        false, 0,           -1,           7,
                             2147483648LL, "",          " ",   "x",         "2025-02-30", "2025-7-1",
                             "medical",    "metropole", "7,5", "123456789", "RAM 8.09",   Json::object(),
                             Json::array()};
    // Valid UTF-8 of every length, around and across the 16- and 8-byte blocks the scan reads.
    out.emplace_back("é");
    out.emplace_back("rééducation à domicile ✓ — séance n°3 😀");
    out.emplace_back(std::string(15, 'a') + "é" + std::string(6, 'b') + "✓");
    out.emplace_back("métropole");
    out.push_back(Json::parse(R"([{"code":"AMK 7"}])"));
    out.push_back(Json::parse(R"([{"code":"AMK 7"},1])"));
    out.push_back(Json::parse(R"({"code":"AMK 7","id":"i"})"));
    out.push_back(Json::parse(R"([[[[[[]]]]]])"));
    return out;
  }();
  return values;
}

// JSON numbers as written (nlohmann would rewrite them): spliced in place of a marker.
constexpr std::string_view number_texts[] = {"1.5", "7.50",  "75e-1", "7.5E0", "1E+1",  "-0",
                                             "0.0", "1e400", "3.0",   "-1.5",  "1e-19", "99999999999"};

std::vector<std::string> mutations_of(std::string_view base) {
  const Json root = Json::parse(base);
  std::vector<std::string> out;
  std::vector<Json::json_pointer> objects;
  const auto walk = [&objects](const auto& self, const Json& value, const Json::json_pointer& at) -> void {
    if (value.is_object()) objects.push_back(at);
    if (value.is_object()) {
      for (const auto& member : value.items()) self(self, member.value(), at / member.key());
    } else if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) self(self, value[i], at / i);
    }
  };
  walk(walk, root, Json::json_pointer());
  const auto with = [&](const Json::json_pointer& at, const auto& change) {
    Json copy = root;
    change(copy[at]);
    return copy.dump();
  };
  for (const auto& at : objects) {
    // A sentinel name, renamed after dump(): an object cannot hold a member twice.
    out.push_back(with(at, [](Json& object) { object["\x01zz"] = 1; }));
    out.push_back(with(at, [](Json& object) {
      Json reversed = Json::object();
      for (auto it = object.rbegin(); it != object.rend(); ++it) reversed[it.key()] = it.value();
      object = reversed;
    }));
    for (const auto& member : root[at].items()) {
      const std::string key = member.key();
      out.push_back(with(at, [&key](Json& object) { object.erase(key); }));
      out.push_back(with(at, [&key](Json& object) { object["\x01" + key] = object[key]; }));
      for (const Json& value : replacement_values()) {
        out.push_back(with(at, [&key, &value](Json& object) { object[key] = value; }));
      }
      for (const std::string_view number : number_texts) {
        std::string line = with(at, [&key](Json& object) { object[key] = "\x02"; });
        line.replace(line.find("\"\\u0002\""), 8, number);
        out.push_back(line);
      }
    }
  }
  for (std::string& line : out) {
    for (std::size_t at = line.find("\\u0001"); at != std::string::npos; at = line.find("\\u0001")) line.erase(at, 6);
  }
  return out;
}

// Changes to the text of a line: whitespace, escapes, non-ASCII, bytes around it, truncation.
std::vector<std::string> text_changes_of(std::string_view base) {
  std::vector<std::string> out;
  std::string spaced;
  for (const char c : base) {
    if (c == '}' || c == ']') spaced += " \t";
    spaced += c;
    if (c == '{' || c == '[' || c == ':' || c == ',') spaced += "\r\n ";
  }
  out.push_back(spaced);
  const std::string line(base);
  out.push_back(" " + line + " \r");
  out.push_back("\xEF\xBB\xBF" + line);
  out.push_back(line + "x");
  out.push_back(line + "}");
  out.push_back(line + " {}");
  out.push_back("[" + line + "]");
  out.push_back("");
  out.push_back(" \t");
  const std::size_t id_text = line.find(R"("id":")") + 6;
  const std::size_t id_end = line.find('"', id_text);
  // Escapes, a control character, valid UTF-8 of 2, 3 and 4 bytes, and bytes that are not UTF-8:
  // a lone lead byte, a stray continuation byte, an overlong form, a surrogate, beyond U+10FFFF,
  // a sequence cut short by the closing quote.
  for (const std::string_view inserted :
       {R"(\u0063)", R"(\")", R"(\\)", "\xC3\xA9", "\xE2\x9C\x93", "\xF0\x9F\x98\x80", "\xC3", "\x80", "\xC0\xAF",
        "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x9C", "\x01"}) {
    out.push_back(std::string(line).insert(id_text, inserted));
    out.push_back(std::string(line).insert(id_end, inserted));
  }
  for (std::size_t size = 0; size < line.size(); size += 3) out.push_back(line.substr(0, size));
  for (std::size_t at = 0; at < line.size(); at += 5) out.push_back(std::string(line).erase(at, 1));
  return out;
}

std::vector<std::string> inputs() {
  std::vector<std::string> out(std::begin(corpus_lines), std::end(corpus_lines));
  out.emplace_back(every_field);
  std::vector<std::string> changed;
  for (const std::string& base : out) {
    for (auto& line : mutations_of(base)) changed.push_back(std::move(line));
    for (auto& line : text_changes_of(base)) changed.push_back(std::move(line));
  }
  out.insert(out.end(), changed.begin(), changed.end());
  out.emplace_back(R"({"id":"c1","lines":[{"code":"AMK 7"}],"zz":)" + std::string(40, '[') + std::string(40, ']') +
                   "}");
  out.emplace_back(R"({"id":"c1","lines":[{"code":"AMK 7"}],"meta":{"a":)" + std::string(40, '[') +
                   std::string(40, ']') + "}}");
  out.emplace_back(R"({"id":"c1","lines":[{"code":"AMK 7"}],"meta":{"a":)" + std::string(29, '[') +
                   std::string(29, ']') + "}}");
  return out;
}

// The default limits, then each limit tight enough for some inputs to reach it.
std::vector<ClaimReadLimits> limits_to_try() {
  std::vector<ClaimReadLimits> out(7);
  out[1].max_depth = 1;  // the record's objects are too deep
  out[2].max_depth = 2;  // the lines' objects are
  out[3].max_line_bytes = 400;
  out[4].max_claim_lines = 1;
  out[5].max_claim_lines = 2;
  out[6].max_problems = 0;
  return out;
}

TEST(ClaimReaderProperties, ValidLinesReadWithoutProblem) {
  for (const std::string_view line : corpus_lines) {
    const ClaimReadResult read = read_claim(line);
    EXPECT_TRUE(read.claim && read.problems.empty()) << line;
  }
  const ClaimReadResult read = read_claim(every_field);
  ASSERT_TRUE(read.claim && read.problems.empty());
  EXPECT_EQ(read.claim->meta, R"({"facture":"F-1","n":[1,2.5,-0.5e3,{"x":null,"t":true,"f":false}],"e":{},"a":[]})");
}

TEST(ClaimReaderProperties, AccentedTextsAreReadAsWritten) {
  const std::string line = R"({"id":"séance-é1","patient":{"id":"Hélène Müller ✓"},)"
                           R"("lines":[{"code":"AMK 7","act":"rééducation du genou, à domicile 😀"}]})";
  const ClaimReadResult read = read_claim(line);
  ASSERT_TRUE(read.claim);
  EXPECT_EQ(read.claim->id, "séance-é1");
  EXPECT_EQ(read.claim->patient.id, "Hélène Müller ✓");
  EXPECT_EQ(read.claim->lines.at(0).act, "rééducation du genou, à domicile 😀");
}

// Escaped strings and member names, and a byte order mark, read as the plain line: every
// character of every name and string value escaped as \u00XX reads as the line written plainly.
TEST(ClaimReaderProperties, EscapesAndAByteOrderMarkReadAsThePlainLine) {
  for (const std::string_view plain : {corpus_lines[0], corpus_lines[1], every_field}) {
    std::string escaped;
    bool in_string = false;
    for (const char c : plain) {
      if (c == '"') in_string = !in_string;
      if (in_string && c != '"') {
        escaped += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
      } else {
        escaped += c;
      }
    }
    const ClaimReadResult read = read_claim(escaped);
    ClaimReadResult expected = read_claim(plain);
    ASSERT_TRUE(read.claim) << (read.problems.empty() ? "" : render_message(read.problems.front()));
    // meta is kept as written, escapes included.
    if (!expected.claim->meta.empty()) {
      EXPECT_NE(read.claim->meta, expected.claim->meta);
      expected.claim->meta = read.claim->meta;
    }
    EXPECT_EQ(text_of(read), text_of(expected));
    EXPECT_EQ(text_of(read_claim("\xEF\xBB\xBF" + std::string(plain))), text_of(read_claim(plain)));
  }
  const ClaimReadResult quoted =
      read_claim(R"({"id":"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00","lines":[{"code":"A"}]})");
  ASSERT_TRUE(quoted.claim);
  EXPECT_EQ(quoted.claim->id, "a\"b\\c/d\b\f\n\r\té😀");
}

// Every input, under several limits, keeps the reader's properties.
TEST(ClaimReaderProperties, EveryInputKeepsTheProperties) {
  const std::vector<std::string> lines = inputs();
  ASSERT_GT(lines.size(), 1000U);
  std::size_t claims = 0;
  for (const ClaimReadLimits& limits : limits_to_try()) {
    for (const std::string& line : lines) {
      EXPECT_EQ(testing::broken_property(line, limits), "") << line;
      claims += read_claim(line, limits).claim ? 1 : 0;
    }
  }
  EXPECT_GT(claims, 1000U);
}

}  // namespace
}  // namespace cotation
