// Comparing, multiplying and dividing values, shared by the claim evaluator and the schemes' evaluator.
#pragma once

#include <compare>

#include "compile/model.hpp"

namespace cotation::model {

// Booleans compare false before true; dates, enumerations and durations by their integer; every
// other quantity (number, money, percentage, distance) by its number. Both of one type.
[[nodiscard]] std::weak_ordering order(const Value& a, const Value& b);

// a × b, exact; a percentage times another quantity multiplies as a fraction: 50 % × 300 € = 150 €.
[[nodiscard]] Decimal product(const Value& a, const Value& b);

// a modulo b, b above zero: the remainder of the whole division, from 0 to b - 1 whatever a's
// sign ((1 - 30) modulo 20 = 11). The compiler lets only whole numbers reach it.
[[nodiscard]] Decimal remainder(const Decimal& a, const Decimal& b);

}  // namespace cotation::model
