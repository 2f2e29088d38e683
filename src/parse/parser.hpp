// Reading rule files into syntax trees, reporting every problem found on the way.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "cotation/diagnostic.hpp"
#include "cotation/rule_set.hpp"
#include "diagnostics/source_file.hpp"
#include "parse/syntax_tree.hpp"

namespace cotation {

struct ParsedRuleSet {
  std::vector<std::unique_ptr<SourceFile>> sources;  // positions index into this
  std::vector<syntax::File> files;
  std::vector<Diagnostic> diagnostics;
};

// Parses one file already in memory. Diagnostics are appended to `diagnostics`.
[[nodiscard]] syntax::File parse_source(const SourceFile& source, std::uint32_t index,
                                        const ParseOptions& options, std::vector<Diagnostic>& diagnostics);

// The .cot files under `path` (a directory, searched recursively, in path order), or `path`
// itself when it names a file. Problems (missing path, no rule file...) go to `diagnostics`.
[[nodiscard]] std::vector<std::filesystem::path> rule_files(const std::filesystem::path& path,
                                                            const ParseOptions& options,
                                                            std::vector<Diagnostic>& diagnostics);

// Parses rule files given in memory, in name order, after `diagnostics` (the reading's own):
// the one parsing behind both a directory and files handed over by a program.
[[nodiscard]] ParsedRuleSet parse_rule_texts(std::vector<RuleText> files, const ParseOptions& options,
                                             std::vector<Diagnostic> diagnostics = {});

// Reads and parses every .cot file under `path` (a directory, searched recursively in
// name order, or a single file).
[[nodiscard]] ParsedRuleSet parse_rule_set(const std::filesystem::path& path, const ParseOptions& options);

}  // namespace cotation
