// `cotation test DIR`: runs the examples written in the rule files and compares each line's
// decision, exact amount and reason with what the analyst expects.
#include <iostream>

#include "tools/command.hpp"
#include "tools/example_runner.hpp"

namespace cotation::tools {
namespace {

struct TestOptions {
  std::string rules_path;
  Reading reading;
  std::string format = "text";
  bool coverage = false;
  bool all_steps = false;
};

int run_test(const TestOptions& options, const GlobalOptions& global) {
  const auto rule_set = compile_or_report(options.rules_path, options.reading, global.language, std::cerr);
  if (!rule_set) return exit_bad_rules;
  const ExampleReport report = run_examples(*rule_set);
  if (options.format == "json") {
    std::cout << report_json(report, options.coverage).dump(2) << '\n';
  } else {
    std::cout << report_text(report, options.coverage, global.language, options.all_steps);
  }
  return report.failures() == 0 ? exit_ok : exit_findings;
}

}  // namespace

Command add_test_command(CLI::App& app) {
  auto options = std::make_shared<TestOptions>();
  CLI::App* command = app.add_subcommand(
      "test",
      help_text(
          "Rejoue les exemples écrits dans les fichiers de règles (`exemple`) et compare chaque ligne :\n"
          "décision, montant exact, motif. Un échec montre la facture, l'attendu, l'obtenu et l'explication.\n"
          "Exemple : cotation test rules/ --coverage\n"
          "Codes de sortie : 0 tous les exemples réussis, 1 au moins un échec, 2 commande mal écrite,\n"
          "3 règles en erreur.",
          "Replays the examples written in the rule files (`exemple`) and compares each line:\n"
          "decision, exact amount, reason. A failure shows the claim, the expected, the actual and the explanation.\n"
          "Example: cotation test rules/ --coverage\n"
          "Exit codes: 0 every example passes, 1 at least one failure, 2 badly written command,\n"
          "3 rules in error."));
  command
      ->add_option(
          "DIR", options->rules_path,
          help_text("répertoire de fichiers .cot (ou un seul fichier)", "directory of .cot files (or one file)"))
      ->required();
  command->add_flag("--coverage", options->coverage,
                    help_text("liste les règles, cotations et branches qu'aucun exemple n'exerce",
                              "lists the rules, cotations and branches no example exercises"));
  command->add_flag("--all-steps", options->all_steps,
                    help_text("un échec montre toute l'explication, pas seulement les étapes des lignes en échec",
                              "a failure shows the whole explanation, not only the steps of the failing lines"));
  command->add_option("--format", options->format, help_text("text (défaut) ou json", "text (default) or json"))
      ->check(CLI::IsMember({"text", "json"}));
  add_reading_option(*command, options->reading);
  return {command, [options](const GlobalOptions& global) { return run_test(*options, global); }};
}

}  // namespace cotation::tools
