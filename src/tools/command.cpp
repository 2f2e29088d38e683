#include "tools/command.hpp"

#include <fmt/format.h>

#include <iostream>

namespace cotation::tools {

std::shared_ptr<const RuleSet> compile_or_report(const std::string& rules_path, Language language,
                                                 std::ostream& errors) {
  const CompileResult compiled = compile_rule_set(rules_path);
  for (const auto& diagnostic : compiled.diagnostics) errors << render(diagnostic, language) << '\n';
  return compiled.rule_set;
}

std::istream* open_claims(const std::string& path, std::ifstream& file, Language language, std::ostream& errors) {
  if (path == "-") return &std::cin;
  file.open(path, std::ios::binary);
  if (file) return &file;
  errors << unreadable_file_message(path, language) << '\n';
  return nullptr;
}

std::string unreadable_file_message(const std::string& path, Language language) {
  return fmt::format("{} : {}", path, language == Language::french ? "fichier illisible" : "cannot read file");
}

}  // namespace cotation::tools
