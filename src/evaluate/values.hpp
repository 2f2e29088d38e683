// Comparing and multiplying values, shared by the claim evaluator and the schemes' evaluator.
#pragma once

#include <compare>

#include "compile/model.hpp"

namespace cotation::model {

// Booleans compare false before true; dates, enumerations and durations by their integer; every
// other quantity (number, money, percentage, distance) by its number. Both of one type.
[[nodiscard]] std::weak_ordering order(const Value& a, const Value& b);

// Whether `order` (of a and b) satisfies `a comparison b`, the comparison one of = != < <= > >=.
// Inline: a rule's guard is checked with it on every line.
[[nodiscard]] inline bool satisfies(Op comparison, std::weak_ordering order) {
  switch (comparison) {
    case Op::equal:
      return std::is_eq(order);
    case Op::not_equal:
      return std::is_neq(order);
    case Op::less:
      return std::is_lt(order);
    case Op::less_equal:
      return std::is_lteq(order);
    case Op::greater:
      return std::is_gt(order);
    case Op::greater_equal:
      return std::is_gteq(order);
    default:
      return false;
  }
}

// a × b, exact; a percentage times another quantity multiplies as a fraction: 50 % × 300 € = 150 €.
[[nodiscard]] Decimal product(const Value& a, const Value& b);

}  // namespace cotation::model
