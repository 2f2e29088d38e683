// `cotation scheme`: evaluates convention mechanisms (`dispositif`) for situations read as
// JSON Lines, one result record per input line.
#include <fstream>
#include <iostream>

#include "tools/command.hpp"
#include "tools/scheme.hpp"

namespace cotation::tools {
namespace {

struct SchemeOptions {
  std::string rules_path;  // empty: default_rules_path()
  Reading reading;
  std::string situations_path = "-";
};

int run_scheme(const SchemeOptions& options, const GlobalOptions& global) {
  const auto rule_set = compile_or_report(options.rules_path, options.reading, global.language, std::cerr);
  if (!rule_set) return exit_bad_rules;
  std::ifstream file;
  bool as_they_come = false;  // a pipe or a terminal: each situation answered as its line comes
  std::istream* situations = open_lines(options.situations_path, file, as_they_come, global.language, std::cerr);
  if (situations == nullptr) return exit_usage;
  const SchemeSummary summary = evaluate_situations(*rule_set, *situations, std::cout, as_they_come);
  check_read_to_the_end(*situations, options.situations_path, global.language);
  return summary.invalid == 0 ? exit_ok : exit_findings;
}

}  // namespace

Command add_scheme_command(CLI::App& app) {
  auto options = std::make_shared<SchemeOptions>();
  CLI::App* command = app.add_subcommand(
      "scheme",
      help_text("Évalue les dispositifs de la convention (forfait d'aide à la modernisation, contrats démographiques,\n"
                "conventionnement) pour des situations (JSON Lines, docs/schemes.md) : montants, échéancier,\n"
                "décision et sources ; un résultat par ligne, même mal formée.\n"
                "Exemple : cotation scheme --rules rules/ situations.jsonl\n"
                "Codes de sortie : 0 toutes les situations évaluées, 1 au moins un enregistrement invalide,\n"
                "2 commande mal écrite ou fichier illisible, 3 règles en erreur.",
                "Evaluates the agreement's schemes (modernisation aid, demographic contracts,\n"
                "agreement membership) for situations (JSON Lines, docs/schemes.md): amounts, schedule,\n"
                "decision and sources; one result per line, even a malformed one.\n"
                "Example: cotation scheme --rules rules/ situations.jsonl\n"
                "Exit codes: 0 every situation evaluated, 1 at least one invalid record,\n"
                "2 badly written command or unreadable file, 3 rules in error."));
  command->add_option("--rules", options->rules_path,
                      help_text("répertoire des règles (défaut : ./rules, sinon les règles installées)",
                                "rules directory (default: ./rules, else the installed rules)"));
  command->add_option("FILE", options->situations_path,
                      help_text("fichier de situations JSON Lines, ou - pour l'entrée standard (défaut)",
                                "situations file in JSON Lines, or - for standard input (default)"));
  add_reading_option(*command, options->reading);
  return {command, [options](const GlobalOptions& global) { return run_scheme(*options, global); }};
}

}  // namespace cotation::tools
