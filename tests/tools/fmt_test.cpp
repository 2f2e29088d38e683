// `cotation fmt`: a messy file gives its hand-written canonical layout; over every file of
// rules/ and tests/parse/valid/, formatting is idempotent, keeps every comment, and gives a
// text whose syntax tree (positions aside) is the one of the original.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "parse/parser.hpp"
#include "support/golden.hpp"
#include "tools/fmt.hpp"
#include "tools/syntax_tree_text.hpp"

namespace cotation::tools {
namespace {

namespace fs = std::filesystem;
using testing::read_file;

const fs::path source_dir = COTATION_SOURCE_DIR;

std::string formatted(const std::string& text) {
  std::vector<Diagnostic> diagnostics;
  const auto result = format_rule_file(SourceFile("test.cot", text), diagnostics);
  EXPECT_TRUE(diagnostics.empty()) << testing::rendered(diagnostics, Language::french);
  return result.value_or("");
}

std::string tree_of(const std::string& text) {
  std::vector<Diagnostic> diagnostics;
  const syntax::File file = parse_source(SourceFile("test.cot", text), 0, ParseOptions{}, diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  return testing::syntax_tree_text(file);
}

// The comments of a text, in order, without trailing blanks: a `#` outside a string up to
// the end of its line. Written apart from the formatter so that it checks it.
std::vector<std::string> comments_of(const std::string& text) {
  std::vector<std::string> comments;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (in_string && text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      in_string = !in_string;
    } else if (text[i] == '#' && !in_string) {
      std::size_t end = text.find('\n', i);
      if (end == std::string::npos) end = text.size();
      std::string comment = text.substr(i, end - i);
      while (!comment.empty() && (comment.back() == ' ' || comment.back() == '\t' || comment.back() == '\r')) {
        comment.pop_back();
      }
      comments.push_back(comment);
      i = end;
    }
  }
  return comments;
}

std::vector<fs::path> corpus() {
  std::vector<Diagnostic> ignored;
  std::vector<fs::path> files = rule_files(source_dir / "rules", ParseOptions{}, ignored);
  const auto valid = rule_files(source_dir / "tests/parse/valid", ParseOptions{}, ignored);
  files.insert(files.end(), valid.begin(), valid.end());
  return files;
}

TEST(Fmt, MessyFileGivesItsCanonicalLayout) {
  const fs::path directory = source_dir / "tests/tools/fmt";
  EXPECT_EQ(formatted(read_file(directory / "messy.cot")), read_file(directory / "messy.expected.cot"));
}

TEST(Fmt, CorpusIsIdempotentKeepsCommentsAndMeaning) {
  const auto files = corpus();
  ASSERT_GE(files.size(), 15U);
  for (const auto& file : files) {
    SCOPED_TRACE(file.string());
    const std::string original = read_file(file);
    const std::string once = formatted(original);
    EXPECT_EQ(formatted(once), once) << "formatting twice changes the text";
    EXPECT_EQ(tree_of(once), tree_of(original)) << "the formatted text means something else";
    EXPECT_EQ(comments_of(once), comments_of(original));
    EXPECT_FALSE(comments_of(original).empty());
  }
}

TEST(Fmt, LineEndsByteOrderMarkAndFinalNewline) {
  // CRLF becomes LF, the byte order mark goes, the last line gets its newline.
  EXPECT_EQ(formatted("\xEF\xBB\xBFsource a \"A\"\r\n\r\n\r\nsource b \"B\" # fin"),
            "source a \"A\"\n\nsource b \"B\"  # fin\n");
}

TEST(Fmt, SignsDashesAndApostrophesStayGlued) {
  // `+0.6`, `au-delà`, `jusqu'au` are single words of the grammar; `a -1` is a subtraction.
  EXPECT_EQ(formatted("revalorisation r \"R\" {\n  coefficient  +0.6 depuis 2025-07-01 selon s\n}\n"),
            "revalorisation r \"R\" {\n  coefficient +0.6 depuis 2025-07-01 selon s\n}\n");
  EXPECT_EQ(formatted("acte a \"A\" { référentiel \"r\" : accord préalable au-delà de 2 séances par série selon s }"),
            "acte a \"A\" {\n  référentiel \"r\" : accord préalable au-delà de 2 séances par série selon s\n}\n");
  EXPECT_EQ(formatted("règle r \"R\" {\n  si a -1 > - -b\n  jusqu'au 2024-01-01\n}\n"),
            "règle r \"R\" {\n  si a - 1 > - -b\n  jusqu'au 2024-01-01\n}\n");
}

TEST(Fmt, CommentInsideAStatementBreaksItsLine) {
  // The statement goes on four columns further; a `{` after a comment starts its own line at
  // the level of its declaration.
  EXPECT_EQ(formatted("acte a \"A\" # tête\n{ cotation RAM 7.49 # x\n selon s\n\n\n  # fin\n}\n"),
            "acte a \"A\"  # tête\n{\n  cotation RAM 7.49  # x\n      selon s\n\n  # fin\n}\n");
  EXPECT_EQ(formatted("amendement m \"M\" selon s {\n  ajoute acte a\n  # c\n  { # d\n}}"),
            "amendement m \"M\" selon s {\n  ajoute acte a\n      # c\n  {  # d\n  }\n}\n");
}

TEST(Fmt, FileWithSyntaxErrorIsRefusedWithItsDiagnostics) {
  std::vector<Diagnostic> diagnostics;
  const auto result = format_rule_file(
      SourceFile("broken.cot", "lettre RAM \"Rachis\" {\n  valeur 2.21 € depuis 2024-02-22\n}\n"), diagnostics);
  EXPECT_FALSE(result.has_value());
  ASSERT_EQ(diagnostics.size(), 1U);
  EXPECT_EQ(diagnostics[0].message_id, "syntax.expected_citation");
}

}  // namespace
}  // namespace cotation::tools
