#include "evaluate/claim_chunks.hpp"

#include <algorithm>
#include <barrier>
#include <exception>
#include <istream>
#include <string>
#include <thread>

namespace cotation {
namespace {

constexpr std::size_t lines_per_worker = 1024;

}  // namespace

std::size_t claim_head_bytes() {
  return ClaimReadLimits{}.max_line_bytes + 1;
}

class ClaimChunks::Workers {
 public:
  explicit Workers(std::size_t count)
      : start_(static_cast<std::ptrdiff_t>(count)), done_(static_cast<std::ptrdiff_t>(count)) {
    for (std::size_t worker = 1; worker < count; ++worker) threads_.emplace_back([this, worker] { serve(worker); });
  }
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;
  ~Workers() {
    stopping_ = true;
    start_.arrive_and_wait();
  }  // then threads_, declared last, joins them

  // work(worker) on every worker, the caller being worker 0; returns once all are done. The
  // barriers order the chunk's records between the caller and the workers.
  void run(const std::function<void(std::size_t worker)>& work) {
    work_ = &work;
    start_.arrive_and_wait();
    std::exception_ptr failure;
    try {
      work(0);
    } catch (...) {
      failure = std::current_exception();  // the workers still meet at done_
    }
    done_.arrive_and_wait();
    if (failure) std::rethrow_exception(failure);
  }

 private:
  void serve(std::size_t worker) {
    for (;;) {
      start_.arrive_and_wait();
      if (stopping_) return;
      (*work_)(worker);
      done_.arrive_and_wait();
    }
  }

  std::barrier<> start_;
  std::barrier<> done_;
  const std::function<void(std::size_t worker)>* work_ = nullptr;
  bool stopping_ = false;
  std::vector<std::jthread> threads_;
};

ClaimChunks::ClaimChunks(std::istream& input, std::size_t jobs, std::size_t chunk_lines, bool line_at_a_time)
    : jobs_(std::max<std::size_t>(1, jobs)),
      records_(chunk_lines == 0 ? lines_per_worker * jobs_ : chunk_lines),
      lines_(input, claim_head_bytes(), line_at_a_time),
      line_at_a_time_(line_at_a_time),
      workers_(jobs_ > 1 ? std::make_unique<Workers>(jobs_) : nullptr) {}

ClaimChunks::~ClaimChunks() = default;

bool ClaimChunks::next() {
  // The previous chunks' lines are done with. Bounds first, views after: reading may move the
  // text.
  lines_.release();
  bounds_.clear();
  BoundedLines::Bounds line;
  while (bounds_.size() < records_.size() && lines_.next(line)) {
    bounds_.push_back(line);
    if (line_at_a_time_ && lines_.nothing_waiting()) break;  // a coprocess waits for this chunk's records
  }
  count_ = bounds_.size();
  if (count_ == 0) return false;
  for (std::size_t i = 0; i < count_; ++i) records_[i].line = lines_.text(bounds_[i]);
  const ClaimReadLimits limits;
  // Each worker reads a block of consecutive lines: interleaved, two workers wrote into the
  // same cache lines of neighbouring records.
  in_parallel([&](std::size_t worker) {
    const std::size_t block = (count_ + jobs_ - 1) / jobs_;
    for (std::size_t i = worker * block; i < std::min(count_, (worker + 1) * block); ++i) {
      ChunkRecord& record = records_[i];
      read_claim(record.line, bounds_[i].length, limits, record.read);
      record.patient_hash =
          std::hash<std::string>{}(record.read.claim ? record.read.claim->patient.id : record.read.id);
    }
  });
  return true;
}

void ClaimChunks::decide(const std::function<void(std::size_t index, std::size_t worker)>& decide) {
  in_parallel([&](std::size_t worker) {
    for (std::size_t i = 0; i < count_; ++i) {
      if (worker_of(i) == worker) decide(i, worker);
    }
  });
}

void ClaimChunks::in_parallel(const std::function<void(std::size_t worker)>& work) const {
  if (workers_) {
    workers_->run(work);
  } else {
    work(0);
  }
}

}  // namespace cotation
