// `cotation impact`: what a new rule set changes on a corpus of claims (src/tools/impact.hpp).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <thread>

#include "tools/command.hpp"
#include "tools/diff_sides.hpp"
#include "tools/impact.hpp"

namespace cotation::tools {
namespace {

struct ImpactCommandOptions {
  std::string before;
  std::string after;
  std::string claims_path;
  std::string format = "md";
  std::size_t jobs = std::max(1U, std::thread::hardware_concurrency());
  std::size_t examples = 3;
  bool all_steps = false;
  Reading reading;
};

int run_impact(const ImpactCommandOptions& options, const GlobalOptions& global) {
  const Language language = global.language;
  auto before_side = RuleSetSide::open(options.before, "impact", language, std::cerr);
  auto after_side = RuleSetSide::open(options.after, "impact", language, std::cerr);
  if (!before_side || !after_side) return exit_usage;
  const auto before = before_side->compile(language, std::cerr, options.reading.compile_options());
  const auto after = after_side->compile(language, std::cerr, options.reading.compile_options());
  if (!before || !after) return exit_bad_rules;
  ImpactReport report;
  try {
    report = measure_impact(*before, *after, options.claims_path, {options.jobs, options.examples});
  } catch (const UnreadableClaims&) {
    std::cerr << unreadable_file_message(options.claims_path, language) << '\n';
    return exit_usage;
  }
  const DiffTitles titles{before_side->name(), after_side->name()};
  if (options.format == "json") {
    std::cout << impact_json(report, titles).dump(2) << '\n';
  } else {
    std::cout << impact_markdown(report, titles, language, options.all_steps);
  }
  return report.changed_claims() == 0 ? exit_ok : exit_findings;
}

}  // namespace

Command add_impact_command(CLI::App& app) {
  auto options = std::make_shared<ImpactCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "impact",
      help_text(
          "Décide un corpus de factures (JSON Lines) avec deux ensembles de règles et dit ce qui change :\n"
          "factures dont la décision ou le montant change, montant total avant et après, détail par acte\n"
          "et par article, et les premiers exemples de chaque sorte de changement avec leur explication.\n"
          "ANCIEN et NOUVEAU sont des répertoires ou des révisions git (RÉVISION:CHEMIN).\n"
          "Exemple : cotation impact v1.2:rules rules factures.jsonl --examples 5\n"
          "Codes de sortie : 0 rien ne change, 1 des factures changent, 2 commande mal écrite ou fichier illisible,\n"
          "3 un des ensembles de règles ne compile pas.",
          "Decides a corpus of claims (JSON Lines) with two rule sets and tells what changes:\n"
          "claims whose decision or amount changes, total amount before and after, detail by act\n"
          "and by article, and the first examples of each kind of change with their explanation.\n"
          "OLD and NEW are directories or git revisions (REVISION:PATH).\n"
          "Example: cotation impact v1.2:rules rules claims.jsonl --examples 5\n"
          "Exit codes: 0 nothing changes, 1 claims change, 2 badly written command or unreadable file,\n"
          "3 one of the rule sets does not compile."));
  command->add_option("OLD", options->before, help_text("ensemble de règles de départ", "rule set to start from"))
      ->required();
  command->add_option("NEW", options->after, help_text("ensemble de règles d'arrivée", "rule set to arrive at"))
      ->required();
  command
      ->add_option("CLAIMS", options->claims_path,
                   help_text("fichier de factures JSON Lines (lu deux fois : pas l'entrée standard)",
                             "claims file in JSON Lines (read twice: not standard input)"))
      ->required();
  command->add_option("--format", options->format, help_text("md (défaut) ou json", "md (default) or json"))
      ->check(CLI::IsMember({"md", "json"}));
  command->add_option(
      "--examples", options->examples,
      help_text("exemples par sorte de changement (défaut : 3)", "examples per kind of change (default: 3)"));
  command->add_flag(
      "--all-steps", options->all_steps,
      help_text("montre toutes les étapes de l'explication des exemples, pas seulement celles qui diffèrent",
                "shows every step of the examples' explanations, not only those that differ"));
  command->add_option("--jobs", options->jobs, help_text("nombre de fils d'exécution", "number of threads"))
      ->check(CLI::Range(1, 256));
  add_reading_option(*command, options->reading);
  return {command, [options](const GlobalOptions& global) { return run_impact(*options, global); }};
}

}  // namespace cotation::tools
