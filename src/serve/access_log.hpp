// The structured access log: one JSON line per response on standard error (method, path,
// status, bytes, duration), never a claim's content nor the query string. Also the server's own
// events (listening, reload, stop), in the same shape. Lines are written whole, under a lock.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <ostream>
#include <string_view>

namespace cotation::serve {

class AccessLog {
 public:
  explicit AccessLog(std::ostream& out) : out_(out) {}

  void request(std::string_view method, std::string_view path, int status, std::size_t bytes,
               std::chrono::nanoseconds duration);
  // {"time":..., "event":<event>, "detail":<detail>}
  void event(std::string_view event, std::string_view detail);

 private:
  void write(const std::string& line);
  std::ostream& out_;
  std::mutex mutex_;
};

// The request answered on this thread, from its routing to the end of its response, for its log
// line and the latency histogram: cpp-httplib serves a connection on one thread at a time.
struct RequestOnThread {
  std::chrono::steady_clock::time_point start{};
  bool started = false;            // false for a request refused before routing (its duration: 0)
  std::size_t streamed_bytes = 0;  // of a chunked response, whose body is not in the Response
};
RequestOnThread& request_on_this_thread();

}  // namespace cotation::serve
