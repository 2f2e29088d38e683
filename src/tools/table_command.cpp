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
  const auto region = region_of_option(options.region, global.language, std::cerr);
  const TableFormat format = options.format == "csv"      ? TableFormat::csv
                             : options.format == "csv-fr" ? TableFormat::csv_fr
                             : options.format == "html"   ? TableFormat::html
                             : options.format == "json"   ? TableFormat::json
                                                          : TableFormat::markdown;
  Table table = build_table(rule_set->model(), *day, region, global.language);
  if (format == TableFormat::html) table.generated_on = generation_date();
  write_table(table, format, global.language, std::cout);
  return table.without_value.empty() ? exit_ok : exit_findings;
}

}  // namespace

Command add_table_command(CLI::App& app) {
  auto options = std::make_shared<TableOptions>();
  CLI::App* command = app.add_subcommand(
      "table",
      help_text(
          "Le tableau des tarifs en vigueur à une date : actes par article (ancienne cotation, cotation, tarif),\n"
          "lettres clés, forfaits et indemnités.\n"
          "Exemple : cotation table --rules rules/ --date 2024-02-22 --region drom --format html > tarifs.html\n"
          "Codes de sortie : 0 tableau complet, 1 des actes en vigueur n'ont pas de tarif à cette date (listés),\n"
          "2 commande mal écrite (date invalide...), 3 règles en erreur.",
          "The tariffs in force on a date: acts by article (old cotation, cotation, tariff),\n"
          "key letters, flat-rate items and allowances.\n"
          "Example: cotation table --rules rules/ --date 2024-02-22 --region drom --format html > tariffs.html\n"
          "Exit codes: 0 complete table, 1 acts in force have no tariff on that date (listed),\n"
          "2 badly written command (invalid date...), 3 rules in error."));
  command->add_option("--rules", options->rules_path,
                      help_text("répertoire des règles (défaut : ./rules, sinon les règles installées)",
                                "rules directory (default: ./rules, else the installed rules)"));
  command
      ->add_option("--date", options->date, help_text("date du tableau, AAAA-MM-JJ", "date of the table, YYYY-MM-DD"))
      ->required();
  command
      ->add_option("--region", options->region,
                   help_text("metropole (défaut) ou drom (outre-mer ; outre-mer et outre_mer sont acceptés)",
                             "metropole (default) or drom (overseas; outre-mer and outre_mer are accepted)"))
      ->check(CLI::IsMember(region_options));
  command
      ->add_option(
          "--format", options->format,
          help_text("md (défaut), csv, csv-fr (Excel français : « ; », virgule décimale, BOM UTF-8), html ou json",
                    "md (default), csv, csv-fr (French Excel: « ; », decimal comma, UTF-8 BOM), html or json"))
      ->check(CLI::IsMember({"md", "csv", "csv-fr", "html", "json"}));
  add_reading_option(*command, options->reading);
  return {command, [options](const GlobalOptions& global) { return run_table(*options, global); }};
}

}  // namespace cotation::tools
