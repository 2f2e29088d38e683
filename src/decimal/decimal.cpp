// Decimal: parsing, formatting, division and the slow paths of +, - and ×.
#include "cotation/decimal.hpp"

#include <algorithm>
#include <cstddef>
#include <ostream>

namespace cotation {
namespace {

namespace mp = boost::multiprecision;

// Wide enough for every intermediate of +, - and ×: a magnitude below 2^64 times 10^18 is
// below 2^124, the sum of two of those below 2^125, and the product of two magnitudes below
// 2^128. Checked all the same, so a flaw in that reasoning would throw rather than wrap.
using WideMagnitude = mp::checked_uint128_t;
// For division: a magnitude times 10^36 (18 decimals asked, a divisor with 18 decimals) is
// below 2^184, and twice a remainder below 2^185.
using DivisionMagnitude = mp::checked_uint256_t;

constexpr std::uint64_t max_magnitude = ~std::uint64_t{0};

template <class U>
U power_of_ten(int exponent) {
  U result = 1U;
  for (int i = 0; i < exponent; ++i) result *= 10U;
  return result;
}

// The fields of a Decimal, before the (private) constructor makes one.
struct Parts {
  std::uint64_t magnitude;
  bool negative;
  int scale;
};

// Makes an exact result computed in a wider magnitude fit a Decimal: while the magnitude
// or the scale is too large, a trailing zero is dropped (which loses nothing); when no zero
// is left to drop, the result cannot be represented and that is an error.
template <class U>
Parts fit(U magnitude, bool negative, int scale, const char* operation) {
  while ((magnitude > max_magnitude || scale > Decimal::max_scale) && scale > 0 && magnitude % 10U == 0U) {
    magnitude /= 10U;
    --scale;
  }
  if (magnitude > max_magnitude) {
    throw DecimalError(DecimalErrorKind::overflow, std::string("decimal overflow in ") + operation +
                                                       ": the exact result needs a mantissa of more than 64 bits");
  }
  if (scale > Decimal::max_scale) {
    throw DecimalError(DecimalErrorKind::too_many_decimals, std::string("the exact result of ") + operation +
                                                                " needs more than " +
                                                                std::to_string(Decimal::max_scale) + " decimals");
  }
  return {magnitude.template convert_to<std::uint64_t>(), negative, scale};
}

// What was read, shortened for an error message.
std::string quoted(std::string_view text) {
  constexpr std::size_t shown = 40;
  std::string result = "\"";
  result += text.substr(0, shown);
  if (text.size() > shown) result += "...";
  result += '"';
  return result;
}

bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

}  // namespace

DecimalError::DecimalError(DecimalErrorKind kind, const std::string& message)
    : std::runtime_error(message), kind_(kind) {}

void Decimal::throw_invalid_decimals(int decimals) {
  throw DecimalError(
      DecimalErrorKind::invalid_argument,
      "a number of decimals must be between 0 and " + std::to_string(max_scale) + ", not " + std::to_string(decimals));
}

Decimal Decimal::from_scaled(std::int64_t mantissa, int scale) {
  if (scale < 0 || scale > max_scale) throw_invalid_decimals(scale);
  const Decimal integer(mantissa);
  return {integer.magnitude_, integer.negative_, scale};
}

Decimal Decimal::parse(std::string_view text) {
  // sign? digits ((',' | '.') digits)? and nothing else.
  std::size_t position = 0;
  bool negative = false;
  if (position < text.size() && (text[position] == '+' || text[position] == '-')) {
    negative = text[position] == '-';
    ++position;
  }
  const std::size_t integer_begin = position;
  while (position < text.size() && is_digit(text[position])) ++position;
  const std::size_t integer_end = position;
  std::size_t fraction_begin = position;
  std::size_t fraction_end = position;
  bool has_separator = false;
  if (position < text.size() && (text[position] == '.' || text[position] == ',')) {
    has_separator = true;
    fraction_begin = ++position;
    while (position < text.size() && is_digit(text[position])) ++position;
    fraction_end = position;
  }
  if (integer_begin == integer_end || (has_separator && fraction_begin == fraction_end) || position != text.size()) {
    std::string why = "is not a decimal number (expected digits, optionally a point or a comma and digits)";
    if (position < text.size() && (text[position] == 'e' || text[position] == 'E')) {
      why = "has an exponent, which amounts may not have";
    }
    throw DecimalError(DecimalErrorKind::invalid_text, quoted(text) + " " + why);
  }
  const std::size_t decimals = fraction_end - fraction_begin;
  if (decimals > static_cast<std::size_t>(max_scale)) {
    throw DecimalError(DecimalErrorKind::too_many_digits,
                       quoted(text) + " has more than " + std::to_string(max_scale) + " decimals");
  }
  const auto mantissa = [&](auto value) {
    for (std::size_t i = integer_begin; i < fraction_end; ++i) {
      if (i == integer_end) continue;  // the separator
      value *= 10U;
      value += static_cast<unsigned>(text[i] - '0');
    }
    return value;
  };
  // Nineteen digits always fit 64 bits: only longer mantissas need the checked arithmetic.
  constexpr std::size_t digits_that_fit = 19;
  if (fraction_end - integer_begin - (has_separator ? 1 : 0) <= digits_that_fit) {
    return {mantissa(std::uint64_t{0}), negative, static_cast<int>(decimals)};
  }
  try {
    return {mantissa(detail::CheckedMagnitude(0U)).convert_to<std::uint64_t>(), negative, static_cast<int>(decimals)};
  } catch (const std::overflow_error&) {
    throw DecimalError(DecimalErrorKind::too_many_digits,
                       quoted(text) + " has too many digits for an exact amount (at most 19 significant digits)");
  }
}

Decimal Decimal::divide(const Decimal& dividend, const Decimal& divisor, int decimals, RoundingMode mode) {
  if (decimals < 0 || decimals > max_scale) throw_invalid_decimals(decimals);
  if (divisor.is_zero()) throw DecimalError(DecimalErrorKind::division_by_zero, "division by zero");
  // (a × 10^-sa) / (b × 10^-sb) with `decimals` decimals is a × 10^(decimals + sb - sa) / b.
  const int exponent = decimals + divisor.scale_ - dividend.scale_;
  DivisionMagnitude numerator = dividend.magnitude_;
  DivisionMagnitude denominator = divisor.magnitude_;
  if (exponent >= 0) {
    numerator *= power_of_ten<DivisionMagnitude>(exponent);
  } else {
    denominator *= power_of_ten<DivisionMagnitude>(-exponent);
  }
  DivisionMagnitude quotient = numerator / denominator;
  const DivisionMagnitude remainder = numerator - quotient * denominator;
  if (detail::rounds_away(quotient, remainder, denominator, mode)) ++quotient;
  const Parts parts = fit(quotient, dividend.negative_ != divisor.negative_, decimals, "division");
  return {parts.magnitude, parts.negative, parts.scale};
}

Decimal Decimal::add_aligned(const Decimal& a, std::uint64_t b_magnitude, bool b_negative, int b_scale) {
  using detail::CheckedMagnitude;
  try {
    // Align on the larger scale: exact, but the multiplication may overflow.
    CheckedMagnitude left(a.magnitude_);
    CheckedMagnitude right(b_magnitude);
    const int scale = a.scale_ > b_scale ? a.scale_ : b_scale;
    left *= CheckedMagnitude(detail::powers_of_ten[static_cast<std::size_t>(scale - a.scale_)]);
    right *= CheckedMagnitude(detail::powers_of_ten[static_cast<std::size_t>(scale - b_scale)]);
    if (a.negative_ == b_negative) return {(left + right).convert_to<std::uint64_t>(), b_negative, scale};
    if (left >= right) return {(left - right).convert_to<std::uint64_t>(), a.negative_, scale};
    return {(right - left).convert_to<std::uint64_t>(), b_negative, scale};
  } catch (const std::overflow_error&) {
    return add_wide(a, b_magnitude, b_negative, b_scale);
  }
}

Decimal Decimal::add_wide(const Decimal& a, std::uint64_t b_magnitude, bool b_negative, int b_scale) {
  const int scale = a.scale_ > b_scale ? a.scale_ : b_scale;
  const WideMagnitude left = WideMagnitude(a.magnitude_) * power_of_ten<WideMagnitude>(scale - a.scale_);
  const WideMagnitude right = WideMagnitude(b_magnitude) * power_of_ten<WideMagnitude>(scale - b_scale);
  const char* operation = a.negative_ == b_negative ? "addition" : "subtraction";
  Parts parts{};
  if (a.negative_ == b_negative) {
    parts = fit(WideMagnitude(left + right), a.negative_, scale, operation);
  } else if (left >= right) {
    parts = fit(WideMagnitude(left - right), a.negative_, scale, operation);
  } else {
    parts = fit(WideMagnitude(right - left), b_negative, scale, operation);
  }
  return {parts.magnitude, parts.negative, parts.scale};
}

Decimal Decimal::multiply_wide(const Decimal& a, const Decimal& b) {
  const WideMagnitude product = WideMagnitude(a.magnitude_) * WideMagnitude(b.magnitude_);
  const Parts parts = fit(product, a.negative_ != b.negative_, a.scale_ + b.scale_, "multiplication");
  return {parts.magnitude, parts.negative, parts.scale};
}

std::weak_ordering Decimal::compare_magnitudes_wide(const Decimal& a, const Decimal& b) noexcept {
  // Aligned on the larger scale, both are below 2^124 (see WideMagnitude): the unchecked
  // type cannot wrap here, and comparing never throws.
  using Unchecked = mp::uint128_t;
  const int scale = a.scale_ > b.scale_ ? a.scale_ : b.scale_;
  const Unchecked left = Unchecked(a.magnitude_) * detail::powers_of_ten[static_cast<std::size_t>(scale - a.scale_)];
  const Unchecked right = Unchecked(b.magnitude_) * detail::powers_of_ten[static_cast<std::size_t>(scale - b.scale_)];
  if (left < right) return std::weak_ordering::less;
  if (right < left) return std::weak_ordering::greater;
  return std::weak_ordering::equivalent;
}

Decimal Decimal::with_scale(int decimals) const {
  if (decimals < 0 || decimals > max_scale) throw_invalid_decimals(decimals);
  if (decimals < scale_) {
    const std::uint64_t divisor = detail::powers_of_ten[static_cast<std::size_t>(scale_ - decimals)];
    if (magnitude_ % divisor != 0U) {
      throw DecimalError(DecimalErrorKind::inexact,
                         to_string() + " has more than " + std::to_string(decimals) + " decimals: round it instead");
    }
    return {magnitude_ / divisor, negative_, decimals};
  }
  try {
    const detail::CheckedMagnitude magnitude =
        detail::CheckedMagnitude(magnitude_) *
        detail::CheckedMagnitude(detail::powers_of_ten[static_cast<std::size_t>(decimals - scale_)]);
    return {magnitude.convert_to<std::uint64_t>(), negative_, decimals};
  } catch (const std::overflow_error&) {
    throw DecimalError(DecimalErrorKind::overflow, to_string() + " cannot have " + std::to_string(decimals) +
                                                       " decimals: the mantissa would need more than 64 bits");
  }
}

char* Decimal::to_chars(char* first, int decimals) const {
  if (decimals < 0 || decimals > max_scale) throw_invalid_decimals(decimals);
  std::uint64_t magnitude = magnitude_;
  std::size_t zeros = 0;  // written after the mantissa's digits, to extend its scale
  if (decimals < scale_) {
    const std::uint64_t divisor = detail::powers_of_ten[static_cast<std::size_t>(scale_ - decimals)];
    if (magnitude % divisor != 0U) {
      throw DecimalError(DecimalErrorKind::inexact, to_string() + " has more than " + std::to_string(decimals) +
                                                        " decimals: round it before formatting");
    }
    magnitude /= divisor;
  } else {
    zeros = static_cast<std::size_t>(decimals - scale_);
  }
  std::size_t mantissa_digits = 1;
  while (mantissa_digits < detail::powers_of_ten.size() && magnitude >= detail::powers_of_ten[mantissa_digits]) {
    ++mantissa_digits;
  }
  // At least one digit before the point: 0.05.
  const auto fraction = static_cast<std::size_t>(decimals);
  const std::size_t digits = std::max(mantissa_digits + zeros, fraction + 1);
  if (negative_) *first++ = '-';
  char* const end = first + digits + (fraction > 0 ? 1 : 0);
  // From the last digit back; the mantissa, once its digits are written, gives the leading zeros.
  char* at = end;
  for (std::size_t k = 0; k < digits; ++k) {
    if (k == fraction && k > 0) *--at = '.';
    if (k < zeros) {
      *--at = '0';
    } else {
      *--at = static_cast<char>('0' + magnitude % 10U);
      magnitude /= 10U;
    }
  }
  return end;
}

std::string Decimal::to_string(int decimals) const {
  std::array<char, max_chars> text{};
  return {text.data(), to_chars(text.data(), decimals)};
}

std::string Decimal::to_string() const {
  return to_string(scale_);
}

std::ostream& operator<<(std::ostream& out, const Decimal& value) {
  return out << value.to_string();
}

}  // namespace cotation
