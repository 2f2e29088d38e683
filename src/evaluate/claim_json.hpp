// Claims in, decisions out, as JSON Lines (docs/claim-format.md): the public part is in
// cotation/json.hpp; here what the batch and the tests use besides.
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
#include "cotation/json.hpp"

namespace cotation {

// read_claim of a line `length` bytes long, of which `json_line` may be only the head: a batch
// keeps no more of a line over the limit than the reader looks at (its head, where the id is
// looked for, and one byte more), and the line is reported with its real length.
void read_claim(std::string_view json_line, std::size_t length, const ClaimReadLimits& limits, ClaimReadResult& result);

// The `invalid` decision of a line whose claim did not read: the reader's problems become its
// reasons. Written into `decision`, whose buffers a batch reuses from record to record.
void set_unreadable(ClaimDecision& decision, ClaimReadResult& read, const std::string& rule_set_hash);

// The `invalid` decision of a claim the engine failed on (a bug, memory exhausted): every input
// line keeps its output record, and the record says what happened.
[[nodiscard]] ClaimDecision engine_failure(std::string id, const std::exception& error,
                                           const std::string& rule_set_hash);

// The same after what `out` holds.
void append_decision(const ClaimDecision& decision, std::string& out, Language language = Language::french);

// Appends `text` to `out` as a JSON string, quotes included: escapes '"', '\' and the control
// characters (as \u00XX), keeps valid UTF-8 as is and replaces each invalid byte by U+FFFD, so
// the output is always valid JSON and valid UTF-8.
void append_json_string(std::string& out, std::string_view text);

}  // namespace cotation
