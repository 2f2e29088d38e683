// The patients' history of `cotation eval --history FILE`, kept in SQLite across runs
// (docs/claim-format.md §7, "History kept across runs"). In: the claims of each chunk once their
// decisions are written (BatchOptions::after_chunk). Out: before the first chunk, each worker's
// scratch holding the sessions of its patients that earlier runs kept (BatchOptions::prepare).
// One transaction per chunk, in WAL mode: a run killed keeps every chunk committed before. The
// sessions older than the rules' window (compile/history_window.hpp) are folded, in the same
// transaction, into counts per patient, prescription and series: the store stays bounded, and
// a rank in a series beyond the window is still right.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "cotation/batch.hpp"
#include "cotation/engine.hpp"

struct sqlite3;

namespace cotation::tools {

class HistoryStore {
 public:
  // Opens `file`, or creates it (a file of schema version 0, sessions only, is migrated), and
  // folds the sessions older than the window. Throws std::runtime_error with SQLite's message,
  // or for a file of a later schema, or one already folded that rules without a window would
  // read whole.
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
  void open_schema(const std::filesystem::path& file);
  // Within the caller's transaction: the sessions older than the window, counted in `folded`.
  void fold();

  const RuleSet& rule_set_;
  std::int32_t window_days_;  // of the rules
  sqlite3* db_ = nullptr;
  std::string lines_;          // a session's lines as JSON, reused from session to session
  EvaluationScratch folding_;  // designates the lines of the sessions folded
};

}  // namespace cotation::tools
