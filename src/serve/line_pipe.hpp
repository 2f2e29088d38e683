// A JSON Lines body from the thread reading it off the connection to the batch driver deciding
// it (decide_lines.cpp), while it arrives. In: the pieces cpp-httplib reads (feed), then the
// body's end (finish); out: a std::streambuf of whole lines only, for the driver's std::istream,
// which ends at the body's end, or early at the first line over a limit (a body over
// --max-body-bytes, a line over --max-line-bytes, the request's time up): ending() says which.
// Lines wait here only until the driver takes them (all of them at worst, up to the body limit,
// for a client that sends its whole body before it reads: it then never waits on the server).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <streambuf>
#include <string>

#include "serve/body_budget.hpp"

namespace cotation::serve {

class LinePipe : public std::streambuf {
 public:
  LinePipe(BodyBudget budget, std::size_t max_line_bytes, Language language);

  // The reading thread. feed: false once the body is to be read no further (the request's time
  // is up, or the driver stopped; past a size limit, the rest is dropped as it comes). finish:
  // the body's end, whole or not (its read failed).
  bool feed(const char* data, std::size_t size);
  void finish(bool whole);

  // The driver's side, besides the streambuf: stop() when it takes no more lines (its client is
  // gone); once its input has ended, why, when not at the body's end.
  void stop();
  [[nodiscard]] std::optional<BodyProblem> ending();

 protected:
  int_type underflow() override;
  std::streamsize showmanyc() override;

 private:
  void close(std::optional<BodyProblem> problem);  // under mutex_

  // The reading thread's own: the budget and the line begun and not ended.
  BodyBudget budget_;
  std::size_t max_line_bytes_;
  Language language_;
  std::string tail_;
  std::size_t lines_ = 0;  // lines ended so far
  bool draining_ = false;  // past a size limit: the rest of the body is read and dropped

  std::mutex mutex_;  // over the four below
  std::condition_variable arrived_;
  std::string queued_;  // whole lines the driver has not taken
  bool closed_ = false;
  std::optional<BodyProblem> ending_;

  std::string taken_;  // the driver's: the lines it reads (the get area)
};

}  // namespace cotation::serve
