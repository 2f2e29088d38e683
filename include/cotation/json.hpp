// Claims in and decisions out as JSON (docs/claim-format.md), for programs that embed the
// engine: read_claim turns one JSON line into a Claim or the list of its problems, validate
// gives the same checks for a Claim built in C++, write_decision turns a decision into its JSON
// line. In: text or a Claim; out: a Claim or problems, or the decision's text.
//
//   cotation::ClaimReadResult read = cotation::read_claim(line);
//   if (!read.claim) { for (auto& p : read.problems) use(p.code, p.field, render_message(p)); }
//   else std::string out = cotation::write_decision(rule_set.evaluate(*read.claim, scratch));
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cotation/claim.hpp"
#include "cotation/decision.hpp"
#include "cotation/export.h"

COTATION_PUBLIC_BEGIN
namespace cotation {

// Every limit read_claim puts on one input line, with its reason. A line over a limit gets a
// problem naming the limit, never a crash, an exception or unbounded work.
struct ClaimReadLimits {
  // A real claim is well under 10 KB (a session bills a handful of lines); 1 MiB leaves room for
  // long ids and messages while bounding the time and memory one line may take.
  std::size_t max_line_bytes = std::size_t{1} << 20U;
  // The format nests three levels (record, lines, line); values of unknown fields are skipped,
  // but only up to this depth, so that [[[[...]]]] cannot exhaust anything.
  std::size_t max_depth = 32;
  // One care session bills a handful of lines; a thousand is already absurd.
  std::size_t max_claim_lines = 1000;
  // The earlier sessions a claim carries (`history`): the window the rules read is a year or so;
  // ten thousand sessions is decades of daily care.
  std::size_t max_history_sessions = 10000;
  // A garbage line could otherwise produce one problem per byte; after this many the reading stops.
  std::size_t max_problems = 100;
};

struct ClaimReadResult {
  std::optional<Claim> claim;    // set exactly when problems is empty
  std::string id;                // the record's "id" when it could be read, even from a broken record
  std::vector<Reason> problems;  // rule "format", French message "<path> : <what>", source the format doc
};

// One line of a JSON Lines file (without its line break; a trailing "\r" is accepted).
[[nodiscard]] ClaimReadResult read_claim(std::string_view json_line);
[[nodiscard]] ClaimReadResult read_claim(std::string_view json_line, const ClaimReadLimits& limits);
// The same into `result`, replacing its content: a result reused from line to line keeps the
// capacity of its claim's lines.
void read_claim(std::string_view json_line, const ClaimReadLimits& limits, ClaimReadResult& result);

// The reader's checks on a claim built in C++, whose types already hold what the reader checks
// for JSON types: an empty id, no line, a blank line code, a date that does not exist
// (2025-02-30), a negative age, count or distance, a session rank below 1, a prescriber number
// that is not 9 digits, a `meta` that is not one JSON object. Empty: the claim is valid.
// RuleSet::evaluate applies it: such a claim gets an `invalid` decision with these reasons.
[[nodiscard]] std::vector<Reason> validate(const Claim& claim);

// One JSON line without the final line break: format, id, decision, total, lines[{code, decision,
// amount, reasons}], reasons[{code, rule, field, message, source}], rule_set, meta (when the
// claim gave one), in that order. Amounts are strings with
// exactly two decimals ("17.88"); a line without an amount has "amount":null. Throws DecimalError
// (inexact) when an amount has a non-zero digit beyond the cent: amounts are rounded by the
// rules, never silently by the writer. The reasons' messages are written in `language` (the
// rules' own texts stay French); the decision is written while the RuleSet that made it lives.
[[nodiscard]] std::string write_decision(const ClaimDecision& decision, Language language = Language::french);
// The same into `out`, replacing its content: a string reused from line to line allocates nothing.
void write_decision(const ClaimDecision& decision, std::string& out, Language language = Language::french);

}  // namespace cotation
COTATION_PUBLIC_END
