#include "evaluate/history.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <new>

namespace cotation::history {
namespace {

constexpr std::size_t huge_page = std::size_t{2} << 20U;

template <typename Record>
std::span<const Record> between(const std::pmr::vector<Record>& records, Day first, Day last) {
  const auto begin = std::lower_bound(records.begin(), records.end(), first,
                                      [](const Record& record, Day day) { return record.day < day; });
  const auto end =
      std::upper_bound(begin, records.end(), last, [](Day day, const Record& record) { return day < record.day; });
  return {begin, end};
}

template <typename Record>
void add_in_day_order(std::pmr::vector<Record>& records, const Record& record) {
  if (records.empty()) {
    // Room for a patient's first sessions at once, rather than growing by one, two, four.
    constexpr std::size_t first_records = 8;
    records.reserve(first_records);
  }
  if (records.empty() || records.back().day <= record.day) {
    records.push_back(record);  // claims mostly come in date order
    return;
  }
  const auto after = std::upper_bound(records.begin(), records.end(), record.day,
                                      [](Day day, const Record& other) { return day < other.day; });
  records.insert(after, record);
}

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

Patient::Patient(std::string_view id, std::pmr::memory_resource* memory)
    : id_(id), sessions_(memory), billed_(memory) {}

std::span<const Session> Patient::sessions_between(Day first, Day last) const noexcept {
  return between(sessions_, first, last);
}

std::span<const BilledLine> Patient::billed_between(Day first, Day last) const noexcept {
  return between(billed_, first, last);
}

void Patient::add(const Session& session) {
  add_in_day_order(sessions_, session);
}
void Patient::add(const BilledLine& line) {
  add_in_day_order(billed_, line);
}

std::uint64_t Patient::touch_records() const noexcept {
  // The lines the counts read first: the middle, where a binary search starts, and the ends,
  // where the next records go.
  std::uint64_t days = 0;
  if (!sessions_.empty()) {
    days +=
        static_cast<std::uint32_t>(sessions_[sessions_.size() / 2].day + sessions_.front().day + sessions_.back().day);
  }
  if (!billed_.empty()) days += static_cast<std::uint32_t>(billed_.back().day);
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
}

}  // namespace cotation::history
