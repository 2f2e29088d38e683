// Diagnostics: what cotation says about a rule set or a claim, at a place in a file,
// in French or in English.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>
#include "cotation/export.h"

COTATION_PUBLIC_BEGIN
namespace cotation {

enum class Severity { error, warning, note };

enum class Language { french, english };

// A place in a source file; line and column are 1-based, the column counts characters
// (not bytes), tabs advancing to the next multiple of 8.
struct SourcePosition {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
};

// A correction a tool can apply without asking: the text from `start` to `end` (same file as
// the diagnostic, `end` excluded) becomes `replacement`, e.g. `depui` -> `depuis`.
struct Fix {
  SourcePosition start;
  SourcePosition end;
  std::string replacement;
};

struct Diagnostic {
  Severity severity = Severity::error;
  // Stable identifier of the message in the catalogue (src/diagnostics/messages.cpp),
  // e.g. "syntax.expected_since_date"; the text is rendered in the reader's language.
  std::string message_id;
  std::vector<std::string> arguments;
  SourcePosition position;
  std::string source_line;  // the line at `position`, for the caret excerpt
  std::optional<Fix> fix;   // when the checker knows the correction ("vouliez-vous dire")
};

// The message alone, in `language`.
[[nodiscard]] std::string message_text(const Diagnostic& diagnostic, Language language);

// A hint that helps fix the problem, or an empty string.
[[nodiscard]] std::string hint_text(const Diagnostic& diagnostic, Language language);

// The full rendering, one diagnostic per call:
//   rules/x.cot:3:12: erreur: ...
//      3 | valeur 2.21 € depuis 2024-02-30 selon av7
//        |            ^
//   aide: ...
[[nodiscard]] std::string render(const Diagnostic& diagnostic, Language language);

// Sorts by file, line and column, errors before warnings at one place.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

}  // namespace cotation
COTATION_PUBLIC_END
