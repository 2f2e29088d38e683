// Claims in, decisions out, as JSON Lines (the v1 interchange format of docs/claim-format.md).
//
// read_claim turns one line into a Claim, or into the list of everything wrong with it: it never
// throws on bad input, never crashes on hostile input (huge lines, deep nesting), and reads
// numbers from their text only, so "7.5" and 7.5 give the same exact Decimal.
// write_decision turns a decision into one JSON line; it is on the batch's hot path, so it
// appends into one string with its own escaper.
#pragma once

#include <cstddef>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cotation/claim.hpp"
#include "cotation/decision.hpp"

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

// The two readers read_claim is made of, for tests. The schema-driven fast path reads a line
// that follows the format to the letter, without a problem: true, and `result` holds its claim;
// false when it gives up, leaving `result` to be overwritten. Every line it gives up on goes to
// the general reader, which reads any line and reports every problem.
[[nodiscard]] bool read_claim_by_schema(std::string_view json_line, const ClaimReadLimits& limits,
                                        ClaimReadResult& result);
[[nodiscard]] ClaimReadResult read_claim_in_general(std::string_view json_line, const ClaimReadLimits& limits);

// The `invalid` decision of a line whose claim did not read: the reader's problems become its
// reasons. Written into `decision`, whose buffers a batch reuses from record to record.
void set_unreadable(ClaimDecision& decision, ClaimReadResult& read, const std::string& rule_set_hash);

// The `invalid` decision of a claim the engine failed on (a bug, memory exhausted): every input
// line keeps its output record, and the record says what happened.
[[nodiscard]] ClaimDecision engine_failure(std::string id, const std::exception& error,
                                           const std::string& rule_set_hash);

// One JSON line without the final line break: id, decision, total, lines[{code, decision, amount,
// reasons}], reasons[{rule, message, source}], rule_set, in that order. Amounts are strings with
// exactly two decimals ("17.88"); a line without an amount has "amount":null. Throws DecimalError
// (inexact) when an amount has a non-zero digit beyond the cent: amounts are rounded by the
// rules, never silently by the writer.
[[nodiscard]] std::string write_decision(const ClaimDecision& decision);
// The same into `out`, replacing its content: a string reused from line to line allocates nothing.
void write_decision(const ClaimDecision& decision, std::string& out);
// The same after what `out` holds.
void append_decision(const ClaimDecision& decision, std::string& out);

// Appends `text` to `out` as a JSON string, quotes included: escapes '"', '\' and the control
// characters (as \u00XX), keeps valid UTF-8 as is and replaces each invalid byte by U+FFFD, so
// the output is always valid JSON and valid UTF-8.
void append_json_string(std::string& out, std::string_view text);

}  // namespace cotation
