#include "cotation/batch.hpp"

#include <algorithm>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "evaluate/claim_chunks.hpp"
#include "evaluate/claim_json.hpp"
#include "evaluate/claim_walk.hpp"
#include "evaluate/explanation_json.hpp"
#include "evaluate/history.hpp"

namespace cotation {
namespace {

// The records a worker decided in the chunk, one after another in `text`, each ending with a
// line break, and where each ends: the workers write nothing another worker writes, and with
// one worker its text is the chunk's output, written without a copy.
struct Records {
  std::string text;
  struct Written {
    std::size_t end = 0;  // in text
    Decision decision = Decision::invalid;
  };
  std::vector<Written> written;
  std::vector<std::vector<bool>> accepted;  // per record, when BatchOptions::after_chunk asks for it
};

// A worker's own: its scratch, the decision it fills claim after claim, and its records. On a
// cache line of its own, as each worker writes into it all the time.
struct alignas(64) Worker {
  EvaluationScratch scratch;
  ClaimDecision decision;
  Records records;
};

// Every record gets its output line: an engine failure on one claim (a bug, or memory
// exhausted) becomes an `invalid` record that says so, never a lost line or a stopped batch.
// In sequence: the claim joins its patient's history in `scratch` (a batch); else it is decided as
// the first of its patient and not kept (evaluate_first_of_patient), as one claim of a
// request is.
struct HowDecided {
  bool explain = false;
  bool in_sequence = true;
  Language language = Language::french;
};
void decide(const RuleSet& rule_set, ClaimReadResult& read, EvaluationScratch& scratch, ClaimDecision& decision,
            std::string& text, HowDecided how);

Decision decide_or_report(const RuleSet& rule_set, ClaimReadResult& read, EvaluationScratch& scratch,
                          ClaimDecision& decision, std::string& text, HowDecided how) {
  const std::size_t start = text.size();
  Decision decided = Decision::invalid;
  try {
    decide(rule_set, read, scratch, decision, text, how);
    decided = decision.decision;
  } catch (const std::exception& error) {
    text.resize(start);  // what the failed record had written
    append_decision(engine_failure(read.claim ? read.claim->id : read.id, error, rule_set.hash()), text, how.language);
  }
  text += '\n';
  return decided;
}

// Line by line, whether `decision` accepted it; none for an invalid record.
void accepted_lines(const ClaimDecision& decision, Decision decided, std::vector<bool>& accepted) {
  if (decided == Decision::invalid) return;
  for (const LineDecision& line : decision.lines) accepted.push_back(line.decision == Decision::accepted);
}

void decide_or_report(const RuleSet& rule_set, ClaimReadResult& read, Worker& worker, EvaluationScratch& scratch,
                      const BatchOptions& options) {
  Records& records = worker.records;
  const Decision decision = decide_or_report(rule_set, read, scratch, worker.decision, records.text,
                                             {options.explain, true, options.language});
  const bool keep_accepted = bool(options.after_chunk);
  records.written.push_back({records.text.size(), decision});
  if (keep_accepted) accepted_lines(worker.decision, decision, records.accepted.emplace_back());
}

void decide(const RuleSet& rule_set, ClaimReadResult& read, EvaluationScratch& scratch, ClaimDecision& decision,
            std::string& text, HowDecided how) {
  std::vector<ExplanationStep> steps;
  std::vector<ExplanationStep>* explanation = how.explain ? &steps : nullptr;
  if (!read.claim) {
    set_unreadable(decision, read, rule_set.hash());
  } else if (how.in_sequence) {
    rule_set.evaluate_in_sequence(*read.claim, scratch, decision, explanation);
  } else {
    evaluate_first_of_patient(rule_set, *read.claim, scratch, decision, explanation);
  }
  append_decision(decision, text, how.language);
  if (how.explain) append_explanation(steps, text);
}

void count(Decision decision, BatchSummary& summary) {
  ++summary.records;
  switch (decision) {
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

// The patients' histories outgrow the caches on a large input: before deciding record `i`, the
// worker starts the lookups of its next records, a step further each stage (history.hpp).
void look_ahead(const ClaimChunks& chunks, std::span<const ChunkRecord> records, std::size_t i, std::size_t worker,
                history::Histories& histories) {
  constexpr std::size_t step = 16;
  const auto ahead = [&](std::size_t distance, auto step_of_lookup) {
    const std::size_t j = i + distance;
    if (j < records.size() && records[j].read.claim && chunks.worker_of(j) == worker) {
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
  ClaimChunks chunks(input, options.jobs, options.chunk_lines, options.line_at_a_time);
  std::vector<Worker> workers(chunks.workers());
  // With several workers, their records interleaved in input order for one write: record by
  // record, a stream's small buffer made a system call every 8 KB.
  std::string chunk_text;
  std::vector<std::size_t> next(workers.size());  // per worker, its next record in `written`
  BatchSummary summary;
  const auto scratch_of = [&](std::size_t worker) -> EvaluationScratch& {
    return options.scratch != nullptr && workers.size() == 1 ? *options.scratch : workers[worker].scratch;
  };
  if (options.prepare) {
    for (std::size_t w = 0; w < workers.size(); ++w) options.prepare(w, workers.size(), scratch_of(w));
  }
  std::vector<DecidedClaim> decided;
  while (chunks.next()) {
    if (options.before_chunk && !options.before_chunk()) break;
    const auto records = chunks.records();
    for (Worker& worker : workers) {
      worker.records.text.clear();
      worker.records.written.clear();
      worker.records.accepted.clear();
    }
    chunks.decide([&](std::size_t i, std::size_t worker) {
      EvaluationScratch& scratch = scratch_of(worker);
      look_ahead(chunks, records, i, worker, history::histories_of(scratch));
      decide_or_report(rule_set, records[i].read, workers[worker], scratch, options);
    });
    chunk_text.clear();
    decided.clear();
    std::fill(next.begin(), next.end(), 0);
    for (std::size_t i = 0; i < records.size(); ++i) {
      const std::size_t worker = chunks.worker_of(i);
      const Records& own = workers[worker].records;
      const std::size_t k = next[worker]++;
      count(own.written[k].decision, summary);
      if (workers.size() > 1) {
        const std::size_t begin = k == 0 ? 0 : own.written[k - 1].end;
        chunk_text.append(own.text, begin, own.written[k].end - begin);
      }
      if (options.after_chunk) {
        const auto& claim = records[i].read.claim;
        // A record the engine failed on joined no history.
        const bool joined = claim && own.written[k].decision != Decision::invalid;
        decided.push_back({joined ? &*claim : nullptr, workers[worker].records.accepted[k]});
      }
    }
    const std::string& text = workers.size() > 1 ? chunk_text : workers.front().records.text;
    output.write(text.data(), static_cast<std::streamsize>(text.size()));
    // A coprocess waits for each answer; what after_chunk keeps is written first.
    if (options.line_at_a_time || options.after_chunk) output.flush();
    if (!output) break;  // the output is lost: the rest would be too (the caller reports it)
    if (options.after_chunk) options.after_chunk(decided);
  }
  output.flush();
  return summary;
}

Decision evaluate_json_line(const RuleSet& rule_set, std::string_view line, EvaluationScratch& scratch,
                            ClaimDecision& decision, std::string& output, bool explain, Language language) {
  ClaimReadResult read;
  read_claim(line, ClaimReadLimits{}, read);
  return decide_or_report(rule_set, read, scratch, decision, output, {explain, false, language});
}

Decision evaluate_json_line_in_sequence(const RuleSet& rule_set, std::string_view line, EvaluationScratch& scratch,
                                        ClaimDecision& decision, std::string& output, bool explain,
                                        const std::function<void(std::span<const DecidedClaim> claim)>& kept,
                                        Language language) {
  ClaimReadResult read;
  read_claim(line, ClaimReadLimits{}, read);
  const Decision decided = decide_or_report(rule_set, read, scratch, decision, output, {explain, true, language});
  // As in a batch: a record the engine failed on joined no history.
  DecidedClaim claim{read.claim && decided != Decision::invalid ? &*read.claim : nullptr, {}};
  accepted_lines(decision, decided, claim.accepted);
  kept({&claim, 1});
  return decided;
}

}  // namespace cotation
