// The "vouliez-vous dire" distance and choice (src/parse/suggestion.hpp), on the slips the
// analysts make; each expected distance is counted by hand beside it.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace cotation
