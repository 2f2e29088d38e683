#include "cotation/batch.hpp"

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "evaluate/claim_chunks.hpp"
#include "evaluate/claim_json.hpp"
#include "evaluate/history.hpp"

namespace cotation {
namespace {

// Each on its own cache line: the records of a chunk are decided by workers in the order of
// their patients, and two workers writing into one line would make it travel between cores.
constexpr std::size_t cache_line = 64;

// What a worker made of one record of the chunk.
struct alignas(cache_line) Output {
  std::string text;
  Decision decision = Decision::invalid;
};

// A worker's own: its scratch, and the decision it fills claim after claim.
struct alignas(cache_line) Worker {
  EvaluationScratch scratch;
  ClaimDecision decision;
};

std::string explanation_json(const std::vector<ExplanationStep>& steps) {
  std::string out = "[";
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"what\":";
    append_json_string(out, steps[i].what);
    out += ",\"value\":";
    append_json_string(out, steps[i].value);
    out += ",\"source\":";
    append_json_string(out, steps[i].source);
    out += '}';
  }
  return out + "]";
}

// Every record gets its output line: an engine failure on one claim (a bug, or memory
// exhausted) becomes an `invalid` record that says so, never a lost line or a stopped batch.
// `decision` belongs to the worker and is reused from record to record, as is output.text.
void decide(const RuleSet& rule_set, ClaimReadResult& read, Output& output, EvaluationScratch& scratch,
            ClaimDecision& decision, bool explain);

void decide_or_report(const RuleSet& rule_set, ClaimReadResult& read, Output& output, EvaluationScratch& scratch,
                      ClaimDecision& decision, bool explain) {
  try {
    decide(rule_set, read, output, scratch, decision, explain);
  } catch (const std::exception& error) {
    output.decision = Decision::invalid;
    write_decision(engine_failure(read.claim ? read.claim->id : read.id, error, rule_set.hash()), output.text);
  }
}

void decide(const RuleSet& rule_set, ClaimReadResult& read, Output& output, EvaluationScratch& scratch,
            ClaimDecision& decision, bool explain) {
  std::vector<ExplanationStep> steps;
  if (!read.claim) {
    set_unreadable(decision, read, rule_set.hash());
  } else {
    rule_set.evaluate_in_sequence(*read.claim, scratch, decision, explain ? &steps : nullptr);
  }
  output.decision = decision.decision;
  write_decision(decision, output.text);
  if (explain) {
    output.text.pop_back();  // the closing brace
    output.text += ",\"explanation\":" + explanation_json(steps) + "}";
  }
}

// The patients' histories outgrow the caches on a large input: before deciding record `i`, the
// worker starts the lookups of its next records, a step further each stage (history.hpp).
void look_ahead(std::span<const ChunkRecord> records, std::size_t i, std::size_t worker, std::size_t workers,
                history::Histories& histories) {
  constexpr std::size_t step = 16;
  const auto ahead = [&](std::size_t distance, auto step_of_lookup) {
    const std::size_t j = i + distance;
    if (j < records.size() && records[j].read.claim && records[j].patient_hash % workers == worker) {
      (histories.*step_of_lookup)(records[j].patient_hash);
    }
  };
  ahead(3 * step, &history::Histories::prefetch_slot);
  ahead(2 * step, &history::Histories::touch_patient);
  ahead(step, &history::Histories::touch_records);
}

}  // namespace

BatchSummary evaluate_json_lines(const RuleSet& rule_set, std::istream& input, std::ostream& output,
                                 const BatchOptions& options) {
  ClaimChunks chunks(input, options.jobs, options.chunk_lines);
  std::vector<Worker> workers(chunks.workers());
  std::vector<Output> outputs(chunks.capacity());
  // The chunk's records go out in one write: record by record, a stream's small buffer made a
  // system call every 8 KB.
  std::string chunk_text;
  BatchSummary summary;
  while (chunks.next()) {
    const auto records = chunks.records();
    chunks.decide([&](std::size_t i, std::size_t worker) {
      Worker& own = workers[worker];
      look_ahead(records, i, worker, chunks.workers(), history::histories_of(own.scratch));
      decide_or_report(rule_set, records[i].read, outputs[i], own.scratch, own.decision, options.explain);
    });
    chunk_text.clear();
    for (std::size_t i = 0; i < records.size(); ++i) {
      chunk_text += outputs[i].text;
      chunk_text += '\n';
      ++summary.records;
      switch (outputs[i].decision) {
        case Decision::accepted:
          ++summary.accepted;
          break;
        case Decision::refused:
          ++summary.refused;
          break;
        case Decision::prior_approval:
          ++summary.prior_approval;
          break;
        case Decision::invalid:
          ++summary.invalid;
          break;
      }
    }
    output.write(chunk_text.data(), static_cast<std::streamsize>(chunk_text.size()));
  }
  output.flush();
  return summary;
}

}  // namespace cotation
