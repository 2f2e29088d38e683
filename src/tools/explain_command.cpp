// `cotation explain`: for each claim of a JSON Lines file, why each line was decided as it
// was and how its amount was computed, as a tree (text) or as data (json).
#include <fstream>
#include <iostream>

#include "tools/command.hpp"
#include "tools/explain.hpp"

namespace cotation::tools {
namespace {

struct ExplainOptions {
  std::string rules_path;  // empty: default_rules_path()
  Reading reading;
  std::string claims_path = "-";
  std::string format = "text";
};

int run_explain(const ExplainOptions& options, const GlobalOptions& global) {
  const auto rule_set = compile_or_report(options.rules_path, options.reading, global.language, std::cerr);
  if (!rule_set) return exit_bad_rules;
  std::ifstream file;
  bool as_they_come = false;  // a pipe or a terminal: each claim explained as its line comes
  std::istream* claims = open_lines(options.claims_path, file, as_they_come, global.language, std::cerr);
  if (claims == nullptr) return exit_usage;
  const std::size_t invalid = explain_json_lines(*rule_set, *claims, std::cout,
                                                 options.format == "json" ? ExplainFormat::json : ExplainFormat::text,
                                                 global.language, as_they_come);
  check_read_to_the_end(*claims, options.claims_path, global.language);
  return invalid == 0 ? exit_ok : exit_findings;
}

}  // namespace

Command add_explain_command(CLI::App& app) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* command = app.add_subcommand(
      "explain",
      help_text("Explique chaque facture (JSON Lines) : pourquoi chaque ligne est acceptée, refusée ou soumise à\n"
                "accord préalable, et comment son montant est calculé, avec les sources citées.\n"
                "Exemple : cotation explain --rules rules/ examples/claims.jsonl\n"
                "Codes de sortie : 0 toutes les factures expliquées, 1 au moins un enregistrement invalide,\n"
                "2 commande mal écrite ou fichier illisible, 3 règles en erreur.",
                "Explains each claim (JSON Lines): why each line is accepted, refused or subject to\n"
                "prior approval, and how its amount is computed, with the sources cited.\n"
                "Example: cotation explain --rules rules/ examples/claims.jsonl\n"
                "Exit codes: 0 every claim explained, 1 at least one invalid record,\n"
                "2 badly written command or unreadable file, 3 rules in error."));
  command->add_option("--rules", options->rules_path,
                      help_text("répertoire des règles (défaut : ./rules, sinon les règles installées)",
                                "rules directory (default: ./rules, else the installed rules)"));
  command->add_option("FILE", options->claims_path,
                      help_text("fichier de factures JSON Lines, ou - pour l'entrée standard (défaut)",
                                "claims file in JSON Lines, or - for standard input (default)"));
  command
      ->add_option("--format", options->format,
                   help_text("text (arbre lisible, défaut) ou json (un objet par facture)",
                             "text (readable tree, default) or json (one object per claim)"))
      ->check(CLI::IsMember({"text", "json"}));
  add_reading_option(*command, options->reading);
  return {command, [options](const GlobalOptions& global) { return run_explain(*options, global); }};
}

}  // namespace cotation::tools
