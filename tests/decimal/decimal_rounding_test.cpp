// Exact decimal amounts: the examples of issue 3 and the rounding modes. Every expected value
// is worked out by hand in the comment beside it, never copied from the code's output.
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

}  // namespace
}  // namespace cotation
