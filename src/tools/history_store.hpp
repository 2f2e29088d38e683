// The patients' history of `cotation eval --history FILE`, kept in SQLite across runs
// (docs/claim-format.md §7, "History kept across runs"). In: the claims of each chunk once their
// decisions are written (BatchOptions::after_chunk). Out: before the first chunk, each worker's
// scratch holding the sessions of its patients that earlier runs kept (BatchOptions::prepare).
// One transaction per chunk, in WAL mode: a run killed keeps every chunk committed before.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>

#include "cotation/batch.hpp"
#include "cotation/engine.hpp"

struct sqlite3;

namespace cotation::tools {

// The days before a claim's date that the rules may read in its patient's history: the longest
// period a limit, a threshold or a field reads. None when one reads every earlier session of a
// series or an episode (the rank in a series, `par série`, `par épisode`): nothing is trimmed.
std::optional<int> history_window_days(const RuleSet::Model& model);

class HistoryStore {
 public:
  // Opens `file`, or creates it, and drops the sessions more than `window_days` before the
  // latest one kept. Throws std::runtime_error with SQLite's message.
  HistoryStore(const std::filesystem::path& file, const RuleSet& rule_set);
  ~HistoryStore();
  HistoryStore(const HistoryStore&) = delete;
  HistoryStore& operator=(const HistoryStore&) = delete;

  // The sessions of the worker's patients, in the order they were kept, into its scratch.
  void load(std::size_t worker, std::size_t workers, EvaluationScratch& scratch);
  // A chunk's claims that join the history, in one transaction.
  void save(std::span<const DecidedClaim> chunk);

 private:
  void execute(const char* sql);

  const RuleSet& rule_set_;
  sqlite3* db_ = nullptr;
  std::string lines_;  // a session's lines as JSON, reused from session to session
};

}  // namespace cotation::tools
