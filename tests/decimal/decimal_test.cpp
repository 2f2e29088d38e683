// Exact decimal amounts. Every expected value is worked out by hand in the comment beside
// it (mantissas multiplied as integers, the scale being the number of decimals), never
// copied from the code's output.
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

namespace cotation {
namespace {

constexpr auto half_away = RoundingMode::half_away_from_zero;
constexpr auto half_even = RoundingMode::half_even;
constexpr auto toward_zero = RoundingMode::toward_zero;
constexpr auto away = RoundingMode::away_from_zero;

Decimal d(std::string_view text) {
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

void expect_parse_error(DecimalErrorKind kind, std::string_view text) {
  expect_error(kind, text, [&] { (void)Decimal::parse(text); });
}

// --- The examples of issue 3 -----------------------------------------------------------

TEST(DecimalIssueExamples, RabIsHalfAwayFromZeroToTheCent) {
  // 8.5 x 2.21: 85 x 221 = 18785, 1 + 2 = 3 decimals -> 18.785, exactly half a cent.
  const Decimal rab = d("8.5") * d("2.21");
  EXPECT_EQ(rab.to_string(), "18.785");
  // Half away from zero: the half goes up -> 18.79 (what the fund's tables show).
  EXPECT_EQ(rab.round(2, half_away).to_string(2), "18.79");
  // Half to even: the kept digit 8 is even, so the half goes down -> 18.78.
  EXPECT_EQ(rab.round(2, half_even).to_string(2), "18.78");
}

TEST(DecimalIssueExamples, ExactWhereBinaryFloatingPointLosesTheHalf) {
  // 8.5 x 2.15: 85 x 215 = 18275 -> 18.275; half away -> 18.28. In binary floating point
  // 2.15 is 2.14999999999999991..., the product 18.27499999..., which rounds to 18.27.
  EXPECT_EQ((d("8.5") * d("2.15")).to_string(), "18.275");
  EXPECT_EQ((d("8.5") * d("2.15")).round(2, half_away).to_string(2), "18.28");
}

TEST(DecimalIssueExamples, TariffsToTheCent) {
  // 7.5 x 2.21: 75 x 221 = 16575 -> 16.575; half away -> 16.58.
  EXPECT_EQ((d("7.5") * d("2.21")).round(2, half_away).to_string(2), "16.58");
  // 15.5 x 2.21: 155 x 221 = 34255 -> 34.255; half away -> 34.26.
  EXPECT_EQ((d("15.5") * d("2.21")).round(2, half_away).to_string(2), "34.26");
  // 9.51 x 2.21: 951 x 221 = 210171 -> 21.0171; 0.0071 is above half a cent -> 21.02.
  EXPECT_EQ((d("9.51") * d("2.21")).round(2, half_away).to_string(2), "21.02");
}

TEST(DecimalIssueExamples, HasSeriesCostsToTheEuro) {
  // Seed 003: a session is AMS 7.5 at 2.15 = 16.125 (75 x 215 = 16125, 3 decimals), and a
  // series of n sessions costs n x 7.5 x 2.15, "arrondi à l'euro".
  const Decimal session = d("7.5") * d("2.15");
  EXPECT_EQ(session.to_string(), "16.125");
  // 15 x 7.5 = 112.5 (15 x 75 = 1125); x 2.15: 1125 x 215 = 241875 -> 241.875 -> 242.
  EXPECT_EQ((Decimal(15) * d("7.5") * d("2.15")).round(0, half_away).to_string(0), "242");
  // 10 x 7.5 = 75.0 (10 x 75 = 750); x 2.15: 750 x 215 = 161250 -> 161.250 -> 161.
  EXPECT_EQ((Decimal(10) * d("7.5") * d("2.15")).round(0, half_away).to_string(0), "161");
  // The other series of the guide's table:
  // 25 x 16.125: 25 x 16125 = 403125 -> 403.125 -> 403.
  EXPECT_EQ((Decimal(25) * session).round(0, half_away).to_string(0), "403");
  // 30 x 16.125: 30 x 16125 = 483750 -> 483.750 -> 484.
  EXPECT_EQ((Decimal(30) * session).round(0, half_away).to_string(0), "484");
  // 40 x 16.125: 40 x 16125 = 645000 -> 645.000 -> 645.
  EXPECT_EQ((Decimal(40) * session).round(0, half_away).to_string(0), "645");
  // 50 x 16.125: 50 x 16125 = 806250 -> 806.250 -> 806.
  EXPECT_EQ((Decimal(50) * session).round(0, half_away).to_string(0), "806");
}

TEST(DecimalIssueExamples, GuideSaysEuroAboveButRoundsToTheNearestEuro) {
  // The guide's footnote says "arrondi à l'euro supérieur", yet it prints 161 for 161.25
  // and 806 for 806.25: rounding up (away from zero) would give 162 and 807.
  EXPECT_EQ(d("161.25").round(0, away).to_string(0), "162");
  EXPECT_EQ(d("806.25").round(0, away).to_string(0), "807");
  EXPECT_EQ(d("161.25").round(0, half_away).to_string(0), "161");
}

TEST(DecimalIssueExamples, GuideSevenFiftyTwoIsReproducedByTruncation) {
  // Seed 003: "3,5 points, soit 7,52 euros". 3.5 x 2.15: 35 x 215 = 7525 -> 7.525, exactly
  // half a cent.
  const Decimal difference = d("3.5") * d("2.15");
  EXPECT_EQ(difference.to_string(), "7.525");
  // Toward zero (truncation) drops the 5 -> 7.52: reproduces the guide.
  EXPECT_EQ(difference.round(2, toward_zero).to_string(2), "7.52");
  // Half to even also gives 7.52 (the kept digit 2 is even); this one figure cannot tell
  // the two apart, but half to even is ruled out for the fund's tables by 18.785 -> 18.79.
  EXPECT_EQ(difference.round(2, half_even).to_string(2), "7.52");
  // The rounding of the fund's tables, half away from zero, gives 7.53: not the guide's.
  EXPECT_EQ(difference.round(2, half_away).to_string(2), "7.53");
  // Away from zero: 7.525 has a non-zero dropped digit -> 7.53.
  EXPECT_EQ(difference.round(2, away).to_string(2), "7.53");
}

// --- Rounding modes ---------------------------------------------------------------------

struct RoundingCase {
  const char* value;
  int decimals;
  RoundingMode mode;
  const char* expected;
};

TEST(DecimalRounding, EachModeOnPositiveAndNegativeHalves) {
  const std::vector<RoundingCase> cases = {
      // 2.345 is 2.34 + half a cent; the kept digit 4 is even.
      {"2.345", 2, half_away, "2.35"},  // half -> away from zero
      {"2.345", 2, half_even, "2.34"},  // 4 is even -> stays
      {"2.345", 2, toward_zero, "2.34"},
      {"2.345", 2, away, "2.35"},
      // 2.355 is 2.35 + half a cent; the kept digit 5 is odd.
      {"2.355", 2, half_away, "2.36"},
      {"2.355", 2, half_even, "2.36"},  // 5 is odd -> to the even 6
      {"2.355", 2, toward_zero, "2.35"},
      {"2.355", 2, away, "2.36"},
      // The same negative: each mode acts on the magnitude, the sign is kept.
      {"-2.345", 2, half_away, "-2.35"},
      {"-2.345", 2, half_even, "-2.34"},
      {"-2.345", 2, toward_zero, "-2.34"},
      {"-2.345", 2, away, "-2.35"},
      {"-2.355", 2, half_away, "-2.36"},
      {"-2.355", 2, half_even, "-2.36"},
      {"-2.355", 2, toward_zero, "-2.35"},
      {"-2.355", 2, away, "-2.36"},
      // Below half (2.341: 0.001 < 0.005) and above half (2.349: 0.009 > 0.005).
      {"2.341", 2, half_away, "2.34"},
      {"2.341", 2, half_even, "2.34"},
      {"2.341", 2, toward_zero, "2.34"},
      {"2.341", 2, away, "2.35"},  // any dropped non-zero digit moves away
      {"2.349", 2, half_away, "2.35"},
      {"2.349", 2, half_even, "2.35"},
      {"2.349", 2, toward_zero, "2.34"},
      {"2.349", 2, away, "2.35"},
      {"-2.341", 2, away, "-2.35"},
      {"-2.349", 2, toward_zero, "-2.34"},
      // Nothing dropped but zeros: no mode changes the value (2.300 -> 2.30).
      {"2.300", 2, half_away, "2.30"},
      {"2.300", 2, half_even, "2.30"},
      {"2.300", 2, toward_zero, "2.30"},
      {"2.300", 2, away, "2.30"},
      // To the euro: halves 0.5, 1.5, 2.5 and their negatives.
      {"0.5", 0, half_away, "1"},
      {"0.5", 0, half_even, "0"},  // 0 is even
      {"0.5", 0, toward_zero, "0"},
      {"0.5", 0, away, "1"},
      {"1.5", 0, half_away, "2"},
      {"1.5", 0, half_even, "2"},  // 1 is odd -> 2
      {"1.5", 0, toward_zero, "1"},
      {"1.5", 0, away, "2"},
      {"2.5", 0, half_away, "3"},
      {"2.5", 0, half_even, "2"},  // 2 is even -> stays
      {"2.5", 0, toward_zero, "2"},
      {"2.5", 0, away, "3"},
      {"-0.5", 0, half_away, "-1"},
      {"-0.5", 0, half_even, "0"},    // rounds to zero, which has no sign
      {"-0.5", 0, toward_zero, "0"},  // idem
      {"-0.5", 0, away, "-1"},
      {"-2.5", 0, half_away, "-3"},
      {"-2.5", 0, half_even, "-2"},
      {"-2.5", 0, toward_zero, "-2"},
      {"-2.5", 0, away, "-3"},
      // A carry through every digit: 9.995 + half a cent -> 10.00.
      {"9.995", 2, half_away, "10.00"},
      {"-9.995", 2, half_away, "-10.00"},
      // More dropped digits than the fast cases: 1.23456789 keeps 1.23, drops 0.00456789,
      // which is below half a cent (0.005).
      {"1.23456789", 2, half_away, "1.23"},
      {"1.23456789", 2, away, "1.24"},
      // 18 decimals dropped at once: exactly half a euro.
      {"0.500000000000000000", 0, half_away, "1"},
      {"0.500000000000000000", 0, half_even, "0"},
      {"0.500000000000000001", 0, half_even, "1"},  // just above half
  };
  for (const auto& c : cases) {
    const Decimal rounded = d(c.value).round(c.decimals, c.mode);
    EXPECT_EQ(rounded.to_string(c.decimals), c.expected)
        << c.value << " to " << c.decimals << " decimals, mode " << static_cast<int>(c.mode);
    EXPECT_EQ(rounded.scale(), c.decimals) << c.value;
  }
}

TEST(DecimalRounding, NegativeValueRoundedToZeroIsNotNegative) {
  // -0.004 to the cent toward zero: 0.00, printed without a sign.
  const Decimal rounded = d("-0.004").round(2, toward_zero);
  EXPECT_TRUE(rounded.is_zero());
  EXPECT_FALSE(rounded.is_negative());
  EXPECT_EQ(rounded.to_string(2), "0.00");
}

TEST(DecimalRounding, FewerDecimalsThanAskedIsUnchanged) {
  // 2.5 has 1 decimal: rounding to 2 changes nothing, not even the scale.
  const Decimal value = d("2.5").round(2, away);
  EXPECT_EQ(value.scale(), 1);
  EXPECT_EQ(value, d("2.5"));
}

TEST(DecimalRounding, DecimalsOutOfRangeAreAnError) {
  expect_error(DecimalErrorKind::invalid_argument, "round(-1)", [] { (void)d("1.5").round(-1, half_away); });
  expect_error(DecimalErrorKind::invalid_argument, "round(19)", [] { (void)d("1.5").round(19, half_away); });
}

// --- Parsing ----------------------------------------------------------------------------

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

// --- Formatting -------------------------------------------------------------------------

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

// to_chars writes what to_string returns, without allocating. The expected texts come from the
// formatting as it was written before to_chars (std::to_string of the mantissa, then zeros,
// point and sign inserted), kept here as the reference.
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

// --- Arithmetic -------------------------------------------------------------------------

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

// --- Overflow ---------------------------------------------------------------------------

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

// --- Division ---------------------------------------------------------------------------

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

// --- Comparison -------------------------------------------------------------------------

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
