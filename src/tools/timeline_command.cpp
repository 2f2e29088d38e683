// `cotation timeline`: the history of one act, key letter or flat-rate item.
#include <fmt/format.h>

#include <iostream>

#include "tools/command.hpp"
#include "tools/table.hpp"
#include "tools/timeline.hpp"

namespace cotation::tools {
namespace {

struct TimelineOptions {
  std::string rules_path;  // empty: default_rules_path()
  Reading reading;
  std::string code;
  std::string format = "text";
};

int run_timeline(const TimelineOptions& options, const GlobalOptions& global) {
  const auto rule_set = compile_or_report(options.rules_path, options.reading, global.language, std::cerr);
  if (!rule_set) return exit_bad_rules;
  const SubjectLookup lookup = find_subject(rule_set->model(), options.code);
  if (!lookup.subject) {
    if (!lookup.candidates.empty()) {
      std::cerr << fmt::format("{} : {} {}", options.code,
                               say(global.language, "plusieurs actes répondent, nommez l'un d'eux :",
                                   "several acts answer, name one of them:"),
                               fmt::join(lookup.candidates, ", "))
                << '\n';
    } else if (!lookup.suggestions.empty()) {
      std::cerr << fmt::format("{} : {} {} ?", options.code,
                               say(global.language, "aucun acte, lettre clé ni forfait de ce nom ; vouliez-vous dire",
                                   "no act, key letter or item has this name; did you mean"),
                               fmt::join(lookup.suggestions, ", "))
                << '\n';
    } else {
      std::cerr << fmt::format("{} : {}", options.code,
                               say(global.language,
                                   "aucun acte, lettre clé ni forfait de ce nom, de ce code ni avec ces mots "
                                   "(exemples : lombalgie_commune, RAM 7.49, lombalgie, AMK, IFD)",
                                   "no act, key letter or item has this name or code, or these words (examples: "
                                   "lombalgie_commune, RAM 7.49, lombalgie, AMK, IFD)"))
                << '\n';
    }
    return exit_usage;
  }
  const TimelineFormat format = options.format == "json"   ? TimelineFormat::json
                                : options.format == "html" ? TimelineFormat::html
                                                           : TimelineFormat::text;
  write_timeline(rule_set->model(), *lookup.subject, format, global.language, std::cout);
  return exit_ok;
}

}  // namespace

Command add_timeline_command(CLI::App& app) {
  auto options = std::make_shared<TimelineOptions>();
  CLI::App* command = app.add_subcommand(
      "timeline",
      help_text(
          "L'histoire d'un acte (par son nom, son code facturé ou des mots de son libellé), d'une lettre clé ou d'un "
          "forfait : chaque\n"
          "cotation, valeur et tarif avec ses dates, ses régions et ses sources, revalorisations et reports compris.\n"
          "Exemple : cotation timeline --rules rules/ lombalgie_commune --format html > lombalgie.html\n"
          "Codes de sortie : 0 histoire écrite, 2 commande mal écrite ou code inconnu, 3 règles en erreur.",
          "The history of an act (by its name, billed code or label words), a key letter or an item: each\n"
          "cotation, value and tariff with its dates, regions and sources, revaluations and postponements included.\n"
          "Example: cotation timeline --rules rules/ lombalgie_commune --format html > lombalgie.html\n"
          "Exit codes: 0 history written, 2 badly written command or unknown code, 3 rules in error."));
  command->add_option("--rules", options->rules_path,
                      help_text("répertoire des règles (défaut : ./rules, sinon les règles installées)",
                                "rules directory (default: ./rules, else the installed rules)"));
  command
      ->add_option("CODE", options->code,
                   help_text("nom d'acte, code facturé (\"RAM 7.49\"), lettre clé ou forfait",
                             "act name, billed code (\"RAM 7.49\"), words of its label, key letter or item (any case)"))
      ->required();
  command
      ->add_option("--format", options->format,
                   help_text("text (défaut), json ou html", "text (default), json or html"))
      ->check(CLI::IsMember({"text", "json", "html"}));
  add_reading_option(*command, options->reading);
  return {command, [options](const GlobalOptions& global) { return run_timeline(*options, global); }};
}

}  // namespace cotation::tools
