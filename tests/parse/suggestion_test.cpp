// The "vouliez-vous dire" distance and choice (src/parse/suggestion.hpp), on the slips the
// analysts make; each expected distance is counted by hand beside it. Then the corrections
// likely_intent (src/parse/likely_intent.hpp) attaches to the slips, offsets counted in bytes.
#include <gtest/gtest.h>

#include "parse/likely_intent.hpp"
#include "parse/suggestion.hpp"

namespace cotation {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsSubstitutionsAndSwaps) {
  EXPECT_EQ(edit_distance("depui", "depuis", 3), 1U);      // one insertion: s
  EXPECT_EQ(edit_distance("cotaton", "cotation", 3), 1U);  // one insertion: i
  EXPECT_EQ(edit_distance("DRX", "DRA", 3), 1U);           // one substitution: X -> A
  EXPECT_EQ(edit_distance("DAR", "DRA", 3), 1U);           // one swap of neighbours: AR -> RA
  EXPECT_EQ(edit_distance("été", "ete", 3), 2U);           // code points, not bytes: é -> e twice
  EXPECT_EQ(edit_distance("sinon", "non", 3), 2U);         // two deletions: s, i
}

TEST(EditDistance, StopsAboveItsBound) {
  EXPECT_EQ(edit_distance("source", "revalorisation", 2), 3U);  // length alone differs by 8
  EXPECT_EQ(edit_distance("abcdef", "uvwxyz", 2), 3U);
}

TEST(ClosestWord, SuggestsTheNearestValidWord) {
  const std::vector<std::string_view> keywords = {"depuis", "jusqu", "selon"};
  EXPECT_EQ(closest_word("depui", keywords), "depuis");
  EXPECT_EQ(closest_word("selom", keywords), "selon");
}

TEST(ClosestWord, CaseAndAccentsAloneAreAlwaysClose) {
  EXPECT_EQ(closest_word("AV7", {"cnam_av7", "av7"}), "av7");
  EXPECT_EQ(closest_word("regle", {"lettre", "règle"}), "règle");
}

TEST(ClosestWord, SuggestsNothingFarOrIdentical) {
  EXPECT_EQ(closest_word("sinon", {"non", "si"}), std::nullopt);  // 2 edits for a 3-letter word
  EXPECT_EQ(closest_word("IFD", {"IFD"}), std::nullopt);
  EXPECT_EQ(closest_word("lombalgie", {"AMK", "DRA"}), std::nullopt);
}

TEST(ClosestWord, TheFirstOfEquallyCloseWins) {
  EXPECT_EQ(closest_word("IFO", {"IFD", "IFS"}), "IFD");
}

// The text with the intent's correction applied.
std::string corrected(std::string_view text, const LikelyIntent& intent) {
  return std::string(text.substr(0, intent.offset)) + intent.replacement +
         std::string(text.substr(intent.replaced_end));
}

TEST(LikelyIntent, CorrectsAMisspeltKeyword) {
  const std::string_view text = "cotation RAM 7.49 depui 2024-02-22";
  const auto intent = likely_intent(text, 18, {"depuis", "selon"});  // "cotation RAM 7.49 " is 18 bytes
  ASSERT_TRUE(intent);
  EXPECT_EQ(intent->message_id, "syntax.did_you_mean");
  EXPECT_EQ(corrected(text, *intent), "cotation RAM 7.49 depuis 2024-02-22");
}

TEST(LikelyIntent, ReplacesANonBreakingSpaceByASpace) {
  const std::string_view text =
      "cotation RAM\xC2\xA0"
      "7.49";  // U+00A0: 2 bytes
  const auto intent = likely_intent(text, 9, {});
  ASSERT_TRUE(intent);
  EXPECT_EQ(intent->offset, 12U);
  EXPECT_EQ(intent->replaced_end, 14U);
  EXPECT_EQ(corrected(text, *intent), "cotation RAM 7.49");
}

TEST(LikelyIntent, StraightensTypographicQuotesInPairs) {
  // French typography: « art. 2.1 » with spaces inside, dropped by the fix (a no-break space
  // right after « is reported first, as syntax.non_breaking_space).
  const std::string_view text = "selon av7 « art. 2.1 »\n";
  const auto intent = likely_intent(text, 10, {});
  ASSERT_TRUE(intent);
  EXPECT_EQ(intent->message_id, "syntax.typographic_quote");
  EXPECT_EQ(corrected(text, *intent), "selon av7 \"art. 2.1\"\n");
  const std::string_view unclosed =
      "selon av7 \xE2\x80\x9C"
      "art. 2.1\"\n";  // “ then a straight quote
  const auto alone = likely_intent(unclosed, 10, {});
  ASSERT_TRUE(alone);
  EXPECT_EQ(corrected(unclosed, *alone), "selon av7 \"art. 2.1\"\n");
}

TEST(LikelyIntent, WritesAHyphenatedNameWithAnUnderscore) {
  const std::string_view text = "statut pre-requis\n";
  const auto intent = likely_intent(text, 10, {});  // the parser stops at the hyphen
  ASSERT_TRUE(intent);
  EXPECT_EQ(intent->offset, 7U);
  EXPECT_EQ(corrected(text, *intent), "statut pre_requis\n");
}

TEST(LikelyIntent, WritesTheRegionOutreMerAsDrom) {
  const std::string_view text = "region outre-mer\n";
  const auto intent = likely_intent(text, 12, {});  // the parser stops at the hyphen
  ASSERT_TRUE(intent);
  EXPECT_EQ(intent->offset, 7U);
  EXPECT_EQ(corrected(text, *intent), "region drom\n");
}

}  // namespace
}  // namespace cotation
