// Reading a rule set: a directory of .cot files, or files given in memory.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "cotation/diagnostic.hpp"
#include "cotation/export.h"

COTATION_PUBLIC_BEGIN
namespace cotation {

// Every limit on the input, with why it exists. Hostile or broken input meets one of
// these and gets a diagnostic; none of them is ever reached by a real rule set.
struct ParseOptions {
  // A rule file is text written by hand: the whole convention is well under 1 MiB.
  std::size_t max_file_bytes = 8U << 20U;
  // The number of .cot files read from one directory tree.
  std::size_t max_files = 10'000;
  // The depth of an expression's tree, which the parser (parentheses, `non`, unary `-`), the
  // compiler, the renderers and the tree's copy and destruction recurse over: this bounds
  // their stack. Each right operand of a binary operator counts one level, as the tree
  // nests it: 10,000 operands `0 € + 0 € + ...` overflowed the stack in the compiler.
  std::size_t max_expression_depth = 64;
  // Diagnostics reported per file before the rest of it is skipped.
  std::size_t max_errors_per_file = 50;
};

// One rule file given in memory: its name, as a path inside the rule set ("actes/ram.cot"; it
// names the file in diagnostics and, with the text, makes the rule set's hash: the files of a
// directory given by their paths relative to it hash as the directory does), and its text.
struct RuleText {
  std::string name;
  std::string text;
};

struct CheckReport {
  std::vector<Diagnostic> diagnostics;  // sorted, errors and warnings
  std::size_t file_count = 0;
  std::size_t declaration_count = 0;

  [[nodiscard]] std::size_t error_count() const noexcept;
  [[nodiscard]] bool ok() const noexcept { return error_count() == 0; }
};

// Parses every .cot file under `directory` (or the one file it names) and reports all
// problems found. Never throws for bad input: an unreadable path is a diagnostic too.
[[nodiscard]] CheckReport check_rule_set(const std::filesystem::path& directory,
                                         const ParseOptions& options = {});

}  // namespace cotation
COTATION_PUBLIC_END
