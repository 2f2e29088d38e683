// `cotation check DIR`: every diagnostic of parsing and of the compiler's checks.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>

#include "cotation/rule_set.hpp"
#include "diagnostics/diagnostic_json.hpp"
#include "tools/command.hpp"

namespace cotation::tools {
namespace {

struct CheckOptions {
  std::string rules_path;
  std::string format = "text";
};

std::string summary(const CheckReport& report, const std::string& path, Language language) {
  const std::size_t errors = report.error_count();
  const std::size_t warnings = report.diagnostics.size() - errors;
  if (language == Language::english) {
    return fmt::format("{}: {} file{}, {} declaration{}, {} error{}, {} warning{}", path, report.file_count,
                       report.file_count == 1 ? "" : "s", report.declaration_count,
                       report.declaration_count == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
                       warnings == 1 ? "" : "s");
  }
  const auto plural = [](std::size_t n) { return n > 1 ? "s" : ""; };
  return fmt::format("{} : {} fichier{}, {} déclaration{}, {} erreur{}, {} avertissement{}", path, report.file_count,
                     plural(report.file_count), report.declaration_count, plural(report.declaration_count), errors,
                     plural(errors), warnings, plural(warnings));
}

nlohmann::json to_json(const CheckReport& report, Language language) {
  nlohmann::json diagnostics = nlohmann::json::array();
  for (const auto& d : report.diagnostics) {
    diagnostics.push_back(diagnostic_json(d, language));
  }
  return {{"files", report.file_count},
          {"declarations", report.declaration_count},
          {"errors", report.error_count()},
          {"warnings", report.diagnostics.size() - report.error_count()},
          {"diagnostics", std::move(diagnostics)}};
}

int run_check(const CheckOptions& options, const GlobalOptions& global) {
  const CheckReport report = check_rule_set(options.rules_path);
  if (options.format == "json") {
    std::cout << to_json(report, global.language).dump(2) << '\n';
  } else {
    for (const auto& diagnostic : report.diagnostics) std::cout << render(diagnostic, global.language) << '\n';
    std::cout << summary(report, options.rules_path, global.language) << '\n';
  }
  stop_if_unreadable(report.diagnostics);
  return report.ok() ? exit_ok : exit_findings;
}

}  // namespace

Command add_check_command(CLI::App& app) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* command = app.add_subcommand(
      "check", help_text("Lit un ensemble de règles et signale toutes les erreurs.\n"
                         "Exemple : cotation check rules/\n"
                         "Codes de sortie : 0 sans erreur, 1 s'il y a des erreurs, 2 si la commande est mal écrite.",
                         "Reads a rule set and reports every error.\n"
                         "Example: cotation check rules/\n"
                         "Exit codes: 0 no error, 1 errors, 2 the command is badly written."));
  command
      ->add_option(
          "DIR", options->rules_path,
          help_text("répertoire de fichiers .cot (ou un seul fichier)", "directory of .cot files (or one file)"))
      ->required();
  command->add_option("--format", options->format, help_text("text (défaut) ou json", "text (default) or json"))
      ->check(CLI::IsMember({"text", "json"}));
  return {command, [options](const GlobalOptions& global) { return run_check(*options, global); }};
}

}  // namespace cotation::tools
