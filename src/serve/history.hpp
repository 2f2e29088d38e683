// The patients' history of `cotation serve --history FILE` (docs/serve.md, "History"): the SQLite
// store of `cotation eval --history` (tools/history_store.hpp) and one scratch holding its
// histories. In: the rule set of a request; out, under a lock held for one claim or one chunk of
// a JSON Lines batch (their decisions are then serialized), the scratch to decide in and the
// store to commit to.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>

#include "cotation/engine.hpp"
#include "tools/history_store.hpp"

namespace cotation::serve {

class KeptHistory {
 public:
  // Opens (or creates) `file` for `rule_set`. Throws std::runtime_error as HistoryStore does.
  KeptHistory(std::filesystem::path file, const std::shared_ptr<const RuleSet>& rule_set);

  // The scratch and the store of a request, for the request's rule set, held until it goes.
  struct Held {
    std::unique_lock<std::mutex> lock;
    EvaluationScratch& scratch;
    tools::HistoryStore& store;
  };
  // After a reload, the first request on the new rule set reads the store again: a history
  // in a scratch holds the acts of the rule set it was read with. When that fails (it throws),
  // nothing changes and the next request tries again.
  Held hold(const std::shared_ptr<const RuleSet>& rule_set);
  // The scratch every Held gives, always the same object (a JSON Lines batch decides in it, chunk
  // by chunk, each chunk under a hold): to be used only while held.
  [[nodiscard]] EvaluationScratch& scratch() noexcept { return scratch_; }

 private:
  void open(const std::shared_ptr<const RuleSet>& rule_set);

  std::filesystem::path file_;
  std::mutex mutex_;  // over the three below
  std::shared_ptr<const RuleSet> rule_set_;
  std::unique_ptr<tools::HistoryStore> store_;  // reads *rule_set_
  EvaluationScratch scratch_;
};

}  // namespace cotation::serve
