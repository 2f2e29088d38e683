#include "serve/access_log.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <string>

#include "evaluate/claim_json.hpp"

namespace cotation::serve {
namespace {

std::string now() {
  return fmt::format("{:%FT%TZ}", std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now()));
}

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

}  // namespace

void AccessLog::request(std::string_view method, std::string_view path, int status, std::size_t bytes,
                        std::chrono::nanoseconds duration) {
  const auto microseconds = std::chrono::duration_cast<std::chrono::microseconds>(duration).count();
  write(fmt::format(R"({{"time":"{}","method":{},"path":{},"status":{},"bytes":{},"duration_ms":{}.{:03}}})", now(),
                    json_string(method), json_string(path), status, bytes, microseconds / 1000, microseconds % 1000));
}

void AccessLog::event(std::string_view event, std::string_view detail) {
  write(fmt::format(R"({{"time":"{}","event":{},"detail":{}}})", now(), json_string(event), json_string(detail)));
}

RequestOnThread& request_on_this_thread() {
  thread_local RequestOnThread request;
  return request;
}

void AccessLog::write(const std::string& line) {
  const std::scoped_lock lock(mutex_);
  out_ << line << '\n';
  out_.flush();
}

}  // namespace cotation::serve
