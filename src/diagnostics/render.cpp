#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <tuple>

#include "cotation/diagnostic.hpp"
#include "parse/utf8.hpp"

namespace cotation {
namespace {

// Wider lines are cut around the caret so that a 1 MB line prints as one screen line.
constexpr std::size_t excerpt_width = 100;

std::string_view severity_word(Severity severity, Language language) {
  const bool french = language == Language::french;
  switch (severity) {
    case Severity::error: return french ? "erreur" : "error";
    case Severity::warning: return french ? "avertissement" : "warning";
    case Severity::note: return "note";
  }
  return "";
}

// The line as printable UTF-8: tabs expanded, malformed bytes and control characters
// shown as U+FFFD, one entry per column so the caret can be placed under a character.
std::vector<std::string> printable_columns(std::string_view line) {
  std::vector<std::string> columns;
  std::size_t offset = 0;
  while (offset < line.size()) {
    if (line[offset] == '\t') {
      const std::size_t spaces = 8 - (columns.size() % 8);
      for (std::size_t i = 0; i < spaces; ++i) columns.emplace_back(" ");
      ++offset;
      continue;
    }
    const auto decoded = utf8::decode(line.substr(offset));
    if (!decoded || decoded->value < 0x20 || decoded->value == 0x7F) {
      columns.emplace_back("\xEF\xBF\xBD");
      offset += decoded ? decoded->length : 1;
      continue;
    }
    columns.emplace_back(line.substr(offset, decoded->length));
    offset += decoded->length;
  }
  return columns;
}

}  // namespace

std::string render(const Diagnostic& diagnostic, Language language) {
  const auto& where = diagnostic.position;
  // A problem with a whole file or directory has no line: it is named by its path alone.
  const std::string place =
      where.line > 0 ? fmt::format("{}:{}:{}", where.file, where.line, where.column) : where.file;
  std::string out = fmt::format("{}: {}: {}\n", place, severity_word(diagnostic.severity, language),
                                message_text(diagnostic, language));
  if (where.line > 0) {
    const auto columns = printable_columns(diagnostic.source_line);
    const std::size_t caret = where.column > 0 ? where.column - 1 : 0;
    std::size_t first = 0;
    if (columns.size() > excerpt_width && caret > excerpt_width / 2) {
      first = std::min(caret - excerpt_width / 2, columns.size() - excerpt_width);
    }
    const std::size_t last = std::min(columns.size(), first + excerpt_width);
    std::string excerpt = first > 0 ? "…" : "";
    for (std::size_t i = first; i < last; ++i) excerpt += columns[i];
    if (last < columns.size()) excerpt += "…";
    const std::string number = std::to_string(where.line);
    const std::string gutter(number.size(), ' ');
    const std::size_t caret_column = caret - first + (first > 0 ? 1 : 0);
    out += fmt::format("{} | {}\n{} | {}^\n", number, excerpt, gutter, std::string(caret_column, ' '));
  }
  const std::string hint = hint_text(diagnostic, language);
  if (!hint.empty()) {
    out += fmt::format("{}: {}\n", language == Language::french ? "aide" : "help", hint);
  }
  return out;
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.position.file, a.position.line, a.position.column, a.severity) <
           std::tie(b.position.file, b.position.line, b.position.column, b.severity);
  });
}

}  // namespace cotation
