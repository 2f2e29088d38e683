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
  // The statement goes on two columns further (under the first item inside a list); a `{`
  // after a comment starts its own line at the level of its declaration.
  EXPECT_EQ(formatted("acte a \"A\" # tête\n{ cotation RAM 7.49 # x\n selon s\n\n\n  # fin\n}\n"),
            "acte a \"A\"  # tête\n{\n  cotation RAM 7.49  # x\n    selon s\n\n  # fin\n}\n");
  EXPECT_EQ(formatted("amendement m \"M\" selon s {\n  ajoute acte a\n  # c\n  { # d\n}}"),
            "amendement m \"M\" selon s {\n  ajoute acte a\n    # c\n  {  # d\n  }\n}\n");
  EXPECT_EQ(formatted("groupe g \"G\" {\n  acte a, # x\n b\n}\n"), "groupe g \"G\" {\n  acte a,  # x\n       b\n}\n");
}

// `expected` is the canonical layout of `text`, and formatting it again changes nothing.
void expect_layout(const std::string& text, const std::string& expected) {
  EXPECT_EQ(formatted(text), expected);
  EXPECT_EQ(formatted(expected), expected) << "a broken line is not stable";
}

std::string repeated(std::string_view piece, std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text += piece;
  return text;
}

TEST(Fmt, StatementThatFitsInHundredCharactersStaysOnOneLine) {
  // 2 + `cotation RAM 7.49 ` 18 + `selon s ` 8 + 72 for the quoted string = 100 characters
  // (170 bytes: `é` takes two); with one `é` more the line is broken before `selon`. A comment
  // at the end of the line is not counted.
  const std::string fits = "  cotation RAM 7.49 selon s \"" + repeated("é", 70) + "\"";
  expect_layout("acte a \"A\" {\n" + fits + "\n}\n", "acte a \"A\" {\n" + fits + "\n}\n");
  expect_layout("acte a \"A\" {\n" + fits + " # commentaire\n}\n", "acte a \"A\" {\n" + fits + "  # commentaire\n}\n");
  // A statement the analyst broke is joined when it fits.
  expect_layout("forfait f \"F\" {\n  condition x\n    message \"m\"\n    selon s\n}\n",
                "forfait f \"F\" {\n  condition x message \"m\" selon s\n}\n");
  const std::string citation = "selon s \"" + repeated("é", 71) + "\"";
  expect_layout("acte a \"A\" {\n  cotation RAM 7.49 " + citation + "\n}\n",
                "acte a \"A\" {\n  cotation RAM 7.49\n    " + citation + "\n}\n");
}

TEST(Fmt, TelecareStatementIsLaidOutLikeTheOthers) {
  expect_layout("lettre TMK \"T\" {\n      télésoin   des    actes    selon cnam_av7 \"x\"\n}\n",
                "lettre TMK \"T\" {\n  télésoin des actes selon cnam_av7 \"x\"\n}\n");
  const std::string citation = "selon s \"" + repeated("é", 90) + "\"";
  expect_layout("lettre TMK \"T\" {\n  télésoin des actes " + citation + "\n}\n",
                "lettre TMK \"T\" {\n  télésoin des actes\n    " + citation + "\n}\n");
}

TEST(Fmt, SeulementAvecIsLaidOutLikeTheOthers) {
  expect_layout("règle r \"R\" {\n   pour forfait IFD\n      seulement    avec   tout acte ,groupe g\n}\n",
                "règle r \"R\" {\n  pour forfait IFD\n  seulement avec tout acte, groupe g\n}\n");
}

TEST(Fmt, LongLineIsBrokenBeforeMessageThenBeforeSelon) {
  // `  condition patient.âge > 18` is 28 characters. With a message and a citation of 30
  // letters: 28 + 41 + 41 = 110, broken before `message`; then 4 + 40 + 41 = 85 fits.
  const std::string head = "forfait f \"F\" {\n  condition patient.âge > 18";
  const std::string message = "message \"" + repeated("m", 30) + "\"";
  const std::string citation = "selon s \"" + repeated("c", 30) + "\"";
  expect_layout(head + " " + message + " " + citation + "\n}\n", head + "\n    " + message + " " + citation + "\n}\n");
  // A message of 50 letters: 4 + 60 + 41 = 105 on the second line, broken before `selon` too.
  const std::string long_message = "message \"" + repeated("m", 50) + "\"";
  expect_layout(head + "\n" + long_message + "\n" + citation + "\n}\n",
                head + "\n    " + long_message + "\n    " + citation + "\n}\n");
}

TEST(Fmt, CalculStillTooWideIsBrokenBeforeArrondi) {
  // 87 for the expression, + 37 for ` arrondi au centime demi_loin_de_zero` = 124 > 100 once
  // `selon s` has its own line: `arrondi` gets one too.
  const std::string computation =
      "  calcul montant_de_base_du_forfait_de_la_seance × coefficient_de_majoration_applicable";
  expect_layout("forfait f \"F\" {\n" + computation + " arrondi au centime demi_loin_de_zero selon s\n}\n",
                "forfait f \"F\" {\n" + computation + "\n    arrondi au centime demi_loin_de_zero\n    selon s\n}\n");
}

TEST(Fmt, ListTooWideIsFilledUnderItsFirstItem) {
  // Names of 24 characters. `  acte ` puts the first at column 7: 7 + 3 × 25 + 2 = 84 for
  // three with their commas; a fourth would end at 110.
  std::vector<std::string> names;
  for (int i = 1; i <= 7; ++i) names.push_back("premier_acte_de_liste_0" + std::to_string(i));
  const auto joined = [&](std::size_t from, std::size_t to) {
    std::string text = names[from];
    for (std::size_t i = from + 1; i < to; ++i) text += ", " + names[i];
    return text;
  };
  const std::string under = "\n       ";
  expect_layout(
      "groupe g \"G\" {\n  acte " + joined(0, 7) + "\n}\n",
      "groupe g \"G\" {\n  acte " + joined(0, 3) + "," + under + joined(3, 6) + "," + under + names[6] + "\n}\n");
  // `  non cumulable avec acte ` is 26 columns: 26 + 25 + 26 = 77, a third name would end at 103.
  expect_layout("règle r \"R\" {\n  non cumulable avec acte " + joined(0, 4) + "\n}\n",
                "règle r \"R\" {\n  non cumulable avec acte " + joined(0, 2) + ",\n" + repeated(" ", 26) +
                    joined(2, 4) + "\n}\n");
}

TEST(Fmt, ClausesAreBrokenBeforeListsAreFilled) {
  // `1.00 € en region_numero_0N` is 26 characters, 9 columns in: 9 + 27 + 28 + 28 = 92 for
  // three; with the fourth the line is 119 wide, `selon s` first goes to its own line, then
  // the list is filled.
  std::string values;
  for (int i = 1; i <= 4; ++i)
    values += (i > 1 ? ", " : "") + std::string("1.00 € en region_numero_0") + std::to_string(i);
  const std::string filled =
      "1.00 € en region_numero_01, 1.00 € en region_numero_02, 1.00 € en region_numero_03,\n         1.00 € "
      "en region_numero_04";
  expect_layout("lettre L \"L\" {\n  valeur " + values + " selon s\n}\n",
                "lettre L \"L\" {\n  valeur " + filled + "\n    selon s\n}\n");
}

TEST(Fmt, DeclarationLineIsNotBroken) {
  // 2 × 60 letters: far wider than 100, yet the `selon` of an amendment stays on its line.
  const std::string head =
      "amendement m \"" + repeated("l", 60) + "\" selon s \"" + repeated("c", 60) + "\" {\n  abroge acte a\n}\n";
  expect_layout(head, head);
}

TEST(Fmt, StringIsNeverSplit) {
  // A note has no clause to break before; a citation too long for its own line overflows.
  const std::string note = "  note \"" + repeated("n", 120) + "\"";
  expect_layout("acte a \"A\" {\n" + note + "\n}\n", "acte a \"A\" {\n" + note + "\n}\n");
  const std::string citation = "selon s \"" + repeated("c", 120) + "\"";
  expect_layout("acte a \"A\" {\n  cotation RAM 7.49 " + citation + "\n}\n",
                "acte a \"A\" {\n  cotation RAM 7.49\n    " + citation + "\n}\n");
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
