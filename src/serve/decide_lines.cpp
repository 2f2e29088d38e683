#include "serve/decide_lines.hpp"

#include <charconv>
#include <exception>
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <thread>

#include "cotation/batch.hpp"
#include "serve/body_budget.hpp"
#include "serve/line_pipe.hpp"
#include "serve/problem.hpp"

namespace cotation::serve {
namespace {

constexpr std::string_view json_lines_type = "application/x-ndjson";

// The records, written into the chunked response as the batch driver writes them; a write that
// fails (the client is gone) fails the stream, which stops the batch. Held, they wait for
// release(): with --history, a chunk's records are sent once the chunk is committed.
class SinkBuffer : public std::streambuf {
 public:
  explicit SinkBuffer(httplib::DataSink& sink) : sink_(sink) {}

  void hold() noexcept { holding_ = true; }
  void release() {
    send(held_.data(), held_.size());
    held_.clear();
  }
  void drop() noexcept { held_.clear(); }  // records of claims not committed
  [[nodiscard]] bool ok() const noexcept { return ok_; }

 protected:
  std::streamsize xsputn(const char* data, std::streamsize size) override {
    if (holding_ && ok_) {
      held_.append(data, static_cast<std::size_t>(size));
    } else {
      send(data, static_cast<std::size_t>(size));
    }
    return ok_ ? size : 0;
  }
  int_type overflow(int_type byte) override {
    if (traits_type::eq_int_type(byte, traits_type::eof())) return traits_type::not_eof(byte);
    const char c = traits_type::to_char_type(byte);
    return xsputn(&c, 1) == 1 ? byte : traits_type::eof();
  }

 private:
  void send(const char* data, std::size_t size) {
    if (size == 0 || !ok_) return;
    ok_ = sink_.write(data, size);
    if (ok_) request_on_this_thread().streamed_bytes += size;
  }

  httplib::DataSink& sink_;
  bool holding_ = false;
  bool ok_ = true;
  std::string held_;
};

// The claims of `input` decided into `records`. With --history, in the kept scratch, one chunk at
// a time under the store's lock: decided, committed, then its records sent (the lock is not held
// while the client is waited for, neither reading its body nor writing its records).
BatchSummary decide(const std::shared_ptr<const RuleSet>& rule_set, std::istream& input, std::ostream& records,
                    SinkBuffer& buffer, const Context& context, bool explain, Language language) {
  BatchOptions batch{context.options.jobs, explain, language};
  batch.line_at_a_time = true;  // each chunk's records go as soon as the lines waiting are decided
  if (context.history == nullptr) return evaluate_json_lines(*rule_set, input, records, batch);
  KeptHistory& history = *context.history;
  std::optional<KeptHistory::Held> held;
  batch.jobs = 1;
  batch.scratch = &history.scratch();
  buffer.hold();
  batch.before_chunk = [&] {
    if (!buffer.ok()) return false;
    held.emplace(history.hold(rule_set));
    return true;
  };
  batch.after_chunk = [&](std::span<const DecidedClaim> chunk) {
    held->store.save(chunk);
    held.reset();
    buffer.release();
  };
  return evaluate_json_lines(*rule_set, input, records, batch);
}

// The body's Content-Length over the limit: refused at once, as for a single claim.
bool declared_over(const httplib::Request& request, std::size_t limit) {
  if (!request.has_header("Content-Length")) return false;
  const std::string length = request.get_header_value("Content-Length");
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(length.data(), length.data() + length.size(), value);
  return error == std::errc::result_out_of_range || (error == std::errc{} && value > limit);
}

}  // namespace

void decide_lines(const httplib::Request& request, httplib::Response& response, const httplib::ContentReader& reader,
                  const Context& context, bool explain, Language language) {
  // Its problems, refused before any record or cutting the stream, follow the request's `?lang=`
  // as its decisions do.
  const BodyBudget budget(context.options.limits, request_on_this_thread().start, language);
  if (declared_over(request, context.options.limits.max_body_bytes)) {
    std::string none;
    read_whole_body(reader, budget, response, none, language);
    return;
  }
  // Once the status is sent, the body is read on a thread of its own into a pipe of whole lines,
  // while this one decides them and writes their records (the references live as long as the
  // request: cpp-httplib runs the provider before it reads the next one).
  response.set_chunked_content_provider(
      std::string(json_lines_type), [&response, reader, budget, explain, language, rule_set = context.rules.current(),
                                     &context](std::size_t, httplib::DataSink& sink) {
        LinePipe pipe(budget, context.options.limits.max_line_bytes, language);
        SinkBuffer buffer(sink);
        std::ostream records(&buffer);
        std::istream input(&pipe);
        std::optional<BodyProblem> problem;
        std::jthread reading;  // joined before the pipe goes, however this ends
        try {
          reading = std::jthread([&pipe, &reader] {
            try {
              pipe.finish(reader([&pipe](const char* data, std::size_t size) { return pipe.feed(data, size); }));
            } catch (...) {
              pipe.finish(false);
            }
          });
          context.metrics.count_decisions(decide(rule_set, input, records, buffer, context, explain, language));
          problem = pipe.ending();
        } catch (const std::exception& error) {
          context.log.event("exception", error.what());
          buffer.drop();
          problem = BodyProblem{ProblemKind::internal, ""};
        }
        pipe.stop();
        if (problem && buffer.ok()) {
          records << problem_json(problem->kind, problem->detail, language) << '\n';
          buffer.release();
        }
        if (buffer.ok()) sink.done();
        // After the last record: a client that stalls does not wait for its own read's timeout.
        if (reading.joinable()) reading.join();
        response.status = 200;  // what was sent; the reader sets 400 or 413 when it fails
        // A stream cut short closes its connection: the rest of its body is not read.
        return buffer.ok() && !problem;
      });
}

}  // namespace cotation::serve
