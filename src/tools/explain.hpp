// `cotation explain`: why each line of a claim was accepted, refused or sent for prior
// approval, and how its amount was computed, as a tree read by a person or as JSON data.
// The claims are read and decided as `cotation eval` does (each patient's claims in input
// order); the explanation steps are grouped under the billed line that needed them.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "cotation/diagnostic.hpp"
#include "cotation/engine.hpp"

namespace cotation::tools {

// One record of the claims file, decided and explained.
struct ClaimExplanation {
  std::size_t record = 0;  // 1-based line number in the claims file
  std::optional<Date> date;
  std::optional<Region> region;
  ClaimDecision decision;              // invalid, with the reader's problems, for a malformed record
  std::vector<ExplanationStep> steps;  // in the order the engine needed them
};

// Reads one JSON line (the format of docs/claim-format.md) and decides it in `scratch`'s sequence.
// `length`: the line's length in the input when json_line is only its head (BoundedLines).
[[nodiscard]] ClaimExplanation explain_record(const RuleSet& rule_set, std::string_view json_line, std::size_t record,
                                              EvaluationScratch& scratch, std::size_t length = 0);

// The tree, one line per node, ending with a line break.
[[nodiscard]] std::string explanation_text(const ClaimExplanation& explained, Language language);
// The same tree as data: the claim, its lines each with its steps and reasons.
[[nodiscard]] nlohmann::ordered_json explanation_json(const ClaimExplanation& explained,
                                                      Language language = Language::french);

enum class ExplainFormat { text, json };

// Explains every record of `input` into `output`; returns how many records were invalid.
// as_they_come: `input` is a pipe or a terminal, read as its lines come, each explanation
// written out at once (BoundedLines' line_at_a_time).
std::size_t explain_json_lines(const RuleSet& rule_set, std::istream& input, std::ostream& output, ExplainFormat format,
                               Language language, bool as_they_come = false);

}  // namespace cotation::tools
