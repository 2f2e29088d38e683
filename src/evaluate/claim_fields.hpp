// A claim's fields as the rules read them, for the line being decided. In: the claim, its
// series and same-day facts (the claim's, or completed from the patient's history), the line's
// rank and coefficient, what the claim's lines designate. Out: each field as an integer
// (whole_field), as a decimal (number_field), or typed and shown in the explanation (field);
// a field the claim lacks is none, or a MissingField where the decision cannot go without it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "compile/model.hpp"
#include "cotation/claim.hpp"
#include "evaluate/evaluation_state.hpp"
#include "evaluate/explanation_steps.hpp"
#include "evaluate/history.hpp"

namespace cotation::evaluation {

template <typename T>
T require(const std::optional<T>& value, model::Field field) {
  if (!value) throw MissingField{field_name(field)};
  return *value;
}

class ClaimFields {
 public:
  // `history` is null when the claim is decided alone; `subjects` are those of the claim's lines.
  ClaimFields(const RuleSet::Model& model, const Claim& claim, const Series& series, const SameDay& same_day,
              const history::Patient* history, const std::vector<Subject>& subjects, model::Day day,
              Explainer& explainer)
      : model_(model),
        claim_(claim),
        series_(series),
        same_day_(same_day),
        history_(history),
        subjects_(subjects),
        explainer_(explainer),
        day_(day) {}

  [[nodiscard]] model::Day day() const { return day_; }

  // Line `index` of the claim; `rank` counts the acts up to the line.
  void set_line(std::size_t index, std::size_t rank, const Decimal& coefficient) {
    line_index_ = index;
    line_rank_ = rank;
    line_coefficient_ = coefficient;
    forget_line_fields();
  }
  // The fields that depend on the line's subject are read again; the claim's own are kept.
  void forget_line_fields() { wholes_read_ &= ~line_fields; }

  [[nodiscard]] model::RegionIndex region() const {
    return require(claim_.region, model::Field::region) == Region::metropole ? model::RegionIndex::metropole
                                                                             : model::RegionIndex::outre_mer;
  }
  [[nodiscard]] bool region_given() const { return claim_.region.has_value(); }

  // A claim field as the rules read it, typed `type` (the field's, as the compiler gave it).
  model::Value field(model::Field field, model::Type type);

  // A field as the decimal arithmetic reads it: the distance, the line's coefficient, or a count
  // read as an integer; none when the claim lacks it. field() and formulas read it alike.
  std::optional<Decimal> number_field(model::Field field) {
    if (field == model::Field::travel_distance) return claim_.travel.distance_km;
    // Not given, no nearer practitioner is known: the practitioner's own distance (art. 13 C 3°).
    if (field == model::Field::nearest_practitioner_distance) {
      return claim_.travel.nearest_practitioner_km ? claim_.travel.nearest_practitioner_km : claim_.travel.distance_km;
    }
    if (field == model::Field::line_coefficient) return line_coefficient_;
    const auto whole = whole_field(field);
    if (!whole) return std::nullopt;
    return Decimal(*whole);
  }

  // A field read as an integer (model::reads_whole): a boolean as 0 or 1, an enumeration as its
  // rank, a date as its day number; none when the claim lacks it. Read once a claim, or once a
  // line for those that depend on the line (line_fields): the guards and formulas of the rules
  // and conditions read the same few fields.
  std::optional<std::int64_t> whole_field(model::Field field) {
    const auto index = static_cast<std::size_t>(field);
    const std::uint32_t bit = 1U << index;
    if ((wholes_read_ & bit) == 0) {
      const auto value = read_whole_field(field);
      wholes_read_ |= bit;
      wholes_missing_ = value ? wholes_missing_ & ~bit : wholes_missing_ | bit;
      if (value) wholes_[index] = *value;
    }
    if ((wholes_missing_ & bit) != 0) return std::nullopt;
    return wholes_[index];
  }

  // A count that thresholds and limits read, none when the claim lacks it; field() shows it in
  // an explanation (and reports it missing there, as the graph does).
  std::optional<std::int32_t> counted(model::Field which) {
    if (explainer_.wanted()) field(which, model::Type::number);
    const auto count = whole_field(which);
    if (!count) return std::nullopt;
    return static_cast<std::int32_t>(*count);
  }

  // Past a threshold, a claim that does not say the fund's approval was granted gets the
  // decision `prior_approval`, which is what that decision means: billable only with it.
  bool prior_approval_granted();

 private:
  // Out of line: whole_field() stays small enough to inline where a line's guards are checked.
  [[gnu::noinline]] std::optional<std::int64_t> read_whole_field(model::Field field) const;
  std::optional<bool> shared_with_same_day(std::string_view (*key)(const model::Act&)) const;
  // ligne.rang_coefficient: the line's rank among the claim's act lines by descending
  // coefficient, ties in billing order; 0 on a line that designates no act.
  [[nodiscard]] std::int64_t coefficient_rank() const;

  const RuleSet::Model& model_;
  const Claim& claim_;
  const Series& series_;
  const SameDay& same_day_;
  const history::Patient* history_;
  const std::vector<Subject>& subjects_;
  Explainer& explainer_;
  model::Day day_;
  std::size_t line_index_ = 0;
  std::size_t line_rank_ = 0;
  Decimal line_coefficient_;
  static_assert(model::field_count <= 32, "a bit of wholes_read_ for each field");
  // The fields whose value depends on the line's subject and rank; the others are the claim's.
  static constexpr std::uint32_t line_fields = 1U << static_cast<unsigned>(model::Field::line_rank) |
                                               1U << static_cast<unsigned>(model::Field::line_coefficient_rank) |
                                               1U << static_cast<unsigned>(model::Field::same_article) |
                                               1U << static_cast<unsigned>(model::Field::same_body_region);
  std::array<std::int64_t, model::field_count> wholes_;  // whole_field()'s, for the bits of wholes_read_
  std::uint32_t wholes_read_ = 0;
  std::uint32_t wholes_missing_ = 0;
};

}  // namespace cotation::evaluation
