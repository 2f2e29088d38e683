#include "serve/reload.hpp"

#include <chrono>
#include <exception>
#include <sstream>
#include <utility>

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace cotation::serve {

ServedRules::ServedRules(std::string rules_path, tools::Reading reading, Language language)
    : rules_path_(std::move(rules_path)), reading_(reading), language_(language) {}

bool ServedRules::reload() {
  ReloadOutcome outcome;
  outcome.at = fmt::format("{:%FT%TZ}", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  std::ostringstream errors;
  std::shared_ptr<const RuleSet> compiled;
  try {
    compiled = tools::compile_or_report(rules_path_, reading_, language_, errors);
  } catch (const std::exception& failure) {
    errors << failure.what();  // the rules cannot be read: their diagnostics are already in errors
  }
  outcome.ok = compiled != nullptr;
  if (!outcome.ok) outcome.errors = errors.str();
  const std::scoped_lock lock(mutex_);
  if (compiled) current_ = std::move(compiled);
  last_ = std::move(outcome);
  return last_.ok;
}

std::shared_ptr<const RuleSet> ServedRules::current() const {
  const std::scoped_lock lock(mutex_);
  return current_;
}

ReloadOutcome ServedRules::last_reload() const {
  const std::scoped_lock lock(mutex_);
  return last_;
}

}  // namespace cotation::serve
