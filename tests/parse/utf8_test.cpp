#include "parse/utf8.hpp"

#include <gtest/gtest.h>

namespace cotation::utf8 {
namespace {

TEST(Utf8Fold, RemovesFrenchAccentsAndLowersAscii) {
  EXPECT_EQ(fold("référentiel"), "referentiel");
  EXPECT_EQ(fold("Règle"), "regle");
  EXPECT_EQ(fold("PARAMÈTRE"), "parametre");  // È folds to e, ASCII letters lowered
  EXPECT_EQ(fold("délà"), "dela");
  EXPECT_EQ(fold("cœur"), "coeur");
  EXPECT_EQ(fold("ç"), "c");
}

TEST(Utf8Decode, RejectsMalformedSequences) {
  EXPECT_FALSE(decode("\xC3").has_value());          // truncated
  EXPECT_FALSE(decode("\xC0\xAF").has_value());      // overlong '/'
  EXPECT_FALSE(decode("\xED\xA0\x80").has_value());  // surrogate
  EXPECT_FALSE(decode("\xFF").has_value());
  const auto e_acute = decode("é");
  ASSERT_TRUE(e_acute.has_value());
  EXPECT_EQ(e_acute->value, U'é');
  EXPECT_EQ(e_acute->length, 2U);
}

TEST(Utf8Column, CountsCharactersNotBytes) {
  // "é" is two bytes: the byte at offset 3 ('x') is the third character.
  EXPECT_EQ(column_of("éax", 3), 3U);
  EXPECT_EQ(column_of("\tx", 1), 9U);  // a tab advances to column 9
  EXPECT_EQ(column_of("€ x", 4), 3U);  // the euro sign is three bytes, one column
}

TEST(Utf8Letters, AcceptLatinLettersButNotSigns) {
  EXPECT_TRUE(is_latin_letter(U'é'));
  EXPECT_TRUE(is_latin_letter(U'Œ'));
  EXPECT_FALSE(is_latin_letter(U'×'));
  EXPECT_FALSE(is_latin_letter(U'€'));
  EXPECT_FALSE(is_latin_letter(U'’'));
}

TEST(Utf8FindInvalid, PointsAtTheFirstBadByte) {
  EXPECT_FALSE(find_invalid("règle ok").has_value());
  EXPECT_EQ(find_invalid("ab\xFF" "cd"), 2U);
}

}  // namespace
}  // namespace cotation::utf8
