// `cotation eval`: decides claims read as JSON Lines, one decision record per input line.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <thread>

#include "cotation/batch.hpp"
#include "tools/command.hpp"
#include "tools/history_store.hpp"

namespace cotation::tools {
namespace {

struct EvalOptions {
  std::string rules_path;  // empty: default_rules_path()
  Reading reading;
  std::string claims_path = "-";
  std::size_t jobs = std::max(1U, std::thread::hardware_concurrency());
  bool explain = false;
  std::string history_path;  // empty: the history is the input's earlier claims only
};

int run_eval(const EvalOptions& options, const GlobalOptions& global) {
  const auto rule_set = compile_or_report(options.rules_path, options.reading, global.language, std::cerr);
  if (!rule_set) return exit_bad_rules;
  std::ifstream file;
  // A pipe or a terminal is answered claim by claim; a file is read in large blocks.
  BatchOptions batch{options.jobs, options.explain, global.language};
  std::istream* claims = open_lines(options.claims_path, file, batch.line_at_a_time, global.language, std::cerr);
  if (claims == nullptr) return exit_usage;
  std::optional<HistoryStore> store;
  BatchSummary summary;
  try {
    if (!options.history_path.empty()) {
      store.emplace(options.history_path, *rule_set);
      batch.prepare = [&store](std::size_t worker, std::size_t workers, EvaluationScratch& scratch) {
        store->load(worker, workers, scratch);
      };
      batch.after_chunk = [&store](std::span<const DecidedClaim> chunk) { store->save(chunk); };
    }
    summary = evaluate_json_lines(*rule_set, *claims, std::cout, batch);
  } catch (const std::runtime_error& error) {
    std::cerr << error.what() << '\n';
    return exit_usage;
  }
  check_read_to_the_end(*claims, options.claims_path, global.language);
  return summary.invalid == 0 ? exit_ok : exit_findings;
}

}  // namespace

Command add_eval_command(CLI::App& app) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* command = app.add_subcommand(
      "eval", help_text("Décide des factures (JSON Lines) avec un ensemble de règles ; écrit une décision par ligne.\n"
                        "Exemple : cotation eval --rules rules/ examples/claims.jsonl\n"
                        "Lisant un tube ou un terminal, répond facture par facture, dès que sa ligne est complète.\n"
                        "Codes de sortie : 0 toutes les lignes décidées, 1 au moins un enregistrement invalide,\n"
                        "2 commande mal écrite, 3 règles en erreur.",
                        "Decides claims (JSON Lines) with a rule set; writes one decision per line.\n"
                        "Example: cotation eval --rules rules/ examples/claims.jsonl\n"
                        "Reading a pipe or a terminal, it answers claim by claim, as soon as its line is complete.\n"
                        "Exit codes: 0 every line decided, 1 at least one invalid record,\n"
                        "2 badly written command, 3 rules in error."));
  command->add_option("--rules", options->rules_path,
                      help_text("répertoire des règles (défaut : ./rules, sinon les règles installées)",
                                "rules directory (default: ./rules, else the installed rules)"));
  command->add_option("FILE", options->claims_path,
                      help_text("fichier de factures JSON Lines, ou - pour l'entrée standard (défaut)",
                                "claims file in JSON Lines, or - for standard input (default)"));
  command->add_option("--jobs", options->jobs, help_text("nombre de fils d'exécution", "number of threads"))
      ->check(CLI::Range(1, 256));
  command->add_option("--history", options->history_path,
                      help_text("base SQLite de l'historique des patients, lue puis complétée à chaque lot "
                                "(docs/claim-format.md §7)",
                                "SQLite store of the patients' history, read then completed at each chunk "
                                "(docs/claim-format.md §7)"));
  command->add_flag("--explain", options->explain,
                    help_text("ajoute à chaque décision les étapes qui y ont mené",
                              "adds to each decision the steps that led to it"));
  add_reading_option(*command, options->reading);
  return {command, [options](const GlobalOptions& global) { return run_eval(*options, global); }};
}

}  // namespace cotation::tools
