#include "tools/command.hpp"

#include <fmt/format.h>

namespace cotation::tools {

std::shared_ptr<const RuleSet> compile_or_report(const std::string& rules_path, Language language,
                                                 std::ostream& errors) {
  const CompileResult compiled = compile_rule_set(rules_path);
  for (const auto& diagnostic : compiled.diagnostics) errors << render(diagnostic, language) << '\n';
  return compiled.rule_set;
}

std::string unreadable_file_message(const std::string& path, Language language) {
  return fmt::format("{} : {}", path, language == Language::french ? "fichier illisible" : "cannot read file");
}

}  // namespace cotation::tools
