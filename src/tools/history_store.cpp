// The SQLite history store (history_store.hpp). A session is a row: its patient, day, claim id,
// prescription and episode ids, and its lines as JSON ([{"code","act","accepted"}]), read back
// as the history a claim may carry (Claim::history), so both are decided alike. Schema version 1
// (PRAGMA user_version) adds `folded`: per patient, prescription and series (the names of the acts
// that make it, `*` for any, empty for none), the sessions folded; `folded_line`: per patient,
// episode and act (its name) or item (its code), the accepted lines folded; and `folding`: the
// day before which they were.
#include "tools/history_store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

#include "compile/history_window.hpp"
#include "compile/model.hpp"
#include "evaluate/claim_json.hpp"
#include "evaluate/history.hpp"
#include "evaluate/limits.hpp"

namespace cotation::tools {
namespace {

constexpr std::int64_t schema_version = 1;  // 0: the sessions only, before folding

// A prepared statement, finalized when it goes.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) fail();
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int at, std::string_view text) {
    if (sqlite3_bind_text(statement_, at, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK) {
      fail();
    }
  }
  void bind(int at, std::int64_t number) {
    if (sqlite3_bind_int64(statement_, at, number) != SQLITE_OK) fail();
  }
  // True while a row comes.
  bool step() {
    const int status = sqlite3_step(statement_);
    if (status == SQLITE_ROW) return true;
    if (status != SQLITE_DONE) fail();
    sqlite3_reset(statement_);
    return false;
  }
  [[nodiscard]] std::string_view text(int column) const {
    const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    return bytes == nullptr ? std::string_view{} : std::string_view(bytes, sqlite3_column_bytes(statement_, column));
  }
  [[nodiscard]] std::int64_t number(int column) const { return sqlite3_column_int64(statement_, column); }
  [[nodiscard]] bool null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
  // The one row's first column, the statement then done.
  std::int64_t single_number() {
    const std::int64_t value = step() ? number(0) : 0;
    while (step()) {
    }
    return value;
  }

 private:
  [[noreturn]] void fail() const { throw std::runtime_error(std::string("historique : ") + sqlite3_errmsg(db_)); }

  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

Date date_of(model::Day day) {
  return Date{std::chrono::sys_days(std::chrono::days(day))};
}

// A row's day and lines (columns `day` and `day + 1`) as the history a claim carries.
void read_session(const Statement& row, int day, EarlierSession& session) {
  session.date = date_of(static_cast<model::Day>(row.number(day)));
  session.lines.clear();
  for (const auto& line : nlohmann::json::parse(row.text(day + 1))) {
    session.lines.push_back(
        {line.at("code").get<std::string>(), line.at("act").get<std::string>(), line.at("accepted").get<bool>()});
  }
}

// A session's series as the store writes it: by the names of the acts that make them, which
// stay when the rules change; `*` for any series, empty for none.
std::string series_text(const RuleSet::Model& model, const history::SeriesKeys& keys) {
  if (keys.first == history::SeriesKeys::any) return "*";
  std::string text;
  for (const std::uint32_t series : {keys.first, keys.second}) {
    if (series == model::no_series) continue;
    if (!text.empty()) text += ' ';
    text += model.acts[series].name;
  }
  return text;
}

// Read back on the rules of the run: an act they no longer have counts in every series, as a
// rank derived too low would waive a prior approval or pay a BDK again.
history::SeriesKeys series_keys_of(std::string_view text,
                                   const std::unordered_map<std::string_view, std::uint32_t>& acts,
                                   const RuleSet::Model& model) {
  history::SeriesKeys keys;
  while (!text.empty()) {
    const std::size_t space = std::min(text.find(' '), text.size());
    const auto act = acts.find(text.substr(0, space));
    keys.add(text.substr(0, space) == "*" || act == acts.end() ? history::SeriesKeys::any
                                                               : model.acts[act->second].series);
    text.remove_prefix(std::min(space + 1, text.size()));
  }
  return keys;
}

// The rows folded, counted by their key: its parts joined, each after its length, in one text
// (a hash look-up per row; a std::map of tuples of texts compared them part by part).
class FoldedCounts {
 public:
  void add(std::initializer_list<std::string_view> parts) {
    key_.clear();
    for (const std::string_view part : parts) {
      const auto size = static_cast<std::uint32_t>(part.size());
      key_.append(reinterpret_cast<const char*>(&size), sizeof size).append(part);
    }
    ++counts_[key_];
  }
  // Each count added to its row: the key's parts, then the count, bound to `sql`.
  void write(sqlite3* db, const char* sql) const {
    Statement upsert(db, sql);
    for (const auto& [key, count] : counts_) {
      int at = 1;
      for (std::string_view rest = key; !rest.empty(); ++at) {
        std::uint32_t size = 0;
        std::memcpy(&size, rest.data(), sizeof size);
        upsert.bind(at, rest.substr(sizeof size, size));
        rest.remove_prefix(sizeof size + size);
      }
      upsert.bind(at, count);
      upsert.step();
    }
  }

 private:
  std::string key_;
  std::unordered_map<std::string, std::int64_t> counts_;
};

}  // namespace

HistoryStore::HistoryStore(const std::filesystem::path& file, const RuleSet& rule_set)
    : rule_set_(rule_set), window_days_(model::history_window_days(rule_set.model())) {
  if (sqlite3_open(file.c_str(), &db_) != SQLITE_OK) {
    const std::string message = db_ == nullptr ? "mémoire épuisée" : sqlite3_errmsg(db_);
    sqlite3_close(db_);
    throw std::runtime_error("historique " + file.string() + " : " + message);
  }
  try {
    open_schema(file);
    execute("BEGIN");
    fold();
    execute("COMMIT");
  } catch (...) {
    sqlite3_close(db_);  // rolls back what was begun
    throw;
  }
}

void HistoryStore::open_schema(const std::filesystem::path& file) {
  // WAL: a transaction committed survives the process killed right after (synchronous NORMAL
  // syncs at checkpoints; a power loss may lose the last transactions, never corrupt the file).
  execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  const std::int64_t version = Statement(db_, "PRAGMA user_version").single_number();
  if (version > schema_version) {
    throw std::runtime_error("historique " + file.string() + " : schéma version " + std::to_string(version) +
                             ", écrit par une version plus récente de cotation (celle-ci lit la version " +
                             std::to_string(schema_version) + ") : fichier refusé, laissé tel quel");
  }
  // Version 0 (the sessions only) migrates by adding the tables of the folded sessions.
  const std::string tables =
      "BEGIN;"
      "CREATE TABLE IF NOT EXISTS session(id INTEGER PRIMARY KEY, patient TEXT NOT NULL, day INTEGER NOT NULL,"
      " claim TEXT NOT NULL, prescription TEXT NOT NULL, episode TEXT NOT NULL, lines TEXT NOT NULL);"
      "CREATE INDEX IF NOT EXISTS session_day ON session(day);"
      "CREATE TABLE IF NOT EXISTS folded(patient TEXT NOT NULL, prescription TEXT NOT NULL, series TEXT NOT NULL,"
      " sessions INTEGER NOT NULL, PRIMARY KEY(patient, prescription, series)) WITHOUT ROWID;"
      "CREATE TABLE IF NOT EXISTS folded_line(patient TEXT NOT NULL, episode TEXT NOT NULL, line TEXT NOT NULL,"
      " is_act INTEGER NOT NULL, lines INTEGER NOT NULL, PRIMARY KEY(patient, episode, line, is_act)) WITHOUT ROWID;"
      "CREATE TABLE IF NOT EXISTS folding(kept_from INTEGER NOT NULL);"
      "PRAGMA user_version = " +
      std::to_string(schema_version) + "; COMMIT;";
  execute(tables.c_str());
}

void HistoryStore::fold() {
  // Apart: SQLite reads min() or max() alone from the index, both together by a full scan.
  Statement oldest_day(db_, "SELECT min(day) FROM session");
  if (!oldest_day.step() || oldest_day.null(0)) return;
  const auto oldest = static_cast<model::Day>(oldest_day.number(0));
  while (oldest_day.step()) {
  }
  const model::Day horizon = static_cast<model::Day>(Statement(db_, "SELECT max(day) FROM session").single_number()) -
                             window_days_ - history::late_claim_days;
  // By steps, as in a batch (history::Patient::fold): not at every chunk.
  if (oldest >= horizon - history::fold_step) return;
  const RuleSet::Model& model = rule_set_.model();
  FoldedCounts sessions;  // by patient, prescription and series
  FoldedCounts lines;     // by patient, episode, act or item, and whether an act
  Statement old(db_, "SELECT patient, day, lines, prescription, episode FROM session WHERE day < ?");
  old.bind(1, std::int64_t{horizon});
  EarlierSession session;
  EvaluationScratch::State& scratch = folding_.state();
  while (old.step()) {
    read_session(old, 1, session);
    const history::SeriesKeys keys = evaluation::designate_session(model, session, scratch);
    sessions.add({old.text(0), old.text(3), series_text(model, keys)});
    for (std::size_t i = 0; i < session.lines.size(); ++i) {
      const evaluation::Subject& line = scratch.subjects[i];
      if (!session.lines[i].accepted || line.index == evaluation::none) continue;
      const std::string& name = line.is_act ? model.acts[line.index].name : model.items[line.index].code;
      lines.add({old.text(0), old.text(4), name, line.is_act ? "1" : "0"});
    }
  }
  sessions.write(db_,
                 "INSERT INTO folded(patient, prescription, series, sessions) VALUES(?, ?, ?, ?)"
                 " ON CONFLICT(patient, prescription, series) DO UPDATE SET sessions = sessions + excluded.sessions");
  lines.write(db_,
              "INSERT INTO folded_line(patient, episode, line, is_act, lines) VALUES(?, ?, ?, ?, ?)"
              " ON CONFLICT(patient, episode, line, is_act) DO UPDATE SET lines = lines + excluded.lines");
  Statement drop(db_, "DELETE FROM session WHERE day < ?");
  drop.bind(1, std::int64_t{horizon});
  drop.step();
  execute("DELETE FROM folding");
  Statement kept(db_, "INSERT INTO folding(kept_from) VALUES(?)");
  kept.bind(1, std::int64_t{horizon});
  kept.step();
}

HistoryStore::~HistoryStore() {
  sqlite3_close(db_);
}

void HistoryStore::execute(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error == nullptr ? "erreur" : error;
    sqlite3_free(error);
    throw std::runtime_error("historique : " + message);
  }
}

void HistoryStore::load(std::size_t worker, std::size_t workers, EvaluationScratch& scratch) {
  const RuleSet::Model& model = rule_set_.model();
  history::Histories& histories = history::histories_of(scratch);
  const auto of_worker = [&](std::string_view patient) {
    return std::hash<std::string_view>{}(patient) % workers == worker;
  };
  Statement folding(db_, "SELECT kept_from FROM folding");
  const auto kept_from = static_cast<model::Day>(folding.single_number());
  std::unordered_map<std::string_view, std::uint32_t> acts;
  for (std::uint32_t act = 0; act < model.acts.size(); ++act) acts.emplace(model.acts[act].name, act);
  Statement folded(db_, "SELECT patient, prescription, series, sessions FROM folded");
  while (folded.step()) {
    if (!of_worker(folded.text(0))) continue;
    const history::FoldedSessions sessions{histories.keep(folded.text(1)), series_keys_of(folded.text(2), acts, model),
                                           static_cast<std::uint32_t>(folded.number(3))};
    histories.patient(folded.text(0)).add_folded(sessions, kept_from);
  }
  // An act or item the rules no longer have is in no rule's scope: its lines count for none.
  Statement folded_lines(db_, "SELECT patient, episode, line, is_act, lines FROM folded_line");
  while (folded_lines.step()) {
    if (!of_worker(folded_lines.text(0))) continue;
    const bool is_act = folded_lines.number(3) != 0;
    std::optional<std::uint32_t> index;
    if (is_act) {
      if (const auto act = acts.find(folded_lines.text(2)); act != acts.end()) index = act->second;
    } else if (const auto item = model.item_index.find(folded_lines.text(2)); item != model.item_index.end()) {
      index = item->second;
    }
    if (!index) continue;
    const history::FoldedLines lines{histories.keep(folded_lines.text(1)), *index, is_act,
                                     static_cast<std::uint32_t>(folded_lines.number(4))};
    histories.patient(folded_lines.text(0)).add_folded(lines, kept_from);
  }
  Statement rows(db_, "SELECT patient, day, lines, prescription, episode FROM session ORDER BY id");
  EarlierSession session;
  while (rows.step()) {
    const std::string_view patient = rows.text(0);
    if (!of_worker(patient)) continue;
    read_session(rows, 1, session);
    session.prescription_id = rows.text(3);
    session.episode_id = rows.text(4);
    evaluation::add_carried_history(model, {&session, 1}, scratch.state(), histories.patient(patient));
  }
}

void HistoryStore::save(std::span<const DecidedClaim> chunk) {
  execute("BEGIN");
  Statement insert(db_,
                   "INSERT INTO session(patient, day, claim, prescription, episode, lines) VALUES(?, ?, ?, ?, ?, ?)");
  for (const DecidedClaim& decided : chunk) {
    const Claim* claim = decided.claim;
    // As in a run: a claim without patient.id or date neither reads nor joins a history.
    if (claim == nullptr || claim->patient.id.empty() || !claim->date) continue;
    // Written by hand: through nlohmann::json, a million sessions took 2 s more.
    std::string& lines = lines_;
    lines.assign("[");
    for (std::size_t i = 0; i < claim->lines.size(); ++i) {
      lines += i == 0 ? R"({"code":)" : R"(,{"code":)";
      append_json_string(lines, claim->lines[i].code);
      lines += R"(,"act":)";
      append_json_string(lines, claim->lines[i].act);
      lines += i < decided.accepted.size() && decided.accepted[i] ? R"(,"accepted":true})" : R"(,"accepted":false})";
    }
    lines += ']';
    insert.bind(1, claim->patient.id);
    insert.bind(2, std::int64_t{model::day_of(*claim->date)});
    insert.bind(3, claim->id);
    insert.bind(4, claim->prescription.id);
    insert.bind(5, claim->episode_id);
    insert.bind(6, lines);
    insert.step();
  }
  fold();
  execute("COMMIT");
}

}  // namespace cotation::tools
