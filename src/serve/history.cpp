#include "serve/history.hpp"

#include <utility>

namespace cotation::serve {

KeptHistory::KeptHistory(std::filesystem::path file, const std::shared_ptr<const RuleSet>& rule_set)
    : file_(std::move(file)) {
  open(rule_set);
}

void KeptHistory::open(const std::shared_ptr<const RuleSet>& rule_set) {
  auto store = std::make_unique<tools::HistoryStore>(file_, *rule_set);
  EvaluationScratch scratch;
  store->load(0, 1, scratch);
  store_ = std::move(store);  // the old store goes before the rule set it reads
  scratch_ = std::move(scratch);
  rule_set_ = rule_set;
}

KeptHistory::Held KeptHistory::hold(const std::shared_ptr<const RuleSet>& rule_set) {
  std::unique_lock lock(mutex_);
  if (rule_set != rule_set_) open(rule_set);
  return {std::move(lock), scratch_, *store_};
}

}  // namespace cotation::serve
