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
    std::cout << impact_markdown(report, titles, language);
  }
  return report.changed_claims() == 0 ? exit_ok : exit_findings;
}

}  // namespace

Command add_impact_command(CLI::App& app) {
  auto options = std::make_shared<ImpactCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "impact",
      "Décide un corpus de factures (JSON Lines) avec deux ensembles de règles et dit ce qui change :\n"
      "factures dont la décision ou le montant change, montant total avant et après, détail par acte\n"
      "et par article, et les premiers exemples de chaque sorte de changement avec leur explication.\n"
      "ANCIEN et NOUVEAU sont des répertoires ou des révisions git (RÉVISION:CHEMIN).\n"
      "Exemple : cotation impact v1.2:rules rules factures.jsonl --examples 5\n"
      "Codes de sortie : 0 rien ne change, 1 des factures changent, 2 commande mal écrite ou fichier illisible,\n"
      "3 un des ensembles de règles ne compile pas.");
  command->add_option("OLD", options->before, "ensemble de règles de départ")->required();
  command->add_option("NEW", options->after, "ensemble de règles d'arrivée")->required();
  command
      ->add_option("CLAIMS", options->claims_path,
                   "fichier de factures JSON Lines (lu deux fois : pas l'entrée standard)")
      ->required();
  command->add_option("--format", options->format, "md (défaut) ou json")->check(CLI::IsMember({"md", "json"}));
  command->add_option("--examples", options->examples, "exemples par sorte de changement (défaut : 3)");
  command->add_option("--jobs", options->jobs, "nombre de fils d'exécution")->check(CLI::Range(1, 256));
  add_reading_option(*command, options->reading);
  return {command, [options](const GlobalOptions& global) { return run_impact(*options, global); }};
}

}  // namespace cotation::tools
