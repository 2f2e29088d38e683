// A JSON Lines file of claims, a chunk of lines at a time, for the commands that decide a whole
// corpus (`cotation eval`, `cotation impact`): the lines are cut out of large blocks of the
// input, their claims read on several threads, then each claim handed to the thread of its
// patient, in input order, so that counts derived from a patient's earlier claims do not depend
// on the number of threads.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "evaluate/bounded_lines.hpp"
#include "evaluate/claim_json.hpp"

namespace cotation {

struct ChunkRecord {
  // Without its '\n'; valid until the next chunk is read. Of a line over the reader's limit,
  // only the head the reader reads is kept (ClaimChunks::cut_line).
  std::string_view line;
  ClaimReadResult read;
  // std::hash of the claim's patient.id (of its id when unreadable): which thread decides it.
  std::size_t patient_hash = 0;
};

// What is kept of a claim line over the reader's limit (BoundedLines' head): the head the reader
// reads, where the id is looked for, and one byte more, which tells that the line is over the
// limit and whether it is blank.
[[nodiscard]] std::size_t claim_head_bytes();

class ClaimChunks {
 public:
  // chunk_lines 0: 1,024 lines per worker (BatchOptions::chunk_lines says why). line_at_a_time:
  // a read takes what the input holds without waiting for a whole block, and a chunk ends at
  // the last complete line the input held (BatchOptions::line_at_a_time).
  ClaimChunks(std::istream& input, std::size_t jobs, std::size_t chunk_lines, bool line_at_a_time = false);
  ~ClaimChunks();  // stops the workers
  ClaimChunks(const ClaimChunks&) = delete;
  ClaimChunks& operator=(const ClaimChunks&) = delete;

  // Reads the next chunk: its lines, and their claims in parallel. False when the input has
  // no line left.
  bool next();
  [[nodiscard]] std::span<ChunkRecord> records() noexcept { return {records_.data(), count_}; }

  // Calls decide(index in the chunk, worker) for every record of the chunk, each patient's
  // records on one worker (worker_of), in input order.
  void decide(const std::function<void(std::size_t index, std::size_t worker)>& decide);
  [[nodiscard]] std::size_t worker_of(std::size_t index) const noexcept { return records_[index].patient_hash % jobs_; }

  [[nodiscard]] std::size_t capacity() const noexcept { return records_.size(); }  // lines per chunk
  [[nodiscard]] std::size_t workers() const noexcept { return jobs_; }             // at least one

 private:
  void in_parallel(const std::function<void(std::size_t worker)>& work) const;

  // The threads of workers 1 to jobs - 1, started once and given each chunk's work in turn, not
  // started twice per chunk (978 thread starts on the million claims with --jobs 2).
  class Workers;

  std::size_t jobs_;
  std::vector<ChunkRecord> records_;
  BoundedLines lines_;                        // each cut to the head the claim reader reads
  std::vector<BoundedLines::Bounds> bounds_;  // of the chunk's lines
  std::size_t count_ = 0;
  bool line_at_a_time_ = false;
  std::unique_ptr<Workers> workers_;  // none with one job
};

}  // namespace cotation
