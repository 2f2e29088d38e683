#include "evaluate/claim_chunks.hpp"

#include <algorithm>
#include <barrier>
#include <cstring>
#include <exception>
#include <istream>
#include <string>
#include <thread>

namespace cotation {
namespace {

// Large enough that the input costs one read per thousands of lines; a line longer than this
// (the reader refuses it anyway) only makes the text grow.
constexpr std::size_t block_bytes = std::size_t{1} << 20U;
constexpr std::size_t lines_per_worker = 1024;

// What the reader reads of a line over its limit: the head where the id is looked for, and one
// byte more, which tells that the line is over the limit and whether it is blank.
std::size_t head_bytes() {
  return ClaimReadLimits{}.max_line_bytes + 1;
}

bool is_blank(char byte) {
  return byte == ' ' || byte == '\t' || byte == '\r';
}

}  // namespace

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
    : input_(input),
      jobs_(std::max<std::size_t>(1, jobs)),
      records_(chunk_lines == 0 ? lines_per_worker * jobs_ : chunk_lines),
      line_at_a_time_(line_at_a_time),
      workers_(jobs_ > 1 ? std::make_unique<Workers>(jobs_) : nullptr) {}

ClaimChunks::~ClaimChunks() = default;

void ClaimChunks::cut_line(std::size_t to) {
  const std::size_t head_end = scan_ + head_bytes();
  // The head's last byte stands for the bytes dropped: blank only if they all are.
  if (is_blank(text_[head_end - 1])) {
    const char* dropped = std::find_if_not(text_.get() + head_end, text_.get() + to, is_blank);
    if (dropped != text_.get() + to) text_[head_end - 1] = *dropped;
  }
  std::memmove(text_.get() + head_end, text_.get() + to, size_ - to);
  size_ -= to - head_end;
}

bool ClaimChunks::next_line(LineBounds& line) {
  std::size_t searched = scan_;  // a line spread over several blocks is searched once
  std::size_t dropped = 0;       // bytes of the line cut out of it
  const auto line_ends_at = [&](std::size_t end) {
    if (end - scan_ > head_bytes()) {
      dropped += end - scan_ - head_bytes();
      cut_line(end);
      end = scan_ + head_bytes();
    }
    line = {scan_, end, end - scan_ + dropped};
  };
  for (;;) {
    const void* newline = searched < size_ ? std::memchr(text_.get() + searched, '\n', size_ - searched) : nullptr;
    if (newline != nullptr) {
      line_ends_at(static_cast<std::size_t>(static_cast<const char*>(newline) - text_.get()));
      scan_ = line.end + 1;
      return true;
    }
    if (input_ended_) {
      // The last line may lack its '\n', as std::getline allows.
      if (scan_ == size_) return false;
      line_ends_at(size_);
      scan_ = line.end;
      return true;
    }
    if (size_ - scan_ > head_bytes()) {
      dropped += size_ - scan_ - head_bytes();
      cut_line(size_);
    }
    searched = size_;
    if (capacity_ - size_ < block_bytes) {
      // Rarely: next() frees the front of the text as its lines are done with.
      capacity_ = std::max(2 * capacity_, size_ + block_bytes);
      auto larger = std::make_unique_for_overwrite<char[]>(capacity_);
      if (size_ > 0) std::memcpy(larger.get(), text_.get(), size_);
      text_ = std::move(larger);
    }
    read_more(block_bytes);
  }
}

void ClaimChunks::read_more(std::size_t most) {
  if (!line_at_a_time_) {
    input_.read(text_.get() + size_, static_cast<std::streamsize>(most));
    const auto got = static_cast<std::size_t>(input_.gcount());
    size_ += got;
    // istream::read waits for the whole block unless the input ends (or fails).
    if (got < most) input_ended_ = true;
    return;
  }
  // One byte, waiting for it if need be, then what the stream's buffer holds besides.
  std::streambuf& buffer = *input_.rdbuf();
  try {
    const int byte = buffer.sbumpc();
    if (byte == std::char_traits<char>::eof()) {
      input_.setstate(std::ios::eofbit);
      input_ended_ = true;
      return;
    }
    text_[size_++] = static_cast<char>(byte);
    const std::streamsize held = buffer.in_avail();
    if (held > 0)
      size_ += static_cast<std::size_t>(
          buffer.sgetn(text_.get() + size_, std::min<std::streamsize>(held, static_cast<std::streamsize>(most - 1))));
  } catch (...) {
    input_.setstate(std::ios::badbit);  // a read error: the caller reports it (check_read_to_the_end)
    input_ended_ = true;
  }
}

bool ClaimChunks::nothing_waiting() const {
  return scan_ == size_ && input_.rdbuf()->in_avail() <= 0;
}

bool ClaimChunks::next() {
  // The previous chunks' lines are done with. What follows them moves to the front only once
  // they are the larger part: a chunk is a fraction of a block, and moving the rest of the
  // block after every chunk would copy the input several times over.
  if (scan_ >= size_ - scan_) {
    if (size_ > scan_) std::memmove(text_.get(), text_.get() + scan_, size_ - scan_);
    size_ -= scan_;
    scan_ = 0;
  }
  // Bounds first, views after: reading a block may move text_.
  bounds_.clear();
  LineBounds line;
  while (bounds_.size() < records_.size() && next_line(line)) {
    bounds_.push_back(line);
    if (line_at_a_time_ && nothing_waiting()) break;  // a coprocess waits for this chunk's records
  }
  count_ = bounds_.size();
  if (count_ == 0) return false;
  for (std::size_t i = 0; i < count_; ++i) {
    records_[i].line = std::string_view(text_.get() + bounds_[i].begin, bounds_[i].end - bounds_[i].begin);
  }
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
