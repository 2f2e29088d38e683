// The batch driver: claims in as JSON Lines, decisions out as JSON Lines, one output
// record per input line, in input order, over several threads.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cotation/engine.hpp"
#include "cotation/export.h"

COTATION_PUBLIC_BEGIN
namespace cotation {

// A record of a chunk once its decision is written (BatchOptions::after_chunk): its claim (null
// for a line that did not read) and, line by line, whether the decision accepted it.
struct DecidedClaim {
  const Claim* claim = nullptr;
  std::vector<bool> accepted;
};

struct BatchOptions {
  std::size_t jobs = 1;                  // threads evaluating claims
  bool explain = false;                  // add each claim's explanation to its record
  Language language = Language::french;  // of the reasons' messages the engine writes
  // Lines read, decided and written together; 0: 1,024 per thread, whose records (line, claim,
  // output) stay in the processor's caches from reading to writing (a chunk of 16,384 lines
  // made `--jobs 1` about 20 % slower; much smaller ones pay for starting threads).
  std::size_t chunk_lines = 0;
  // For an input that is a pipe or a terminal (a coprocess waits for each answer): a chunk ends
  // at the last complete line the input holds without waiting (rdbuf()->in_avail()), and its
  // records are written and flushed then. One line written alone is answered at once; a corpus
  // piped in is still read in chunks.
  bool line_at_a_time = false;
  // Before the first chunk, each worker's scratch: worker `worker` of `workers` decides the
  // claims whose std::hash of patient.id modulo `workers` is `worker`, so a history loaded into
  // its scratch is theirs (`cotation eval --history`).
  std::function<void(std::size_t worker, std::size_t workers, EvaluationScratch& scratch)> prepare = {};
  // After a chunk is read, before its claims are decided: false ends the batch there (its
  // reader is gone). `cotation serve --history` takes the store's lock here, for one chunk.
  std::function<bool()> before_chunk = {};
  // After each chunk's decisions are written and the output flushed: its records, in input order.
  std::function<void(std::span<const DecidedClaim> chunk)> after_chunk = {};
  // With one job: the scratch its worker decides in, instead of its own, kept after the call
  // with the histories it read and the claims decided that joined them (`cotation serve
  // --history`). Ignored with several jobs.
  EvaluationScratch* scratch = nullptr;
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
                            ClaimDecision& decision, std::string& output, bool explain = false,
                            Language language = Language::french);

// As evaluate_json_line, the claim decided in sequence: it reads its patient's history in
// `scratch` and joins it (RuleSet::evaluate_in_sequence), then `kept` gets its record as
// BatchOptions::after_chunk does, before the call returns (`cotation serve --history` stores it).
Decision evaluate_json_line_in_sequence(const RuleSet& rule_set, std::string_view line, EvaluationScratch& scratch,
                                        ClaimDecision& decision, std::string& output, bool explain,
                                        const std::function<void(std::span<const DecidedClaim> claim)>& kept,
                                        Language language = Language::french);

}  // namespace cotation
COTATION_PUBLIC_END
