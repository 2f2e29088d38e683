// "Evaluating a claim allocates nothing in steady state" (issue 3), checked by counting: this
// executable replaces the global operator new and counts the calls made while claims are
// decided a second time, with the scratch and the ClaimDecision of the first time reused.
//
// Covered, on the shipped rules in rules/ (claims built in code, as an embedding program does):
//   - RuleSet::evaluate into a caller-owned ClaimDecision, no explanation: an accepted act at
//     the practice, an accepted act with IFD and IK at home, an old cotation accepted in its
//     transition (its reason is written into reused strings), a refused outdated cotation and
//     a refused unknown code (their reasons likewise);
//   - RuleSet::evaluate_in_sequence into a reused ClaimDecision, for a patient already seen:
//     nothing but the growth of the patient's history (one session and the billed lines
//     appended to vectors), so at most a reallocation now and then, never one per claim.
// Not covered, and allocating by design: explanations (their steps are strings), the first
// claim of a patient in sequence (its history entry), decisions returned by value (a fresh
// ClaimDecision), and lines refused by a missing field or a date without a value (the engine
// reports most of those through exceptions; the counts of thresholds and limits, which a claim
// decided alone often lacks, are covered). A decision reused for a claim of another shape allocates
// what it lacks: a line or a reason that the previous claim did not have is built anew (the
// vectors keep their capacity, but the strings of the elements they dropped are freed).
// Own executable: the replaced operator new is global.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <new>
#include <string>
#include <vector>

#include "cotation/engine.hpp"

namespace {

std::atomic<bool> counting{false};
std::atomic<std::size_t> allocations{0};

}  // namespace

// Every form of new and delete that a standard container can reach is replaced, so that all
// of them meet the same malloc and free (AddressSanitizer reports a new of its own freed by
// ours: std::stable_sort's buffer comes from the nothrow form).
namespace {
void* counted_allocation(std::size_t size) noexcept {
  if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
}  // namespace

void* operator new(std::size_t size) {
  if (void* memory = counted_allocation(size)) return memory;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  if (void* memory = counted_allocation(size)) return memory;
  throw std::bad_alloc();
}
void* operator new(std::size_t size, const std::nothrow_t& /*tag*/) noexcept {
  return counted_allocation(size);
}
void* operator new[](std::size_t size, const std::nothrow_t& /*tag*/) noexcept {
  return counted_allocation(size);
}
void operator delete(void* memory) noexcept {
  std::free(memory);
}
void operator delete[](void* memory) noexcept {
  std::free(memory);
}
void operator delete(void* memory, std::size_t /*size*/) noexcept {
  std::free(memory);
}
void operator delete[](void* memory, std::size_t /*size*/) noexcept {
  std::free(memory);
}
void operator delete(void* memory, const std::nothrow_t& /*tag*/) noexcept {
  std::free(memory);
}
void operator delete[](void* memory, const std::nothrow_t& /*tag*/) noexcept {
  std::free(memory);
}

namespace cotation {
namespace {

// The calls to operator new made by `work`.
template <typename Work>
std::size_t allocations_in(Work&& work) {
  allocations = 0;
  counting = true;
  work();
  counting = false;
  return allocations.load();
}

Date on(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

Claim claim_of(std::string id, Date date, Place place, std::vector<std::string> codes) {
  Claim claim;
  claim.id = std::move(id);
  claim.date = date;
  claim.region = Region::metropole;
  claim.place = place;
  claim.patient.id = "p1";
  claim.patient.age = 45;
  for (auto& code : codes) claim.lines.push_back(ClaimLine{std::move(code)});
  claim.prescription.kind = PrescriptionKind::medical;
  claim.series = {3, 2, false};
  claim.time = {false, false, false};
  claim.telehealth = false;
  if (place == Place::domicile) {
    claim.travel.distance_km = Decimal::parse("7.5");
    claim.travel.same_agglomeration = false;
  }
  return claim;
}

// A claim that does not give its series' rank, which the HAS thresholds read.
Claim without_rank(Claim claim) {
  claim.series.session_number.reset();
  return claim;
}

class Allocations : public ::testing::Test {
 protected:
  void SetUp() override {
    CompileResult compiled = compile_rule_set(std::filesystem::path(COTATION_SOURCE_DIR) / "rules");
    ASSERT_TRUE(compiled.ok());
    rules_ = compiled.rule_set;
  }

  std::shared_ptr<const RuleSet> rules_;
  EvaluationScratch scratch_;
};

TEST_F(Allocations, EvaluatingAgainWithAWarmScratchAllocatesNothing) {
  struct Case {
    Claim claim;
    Decision expected;
  };
  const std::vector<Case> cases = {
      {claim_of("practice", on(2026, 3, 2), Place::cabinet, {"RAM 8.09"}), Decision::accepted},
      {claim_of("home", on(2026, 3, 2), Place::domicile, {"RAM 8.09", "IFD", "IK"}), Decision::accepted},
      {claim_of("transition", on(2024, 4, 15), Place::cabinet, {"AMS 7.5"}), Decision::accepted},
      {claim_of("outdated", on(2026, 3, 2), Place::cabinet, {"RAM 7.49"}), Decision::refused},
      {claim_of("unknown", on(2026, 3, 2), Place::cabinet, {"XYZ 1"}), Decision::refused},
      {without_rank(claim_of("no-rank", on(2026, 3, 2), Place::cabinet, {"RAM 8.09"})), Decision::refused},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.claim.id);
    ClaimDecision decision;
    rules_->evaluate(c.claim, scratch_, decision);  // warms the scratch and the decision
    ASSERT_EQ(decision.decision, c.expected);
    EXPECT_EQ(allocations_in([&] { rules_->evaluate(c.claim, scratch_, decision); }), 0U);
    EXPECT_EQ(decision.decision, c.expected);
    if (c.claim.id == "transition") {
      ASSERT_EQ(decision.lines.at(0).reasons.size(), 1U);
      EXPECT_TRUE(render_message(decision.lines[0].reasons[0]).starts_with("ancienne cotation acceptée"));
    }
  }
}

TEST_F(Allocations, InSequenceOnlyTheHistoryGrows) {
  Claim claim = claim_of("seq", on(2026, 3, 2), Place::cabinet, {"RAM 8.09"});
  claim.series = {};  // derived from the history: no Claim copy
  claim.series.prior_approval = false;
  ClaimDecision decision;
  constexpr int warm = 64;
  for (int i = 0; i < warm; ++i) rules_->evaluate_in_sequence(claim, scratch_, decision);
  constexpr int measured = 64;
  const std::size_t count = allocations_in([&] {
    for (int i = 0; i < measured; ++i) rules_->evaluate_in_sequence(claim, scratch_, decision);
  });
  // Two vectors of the patient's history double their capacity: at most one reallocation each
  // while their size goes from 64 to 128.
  EXPECT_LE(count, 2U);
}

}  // namespace
}  // namespace cotation
