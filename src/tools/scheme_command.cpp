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
  std::istream* situations = open_claims(options.situations_path, file, global.language, std::cerr);
  if (situations == nullptr) return exit_usage;
  const SchemeSummary summary = evaluate_situations(*rule_set, *situations, std::cout);
  check_read_to_the_end(*situations, options.situations_path, global.language);
  return summary.invalid == 0 ? exit_ok : exit_findings;
}

}  // namespace

Command add_scheme_command(CLI::App& app) {
  auto options = std::make_shared<SchemeOptions>();
  CLI::App* command = app.add_subcommand(
      "scheme",
      "Évalue les dispositifs de la convention (forfait d'aide à la modernisation, contrats démographiques,\n"
      "conventionnement) pour des situations (JSON Lines, docs/schemes.md) : montants, échéancier,\n"
      "décision et sources ; un résultat par ligne, même mal formée.\n"
      "Exemple : cotation scheme --rules rules/ situations.jsonl\n"
      "Codes de sortie : 0 toutes les situations évaluées, 1 au moins un enregistrement invalide,\n"
      "2 commande mal écrite ou fichier illisible, 3 règles en erreur.");
  command->add_option("--rules", options->rules_path,
                      "répertoire des règles (défaut : ./rules, sinon les règles installées)");
  command->add_option("FILE", options->situations_path,
                      "fichier de situations JSON Lines, ou - pour l'entrée standard (défaut)");
  add_reading_option(*command, options->reading);
  return {command, [options](const GlobalOptions& global) { return run_scheme(*options, global); }};
}

}  // namespace cotation::tools
