// What the decimal tests share: the rounding modes' short names, a decimal from its text, and
// checks that an action throws a DecimalError of a given kind.
#pragma once

#include <gtest/gtest.h>

#include <string_view>

#include "cotation/decimal.hpp"

namespace cotation {

inline constexpr auto half_away = RoundingMode::half_away_from_zero;
inline constexpr auto half_even = RoundingMode::half_even;
inline constexpr auto toward_zero = RoundingMode::toward_zero;
inline constexpr auto away = RoundingMode::away_from_zero;

inline Decimal d(std::string_view text) {
  return Decimal::parse(text);
}

// Fails when `action` throws nothing, throws something else than a DecimalError (a Boost
// exception leaking, say), or a DecimalError of another kind.
template <class Action>
void expect_error(DecimalErrorKind kind, std::string_view what, Action action) {
  try {
    action();
  } catch (const DecimalError& error) {
    EXPECT_EQ(error.kind(), kind) << what << ": " << error.what();
    return;
  }
  ADD_FAILURE() << what << ": no DecimalError was thrown";
}

inline void expect_parse_error(DecimalErrorKind kind, std::string_view text) {
  expect_error(kind, text, [&] { (void)Decimal::parse(text); });
}

}  // namespace cotation
