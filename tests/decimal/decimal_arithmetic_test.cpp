// Exact decimal arithmetic: addition, subtraction, multiplication, overflow, division and
// comparison. Every expected value is worked out by hand in the comment beside it (mantissas
// multiplied as integers, the scale being the number of decimals), never copied from the output.
#include "cotation/decimal.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "decimal/decimal_fixture.hpp"

namespace cotation {
namespace {

TEST(DecimalArithmetic, AdditionAlignsScalesExactly) {
  // 2.5 + 0.25 = 250/100 + 25/100 = 275/100.
  const Decimal sum = d("2.5") + d("0.25");
  EXPECT_EQ(sum.to_string(), "2.75");
  EXPECT_EQ(sum.scale(), 2);
  // The product brief's claim total: 17.88 + 2.50 + 4.18 = (1788 + 250 + 418) / 100 = 24.56.
  EXPECT_EQ((d("17.88") + d("2.50") + d("4.18")).to_string(2), "24.56");
  // 0.1 added ten times is exactly 1 (binary floating point gives 0.9999999999999999).
  Decimal total;
  for (int i = 0; i < 10; ++i) total += d("0.1");
  EXPECT_EQ(total, Decimal(1));
  EXPECT_EQ(total.to_string(), "1.0");
  // From zero, a sum takes the larger scale: 0 + 18.79 = 18.79, 0.000 + 18.79 = 18.790, and
  // 0 - 18.79 = -18.79.
  EXPECT_EQ((Decimal() + d("18.79")).to_string(), "18.79");
  EXPECT_EQ((d("0.000") + d("18.79")).to_string(), "18.790");
  EXPECT_EQ((Decimal() - d("18.79")).to_string(), "-18.79");
  EXPECT_EQ((d("0.0") + d("0")).to_string(), "0.0");
}

TEST(DecimalArithmetic, SubtractionAndSigns) {
  // 2.21 - 2.43 = (221 - 243) / 100 = -22/100.
  EXPECT_EQ((d("2.21") - d("2.43")).to_string(), "-0.22");
  // -0.6 + 0.25 = (-60 + 25) / 100 = -35/100.
  EXPECT_EQ((d("-0.6") + d("0.25")).to_string(), "-0.35");
  // -0.6 - -0.25 = (-60 + 25) / 100.
  EXPECT_EQ((d("-0.6") - d("-0.25")).to_string(), "-0.35");
  // 0.1 - 0.10 = 0, with no sign.
  const Decimal zero = d("0.1") - d("0.10");
  EXPECT_TRUE(zero.is_zero());
  EXPECT_FALSE(zero.is_negative());
  EXPECT_EQ(zero.to_string(), "0.00");
  EXPECT_FALSE((-Decimal()).is_negative());
  Decimal value = d("5");
  value -= d("7.5");  // 50/10 - 75/10 = -25/10
  EXPECT_EQ(value.to_string(), "-2.5");
}

TEST(DecimalArithmetic, MultiplicationAddsScales) {
  // 8.50 x 2.20: 850 x 220 = 187000, 2 + 2 = 4 decimals -> 18.7000, equal to 18.7.
  const Decimal product = d("8.50") * d("2.20");
  EXPECT_EQ(product.scale(), 4);
  EXPECT_EQ(product.to_string(), "18.7000");
  EXPECT_EQ(product, d("18.7"));
  // -0.6 x 2.21: 6 x 221 = 1326, 3 decimals, negative -> -1.326.
  EXPECT_EQ((d("-0.6") * d("2.21")).to_string(), "-1.326");
  // -0.6 x -0.5: 6 x 5 = 30, 2 decimals, positive -> 0.30.
  EXPECT_EQ((d("-0.6") * d("-0.5")).to_string(), "0.30");
  // -0.6 x 0 = 0, no sign.
  EXPECT_FALSE((d("-0.6") * Decimal()).is_negative());
  // A distance: 7.5 km x 2 (there and back) x 0.97 a km: 75 x 2 x 97 = 14550, 1 + 0 + 2 = 3 decimals
  // -> 14.550 -> 14.55.
  Decimal ik = d("7.5");
  ik *= Decimal(2);
  ik *= d("0.97");
  EXPECT_EQ(ik.to_string(), "14.550");
  EXPECT_EQ(ik.round(2, half_away).to_string(2), "14.55");
}

TEST(DecimalArithmetic, ProductReducedByTrailingZerosWhenNeeded) {
  // 1.0000000000 x 1.0000000000: 10^10 x 10^10 = 10^20 with 20 decimals; too many decimals
  // and too large a mantissa, but the value is 1: two zeros dropped -> 10^18, 18 decimals.
  const Decimal one = d("1.0000000000") * d("1.0000000000");
  EXPECT_EQ(one, Decimal(1));
  EXPECT_EQ(one.scale(), 18);
  // 10^19 + 0.0 aligns 10^19 to 10^20 tenths (more than 64 bits); the sum ends in 0, so it
  // is kept with 0 decimals: exactly 10^19.
  const Decimal big = d("10000000000000000000") + d("0.0");
  EXPECT_EQ(big.to_string(), "10000000000000000000");
}

TEST(DecimalArithmetic, LargeIntegers) {
  // The minimum 64-bit integer has a magnitude of 2^63 = 9223372036854775808.
  EXPECT_EQ(Decimal(INT64_MIN).to_string(), "-9223372036854775808");
  EXPECT_EQ(Decimal(INT64_MAX).to_string(), "9223372036854775807");
  // 2^63 + 2^63 - 1 = 2^64 - 1: still fits, since the sign is apart from the magnitude.
  EXPECT_EQ((-Decimal(INT64_MIN) + Decimal(INT64_MAX)).to_string(), "18446744073709551615");
}

TEST(DecimalArithmetic, WithScaleIsExact) {
  // 2.5 = 25 tenths = 250 hundredths.
  const Decimal padded = d("2.5").with_scale(2);
  EXPECT_EQ(padded.scale(), 2);
  EXPECT_EQ(padded.magnitude(), 250U);
  EXPECT_EQ(padded, d("2.5"));
  // 18.7000 = 1870 hundredths: only zeros are dropped.
  EXPECT_EQ(d("-18.7000").with_scale(2).to_string(), "-18.70");
  expect_error(DecimalErrorKind::inexact, "18.785 with 2 decimals", [] { (void)d("18.785").with_scale(2); });
  // 10^18 with 2 decimals needs 10^20 hundredths, more than 2^64 - 1.
  expect_error(DecimalErrorKind::overflow, "10^18.00", [] { (void)d("1000000000000000000").with_scale(2); });
  expect_error(DecimalErrorKind::invalid_argument, "19 decimals", [] { (void)d("1").with_scale(19); });
}

TEST(DecimalArithmetic, CheapToCopy) {
  // A 64-bit magnitude, a sign and a scale: two machine words, copied as bytes.
  static_assert(sizeof(Decimal) == 16);
  static_assert(std::is_trivially_copyable_v<Decimal>);
  static_assert(std::is_nothrow_default_constructible_v<Decimal>);
  EXPECT_TRUE(Decimal().is_zero());
  EXPECT_EQ(Decimal().scale(), 0);
}

TEST(DecimalOverflow, MultiplicationThrowsInsteadOfWrapping) {
  const Decimal max = d("18446744073709551615");  // 2^64 - 1
  // (2^64 - 1) x 2 = 36893488147419103230 > 2^64 - 1, and it has no decimals to give up.
  expect_error(DecimalErrorKind::overflow, "max x 2", [&] { (void)(max * Decimal(2)); });
  // 10^10 x 10^10 = 10^20 > 2^64 - 1 (about 1.8 x 10^19).
  expect_error(DecimalErrorKind::overflow, "10^10 x 10^10", [] { (void)(d("10000000000") * d("10000000000")); });
  expect_error(DecimalErrorKind::overflow, "-max x 2", [&] { (void)(-max * Decimal(2)); });
  // 9999999999.5 x 9999999999.5: 99999999995 x 99999999995 ≈ 10^22 with 2 decimals; the
  // last digit is 5, so no zero can be dropped.
  expect_error(DecimalErrorKind::overflow, "big halves", [] { (void)(d("9999999999.5") * d("9999999999.5")); });
  Decimal product = max;
  expect_error(DecimalErrorKind::overflow, "max *= 1.5", [&] { product *= d("1.5"); });
}

TEST(DecimalOverflow, TooManyDecimalsInAProduct) {
  // 10^-10 x 10^-10 = 10^-20: mantissa 1 with 20 decimals, no zero to drop.
  expect_error(DecimalErrorKind::too_many_decimals, "10^-10 x 10^-10",
               [] { (void)(d("0.0000000001") * d("0.0000000001")); });
}

TEST(DecimalOverflow, AdditionAndSubtractionThrowInsteadOfWrapping) {
  const Decimal max = d("18446744073709551615");  // 2^64 - 1
  // (2^64 - 1) + 1 = 2^64.
  expect_error(DecimalErrorKind::overflow, "max + 1", [&] { (void)(max + Decimal(1)); });
  // -(2^64 - 1) - 1 = -2^64.
  expect_error(DecimalErrorKind::overflow, "-max - 1", [&] { (void)(-max - Decimal(1)); });
  // Aligning scales: (2^64 - 1) + 0.1 needs 184467440737095516151 tenths.
  expect_error(DecimalErrorKind::overflow, "max + 0.1", [&] { (void)(max + d("0.1")); });
  // 10^19 + 0.1 = 100000000000000000001 tenths, which ends in 1: no zero to drop.
  expect_error(DecimalErrorKind::overflow, "10^19 + 0.1", [] { (void)(d("10000000000000000000") + d("0.1")); });
  Decimal total = max;
  expect_error(DecimalErrorKind::overflow, "max += 0.01", [&] { total += d("0.01"); });
  // Nothing overflows when the signs differ: (2^64 - 1) - 1 and -(2^64 - 1) + 1.
  EXPECT_EQ((max - Decimal(1)).to_string(), "18446744073709551614");
  EXPECT_EQ((-max + Decimal(1)).to_string(), "-18446744073709551614");
}

TEST(DecimalDivide, OnlyWithAnExplicitRounding) {
  // 10 / 3 = 3.333...: to the cent 3.33 (half away, 0.00333 < half), 3.34 away from zero.
  EXPECT_EQ(Decimal::divide(Decimal(10), Decimal(3), 2, half_away).to_string(), "3.33");
  EXPECT_EQ(Decimal::divide(Decimal(10), Decimal(3), 2, away).to_string(), "3.34");
  // 2 / 3 = 0.666...: 0.67 half away, 0.66 toward zero.
  EXPECT_EQ(Decimal::divide(Decimal(2), Decimal(3), 2, half_away).to_string(), "0.67");
  EXPECT_EQ(Decimal::divide(Decimal(2), Decimal(3), 2, toward_zero).to_string(), "0.66");
  // -1 / 8 = -0.125, exactly half a cent past -0.12.
  EXPECT_EQ(Decimal::divide(Decimal(-1), Decimal(8), 2, half_away).to_string(), "-0.13");
  EXPECT_EQ(Decimal::divide(Decimal(-1), Decimal(8), 2, half_even).to_string(), "-0.12");
  EXPECT_EQ(Decimal::divide(Decimal(-1), Decimal(8), 2, toward_zero).to_string(), "-0.12");
  EXPECT_EQ(Decimal::divide(Decimal(-1), Decimal(8), 2, away).to_string(), "-0.13");
  // 18.785 / 8.5 = 18785/1000 x 10/85 = 18785/8500 = 2.21 exactly.
  EXPECT_EQ(Decimal::divide(d("18.785"), d("8.5"), 2, toward_zero).to_string(), "2.21");
  // 241.875 / 15 = 16.125 exactly; to the cent half to even: 16.12 (2 is even).
  EXPECT_EQ(Decimal::divide(d("241.875"), Decimal(15), 3, toward_zero).to_string(), "16.125");
  EXPECT_EQ(Decimal::divide(d("241.875"), Decimal(15), 2, half_even).to_string(), "16.12");
  // 1 / -0.000000000000000003 = -333333333333333333.33...: to the euro, toward zero.
  EXPECT_EQ(Decimal::divide(Decimal(1), d("-0.000000000000000003"), 0, toward_zero).to_string(), "-333333333333333333");
}

TEST(DecimalDivide, ErrorsAreReported) {
  expect_error(DecimalErrorKind::division_by_zero, "1 / 0",
               [] { (void)Decimal::divide(Decimal(1), d("0.00"), 2, half_away); });
  // (2^64 - 1) / 0.1 = 10 x (2^64 - 1), more than 64 bits.
  expect_error(DecimalErrorKind::overflow, "max / 0.1",
               [] { (void)Decimal::divide(d("18446744073709551615"), d("0.1"), 0, half_away); });
  expect_error(DecimalErrorKind::invalid_argument, "19 decimals",
               [] { (void)Decimal::divide(Decimal(1), Decimal(3), 19, away); });
}

TEST(DecimalCompare, ByValueAcrossScales) {
  EXPECT_EQ(d("2.5"), d("2.50"));
  EXPECT_EQ(d("-0"), d("0.000"));
  EXPECT_LT(d("2.5"), d("2.51"));
  EXPECT_GT(d("18.785"), d("18.78"));
  EXPECT_LT(d("-2.5"), d("-2.49"));   // -2.50 < -2.49
  EXPECT_LT(d("-2.50"), d("-2.49"));  // same scale: 250 > 249 hundredths, so the value is lower
  EXPECT_GT(d("-0.999999999999999999"), Decimal(-1));
  EXPECT_LT(d("-0.1"), Decimal());
  EXPECT_LT(d("-18446744073709551615"), d("18446744073709551615"));
  // 0.999999999999999999 (18 nines) < 1, compared with 18 decimals of difference in scale.
  EXPECT_LT(d("0.999999999999999999"), Decimal(1));
  EXPECT_GT(d("18446744073709551615"), d("18.446744073709551615"));
  EXPECT_NE(d("7.52"), d("7.525"));
}

}  // namespace
}  // namespace cotation
