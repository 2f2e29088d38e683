// The conformance suite: one claim per row of every tariff table of the source documents,
// evaluated through the public batch API with the shipped rules/, its amount compared to the
// table's to the cent. The rows are data (tests/conformance/*.tsv, format in README.md there),
// transcribed from the documents, never from the engine's output.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cotation/batch.hpp"
#include "cotation/decimal.hpp"
#include "cotation/engine.hpp"

namespace cotation {
namespace {

namespace fs = std::filesystem;

const fs::path conformance_dir = fs::path(COTATION_SOURCE_DIR) / "tests/conformance";
const fs::path shipped_rules = fs::path(COTATION_SOURCE_DIR) / "rules";

struct Row {
  std::string where;  // "seed-000-articles-1-4.tsv:12", for failure messages
  std::string source;
  std::string date;
  std::string code;        // as billed: "IFD"
  std::size_t occurrence;  // which line billed with `code` is checked: 1 for the first ("IFD#2": the second)
  std::string claim_patch;
  std::string expected;
  std::string label;
};

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (std::size_t tab = line.find('\t'); tab != std::string::npos; tab = line.find('\t', start)) {
    fields.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
  fields.push_back(line.substr(start));
  return fields;
}

// Reads one table file; a malformed row is a test failure naming its line, never skipped.
std::vector<Row> read_rows(const fs::path& path) {
  static const std::vector<std::string> header{"source", "date", "code", "claim", "expected", "label"};
  static const std::regex source_pattern(R"((\d{3}|ngap-dg|ngap-xiv):\d+)");
  static const std::regex code_pattern(R"(([^#]+)(#([1-9]))?)");
  static const std::regex date_pattern(R"(\d{4}-\d{2}-\d{2})");
  static const std::regex expected_pattern(R"(\d+\.\d{2}|refused(:.+)?|prior_approval)");
  std::vector<Row> rows;
  std::ifstream file(path);
  std::string line;
  bool header_seen = false;
  for (int number = 1; std::getline(file, line); ++number) {
    const std::string where = path.filename().string() + ":" + std::to_string(number);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> fields = split_tabs(line);
    if (!header_seen) {
      EXPECT_EQ(fields, header) << where << ": the first line that is not a comment must be the header";
      header_seen = true;
      continue;
    }
    if (fields.size() != header.size()) {
      ADD_FAILURE() << where << ": " << fields.size() << " tab-separated fields, " << header.size() << " expected";
      continue;
    }
    std::smatch code;
    if (!std::regex_match(fields[2], code, code_pattern)) {
      ADD_FAILURE() << where << ": code '" << fields[2] << "'";
      continue;
    }
    const std::size_t occurrence = code[3].matched ? std::stoul(code[3].str()) : 1;
    Row row{where, fields[0], fields[1], code[1].str(), occurrence, fields[3], fields[4], fields[5]};
    EXPECT_TRUE(std::regex_match(row.source, source_pattern)) << where << ": source '" << row.source << "'";
    EXPECT_TRUE(std::regex_match(row.date, date_pattern)) << where << ": date '" << row.date << "'";
    EXPECT_TRUE(std::regex_match(row.expected, expected_pattern)) << where << ": expected '" << row.expected << "'";
    rows.push_back(std::move(row));
  }
  EXPECT_TRUE(header_seen) << path << ": no header";
  return rows;
}

// The base claim of README.md, with the row's patch merged onto it (RFC 7386). Each row is
// its own patient, so no row's history reaches another.
nlohmann::json claim_of(const Row& row, std::size_t index) {
  nlohmann::json claim = {
      {"id", row.where},
      {"date", row.date},
      {"region", "metropole"},
      {"place", "cabinet"},
      {"patient", {{"id", "patient-" + std::to_string(index)}, {"age", 40}}},
      {"lines", nlohmann::json::array({{{"code", row.code}}})},
      {"prescription", {{"kind", "medical"}}},
      {"series", {{"session_number", 1}, {"sessions_12_months_before", 0}, {"prior_approval", false}}},
      {"time", {{"night", false}, {"sunday_or_holiday", false}, {"urgent", false}}},
      {"telehealth", false},
      {"travel", {{"distance_km", "0"}, {"same_agglomeration", true}}},
  };
  if (row.claim_patch != "-") claim.merge_patch(nlohmann::json::parse(row.claim_patch));
  return claim;
}

// What the line's decision shows, in the vocabulary of the `expected` column. `expected`
// `refused:<text>` is shown when the line is refused with a reason whose code is the text or
// whose message holds it.
std::string outcome(const nlohmann::json& line, const std::string& expected = "") {
  const std::string decision = line.at("decision").get<std::string>();
  if (decision == "refused" && expected.rfind("refused:", 0) == 0) {
    const std::string text = expected.substr(std::string("refused:").size());
    for (const auto& reason : line.value("reasons", nlohmann::json::array())) {
      const std::string code = reason.value("code", std::string());
      if (code == text || reason.value("message", std::string()).find(text) != std::string::npos) return expected;
    }
  }
  return decision == "accepted" ? line.at("amount").get<std::string>() : decision;
}

// The outcome of the row's line: the `occurrence`-th billed with the row's code (a patch may
// bill other lines beside it), or the claim's decision when the record has no such line (an
// invalid record).
std::string outcome_of(const nlohmann::json& record, const Row& row) {
  std::size_t seen = 0;
  for (const auto& line : record.value("lines", nlohmann::json::array())) {
    if (line.value("code", std::string()) == row.code && ++seen == row.occurrence) return outcome(line, row.expected);
  }
  return record.value("decision", std::string("?"));
}

std::string reasons_of(const nlohmann::json& record) {
  std::string text;
  const auto append = [&text](const nlohmann::json& reasons) {
    for (const auto& reason : reasons) text += "\n    " + reason.dump();
  };
  if (record.contains("lines")) {
    for (const auto& line : record["lines"]) append(line.value("reasons", nlohmann::json::array()));
  }
  append(record.value("reasons", nlohmann::json::array()));
  if (record.contains("error")) text += "\n    " + record["error"].dump();
  return text;
}

// Checks every table of `dir` against the shipped rules compiled with `options`.
void check_tables(const fs::path& dir, const CompileOptions& options) {
  const CompileResult compiled = compile_rule_set(shipped_rules, options);
  std::string diagnostics;
  for (const Diagnostic& d : compiled.diagnostics) diagnostics += render(d, Language::french);
  ASSERT_TRUE(compiled.ok()) << diagnostics;

  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".tsv") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty()) << "no table in " << dir;

  std::size_t checked = 0;
  std::size_t matched = 0;
  for (const fs::path& file : files) {
    const std::vector<Row> rows = read_rows(file);
    std::ostringstream claims;
    for (std::size_t i = 0; i < rows.size(); ++i) claims << claim_of(rows[i], i).dump() << '\n';
    std::istringstream input(claims.str());
    std::ostringstream output;
    (void)evaluate_json_lines(*compiled.rule_set, input, output);

    std::istringstream decisions(output.str());
    std::string record_text;
    std::size_t file_matched = 0;
    for (const Row& row : rows) {
      ASSERT_TRUE(std::getline(decisions, record_text)) << row.where << ": no decision record";
      const nlohmann::json record = nlohmann::json::parse(record_text);
      const std::string got = outcome_of(record, row);
      if (got == row.expected) {
        ++file_matched;
      } else {
        ADD_FAILURE() << row.where << " (" << row.source << ", " << row.label << "): " << row.code << " on " << row.date
                      << " gave " << got << ", the document shows " << row.expected << reasons_of(record);
      }
    }
    std::cout << "[ conformance ] " << file.filename().string() << ": " << file_matched << " of " << rows.size()
              << " rows match\n";
    checked += rows.size();
    matched += file_matched;
  }
  std::cout << "[ conformance ] " << checked << " rows checked, " << matched << " matched\n";
  EXPECT_EQ(matched, checked);
  EXPECT_GT(checked, 0U);
}

TEST(Conformance, EveryTableRowOfTheDocumentsToTheCent) { check_tables(conformance_dir, {}); }

// The tables of tel-que-signe/ test the dates as the texts were signed, before the later texts
// (the amendments) moved them.
TEST(Conformance, TableRowsAsSigned) {
  CompileOptions as_signed;
  as_signed.apply_amendments = false;
  check_tables(conformance_dir / "tel-que-signe", as_signed);
}

// Seed 003 (prescribers' guide, before avenant 7: AMS 7.5 at 2.15 EUR) prices each HAS
// referential's series as « N séances, coût ». A series here is N claims of one patient billing
// AMS 7.5 on the N days before 2024-02-22, sessions 1 to N; the cost is the sum of the lines
// rounded to the euro (half away from zero: the guide's « arrondi à l'euro supérieur » is in
// fact to the nearest euro, shared/domain-notes.md).
// One line: 7.5 x 2.15 = 16.125 -> 16.13.
//   10 x 16.13 = 161.30 -> 161    15 x 16.13 = 241.95 -> 242    25 x 16.13 = 403.25 -> 403
//   30 x 16.13 = 483.90 -> 484    40 x 16.13 = 645.20 -> 645    50 x 16.13 = 806.50 -> 807
// The guide rounds the unrounded total instead: 50 x 7.5 x 2.15 = 806.25 -> 806 (docs/sources.md).
struct HasSeries {
  const char* source;  // seed 003 line
  const char* referential;
  int sessions;
  int guide_cost;       // the euro figure the guide prints
  int per_line_cost;    // the sum of the engine's line amounts, rounded to the euro
};

constexpr HasSeries has_series[] = {
    {"003:79", "1. lombalgie commune, série", 15, 242, 242},
    {"003:83", "1. lombalgie commune, 12 mois", 30, 484, 484},
    {"003:90", "2. cervicalgie commune, série", 15, 242, 242},
    {"003:94", "2. cervicalgie commune, 12 mois", 30, 484, 484},
    {"003:98", "3. cervicalgie post-traumatique", 10, 161, 161},
    {"003:101", "4. chirurgie de la coiffe des rotateurs", 50, 806, 807},
    {"003:104", "5. tendinopathie de la coiffe des rotateurs", 25, 403, 403},
    {"003:107", "6. fracture de l'extrémité proximale de l'humérus", 30, 484, 484},
    {"003:111", "7. fracture du coude chez l'adulte", 30, 484, 484},
    {"003:116", "9. fracture de l'extrémité distale des deux os de l'avant-bras", 25, 403, 403},
    {"003:118", "10. prothèse totale de hanche", 15, 242, 242},
    {"003:121", "11. prothèse totale ou partielle de genou", 25, 403, 403},
    {"003:122", "12. ligament croisé antérieur", 40, 645, 645},
    {"003:123", "13. méniscectomie", 15, 242, 242},
    {"003:126", "14. entorse externe de cheville", 10, 161, 161},
};

std::string day_text(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd{day};
  char text[32];  // room for any int the compiler imagines
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return text;
}

TEST(Conformance, HasSeriesCostsOfThePrescribersGuideBeforeAvenant7) {
  const CompileResult compiled = compile_rule_set(shipped_rules);
  ASSERT_TRUE(compiled.ok());
  const std::chrono::sys_days avenant_7{std::chrono::year{2024} / 2 / 22};
  for (const HasSeries& series : has_series) {
    std::ostringstream claims;
    for (int session = 1; session <= series.sessions; ++session) {
      Row row{series.source,
              series.source,
              day_text(avenant_7 - std::chrono::days{series.sessions - session + 1}),
              "AMS 7.5",
              1,
              "{\"patient\":{\"id\":\"series\"},\"series\":{\"session_number\":" + std::to_string(session) + "}}",
              "",
              series.referential};
      claims << claim_of(row, 0).dump() << '\n';
    }
    std::istringstream input(claims.str());
    std::ostringstream output;
    (void)evaluate_json_lines(*compiled.rule_set, input, output);
    std::istringstream decisions(output.str());
    std::string record_text;
    Decimal total;
    int accepted = 0;
    while (std::getline(decisions, record_text)) {
      const nlohmann::json line = nlohmann::json::parse(record_text)["lines"][0];
      EXPECT_EQ(outcome(line), "16.13") << series.source << " " << series.referential << reasons_of(line);
      if (line.at("decision") != "accepted") continue;
      total += Decimal::parse(line.at("amount").get<std::string>());
      ++accepted;
    }
    EXPECT_EQ(accepted, series.sessions) << series.source;
    EXPECT_EQ(total.round(0, RoundingMode::half_away_from_zero), Decimal(series.per_line_cost))
        << series.source << " " << series.referential << ": " << total.to_string(2);
    // The guide's figure: the unrounded total, N x 7.5 x 2.15, rounded to the euro.
    const Decimal unrounded = Decimal(series.sessions) * Decimal::parse("7.5") * Decimal::parse("2.15");
    EXPECT_EQ(unrounded.round(0, RoundingMode::half_away_from_zero), Decimal(series.guide_cost))
        << series.source << " " << series.referential;
  }
}

}  // namespace
}  // namespace cotation
