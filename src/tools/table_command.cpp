// `cotation table`: the tariff table in force on a date, for one region.
#include <iostream>

#include "tools/command.hpp"
#include "tools/table.hpp"

namespace cotation::tools {
namespace {

struct TableOptions {
  std::string rules_path;  // empty: default_rules_path()
  Reading reading;
  std::string date;
  std::string region = "metropole";
  std::string format = "md";
};

int run_table(const TableOptions& options, const GlobalOptions& global) {
  const auto day = parse_day(options.date);
  if (!day) {
    std::cerr << invalid_date_message(options.date, global.language) << '\n';
    return exit_usage;
  }
  const auto rule_set = compile_or_report(options.rules_path, options.reading, global.language, std::cerr);
  if (!rule_set) return exit_bad_rules;
  const auto region = options.region == "metropole" ? model::RegionIndex::metropole : model::RegionIndex::outre_mer;
  const TableFormat format = options.format == "csv"    ? TableFormat::csv
                             : options.format == "html" ? TableFormat::html
                             : options.format == "json" ? TableFormat::json
                                                        : TableFormat::markdown;
  const Table table = build_table(rule_set->model(), *day, region, global.language);
  write_table(table, format, global.language, std::cout);
  return table.without_value.empty() ? exit_ok : exit_findings;
}

}  // namespace

Command add_table_command(CLI::App& app) {
  auto options = std::make_shared<TableOptions>();
  CLI::App* command = app.add_subcommand(
      "table",
      "Le tableau des tarifs en vigueur à une date : actes par article (ancienne cotation, cotation, tarif),\n"
      "lettres clés, forfaits et indemnités.\n"
      "Exemple : cotation table --rules rules/ --date 2024-02-22 --region outre-mer --format html > tarifs.html\n"
      "Codes de sortie : 0 tableau complet, 1 des actes en vigueur n'ont pas de tarif à cette date (listés),\n"
      "2 commande mal écrite (date invalide...), 3 règles en erreur.");
  command->add_option("--rules", options->rules_path,
                      "répertoire des règles (défaut : ./rules, sinon les règles installées)");
  command->add_option("--date", options->date, "date du tableau, AAAA-MM-JJ")->required();
  command->add_option("--region", options->region, "metropole (défaut) ou outre-mer")
      ->check(CLI::IsMember({"metropole", "outre-mer", "outre_mer", "drom"}));
  command->add_option("--format", options->format, "md (défaut), csv, html ou json")
      ->check(CLI::IsMember({"md", "csv", "html", "json"}));
  add_reading_option(*command, options->reading);
  return {command, [options](const GlobalOptions& global) { return run_table(*options, global); }};
}

}  // namespace cotation::tools
