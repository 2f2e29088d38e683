// `cotation diff`: what changes in meaning between two rule sets, or in one rule set between
// two dates (src/tools/diff.hpp says how).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "tools/command.hpp"
#include "tools/diff.hpp"
#include "tools/diff_sides.hpp"

namespace cotation::tools {
namespace {

struct DiffOptions {
  std::vector<std::string> rule_sets;
  std::vector<std::string> dates;
  std::string format = "md";
  Reading reading;
};

std::optional<model::Day> parse_day(const std::string& text) {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  char end = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &year, &month, &day, &end) != 3)
    return std::nullopt;
  const Date date{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
  if (!date.ok()) return std::nullopt;
  return model::day_of(date);
}

int run_diff(const DiffOptions& options, const GlobalOptions& global) {
  const Language language = global.language;
  const bool by_dates = !options.dates.empty();
  if (by_dates && (options.dates.size() != 2 || options.rule_sets.size() != 1)) {
    report_usage("diff", "tools.at_needs_two_dates", {}, language, std::cerr);
    return exit_usage;
  }
  if (!by_dates && options.rule_sets.size() != 2) {
    report_usage("diff", "tools.diff_needs_two_rule_sets", {}, language, std::cerr);
    return exit_usage;
  }
  std::vector<model::Day> days;
  for (const auto& text : options.dates) {
    const auto day = parse_day(text);
    if (!day) {
      report_usage("diff", "tools.bad_date", {text}, language, std::cerr);
      return exit_usage;
    }
    days.push_back(*day);
  }
  std::vector<RuleSetSide> sides;
  for (const auto& argument : options.rule_sets) {
    auto side = RuleSetSide::open(argument, "diff", language, std::cerr);
    if (!side) return exit_usage;
    sides.push_back(std::move(*side));
  }
  const CompileOptions compile_options = options.reading.compile_options();
  std::vector<std::shared_ptr<const RuleSet>> compiled;
  for (const auto& side : sides) {
    compiled.push_back(side.compile(language, std::cerr, compile_options));
    if (!compiled.back()) return exit_bad_rules;
  }

  DiffTitles titles;
  RuleSetDiff result;
  if (by_dates) {
    const std::string_view on = language == Language::english ? "on" : "le";
    titles = {fmt::format("{} {} {}", sides[0].name(), on, options.dates[0]),
              fmt::format("{} {} {}", sides[0].name(), on, options.dates[1])};
    const auto& model = compiled[0]->model();
    result = diff(snapshot_at(model, days[0]), snapshot_at(model, days[1]));
  } else {
    titles = {sides[0].name(), sides[1].name()};
    result = diff(snapshot(compiled[0]->model()), snapshot(compiled[1]->model()));
  }
  if (options.format == "json") {
    std::cout << diff_json(result, titles).dump(2) << '\n';
  } else {
    std::cout << diff_markdown(result, titles, language);
  }
  return result.elements.empty() ? exit_ok : exit_findings;
}

}  // namespace

Command add_diff_command(CLI::App& app) {
  auto options = std::make_shared<DiffOptions>();
  CLI::App* command = app.add_subcommand(
      "diff",
      help_text(
          "Compare le sens de deux ensembles de règles (ou d'un ensemble à deux dates) : lettres clés,\n"
          "forfaits, paramètres, actes et règles ajoutés, retirés ou modifiés, avec leurs dates et sources.\n"
          "La mise en page, l'ordre et les commentaires ne comptent pas.\n"
          "ANCIEN et NOUVEAU sont des répertoires ou des révisions git (RÉVISION:CHEMIN depuis la racine du dépôt).\n"
          "Exemples : cotation diff v1.2:rules rules\n"
          "           cotation diff --at 2025-12-31 --at 2026-01-01 rules --format json\n"
          "Codes de sortie : 0 aucune différence, 1 des différences, 2 commande mal écrite ou révision introuvable,\n"
          "3 un des ensembles de règles ne compile pas.",
          "Compares the meaning of two rule sets (or of one set on two dates): key letters,\n"
          "items, parameters, acts and rules added, removed or changed, with their dates and sources.\n"
          "Layout, order and comments do not count.\n"
          "OLD and NEW are directories or git revisions (REVISION:PATH from the repository's root).\n"
          "Examples: cotation diff v1.2:rules rules\n"
          "          cotation diff --at 2025-12-31 --at 2026-01-01 rules --format json\n"
          "Exit codes: 0 no difference, 1 differences, 2 badly written command or unknown revision,\n"
          "3 one of the rule sets does not compile."));
  command
      ->add_option("RULES", options->rule_sets,
                   help_text("ANCIEN NOUVEAU, ou un seul ensemble avec --at", "OLD NEW, or one set with --at"))
      ->required();
  command->add_option("--at", options->dates,
                      help_text("date (AAAA-MM-JJ) ; deux fois : ce qui change en vigueur entre ces dates",
                                "date (YYYY-MM-DD); twice: what changes in force between these dates"));
  command
      ->add_option("--format", options->format,
                   help_text("md (défaut, pour les lecteurs) ou json (pour les programmes)",
                             "md (default, for readers) or json (for programs)"))
      ->check(CLI::IsMember({"md", "json"}));
  add_reading_option(*command, options->reading);
  return {command, [options](const GlobalOptions& global) { return run_diff(*options, global); }};
}

}  // namespace cotation::tools
