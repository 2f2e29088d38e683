// The rule set being served, and its reload on SIGHUP: the new one is compiled aside and takes
// the old one's place only when it compiles; otherwise the old one keeps serving and the errors
// are kept for `GET /v1/rule-set`. A request holds the shared_ptr it started with, so a reload
// never changes the rules under a request in flight.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "cotation/diagnostic.hpp"
#include "cotation/engine.hpp"
#include "tools/command.hpp"

namespace cotation::serve {

struct ReloadOutcome {
  bool ok = true;
  std::string at;      // UTC time of the attempt, ISO 8601; empty before any reload
  std::string errors;  // the diagnostics rendered, when it failed
};

class ServedRules {
 public:
  ServedRules(std::string rules_path, tools::Reading reading, Language language);

  // Compiles the rules; false, with the errors in last_reload(), when they do not compile (the
  // rule set served, if any, stays).
  bool reload();

  [[nodiscard]] std::shared_ptr<const RuleSet> current() const;
  [[nodiscard]] ReloadOutcome last_reload() const;
  [[nodiscard]] const tools::Reading& reading() const noexcept { return reading_; }
  [[nodiscard]] Language language() const noexcept { return language_; }

 private:
  std::string rules_path_;
  tools::Reading reading_;
  Language language_;
  mutable std::mutex mutex_;  // over the two below
  std::shared_ptr<const RuleSet> current_;
  ReloadOutcome last_;
};

}  // namespace cotation::serve
