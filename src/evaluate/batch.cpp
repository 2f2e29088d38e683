#include "cotation/batch.hpp"

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "evaluate/claim_chunks.hpp"
#include "evaluate/claim_json.hpp"

namespace cotation {
namespace {

// What a worker made of one record of the chunk.
struct Output {
  std::string text;
  Decision decision = Decision::invalid;
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

}  // namespace

BatchSummary evaluate_json_lines(const RuleSet& rule_set, std::istream& input, std::ostream& output,
                                 const BatchOptions& options) {
  ClaimChunks chunks(input, options.jobs, options.chunk_lines);
  // One scratch and one decision per worker, as many as the chunks have.
  std::vector<EvaluationScratch> scratches(chunks.workers());
  std::vector<ClaimDecision> decisions(chunks.workers());
  std::vector<Output> outputs(chunks.capacity());
  // The chunk's records go out in one write: record by record, a stream's small buffer made a
  // system call every 8 KB.
  std::string chunk_text;
  BatchSummary summary;
  while (chunks.next()) {
    const auto records = chunks.records();
    chunks.decide([&](std::size_t i, std::size_t worker) {
      decide_or_report(rule_set, records[i].read, outputs[i], scratches[worker], decisions[worker], options.explain);
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
