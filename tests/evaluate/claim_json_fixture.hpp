// What the claim-reading tests share (claim_read_test.cpp, claim_problems_test.cpp): the brief's
// example claim, a minimal record with members added, and checks of a problem or a distance.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "evaluate/claim_json.hpp"

namespace cotation {

// The example claim of the product brief, on one line.
inline constexpr std::string_view brief_example =
    R"({"id":"c1","date":"2025-07-01","region":"metropole",)"
    R"("place":"domicile",)"
    R"("patient":{"id":"p1","age":45},)"
    R"("lines":[{"code":"RAM 8.09"},{"code":"IFD"},{"code":"IK"}],)"
    R"("travel":{"distance_km":"7.5","same_agglomeration":false},)"
    R"("prescription":{"kind":"medical"},)"
    R"("series":{"session_number":3,"sessions_12_months_before":2,"prior_approval":false},)"
    R"("time":{"night":false,"sunday_or_holiday":false,"urgent":false},)"
    R"("telehealth":false})";

inline std::string messages(const ClaimReadResult& result) {
  std::string out;
  for (const Reason& problem : result.problems) out += render_message(problem) + "\n";
  return out;
}

// A minimal valid record with `members` added at the end of its root object.
inline std::string record_with(std::string_view members) {
  std::string line = R"({"id":"c1","lines":[{"code":"AMK 7"}])";
  if (!members.empty()) {
    line += ',';
    line += members;
  }
  line += '}';
  return line;
}

// The record must be refused with one problem whose message holds each of `parts`.
inline void expect_problem(std::string_view line, std::vector<std::string_view> parts) {
  SCOPED_TRACE(std::string(line.substr(0, 200)));
  const ClaimReadResult result = read_claim(line);
  ASSERT_FALSE(result.claim.has_value()) << "no problem reported";
  ASSERT_FALSE(result.problems.empty());
  bool found = false;
  for (const Reason& problem : result.problems) {
    EXPECT_TRUE(problem.rule.empty()) << problem.rule;
    EXPECT_NE(to_string(problem.code), "unknown");
    EXPECT_EQ(problem.source, "docs/claim-format.md");
    bool all = true;
    for (const std::string_view part : parts) all = all && render_message(problem).find(part) != std::string::npos;
    found = found || all;
  }
  EXPECT_TRUE(found) << "problems:\n" << messages(result);
}

inline Decimal distance_of(std::string_view json_value) {
  const ClaimReadResult result = read_claim(record_with(R"("travel":{"distance_km":)" + std::string(json_value) + "}"));
  if (!result.claim) {
    ADD_FAILURE() << json_value << ":\n" << messages(result);
    return Decimal();
  }
  if (!result.claim->travel.distance_km) {
    ADD_FAILURE() << json_value << ": no distance";
    return Decimal();
  }
  return *result.claim->travel.distance_km;
}

}  // namespace cotation
