#include "serve/line_pipe.hpp"

#include <fmt/format.h>

#include <cstring>
#include <utility>

namespace cotation::serve {

LinePipe::LinePipe(BodyBudget budget, std::size_t max_line_bytes, Language language)
    : budget_(std::move(budget)), max_line_bytes_(max_line_bytes), language_(language) {}

bool LinePipe::feed(const char* data, std::size_t size) {
  if (draining_) return budget_.within_time();
  const std::size_t within = budget_.admit(size);
  // The lines ended in this piece, each checked against the line limit as it goes.
  const char* const end = data + within;
  const char* last_end = nullptr;  // after the last '\n'
  std::size_t line_bytes = tail_.size();
  std::optional<BodyProblem> problem;
  for (const char* at = data; at < end;) {
    const auto* newline = static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at)));
    line_bytes += static_cast<std::size_t>((newline != nullptr ? newline : end) - at);
    if (line_bytes > max_line_bytes_) {
      problem = BodyProblem{ProblemKind::line_too_long,
                            fmt::format(fmt::runtime(language_ == Language::french ? "ligne {} : plus de {} octets"
                                                                                   : "line {}: over {} bytes"),
                                        lines_ + 1, max_line_bytes_)};
      break;
    }
    if (newline == nullptr) break;
    ++lines_;
    line_bytes = 0;
    last_end = newline + 1;
    at = last_end;
  }
  if (!problem) problem = budget_.spent();
  const std::scoped_lock lock(mutex_);
  if (closed_) return false;  // the driver stopped
  if (last_end != nullptr) {
    const bool was_empty = queued_.empty();
    queued_ += tail_;
    queued_.append(data, last_end);
    tail_.assign(last_end, problem ? last_end : end);
    if (was_empty) arrived_.notify_one();
  } else if (!problem) {
    tail_.append(data, end);
  }
  if (!problem) return !closed_;
  // Past a size limit, the rest of the body is read and dropped until it ends (or the request's
  // time is up): a connection closed on bytes unread is reset, and the reset can destroy the
  // answer's last records before the client reads them.
  draining_ = problem->kind != ProblemKind::request_timeout;
  close(std::move(problem));
  return draining_;
}

void LinePipe::finish(bool whole) {
  const std::scoped_lock lock(mutex_);
  if (closed_) return;
  if (!whole) return close(budget_.failed_read());
  queued_ += tail_;  // the last line may lack its '\n', as `cotation eval` reads it
  close(std::nullopt);
}

void LinePipe::stop() {
  const std::scoped_lock lock(mutex_);
  if (!closed_) close(std::nullopt);
}

std::optional<BodyProblem> LinePipe::ending() {
  const std::scoped_lock lock(mutex_);
  return ending_;
}

void LinePipe::close(std::optional<BodyProblem> problem) {
  closed_ = true;
  ending_ = std::move(problem);
  arrived_.notify_one();
}

LinePipe::int_type LinePipe::underflow() {
  std::unique_lock lock(mutex_);
  while (queued_.empty() && !closed_) {
    // A client that stalls is not waited for beyond the request's time.
    if (arrived_.wait_until(lock, budget_.deadline()) == std::cv_status::timeout && queued_.empty() && !closed_) {
      close(budget_.too_late());
    }
  }
  if (queued_.empty()) return traits_type::eof();
  taken_.swap(queued_);
  queued_.clear();
  setg(taken_.data(), taken_.data(), taken_.data() + taken_.size());
  return traits_type::to_int_type(*gptr());
}

std::streamsize LinePipe::showmanyc() {
  const std::scoped_lock lock(mutex_);
  if (!queued_.empty()) return static_cast<std::streamsize>(queued_.size());
  return closed_ ? -1 : 0;
}

}  // namespace cotation::serve
