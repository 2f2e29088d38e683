// `cotation eval`: decides claims read as JSON Lines, one decision record per input line.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <thread>

#include "cotation/batch.hpp"
#include "tools/command.hpp"

namespace cotation::tools {
namespace {

struct EvalOptions {
  std::string rules_path;  // empty: default_rules_path()
  Reading reading;
  std::string claims_path = "-";
  std::size_t jobs = std::max(1U, std::thread::hardware_concurrency());
  bool explain = false;
};

int run_eval(const EvalOptions& options, const GlobalOptions& global) {
  const auto rule_set = compile_or_report(options.rules_path, options.reading, global.language, std::cerr);
  if (!rule_set) return exit_bad_rules;
  std::ifstream file;
  // A pipe or a terminal is answered claim by claim; a file is read in large blocks.
  BatchOptions batch{options.jobs, options.explain};
  batch.line_at_a_time = !is_regular_file(options.claims_path);
  std::istream* claims = batch.line_at_a_time && options.claims_path == "-"
                             ? &standard_input_as_read()
                             : open_claims(options.claims_path, file, global.language, std::cerr);
  if (claims == nullptr) return exit_usage;
  const BatchSummary summary = evaluate_json_lines(*rule_set, *claims, std::cout, batch);
  check_read_to_the_end(*claims, options.claims_path, global.language);
  return summary.invalid == 0 ? exit_ok : exit_findings;
}

}  // namespace

Command add_eval_command(CLI::App& app) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* command =
      app.add_subcommand("eval",
                         "Décide des factures (JSON Lines) avec un ensemble de règles ; écrit une décision par ligne.\n"
                         "Exemple : cotation eval --rules rules/ examples/claims.jsonl\n"
                         "Lisant un tube ou un terminal, répond facture par facture, dès que sa ligne est complète.\n"
                         "Codes de sortie : 0 toutes les lignes décidées, 1 au moins un enregistrement invalide,\n"
                         "2 commande mal écrite, 3 règles en erreur.");
  command->add_option("--rules", options->rules_path,
                      "répertoire des règles (défaut : ./rules, sinon les règles installées)");
  command->add_option("FILE", options->claims_path,
                      "fichier de factures JSON Lines, ou - pour l'entrée standard (défaut)");
  command->add_option("--jobs", options->jobs, "nombre de fils d'exécution")->check(CLI::Range(1, 256));
  command->add_flag("--explain", options->explain, "ajoute à chaque décision les étapes qui y ont mené");
  add_reading_option(*command, options->reading);
  return {command, [options](const GlobalOptions& global) { return run_eval(*options, global); }};
}

}  // namespace cotation::tools
