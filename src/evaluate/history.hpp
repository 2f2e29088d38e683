// The patients' earlier claims, as RuleSet::evaluate_in_sequence keeps them to derive the counts
// a claim does not give (docs/claim-format.md, section 7). Each patient's sessions and accepted
// lines are kept in the order of their days (DayOrdered), so that the counts of a period (the
// sessions of the last 12 months, those of the day, a limit's lines of the day or the year) are
// two binary searches, not a pass over every earlier claim (a series' sessions among them are
// counted in that period); and the records are small, as a corpus keeps millions of them.
#pragma once

#include <cstdint>
#include <limits>
#include <memory_resource>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compile/model.hpp"
#include "cotation/engine.hpp"

namespace cotation::history {

using model::Day;

// A text a session keeps (its prescription.id, its episode.id) as a number: equal texts, equal
// numbers.
using TextNumber = std::uint32_t;
inline constexpr TextNumber no_text = 0;               // the claim did not give it
inline constexpr TextNumber unseen_text = UINT32_MAX;  // given, but by no earlier claim

// The series a session belongs to when its claim gives no prescription.id: those of its first
// two acts that make one (model::Act::series), in billing order; none for a claim without such an
// act (only items or bilans); any series for a claim with a line whose act is not known for
// sure (an unknown code, an old code that several acts replaced, a telecare line without `act`).
struct SeriesKeys {
  static constexpr std::uint32_t any = model::no_series - 1;
  std::uint32_t first = model::no_series;
  std::uint32_t second = model::no_series;

  void add(std::uint32_t series) noexcept {
    if (series == model::no_series || first == any || series == first || series == second) return;
    if (series == any || first == model::no_series) {
      first = series;
    } else if (second == model::no_series) {
      second = series;
    }
  }
  // Sessions of a series in common, or two sessions of no series; a session of any series
  // shares every one.
  [[nodiscard]] bool shares(const SeriesKeys& other) const noexcept {
    if (first == any || other.first == any) return true;
    if (first == model::no_series) return other.first == model::no_series;
    return first == other.first || first == other.second ||
           (second != model::no_series && (second == other.first || second == other.second));
  }
};

// Earlier sessions folded out of the dated records (Patient::fold): how many there were of one
// prescription and series. The undated reads (the rank in a series) add them to the sessions kept.
struct FoldedSessions {
  TextNumber prescription = no_text;
  SeriesKeys series;
  std::uint32_t count = 0;
};

// Accepted lines folded out of the dated records: how many of one act or item in one episode.
// The limits `par épisode` add them to the lines kept.
struct FoldedLines {
  TextNumber episode = no_text;
  std::uint32_t index = 0;
  bool is_act = false;
  std::uint32_t count = 0;
};

// Claims that come this many days after a later claim of their patient (input out of date
// order) are still decided as with the whole history: a patient's records are folded only once
// older than the rules' window plus this, and by steps of fold_step days.
inline constexpr std::int32_t late_claim_days = 62;
inline constexpr std::int32_t fold_step = 31;

struct Session {
  Day day = 0;
  TextNumber prescription = no_text;
  TextNumber episode = no_text;
  SeriesKeys series;
};

// A line of an earlier claim that was accepted.
struct BilledLine {
  Day day = 0;
  TextNumber episode = no_text;  // its claim's
  std::uint32_t index = 0;       // in the rule set's acts, or in its items
  bool is_act = false;
};

// A patient's records of one kind in day order, for the counts of a period. A record of a day
// not before the last one is appended. An earlier one (claims out of date order) waits among
// the late records, in input order, until a period that may hold one of them is read; they are
// then merged all at once, in one pass. Inserted one by one, each moving every later record,
// one patient's million claims in reverse date order took 45 s against 13 s in date order.
template <typename Record>
class DayOrdered {
 public:
  explicit DayOrdered(std::pmr::memory_resource* memory) : ordered_(memory), late_(memory) {}

  [[nodiscard]] std::size_t size() const noexcept { return ordered_.size() + late_.size(); }
  // The records of the days `first` to `last`; all of them.
  [[nodiscard]] std::span<const Record> between(Day first, Day last) const noexcept;
  [[nodiscard]] std::span<const Record> all() const noexcept;
  // After the records of the same day, so that a day's records stay in input order.
  void add(const Record& record);
  // The records merged so far, in day order: what a look ahead touches.
  [[nodiscard]] std::span<const Record> merged() const noexcept { return ordered_; }
  [[nodiscard]] std::pmr::memory_resource* memory() const noexcept { return ordered_.get_allocator().resource(); }
  // Drops the records of the days before `day`; `each` sees them first, in day order.
  template <typename Each>
  void drop_before(Day day, Each each) {
    const auto old = between(std::numeric_limits<Day>::min(), day - 1);
    for (const Record& record : old) each(record);
    ordered_.erase(ordered_.begin(), ordered_.begin() + static_cast<std::ptrdiff_t>(old.size()));
  }

 private:
  // Reading merges: the periods read are const, as is what they hold once merged.
  void merge_late() const noexcept;

  mutable std::pmr::vector<Record> ordered_;  // its capacity always holds the late records too
  mutable std::pmr::vector<Record> late_;     // each of a day before ordered_.back()'s
  Day earliest_late_ = 0;
  Day latest_late_ = 0;
};

class Patient {
 public:
  // Its records are allocated from `memory`.
  Patient(std::string_view id, std::pmr::memory_resource* memory);
  Patient(Patient&& other) noexcept;
  ~Patient();
  Patient(const Patient&) = delete;
  Patient& operator=(const Patient&) = delete;
  Patient& operator=(Patient&&) = delete;

  [[nodiscard]] std::string_view id() const noexcept { return id_; }
  [[nodiscard]] std::size_t session_count() const noexcept { return sessions_.size(); }
  [[nodiscard]] std::span<const Session> sessions() const noexcept { return sessions_.all(); }
  [[nodiscard]] std::span<const BilledLine> billed() const noexcept { return billed_.all(); }

  // The sessions, and the accepted lines, of the days `first` to `last`, in day order.
  [[nodiscard]] std::span<const Session> sessions_between(Day first, Day last) const noexcept;
  [[nodiscard]] std::span<const BilledLine> billed_between(Day first, Day last) const noexcept;

  // In day order; after those of the same day, so that a day's records stay in input order.
  void add(const Session& session);
  void add(const BilledLine& line);

  // The records of the days before kept_from() are folded: the sessions into folded(), the
  // accepted lines into folded_lines(). A period that starts before it cannot be counted.
  [[nodiscard]] Day kept_from() const noexcept {
    return folded_ == nullptr ? std::numeric_limits<Day>::min() : folded_->kept_from;
  }
  [[nodiscard]] std::span<const FoldedSessions> folded() const noexcept {
    return folded_ == nullptr ? std::span<const FoldedSessions>{} : folded_->sessions;
  }
  [[nodiscard]] std::span<const FoldedLines> folded_lines() const noexcept {
    return folded_ == nullptr ? std::span<const FoldedLines>{} : folded_->lines;
  }
  // The sessions of `prescription` (when given, else of a series `keys` shares) among folded().
  [[nodiscard]] std::int32_t folded_of_the_series(TextNumber prescription, const SeriesKeys& keys) const noexcept;
  // On `today`, folds the records older than `window_days` (plus late_claim_days) before it.
  void fold(Day today, std::int32_t window_days);
  // Sessions folded in an earlier run (the history store), before the days of `kept_from`.
  void add_folded(const FoldedSessions& sessions, Day kept_from);
  void add_folded(const FoldedLines& lines, Day kept_from);

  // Reads the records the next session reads first and extends (Histories::touch_records).
  [[nodiscard]] std::uint64_t touch_records() const noexcept;

 private:
  // Apart, made at the first fold: most patients have none, and a corpus keeps millions of them.
  struct Folded {
    explicit Folded(std::pmr::memory_resource* memory) : sessions(memory), lines(memory) {}
    std::pmr::vector<FoldedSessions> sessions;
    std::pmr::vector<FoldedLines> lines;
    Day kept_from = std::numeric_limits<Day>::min();
  };
  Folded& folded_records(Day kept_from);

  std::string id_;
  DayOrdered<Session> sessions_;
  DayOrdered<BilledLine> billed_;
  Folded* folded_ = nullptr;  // from sessions_' memory
};

// Memory in blocks aligned on 2 MB that the kernel is asked to back with huge pages: a corpus's
// histories spread over tens of megabytes read at random, and with 4 KB pages each claim's
// lookups also missed the TLB and each page's first touch was a fault (Linux's transparent
// huge pages, when the system allows them; otherwise ordinary pages).
class HugePageBlocks final : public std::pmr::memory_resource {
 private:
  void* do_allocate(std::size_t bytes, std::size_t alignment) override;
  void do_deallocate(void* block, std::size_t bytes, std::size_t alignment) override;
  [[nodiscard]] bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
    return this == &other;
  }
};

class Histories {
 public:
  Histories();
  ~Histories();
  Histories(const Histories&) = delete;
  Histories& operator=(const Histories&) = delete;

  // The patient of that id, added without a session when first seen. The reference is valid
  // until the next call.
  Patient& patient(std::string_view id);

  // The number of a text: no_text for an empty one, unseen_text for one never kept.
  [[nodiscard]] TextNumber number_of(std::string_view text) const;
  TextNumber keep(std::string_view text);

  void clear();

  // The days of history `model`'s rules read (compile/history_window.hpp), once per rule set.
  [[nodiscard]] std::int32_t window_of(const RuleSet::Model& model);

  // Looking ahead: a batch calls these for the claims it decides next, with the hash of their
  // patient.id (std::hash<std::string_view>), each step reading only what the previous one
  // brought into the cache, so that the lookups of several claims overlap instead of each
  // waiting for memory in turn. A patient not seen yet, or a slot taken by another, costs
  // nothing but the lookahead. The slot is asked for with a prefetch hint; the patient and its
  // records are read, as on the machine measured (`git show 17079f4:docs/performance-history.md`,
  // the third run of 2026-11-24) hints for them left their loads at the time of use still
  // waiting for memory, and reads did not.
  void prefetch_slot(std::uint64_t hash) const noexcept;
  void touch_patient(std::uint64_t hash) noexcept;
  void touch_records(std::uint64_t hash) noexcept;

 private:
  // The patient whose slot, first on the probe from `hash`, has its tag: not compared by id.
  [[nodiscard]] const Patient* likely_patient(std::uint64_t hash) const noexcept;
  void grow_slots();
  // The patients and their records drop their memory before the resources that hold it.
  void release();

  // Blocks from the kernel, carved in order by the arena, whose pieces the pool hands out and
  // takes back (a patient's records move to a larger piece as they grow).
  HugePageBlocks blocks_;
  std::pmr::monotonic_buffer_resource arena_;
  std::pmr::unsynchronized_pool_resource pool_;
  std::pmr::vector<Patient> patients_;
  // Open addressing, linear probing, at most half full: a slot holds a patient's number plus
  // one (0: empty) in its low 32 bits, and the high 32 bits of the id's hash, which settle most
  // comparisons without reading the patient. A chained std::unordered_map cost a corpus of a
  // million claims a cache miss more per claim.
  std::pmr::vector<std::uint64_t> slots_;
  std::unordered_map<std::string, TextNumber> texts_;  // rare: most claims give neither id
  const RuleSet::Model* window_model_ = nullptr;
  std::int32_t window_days_ = 0;
  std::uint64_t touched_ = 0;  // what the touch_ functions read, kept so that the reads stay
};

// The patients' history of a scratch (RuleSet::evaluate_in_sequence's), for a batch looking ahead.
Histories& histories_of(EvaluationScratch& scratch);

}  // namespace cotation::history
