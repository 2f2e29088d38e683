#include "evaluate/history.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <new>
#include <utility>

#include "compile/history_window.hpp"

namespace cotation::history {
namespace {

constexpr std::size_t huge_page = std::size_t{2} << 20U;

std::uint64_t hash_of(std::string_view id) {
  return std::hash<std::string_view>{}(id);
}
std::uint32_t tag_of(std::uint64_t hash) {
  return static_cast<std::uint32_t>(hash >> 32U);
}

// A slot of the table: the patient's number plus one in its low 32 bits (0: an empty slot), the
// tag of the id's hash above them (tag_of reads it back).
std::uint64_t slot_of(std::uint64_t hash, std::size_t number) {
  return (std::uint64_t{tag_of(hash)} << 32U) | (number + 1);
}
std::size_t number_in(std::uint64_t slot) {
  return static_cast<std::uint32_t>(slot) - 1;
}

// `bytes` (a size or an address) rounded up to a whole number of huge pages.
std::uintptr_t whole_huge_pages(std::uintptr_t bytes) {
  return (bytes + huge_page - 1) / huge_page * huge_page;
}

}  // namespace

void* HugePageBlocks::do_allocate(std::size_t bytes, std::size_t alignment) {
  if (alignment > huge_page) throw std::bad_alloc();
  const std::size_t size = whole_huge_pages(bytes);
  // mmap aligns on 4 KB only: map a huge page more, then unmap what lies outside the aligned block.
  void* mapped = mmap(nullptr, size + huge_page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(mapped);
  const std::uintptr_t aligned = whole_huge_pages(start);
  if (aligned > start) munmap(mapped, aligned - start);
  if (const std::uintptr_t tail = start + size + huge_page - (aligned + size); tail > 0) {
    munmap(reinterpret_cast<void*>(aligned + size), tail);
  }
  auto* block = reinterpret_cast<void*>(aligned);
  // A hint, Linux's: refused, or on another system, the block still serves with ordinary pages.
#ifdef MADV_HUGEPAGE
  madvise(block, size, MADV_HUGEPAGE);
#endif
  return block;
}

void HugePageBlocks::do_deallocate(void* block, std::size_t bytes, std::size_t /*alignment*/) {
  munmap(block, whole_huge_pages(bytes));
}

template <typename Record>
std::span<const Record> DayOrdered<Record>::between(Day first, Day last) const noexcept {
  if (!late_.empty() && earliest_late_ <= last && first <= latest_late_) merge_late();
  const auto begin = std::lower_bound(ordered_.begin(), ordered_.end(), first,
                                      [](const Record& record, Day day) { return record.day < day; });
  const auto end =
      std::upper_bound(begin, ordered_.end(), last, [](Day day, const Record& record) { return day < record.day; });
  return {begin, end};
}

template <typename Record>
std::span<const Record> DayOrdered<Record>::all() const noexcept {
  if (!late_.empty()) merge_late();
  return ordered_;
}

template <typename Record>
void DayOrdered<Record>::add(const Record& record) {
  if (ordered_.empty()) {
    // Room for a patient's first sessions at once, rather than growing by one, two, four.
    constexpr std::size_t first_records = 8;
    ordered_.reserve(first_records);
  }
  // Room for the late records too, taken now: the merge cannot fail for want of memory.
  if (ordered_.capacity() < size() + 1) ordered_.reserve(2 * (size() + 1));
  if (ordered_.empty() || ordered_.back().day <= record.day) {
    ordered_.push_back(record);  // claims mostly come in date order
    return;
  }
  earliest_late_ = late_.empty() ? record.day : std::min(earliest_late_, record.day);
  latest_late_ = late_.empty() ? record.day : std::max(latest_late_, record.day);
  late_.push_back(record);
}

template <typename Record>
void DayOrdered<Record>::merge_late() const noexcept {
  const auto by_day = [](const Record& a, const Record& b) { return a.day < b.day; };
  std::stable_sort(late_.begin(), late_.end(), by_day);  // without memory, sorts in place
  // From the end, into the room add() kept; a late record goes after the records of its day
  // already there, which came before it.
  std::size_t kept = ordered_.size();
  std::size_t waiting = late_.size();
  ordered_.resize(kept + waiting);
  for (std::size_t out = ordered_.size(); waiting > 0;) {
    if (kept > 0 && late_[waiting - 1].day < ordered_[kept - 1].day) {
      ordered_[--out] = ordered_[--kept];
    } else {
      ordered_[--out] = late_[--waiting];
    }
  }
  late_.clear();
}

template class DayOrdered<Session>;
template class DayOrdered<BilledLine>;

Patient::Patient(std::string_view id, std::pmr::memory_resource* memory)
    : id_(id), sessions_(memory), billed_(memory) {}

Patient::Patient(Patient&& other) noexcept
    : id_(std::move(other.id_)),
      sessions_(std::move(other.sessions_)),
      billed_(std::move(other.billed_)),
      folded_(std::exchange(other.folded_, nullptr)) {}

Patient::~Patient() {
  if (folded_ != nullptr) std::pmr::polymorphic_allocator<Folded>(sessions_.memory()).delete_object(folded_);
}

Patient::Folded& Patient::folded_records(Day kept_from) {
  if (folded_ == nullptr) {
    folded_ = std::pmr::polymorphic_allocator<Folded>(sessions_.memory()).new_object<Folded>(sessions_.memory());
  }
  folded_->kept_from = std::max(folded_->kept_from, kept_from);
  return *folded_;
}

std::int32_t Patient::folded_of_the_series(TextNumber prescription, const SeriesKeys& keys) const noexcept {
  std::int32_t count = 0;
  for (const FoldedSessions& sessions : folded()) {
    if (prescription != no_text ? sessions.prescription == prescription : sessions.series.shares(keys)) {
      count += static_cast<std::int32_t>(sessions.count);
    }
  }
  return count;
}

namespace {

// `counted` joins the counts of its kind, added to the one of the same key.
template <typename Counted, typename SameKey>
void add_count(std::pmr::vector<Counted>& counts, const Counted& counted, SameKey same_key) {
  const auto same = std::find_if(counts.begin(), counts.end(), [&](const Counted& kept) { return same_key(kept); });
  if (same == counts.end()) {
    counts.push_back(counted);
  } else {
    same->count += counted.count;
  }
}

}  // namespace

void Patient::add_folded(const FoldedSessions& sessions, Day kept_from) {
  add_count(folded_records(kept_from).sessions, sessions, [&](const FoldedSessions& kept) {
    return kept.prescription == sessions.prescription && kept.series.first == sessions.series.first &&
           kept.series.second == sessions.series.second;
  });
}

void Patient::add_folded(const FoldedLines& lines, Day kept_from) {
  add_count(folded_records(kept_from).lines, lines, [&](const FoldedLines& kept) {
    return kept.episode == lines.episode && kept.index == lines.index && kept.is_act == lines.is_act;
  });
}

void Patient::fold(Day today, std::int32_t window_days) {
  const Day horizon = today - window_days - late_claim_days;
  // By steps: the records move once a month at most, not at every session.
  const auto sessions = sessions_.merged();
  if (sessions.empty() || sessions.front().day >= horizon - fold_step) return;
  sessions_.drop_before(horizon, [&](const Session& session) {
    add_folded(FoldedSessions{session.prescription, session.series, 1}, horizon);
  });
  billed_.drop_before(horizon, [&](const BilledLine& line) {
    add_folded(FoldedLines{line.episode, line.index, line.is_act, 1}, horizon);
  });
  folded_records(horizon);
}

std::span<const Session> Patient::sessions_between(Day first, Day last) const noexcept {
  return sessions_.between(first, last);
}

std::span<const BilledLine> Patient::billed_between(Day first, Day last) const noexcept {
  return billed_.between(first, last);
}

void Patient::add(const Session& session) {
  sessions_.add(session);
}
void Patient::add(const BilledLine& line) {
  billed_.add(line);
}

std::uint64_t Patient::touch_records() const noexcept {
  // The lines the counts read first: the middle, where a binary search starts, and the ends,
  // where the next records go.
  std::uint64_t days = 0;
  if (const auto sessions = sessions_.merged(); !sessions.empty()) {
    days += static_cast<std::uint32_t>(sessions[sessions.size() / 2].day + sessions.front().day + sessions.back().day);
  }
  if (const auto billed = billed_.merged(); !billed.empty()) days += static_cast<std::uint32_t>(billed.back().day);
  return days;
}

Patient& Histories::patient(std::string_view id) {
  if (2 * (patients_.size() + 1) > slots_.size()) grow_slots();
  const std::uint64_t hash = hash_of(id);
  const std::uint32_t tag = tag_of(hash);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
    const std::uint64_t slot = slots_[at];
    if (slot == 0) {
      patients_.emplace_back(id, &pool_);
      slots_[at] = slot_of(hash, patients_.size() - 1);
      return patients_.back();
    }
    if (tag_of(slot) == tag) {
      Patient& patient = patients_[number_in(slot)];
      if (patient.id() == id) return patient;
    }
  }
}

void Histories::prefetch_slot(std::uint64_t hash) const noexcept {
  if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
}

const Patient* Histories::likely_patient(std::uint64_t hash) const noexcept {
  if (slots_.empty()) return nullptr;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = hash & mask; slots_[at] != 0; at = (at + 1) & mask) {
    if (tag_of(slots_[at]) == tag_of(hash)) return &patients_[number_in(slots_[at])];
  }
  return nullptr;
}

void Histories::touch_patient(std::uint64_t hash) noexcept {
  if (const Patient* patient = likely_patient(hash)) touched_ += patient->session_count();
}

void Histories::touch_records(std::uint64_t hash) noexcept {
  if (const Patient* patient = likely_patient(hash)) touched_ += patient->touch_records();
}

void Histories::grow_slots() {
  constexpr std::size_t first_slots = 1024;
  slots_.assign(std::max(first_slots, 2 * slots_.size()), 0);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t number = 0; number < patients_.size(); ++number) {
    const std::uint64_t hash = hash_of(patients_[number].id());
    std::size_t at = hash & mask;
    while (slots_[at] != 0) at = (at + 1) & mask;
    slots_[at] = slot_of(hash, number);
  }
}

TextNumber Histories::number_of(std::string_view text) const {
  if (text.empty()) return no_text;
  const auto found = texts_.find(std::string(text));
  return found == texts_.end() ? unseen_text : found->second;
}

TextNumber Histories::keep(std::string_view text) {
  if (text.empty()) return no_text;
  return texts_.try_emplace(std::string(text), static_cast<TextNumber>(texts_.size() + 1)).first->second;
}

std::int32_t Histories::window_of(const RuleSet::Model& model) {
  if (window_model_ != &model) {
    window_days_ = model::history_window_days(model);
    window_model_ = &model;
  }
  return window_days_;
}

Histories::Histories() : arena_(huge_page, &blocks_), pool_(&arena_), patients_(&pool_), slots_(&pool_) {}

Histories::~Histories() {
  release();
}

void Histories::release() {
  std::pmr::vector<Patient>(&pool_).swap(patients_);
  std::pmr::vector<std::uint64_t>(&pool_).swap(slots_);
  pool_.release();
  arena_.release();
}

void Histories::clear() {
  release();
  texts_.clear();
  window_model_ = nullptr;  // the next rule set may take the same address
}

}  // namespace cotation::history
