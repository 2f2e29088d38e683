// Exact decimal amounts: money, coefficients, distances. No binary floating point anywhere:
// values are read from their text and computed as integers.
//
// A Decimal is a mantissa of at most 64 bits (sign apart) and a scale of 0 to 18 decimals:
// value = ±magnitude × 10^-scale. Addition, subtraction and multiplication are exact; a result
// that cannot be represented raises DecimalError, it never wraps and never loses a digit.
// Fewer decimals (rounding, division) only through a named RoundingMode.
// docs/architecture.md, "Exact money", gives the reasons for this design.
//
// Why Boost is included here: the overflow checks are Boost.Multiprecision's checked
// fixed-width integers, and the fast paths of +, -, ×, comparison and rounding are inline so
// that the engine's inner loop compiles to a few integer instructions (measured: the same
// operations out of line made a multiply-round-add step three times slower). Parsing,
// formatting, division, aligning two scales and the overflow paths are in
// src/decimal/decimal.cpp.
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/multiprecision/cpp_int.hpp>
#include "cotation/export.h"

COTATION_PUBLIC_BEGIN
namespace cotation {

// How a value loses decimals. The rules language names them in French (in parentheses).
// All four are symmetric: a negative value rounds as its magnitude does.
enum class RoundingMode {
  half_away_from_zero,  // (demi_loin_de_zero) 18.785 -> 18.79, -18.785 -> -18.79
  half_even,            // (demi_pair) 18.785 -> 18.78, 18.775 -> 18.78
  toward_zero,          // (vers_zero) truncation: 7.529 -> 7.52, -7.529 -> -7.52
  away_from_zero,       // (loin_de_zero) 7.521 -> 7.53, -7.521 -> -7.53
};

enum class DecimalErrorKind {
  overflow,           // the exact result needs more than 64 bits of mantissa
  too_many_decimals,  // the exact result needs more than Decimal::max_scale decimals
  invalid_text,       // parse: not a plain decimal number
  too_many_digits,    // parse: more digits than a Decimal holds
  inexact,            // to_string or with_scale would drop a non-zero digit (round first)
  division_by_zero,
  invalid_argument,  // a number of decimals outside 0..Decimal::max_scale
};

// Every failure of Decimal is reported by throwing this; the engine turns it into a
// diagnostic. what() is an English sentence for logs; kind() is what programs look at.
class DecimalError : public std::runtime_error {
 public:
  DecimalError(DecimalErrorKind kind, const std::string& message);
  [[nodiscard]] DecimalErrorKind kind() const noexcept { return kind_; }

 private:
  DecimalErrorKind kind_;
};

namespace detail {

// The checked fixed-width integer of Boost.Multiprecision that guards every operation that
// can grow a magnitude: it throws std::overflow_error instead of wrapping.
using CheckedMagnitude = boost::multiprecision::number<
    boost::multiprecision::cpp_int_backend<64, 64, boost::multiprecision::unsigned_magnitude,
                                           boost::multiprecision::checked, void>,
    boost::multiprecision::et_off>;

inline constexpr std::array<std::uint64_t, 20> powers_of_ten = {
    1ULL,
    10ULL,
    100ULL,
    1'000ULL,
    10'000ULL,
    100'000ULL,
    1'000'000ULL,
    10'000'000ULL,
    100'000'000ULL,
    1'000'000'000ULL,
    10'000'000'000ULL,
    100'000'000'000ULL,
    1'000'000'000'000ULL,
    10'000'000'000'000ULL,
    100'000'000'000'000ULL,
    1'000'000'000'000'000ULL,
    10'000'000'000'000'000ULL,
    100'000'000'000'000'000ULL,
    1'000'000'000'000'000'000ULL,
    10'000'000'000'000'000'000ULL,
};

// Whether a quotient truncated toward zero must move one unit away from zero, given the
// remainder and the divisor (0 <= remainder < divisor; 2 × remainder must not overflow U).
template <class U>
[[nodiscard]] bool rounds_away(const U& quotient, const U& remainder, const U& divisor, RoundingMode mode) {
  switch (mode) {
    case RoundingMode::toward_zero:
      return false;
    case RoundingMode::away_from_zero:
      return remainder != 0;
    case RoundingMode::half_away_from_zero:
      return 2 * remainder >= divisor;
    case RoundingMode::half_even: {
      const U twice = 2 * remainder;
      return twice > divisor || (twice == divisor && (quotient % 2) != 0);
    }
  }
  return false;
}

}  // namespace detail

class Decimal {
 public:
  // 18 decimals: far more than any amount needs (tariffs have 2, coefficients 2, distances
  // 1 to 3), and 10^18 still fits the mantissa, so aligning two scales never needs a
  // mantissa wider than 128 bits.
  static constexpr int max_scale = 18;

  // Zero, with no decimals.
  constexpr Decimal() noexcept = default;

  // An integer: Decimal(15) is 15, scale 0.
  constexpr explicit Decimal(std::int64_t integer) noexcept
      : magnitude_(integer < 0 ? 0U - static_cast<std::uint64_t>(integer) : static_cast<std::uint64_t>(integer)),
        negative_(integer < 0) {}

  // mantissa × 10^-scale: from_scaled(1879, 2) is 18.79. Throws DecimalError
  // (invalid_argument) when scale is outside 0..max_scale.
  [[nodiscard]] static Decimal from_scaled(std::int64_t mantissa, int scale);

  // Reads a plain decimal number: optional sign, digits, optionally a point or a French
  // comma followed by digits ("7.49", "7,49", "-0.6", "+0.6", "12"). Nothing else: no
  // spaces, no exponent, no digit separators, no ".5" or "5.". The scale is the number of
  // decimals written ("2.50" has scale 2). Throws DecimalError: invalid_text, or
  // too_many_digits when the mantissa exceeds 64 bits or the decimals exceed max_scale.
  [[nodiscard]] static Decimal parse(std::string_view text);

  // The value rounded to `decimals` (0..max_scale) by `mode`; unchanged when it has no more
  // decimals than that. round(2, ...) is to the cent, round(0, ...) to the euro.
  [[nodiscard]] Decimal round(int decimals, RoundingMode mode) const;

  // The same value with exactly `decimals` decimals (0..max_scale): 2.5 -> 2.50. Exact:
  // dropping a non-zero digit throws DecimalError (inexact), too large a mantissa (overflow).
  // Giving the operands of a computation the same scales keeps the engine on its fastest path.
  [[nodiscard]] Decimal with_scale(int decimals) const;

  // dividend / divisor, rounded to `decimals` by `mode` (the exact quotient is computed first,
  // so the rounding is the only loss). Throws DecimalError (division_by_zero, overflow,
  // invalid_argument).
  [[nodiscard]] static Decimal divide(const Decimal& dividend, const Decimal& divisor, int decimals, RoundingMode mode);

  // The value with exactly `decimals` decimals (0..max_scale): "18.79", "2.50", "-0.60",
  // "242". Trailing zeros are added or removed, but a non-zero digit is never dropped:
  // that throws DecimalError (inexact); round first.
  [[nodiscard]] std::string to_string(int decimals) const;
  // The most characters to_chars writes: a sign, 38 digits (20 of the mantissa, 18 zeros
  // added to its scale) and a point.
  static constexpr std::size_t max_chars = 40;
  // to_string(decimals) written from `first` without allocating (writers on the hot path);
  // returns the end. Throws as to_string does.
  [[nodiscard]] char* to_chars(char* first, int decimals) const;
  // The value with its own scale: 8.5 × 2.21 gives "18.785".
  [[nodiscard]] std::string to_string() const;

  [[nodiscard]] int scale() const noexcept { return scale_; }
  [[nodiscard]] bool is_zero() const noexcept { return magnitude_ == 0; }
  [[nodiscard]] bool is_negative() const noexcept { return negative_; }
  // The mantissa's absolute value: 18.79 and -18.79 both give 1879.
  [[nodiscard]] std::uint64_t magnitude() const noexcept { return magnitude_; }

  [[nodiscard]] Decimal operator-() const noexcept { return {magnitude_, !negative_, scale_}; }

  // Exact; the result has the larger of the two scales. Throws DecimalError (overflow).
  friend Decimal operator+(const Decimal& a, const Decimal& b) { return add(a, b.magnitude_, b.negative_, b.scale_); }
  friend Decimal operator-(const Decimal& a, const Decimal& b) { return add(a, b.magnitude_, !b.negative_, b.scale_); }
  // Exact; the scale is the sum of the scales (8.5 × 2.21 = 18.785), reduced by trailing
  // zeros only when that is needed to fit. Throws DecimalError (overflow, too_many_decimals).
  friend Decimal operator*(const Decimal& a, const Decimal& b);

  Decimal& operator+=(const Decimal& other) { return *this = *this + other; }
  Decimal& operator-=(const Decimal& other) { return *this = *this - other; }
  Decimal& operator*=(const Decimal& other) { return *this = *this * other; }

  // By value: 2.5 == 2.50. Never throws.
  friend bool operator==(const Decimal& a, const Decimal& b) noexcept { return std::is_eq(a <=> b); }
  friend std::weak_ordering operator<=>(const Decimal& a, const Decimal& b) noexcept;

  friend std::ostream& operator<<(std::ostream& out, const Decimal& value);  // to_string()

 private:
  constexpr Decimal(std::uint64_t magnitude, bool negative, int scale) noexcept
      : magnitude_(magnitude), negative_(negative && magnitude != 0), scale_(static_cast<std::uint8_t>(scale)) {}

  static Decimal add(const Decimal& a, std::uint64_t b_magnitude, bool b_negative, int b_scale);
  [[noreturn]] static void throw_invalid_decimals(int decimals);
  // Out of line: + and - of two scales, aligned on the larger one.
  static Decimal add_aligned(const Decimal& a, std::uint64_t b_magnitude, bool b_negative, int b_scale);
  // The slow paths, out of line: the exact result in 128 bits, reduced by trailing zeros
  // when that makes it fit, or a DecimalError.
  static Decimal add_wide(const Decimal& a, std::uint64_t b_magnitude, bool b_negative, int b_scale);
  static Decimal multiply_wide(const Decimal& a, const Decimal& b);
  static std::weak_ordering compare_magnitudes_wide(const Decimal& a, const Decimal& b) noexcept;

  std::uint64_t magnitude_ = 0;
  bool negative_ = false;   // never true for zero
  std::uint8_t scale_ = 0;  // 0..max_scale
};

inline Decimal Decimal::add(const Decimal& a, std::uint64_t b_magnitude, bool b_negative, int b_scale) {
  // Inline: the common case of two amounts with the same scale (sums of cents), and a sum that
  // starts from zero (a claim's total), which is b with b's scale.
  if (a.magnitude_ == 0 && a.scale_ <= b_scale) return {b_magnitude, b_negative, b_scale};
  if (a.scale_ != b_scale) return add_aligned(a, b_magnitude, b_negative, b_scale);
  if (a.negative_ == b_negative) {
    try {
      const detail::CheckedMagnitude sum =
          detail::CheckedMagnitude(a.magnitude_) + detail::CheckedMagnitude(b_magnitude);
      return {sum.convert_to<std::uint64_t>(), b_negative, b_scale};
    } catch (const std::overflow_error&) {
      return add_wide(a, b_magnitude, b_negative, b_scale);
    }
  }
  // Opposite signs: the larger magnitude minus the smaller, which cannot overflow.
  if (a.magnitude_ >= b_magnitude) return {a.magnitude_ - b_magnitude, a.negative_, b_scale};
  return {b_magnitude - a.magnitude_, b_negative, b_scale};
}

inline Decimal operator*(const Decimal& a, const Decimal& b) {
  using detail::CheckedMagnitude;
  const int scale = a.scale_ + b.scale_;
  if (scale <= Decimal::max_scale) {
    try {
      const CheckedMagnitude product = CheckedMagnitude(a.magnitude_) * CheckedMagnitude(b.magnitude_);
      return {product.convert_to<std::uint64_t>(), a.negative_ != b.negative_, scale};
    } catch (const std::overflow_error&) {
      // Falls through to the exact product in 128 bits, which may still fit once reduced.
    }
  }
  return Decimal::multiply_wide(a, b);
}

inline Decimal Decimal::round(int decimals, RoundingMode mode) const {
  if (decimals < 0 || decimals > max_scale) throw_invalid_decimals(decimals);
  if (decimals >= scale_) return *this;
  // The quotient is at most magnitude / 10 and 2 × remainder < 2 × 10^18: no step can
  // overflow, so plain unsigned arithmetic is exact here.
  const int dropped = scale_ - decimals;
  const std::uint64_t divisor = detail::powers_of_ten[static_cast<std::size_t>(dropped)];
  std::uint64_t quotient = magnitude_ / divisor;
  const std::uint64_t remainder = magnitude_ - quotient * divisor;
  if (detail::rounds_away(quotient, remainder, divisor, mode)) ++quotient;
  return {quotient, negative_, decimals};
}

inline std::weak_ordering operator<=>(const Decimal& a, const Decimal& b) noexcept {
  if (a.negative_ != b.negative_) return a.negative_ ? std::weak_ordering::less : std::weak_ordering::greater;
  // Same signs: compare the magnitudes, in reverse order for two negative values.
  const Decimal& left = a.negative_ ? b : a;
  const Decimal& right = a.negative_ ? a : b;
  if (left.scale_ == right.scale_) return left.magnitude_ <=> right.magnitude_;
  return Decimal::compare_magnitudes_wide(left, right);
}

}  // namespace cotation
COTATION_PUBLIC_END
