// The SQLite history store (history_store.hpp). A session is a row: its patient, day, claim id,
// prescription and episode ids, and its lines as JSON ([{"code","act","accepted"}]), read back
// as the history a claim may carry (Claim::history), so both are decided alike.
#include "tools/history_store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

#include "compile/model.hpp"
#include "evaluate/claim_json.hpp"
#include "evaluate/history.hpp"
#include "evaluate/limits.hpp"

namespace cotation::tools {
namespace {

constexpr int one_year = 366;  // the 12 months before, both ends included, or a calendar year

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

 private:
  [[noreturn]] void fail() const { throw std::runtime_error(std::string("historique : ") + sqlite3_errmsg(db_)); }

  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

Date date_of(model::Day day) {
  return Date{std::chrono::sys_days(std::chrono::days(day))};
}

}  // namespace

std::optional<int> history_window_days(const RuleSet::Model& model) {
  int days = 0;
  for (const model::Node& node : model.nodes) {
    if (node.op != model::Op::field) continue;
    if (node.field == model::Field::session_number) return std::nullopt;
    if (node.field == model::Field::sessions_12_months_before) days = one_year;
  }
  for (const model::Rule& rule : model.rules) {
    if (!rule.limit) continue;
    switch (rule.limit->per) {
      case model::Limit::Per::series:
      case model::Limit::Per::episode:
        return std::nullopt;
      case model::Limit::Per::year:
        days = one_year;
        break;
      case model::Limit::Per::day:
        break;
    }
  }
  for (const model::Act& act : model.acts) {
    for (const model::Referential& referential : act.referentials) {
      for (const model::Threshold& threshold : referential.thresholds) {
        if (threshold.scope != model::Threshold::Scope::window) return std::nullopt;
        days = one_year;
      }
    }
  }
  return days;
}

HistoryStore::HistoryStore(const std::filesystem::path& file, const RuleSet& rule_set) : rule_set_(rule_set) {
  if (sqlite3_open(file.c_str(), &db_) != SQLITE_OK) {
    const std::string message = db_ == nullptr ? "mémoire épuisée" : sqlite3_errmsg(db_);
    sqlite3_close(db_);
    throw std::runtime_error("historique " + file.string() + " : " + message);
  }
  // WAL: a transaction committed survives the process killed right after (synchronous NORMAL
  // syncs at checkpoints; a power loss may lose the last transactions, never corrupt the file).
  execute(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
      "CREATE TABLE IF NOT EXISTS session(id INTEGER PRIMARY KEY, patient TEXT NOT NULL, day INTEGER NOT NULL,"
      " claim TEXT NOT NULL, prescription TEXT NOT NULL, episode TEXT NOT NULL, lines TEXT NOT NULL);"
      "CREATE INDEX IF NOT EXISTS session_day ON session(day);");
  if (const auto window = history_window_days(rule_set.model())) {
    Statement trim(db_, "DELETE FROM session WHERE day < (SELECT max(day) FROM session) - ?");
    trim.bind(1, std::int64_t{*window});
    trim.step();
  }
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
  Statement rows(db_, "SELECT patient, day, prescription, episode, lines FROM session ORDER BY id");
  history::Histories& histories = history::histories_of(scratch);
  EarlierSession session;
  while (rows.step()) {
    const std::string_view patient = rows.text(0);
    if (std::hash<std::string_view>{}(patient) % workers != worker) continue;
    session.date = date_of(static_cast<model::Day>(rows.number(1)));
    session.prescription_id = rows.text(2);
    session.episode_id = rows.text(3);
    session.lines.clear();
    for (const auto& line : nlohmann::json::parse(rows.text(4))) {
      session.lines.push_back(
          {line.at("code").get<std::string>(), line.at("act").get<std::string>(), line.at("accepted").get<bool>()});
    }
    evaluation::add_carried_history(rule_set_.model(), {&session, 1}, scratch.state(), histories.patient(patient));
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
  execute("COMMIT");
}

}  // namespace cotation::tools
