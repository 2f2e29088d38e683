// The batch driver: claims in as JSON Lines, decisions out as JSON Lines, one output
// record per input line, in input order, over several threads.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

#include "cotation/engine.hpp"
#include "cotation/export.h"

COTATION_PUBLIC_BEGIN
namespace cotation {

struct BatchOptions {
  std::size_t jobs = 1;  // threads evaluating claims
  bool explain = false;  // add each claim's explanation to its record
  // Lines read, decided and written together; 0: 1,024 per thread, whose records (line, claim,
  // output) stay in the processor's caches from reading to writing (a chunk of 16,384 lines
  // made `--jobs 1` about 20 % slower; much smaller ones pay for starting threads).
  std::size_t chunk_lines = 0;
  // For an input that is a pipe or a terminal (a coprocess waits for each answer): a chunk ends
  // at the last complete line the input holds without waiting (rdbuf()->in_avail()), and its
  // records are written and flushed then. One line written alone is answered at once; a corpus
  // piped in is still read in chunks.
  bool line_at_a_time = false;
};

struct BatchSummary {
  std::size_t records = 0;
  std::size_t accepted = 0;
  std::size_t refused = 0;
  std::size_t prior_approval = 0;
  std::size_t invalid = 0;
};

// Reads `input` to its end. The claims of one patient are evaluated in input order by one
// thread, so counts derived from a patient's earlier claims do not depend on `jobs`.
BatchSummary evaluate_json_lines(const RuleSet& rule_set, std::istream& input, std::ostream& output,
                                 const BatchOptions& options = {});

// One claim given as one JSON line (without its line break) decided as evaluate_json_lines decides
// it alone in its input (the first claim of its patient): its record, '\n' ended, is appended
// to `output`, byte for byte the record `cotation eval` writes for it. `scratch` and `decision`
// are reused from call to call, and keep nothing of the claim. For a server that answers one
// claim per request.
Decision evaluate_json_line(const RuleSet& rule_set, std::string_view line, EvaluationScratch& scratch,
                            ClaimDecision& decision, std::string& output, bool explain = false);

}  // namespace cotation
COTATION_PUBLIC_END
