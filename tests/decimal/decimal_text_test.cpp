// Exact decimal amounts as text: parsing (point and French comma, limits, what is refused) and
// formatting. Every expected value is worked out by hand, never copied from the code's output.
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

TEST(DecimalParse, PointAndFrenchComma) {
  const Decimal point = d("7.49");
  EXPECT_EQ(point.magnitude(), 749U);  // 7.49 = 749 hundredths
  EXPECT_EQ(point.scale(), 2);
  EXPECT_FALSE(point.is_negative());
  const Decimal comma = d("7,49");
  EXPECT_EQ(comma.magnitude(), 749U);
  EXPECT_EQ(comma.scale(), 2);
  EXPECT_EQ(comma, point);
  EXPECT_EQ(d("2,43").to_string(), "2.43");
}

TEST(DecimalParse, SignsIntegersAndWrittenScale) {
  const Decimal minus = d("-0.6");
  EXPECT_TRUE(minus.is_negative());
  EXPECT_EQ(minus.magnitude(), 6U);  // 6 tenths
  EXPECT_EQ(minus.scale(), 1);
  const Decimal plus = d("+0.6");
  EXPECT_FALSE(plus.is_negative());
  EXPECT_EQ(plus.magnitude(), 6U);
  EXPECT_EQ(plus, -minus);
  const Decimal twelve = d("12");
  EXPECT_EQ(twelve.magnitude(), 12U);
  EXPECT_EQ(twelve.scale(), 0);
  EXPECT_EQ(twelve, Decimal(12));
  EXPECT_EQ(d("2.50").scale(), 2);  // the decimals written are kept: 250 hundredths
  EXPECT_EQ(d("2.50").magnitude(), 250U);
  EXPECT_EQ(d("007.50"), d("7.5"));  // leading zeros carry no value
  EXPECT_EQ(d("0000000000000000000000000001.5"), d("1.5"));
}

TEST(DecimalParse, NegativeZeroIsZero) {
  EXPECT_FALSE(d("-0").is_negative());
  EXPECT_FALSE(d("-0.00").is_negative());
  EXPECT_EQ(d("-0.00").to_string(), "0.00");
  EXPECT_EQ(d("-0"), Decimal());
}

TEST(DecimalParse, LimitsOfTheMantissa) {
  // 2^64 - 1 = 18446744073709551615 is the largest magnitude.
  EXPECT_EQ(d("18446744073709551615").magnitude(), 18446744073709551615U);
  EXPECT_EQ(d("-18446744073709551615").to_string(), "-18446744073709551615");
  EXPECT_EQ(d("18.446744073709551615").scale(), 18);
  // 18 decimals is the most a Decimal holds.
  EXPECT_EQ(d("0.123456789012345678").magnitude(), 123456789012345678U);
}

TEST(DecimalParse, TooManyDigitsAreRejected) {
  expect_parse_error(DecimalErrorKind::too_many_digits, "18446744073709551616");  // 2^64
  expect_parse_error(DecimalErrorKind::too_many_digits, "99999999999999999999");  // 20 nines > 2^64 - 1
  expect_parse_error(DecimalErrorKind::too_many_digits, "12345678901234567890123.45");
  expect_parse_error(DecimalErrorKind::too_many_digits, "1844674407370955161.6");  // 2^64 tenths
  expect_parse_error(DecimalErrorKind::too_many_digits, "0.1234567890123456789");  // 19 decimals
  expect_parse_error(DecimalErrorKind::too_many_digits, "0.0000000000000000000");  // 19 decimals
}

// Up to 19 digits the mantissa is read without overflow checks; longer ones (here made long by
// leading zeros) take the checked path: both read the same values.
TEST(DecimalParse, NineteenDigitsAndLongerReadAlike) {
  EXPECT_EQ(d("9999999999999999999").magnitude(), 9999999999999999999U);   // 19 nines, below 2^64
  EXPECT_EQ(d("-0.999999999999999999").magnitude(), 999999999999999999U);  // 19 digits, 18 decimals
  EXPECT_EQ(d("0009999999999999999999").magnitude(), 9999999999999999999U);
  EXPECT_EQ(d("000000000000000000000018.79"), d("18.79"));
  EXPECT_EQ(d("000000000000000000000018.79").scale(), 2);
  EXPECT_EQ(d("-00000000000000000000000.6"), d("-0.6"));
}

TEST(DecimalParse, AnythingElseIsRejected) {
  const std::vector<std::string_view> rejected = {
      "",      "-",     "+",   ".5",     "5.",     ",5",  "5,",  "7.4.9", "7,4,9",   "7.4,9", " 7.49", "7.49 ",
      "7.49€", "€7.49", "abc", "7a",     "--1",    "+-1", "-+1", "1_000", "1 000",   "1'000", "0x10",  "NaN",
      "inf",   "-inf",  "1/2", "7.49\n", "\t7.49", "+ 1", "1e3", "1E3",   "7.49e-1", "1e0",
      "−1",  // U+2212 MINUS SIGN, not '-'
  };
  for (const std::string_view text : rejected) expect_parse_error(DecimalErrorKind::invalid_text, text);
  // An embedded NUL after the digits is trailing garbage too.
  expect_parse_error(DecimalErrorKind::invalid_text, std::string_view("7.49\0", 5));
}

TEST(DecimalParse, ExponentHasItsOwnMessage) {
  try {
    (void)d("7.5e0");
    FAIL() << "an exponent was accepted";
  } catch (const DecimalError& error) {
    EXPECT_EQ(error.kind(), DecimalErrorKind::invalid_text);
    EXPECT_NE(std::string(error.what()).find("exponent"), std::string::npos) << error.what();
  }
}

TEST(DecimalFormat, GivenNumberOfDecimals) {
  EXPECT_EQ(d("18.79").to_string(2), "18.79");
  EXPECT_EQ(d("2.5").to_string(2), "2.50");    // one zero added
  EXPECT_EQ(d("-0.6").to_string(2), "-0.60");  // sign, leading 0, one zero added
  EXPECT_EQ(d("242").to_string(0), "242");     // no point without decimals
  EXPECT_EQ(d("242").to_string(2), "242.00");
  EXPECT_EQ(Decimal().to_string(2), "0.00");
  EXPECT_EQ(d("0.05").to_string(2), "0.05");
  EXPECT_EQ(d("-0.05").to_string(3), "-0.050");
  EXPECT_EQ(d("18.700").to_string(2), "18.70");  // only zeros are dropped
  EXPECT_EQ(d("3.00").to_string(0), "3");
  EXPECT_EQ(Decimal::from_scaled(1879, 2).to_string(2), "18.79");  // 1879 hundredths
  EXPECT_EQ(Decimal::from_scaled(-5, 3).to_string(), "-0.005");    // -5 thousandths
  EXPECT_EQ(d("1").to_string(18), "1.000000000000000000");
  EXPECT_EQ(d("18.446744073709551615").to_string(), "18.446744073709551615");
}

TEST(DecimalFormat, NeverDropsANonZeroDigit) {
  expect_error(DecimalErrorKind::inexact, "18.785 to 2 decimals", [] { (void)d("18.785").to_string(2); });
  expect_error(DecimalErrorKind::inexact, "2.50 to 0 decimals", [] { (void)d("2.50").to_string(0); });
  expect_error(DecimalErrorKind::invalid_argument, "-1 decimals", [] { (void)d("2.50").to_string(-1); });
  expect_error(DecimalErrorKind::invalid_argument, "19 decimals", [] { (void)d("2.50").to_string(19); });
  expect_error(DecimalErrorKind::invalid_argument, "scale 19", [] { (void)Decimal::from_scaled(1, 19); });
}

std::optional<std::string> reference_text(const Decimal& value, int decimals) {
  std::uint64_t magnitude = value.magnitude();
  for (int s = value.scale(); s > decimals; --s) {
    if (magnitude % 10U != 0U) return std::nullopt;  // a non-zero digit would be dropped
    magnitude /= 10U;
  }
  std::string digits = std::to_string(magnitude);
  if (decimals > value.scale()) digits.append(static_cast<std::size_t>(decimals - value.scale()), '0');
  const auto fraction = static_cast<std::size_t>(decimals);
  if (digits.size() <= fraction) digits.insert(0, fraction + 1 - digits.size(), '0');
  if (fraction > 0) digits.insert(digits.size() - fraction, 1, '.');
  if (value.is_negative()) digits.insert(0, 1, '-');
  return digits;
}

// to_chars writes what to_string returns, without allocating. The expected texts come from the
// formatting as it was written before to_chars (std::to_string of the mantissa, then zeros,
// point and sign inserted), kept here as the reference.
TEST(DecimalFormat, ToCharsWritesWhatToStringReturns) {
  const std::vector<std::string_view> values = {"0",
                                                "-0.00",
                                                "0.05",
                                                "-0.05",
                                                "0.5",
                                                "18.79",
                                                "-18.79",
                                                "2.5",
                                                "242",
                                                "-0.6",
                                                "18.700",
                                                "3.00",
                                                "7.49",
                                                "100",
                                                "0.000000000000000001",
                                                "-0.000000000000000001",
                                                "18446744073709551615",
                                                "-18446744073709551615",
                                                "18.446744073709551615",
                                                "-1844674407370955161.5",
                                                "1000000000000000000",
                                                "-5.000000000000000000"};
  for (const std::string_view text : values) {
    const Decimal value = d(text);
    for (int decimals = 0; decimals <= Decimal::max_scale; ++decimals) {
      const std::optional<std::string> expected = reference_text(value, decimals);
      // Around the text, guard bytes that to_chars must leave as they are.
      std::array<char, Decimal::max_chars + 2> buffer{};
      buffer.fill('#');
      if (!expected) {
        expect_error(DecimalErrorKind::inexact, text, [&] { (void)value.to_chars(buffer.data() + 1, decimals); });
        expect_error(DecimalErrorKind::inexact, text, [&] { (void)value.to_string(decimals); });
        continue;
      }
      char* end = value.to_chars(buffer.data() + 1, decimals);
      const std::string written(buffer.data() + 1, end);
      EXPECT_EQ(written, *expected) << text << " to " << decimals;
      EXPECT_EQ(written, value.to_string(decimals)) << text << " to " << decimals;
      EXPECT_LE(written.size(), Decimal::max_chars);
      EXPECT_EQ(buffer.front(), '#');
      EXPECT_EQ(buffer.back(), '#');
    }
  }
  // The longest text: 20 digits, 18 zeros, a point and a sign.
  std::array<char, Decimal::max_chars> longest{};
  const Decimal largest = d("-18446744073709551615");
  EXPECT_EQ(static_cast<std::size_t>(largest.to_chars(longest.data(), Decimal::max_scale) - longest.data()),
            Decimal::max_chars);
}

TEST(DecimalFormat, ToCharsNeverDropsANonZeroDigit) {
  std::array<char, Decimal::max_chars> buffer{};
  expect_error(DecimalErrorKind::inexact, "18.785 to 2 decimals",
               [&] { (void)d("18.785").to_chars(buffer.data(), 2); });
  expect_error(DecimalErrorKind::invalid_argument, "19 decimals", [&] { (void)d("2.50").to_chars(buffer.data(), 19); });
  // Zeros beyond the cent are dropped: 2.500 is written 2.50.
  EXPECT_EQ(std::string(buffer.data(), d("2.500").to_chars(buffer.data(), 2)), "2.50");
  EXPECT_EQ(std::string(buffer.data(), d("-0.600000000000000000").to_chars(buffer.data(), 1)), "-0.6");
}

TEST(DecimalFormat, StreamsItsOwnScale) {
  std::ostringstream out;
  out << d("8.5") * d("2.21");  // 85 x 221 = 18785, 3 decimals
  EXPECT_EQ(out.str(), "18.785");
}

TEST(DecimalFormat, ParsesWhatItPrints) {
  for (const char* text : {"0", "-1.5", "18.79", "0.000000000000000001", "18446744073709551615"}) {
    EXPECT_EQ(d(text).to_string(), text);
  }
}

}  // namespace
}  // namespace cotation
