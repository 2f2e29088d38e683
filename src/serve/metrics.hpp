// What `GET /metrics` reports, in Prometheus' text format: requests by status, decisions by kind,
// the latency histogram and the hash of the rule set served. Counted by the routes and the access
// log from every thread (atomics, no lock), written on demand.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "cotation/batch.hpp"
#include "cotation/decision.hpp"

namespace cotation::serve {

class Metrics {
 public:
  void count_request(int status, std::chrono::nanoseconds duration) noexcept;
  void count_decision(Decision decision) noexcept;
  void count_decisions(const BatchSummary& summary) noexcept;
  void count_reload(bool succeeded) noexcept;

  // The exposition text; `rule_set_hash` labels a gauge always 1.
  [[nodiscard]] std::string text(const std::string& rule_set_hash) const;

 private:
  // Upper bounds of the latency buckets, in microseconds (integers: no binary floating point in
  // the program), and as Prometheus writes them, in seconds: the goal is 5 ms at the 99th percentile.
  static constexpr std::array<std::uint64_t, 12> bounds{500,   1000,   2500,   5000,   10000,   25000,
                                                        50000, 100000, 250000, 500000, 1000000, 5000000};
  static constexpr std::array<std::string_view, 12> bound_labels{"0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025",
                                                                 "0.05",   "0.1",   "0.25",   "0.5",   "1",    "5"};
  std::array<std::atomic<std::uint64_t>, 600> by_status_{};
  std::array<std::atomic<std::uint64_t>, 4> by_decision_{};              // Decision's order
  std::array<std::atomic<std::uint64_t>, bounds.size() + 1> buckets_{};  // the last: +Inf
  std::atomic<std::uint64_t> nanoseconds_{0};
  std::atomic<std::uint64_t> reloads_{0};
  std::atomic<std::uint64_t> failed_reloads_{0};
};

}  // namespace cotation::serve
