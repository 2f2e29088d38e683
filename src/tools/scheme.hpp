// `cotation scheme`: situations read as JSON Lines (docs/schemes.md), each evaluated against
// a `dispositif` of the rule set, one result record per input line, even a malformed one.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "cotation/scheme.hpp"

namespace cotation::tools {

// One input line: the situation, or why it cannot be read (and its id when one was found).
struct SituationRead {
  std::optional<Situation> situation;
  std::string id;
  std::string problem;
};

[[nodiscard]] SituationRead read_situation(std::string_view line);

// One output line, without its newline.
[[nodiscard]] std::string result_json(const SchemeResult& result, const std::string& rule_set_hash);
[[nodiscard]] std::string invalid_json(const std::string& id, const std::string& problem,
                                       const std::string& rule_set_hash);

struct SchemeSummary {
  std::size_t records = 0;
  std::size_t invalid = 0;
};

// as_they_come: `input` is a pipe or a terminal, read as its lines come, each result written
// out at once (BoundedLines' line_at_a_time).
SchemeSummary evaluate_situations(const RuleSet& rule_set, std::istream& input, std::ostream& output,
                                  bool as_they_come = false);

}  // namespace cotation::tools
