#include "serve/metrics.hpp"

#include <fmt/format.h>

#include "cotation/decision.hpp"

namespace cotation::serve {
namespace {

constexpr std::array<Decision, 4> decisions{Decision::accepted, Decision::refused, Decision::prior_approval,
                                            Decision::invalid};

std::uint64_t read(const std::atomic<std::uint64_t>& counter) {
  return counter.load(std::memory_order_relaxed);
}

void add(std::atomic<std::uint64_t>& counter, std::uint64_t count = 1) {
  counter.fetch_add(count, std::memory_order_relaxed);
}

}  // namespace

void Metrics::count_request(int status, std::chrono::nanoseconds duration) noexcept {
  if (status >= 0 && static_cast<std::size_t>(status) < by_status_.size()) add(by_status_[status]);
  const auto microseconds = static_cast<std::uint64_t>(std::chrono::ceil<std::chrono::microseconds>(duration).count());
  std::size_t bucket = 0;
  while (bucket < bounds.size() && microseconds > bounds[bucket]) ++bucket;
  add(buckets_[bucket]);
  add(nanoseconds_, static_cast<std::uint64_t>(duration.count()));
}

void Metrics::count_decision(Decision decision) noexcept {
  add(by_decision_[static_cast<std::size_t>(decision) % by_decision_.size()]);
}

void Metrics::count_decisions(const BatchSummary& summary) noexcept {
  add(by_decision_[static_cast<std::size_t>(Decision::accepted)], summary.accepted);
  add(by_decision_[static_cast<std::size_t>(Decision::refused)], summary.refused);
  add(by_decision_[static_cast<std::size_t>(Decision::prior_approval)], summary.prior_approval);
  add(by_decision_[static_cast<std::size_t>(Decision::invalid)], summary.invalid);
}

void Metrics::count_reload(bool succeeded) noexcept {
  add(succeeded ? reloads_ : failed_reloads_);
}

std::string Metrics::text(const std::string& rule_set_hash) const {
  std::string out;
  out += "# HELP cotation_requests_total HTTP requests answered, by status.\n";
  out += "# TYPE cotation_requests_total counter\n";
  for (std::size_t status = 0; status < by_status_.size(); ++status) {
    if (const auto count = read(by_status_[status]); count > 0) {
      out += fmt::format("cotation_requests_total{{code=\"{}\"}} {}\n", status, count);
    }
  }
  out += "# HELP cotation_decisions_total Claims decided, by decision.\n";
  out += "# TYPE cotation_decisions_total counter\n";
  for (const Decision decision : decisions) {
    out += fmt::format("cotation_decisions_total{{decision=\"{}\"}} {}\n", to_string(decision),
                       read(by_decision_[static_cast<std::size_t>(decision)]));
  }
  out += "# HELP cotation_request_duration_seconds Time from a request's routing to its response's end.\n";
  out += "# TYPE cotation_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t bucket = 0; bucket < buckets_.size(); ++bucket) {
    cumulative += read(buckets_[bucket]);
    const std::string_view bound = bucket < bounds.size() ? bound_labels[bucket] : "+Inf";
    out += fmt::format("cotation_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", bound, cumulative);
  }
  const std::uint64_t nanoseconds = read(nanoseconds_);
  out += fmt::format("cotation_request_duration_seconds_sum {}.{:09}\n", nanoseconds / 1000000000,
                     nanoseconds % 1000000000);
  out += fmt::format("cotation_request_duration_seconds_count {}\n", cumulative);
  out += "# HELP cotation_reloads_total Rule set reloads (SIGHUP), by outcome.\n";
  out += "# TYPE cotation_reloads_total counter\n";
  out += fmt::format("cotation_reloads_total{{outcome=\"ok\"}} {}\n", read(reloads_));
  out += fmt::format("cotation_reloads_total{{outcome=\"error\"}} {}\n", read(failed_reloads_));
  out += "# HELP cotation_rule_set_info The rule set being served.\n";
  out += "# TYPE cotation_rule_set_info gauge\n";
  out += fmt::format("cotation_rule_set_info{{hash=\"{}\"}} 1\n", rule_set_hash);
  return out;
}

}  // namespace cotation::serve
