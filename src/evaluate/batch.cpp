#include "cotation/batch.hpp"

#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "evaluate/claim_json.hpp"

namespace cotation {
namespace {

struct Record {
  std::string line;
  ClaimReadResult read;
  std::size_t patient_hash = 0;  // which thread decides it
  std::string output;
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
// `decision` belongs to the worker and is reused from record to record, as is record.output.
void decide(const RuleSet& rule_set, Record& record, EvaluationScratch& scratch, ClaimDecision& decision, bool explain);

void decide_or_report(const RuleSet& rule_set, Record& record, EvaluationScratch& scratch, ClaimDecision& decision,
                      bool explain) {
  try {
    decide(rule_set, record, scratch, decision, explain);
  } catch (const std::exception& error) {
    record.decision = Decision::invalid;
    write_decision(engine_failure(record.read.claim ? record.read.claim->id : record.read.id, error, rule_set.hash()),
                   record.output);
  }
}

void decide(const RuleSet& rule_set, Record& record, EvaluationScratch& scratch, ClaimDecision& decision,
            bool explain) {
  std::vector<ExplanationStep> steps;
  if (!record.read.claim) {
    set_unreadable(decision, record.read, rule_set.hash());
  } else {
    rule_set.evaluate_in_sequence(*record.read.claim, scratch, decision, explain ? &steps : nullptr);
  }
  record.decision = decision.decision;
  write_decision(decision, record.output);
  if (explain) {
    record.output.pop_back();  // the closing brace
    record.output += ",\"explanation\":" + explanation_json(steps) + "}";
  }
}

// Runs `work(worker)` on `jobs` threads (the calling thread is one of them).
void in_parallel(std::size_t jobs, const std::function<void(std::size_t)>& work) {
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < jobs; ++w) threads.emplace_back(work, w);
  work(0);
  for (auto& thread : threads) thread.join();
}

}  // namespace

BatchSummary evaluate_json_lines(const RuleSet& rule_set, std::istream& input, std::ostream& output,
                                 const BatchOptions& options) {
  const std::size_t jobs = std::max<std::size_t>(1, options.jobs);
  std::vector<EvaluationScratch> scratches(jobs);
  std::vector<ClaimDecision> decisions(jobs);
  std::vector<Record> records(options.chunk_lines);
  BatchSummary summary;
  bool more = true;
  while (more) {
    std::size_t count = 0;
    while (count < records.size() && std::getline(input, records[count].line)) ++count;
    more = count == records.size();
    if (count == 0) break;
    // Reading is independent per line; deciding is sequential per patient, so each
    // patient belongs to one thread.
    in_parallel(jobs, [&](std::size_t worker) {
      for (std::size_t i = worker; i < count; i += jobs) {
        Record& record = records[i];
        record.read = read_claim(record.line);
        record.patient_hash =
            std::hash<std::string>{}(record.read.claim ? record.read.claim->patient.id : record.read.id);
      }
    });
    in_parallel(jobs, [&](std::size_t worker) {
      for (std::size_t i = 0; i < count; ++i) {
        if (records[i].patient_hash % jobs == worker)
          decide_or_report(rule_set, records[i], scratches[worker], decisions[worker], options.explain);
      }
    });
    for (std::size_t i = 0; i < count; ++i) {
      output << records[i].output << '\n';
      ++summary.records;
      switch (records[i].decision) {
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
  }
  output.flush();
  return summary;
}

}  // namespace cotation
