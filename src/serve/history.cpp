#include "serve/history.hpp"

#include <utility>

namespace cotation::serve {

KeptHistory::KeptHistory(std::filesystem::path file, const std::shared_ptr<const RuleSet>& rule_set)
    : file_(std::move(file)) {
  open(rule_set);
}

void KeptHistory::open(const std::shared_ptr<const RuleSet>& rule_set) {
  store_.reset();  // the store reads its rule set: closed before the one it read may go
  rule_set_ = rule_set;
  store_.emplace(file_, *rule_set_);
  scratch_ = EvaluationScratch();
  store_->load(0, 1, scratch_);
}

KeptHistory::Held KeptHistory::hold(const std::shared_ptr<const RuleSet>& rule_set) {
  std::unique_lock lock(mutex_);
  if (rule_set != rule_set_) open(rule_set);
  return {std::move(lock), scratch_, *store_};
}

}  // namespace cotation::serve
