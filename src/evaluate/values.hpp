// Comparing and multiplying values, shared by the claim evaluator and the schemes' evaluator.
#pragma once

#include <compare>

#include "compile/model.hpp"

namespace cotation::model {

// Booleans compare false before true; dates, enumerations and durations by their integer; every
// other quantity (number, money, percentage, distance) by its number. Both of one type.
[[nodiscard]] std::weak_ordering order(const Value& a, const Value& b);

// a × b, exact; a percentage times another quantity multiplies as a fraction: 50 % × 300 € = 150 €.
[[nodiscard]] Decimal product(const Value& a, const Value& b);

}  // namespace cotation::model
