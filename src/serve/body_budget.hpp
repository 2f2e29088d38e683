// What a request's body may still take as it arrives (docs/serve.md, "Limits"): bytes
// (--max-body-bytes) and time (--request-timeout, counted from its headers). In: the sizes of the
// pieces read; out: how much of each is within the budget, and once it is spent, the problem.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "cotation/diagnostic.hpp"
#include "serve/options.hpp"
#include "serve/problem.hpp"

namespace cotation::serve {

// A reason to stop reading a body: its problem's kind and detail.
struct BodyProblem {
  ProblemKind kind = ProblemKind::bad_request;
  std::string detail;
};

class BodyBudget {
 public:
  using Clock = std::chrono::steady_clock;
  BodyBudget(const Limits& limits, Clock::time_point start, Language language);

  // Of `size` bytes just arrived, how many are within the budget: all of them, or fewer once it
  // is spent (spent() then says why).
  std::size_t admit(std::size_t size);
  [[nodiscard]] const std::optional<BodyProblem>& spent() const noexcept { return spent_; }
  [[nodiscard]] Clock::time_point deadline() const noexcept { return deadline_; }
  [[nodiscard]] bool within_time() const { return Clock::now() <= deadline_; }

  // The problem of a read that failed on its own (the client stalled, left, or sent a body that
  // does not parse): 408 once the deadline is past, else 400.
  [[nodiscard]] BodyProblem failed_read() const;
  // The problems `admit` gives: the body over the limit, the time up.
  [[nodiscard]] BodyProblem too_large() const;
  [[nodiscard]] BodyProblem too_late() const;

 private:
  std::size_t max_bytes_;
  std::size_t received_ = 0;
  std::chrono::seconds timeout_;
  Clock::time_point deadline_;
  Language language_;
  std::optional<BodyProblem> spent_;
};

// The body of a request read whole within its budget into `body` (a single claim). When it is
// not, false, and `response` has its problem (413, 408 or 400) and closes the connection; past
// the size limit, the rest of the body is read and dropped while the time lasts (LinePipe::feed
// says why). A Content-Length over the limit is refused by cpp-httplib, which skips the body.
bool read_whole_body(const httplib::ContentReader& reader, BodyBudget budget, httplib::Response& response,
                     std::string& body, Language language);

}  // namespace cotation::serve
