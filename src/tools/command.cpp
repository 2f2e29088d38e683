#include "tools/command.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <system_error>
#include <vector>

namespace cotation::tools {

CompileOptions Reading::compile_options() const {
  CompileOptions options;
  options.apply_amendments = !as_signed;
  return options;
}

void add_reading_option(CLI::App& command, Reading& reading) {
  command.add_flag("--as-signed", reading.as_signed,
                   "lit les règles telles que signées, sans appliquer les amendements (reports, abrogations)");
}

std::string default_rules_path() {
  namespace fs = std::filesystem;
  std::error_code error;
  std::vector<fs::path> candidates = {"rules"};
  const fs::path program = fs::read_symlink("/proc/self/exe", error);
  if (!error) candidates.push_back(program.parent_path().parent_path() / "share" / "cotation" / "rules");
  candidates.emplace_back(COTATION_INSTALLED_RULES);
  for (const fs::path& candidate : candidates) {
    if (fs::is_directory(candidate, error)) return candidate.string();
  }
  return "rules";
}

std::shared_ptr<const RuleSet> compile_or_report(const std::string& rules_path, const Reading& reading,
                                                 Language language, std::ostream& errors) {
  const CompileResult compiled =
      compile_rule_set(rules_path.empty() ? default_rules_path() : rules_path, reading.compile_options());
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
