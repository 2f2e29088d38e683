// Positions as the protocol counts them (UTF-16 code units) against the parser's byte
// offsets, URIs against paths, and the JSON-RPC framing.
#include <gtest/gtest.h>

#include <sstream>

#include "lsp/documents.hpp"
#include "lsp/protocol.hpp"

namespace cotation::lsp {
namespace {

// "é" is 2 bytes and 1 UTF-16 unit; "𝄞" (U+1D11E) is 4 bytes and 2 units.
constexpr std::string_view text = "acte a\n  référentiel 𝄞 x\n}";

TEST(LspPositions, ByteOffsetsBecomeUtf16Units) {
  const std::size_t x = text.find(" x") + 1;
  const TextPosition position = position_at(text, x);
  EXPECT_EQ(position.line, 1U);
  // "  référentiel " is 14 characters (2 é), then 𝄞 counts 2, then a space: 17.
  EXPECT_EQ(position.character, 17U);
  EXPECT_EQ(offset_at(text, position), x);
}

TEST(LspPositions, PastTheLineEndStopsAtIt) {
  EXPECT_EQ(offset_at(text, {0, 99}), text.find('\n'));
  EXPECT_EQ(offset_at(text, {9, 0}), text.size());
}

TEST(LspPositions, DiagnosticColumnsCountCharacters) {
  // Column 5 of line 2 is the first "f" after "  ré": byte 5 of the line, as "é" takes two.
  EXPECT_EQ(offset_of_column(text, 2, 5), text.find("férentiel"));
}

TEST(LspUris, PercentEncodedBothWays) {
  EXPECT_EQ(path_of_uri("file:///r%C3%A8gles/a%20b/../x.cot"), "/règles/x.cot");
  EXPECT_EQ(uri_of_path("/règles/a b.cot"), "file:///r%C3%A8gles/a%20b.cot");
}

TEST(LspFraming, ReadsWhatItWrites) {
  std::stringstream stream;
  write_message(stream, {{"id", 1}, {"method", "initialize"}});
  write_message(stream, {{"method", "exit"}});
  EXPECT_EQ(read_message(stream)->at("method"), "initialize");
  EXPECT_EQ(read_message(stream)->at("method"), "exit");
  EXPECT_FALSE(read_message(stream).has_value());
}

TEST(LspFraming, ABodyThatIsNotJsonIsDiscardedAndALyingLengthEnds) {
  std::stringstream not_json("Content-Length: 5\r\n\r\n{nope");
  EXPECT_TRUE(read_message(not_json)->is_discarded());
  std::stringstream too_short("Content-Length: 50\r\n\r\n{}");
  EXPECT_FALSE(read_message(too_short).has_value());
  std::stringstream too_large("Content-Length: 99999999999\r\n\r\n{}");
  EXPECT_FALSE(read_message(too_large).has_value());
}

}  // namespace
}  // namespace cotation::lsp
