// The `cotation` command line. Each subcommand is a thin layer over the library.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>
#include <string>

#include "cotation/batch.hpp"
#include "cotation/diagnostic.hpp"
#include "cotation/engine.hpp"
#include "cotation/rule_set.hpp"

namespace {

// Exit codes, documented in the README.
constexpr int exit_ok = 0;
constexpr int exit_findings = 1;
constexpr int exit_usage = 2;
constexpr int exit_bad_rules = 3;

std::string_view severity_name(cotation::Severity severity) {
  switch (severity) {
    case cotation::Severity::error: return "error";
    case cotation::Severity::warning: return "warning";
    case cotation::Severity::note: return "note";
  }
  return "";
}

std::string summary(const cotation::CheckReport& report, const std::string& path, cotation::Language language) {
  const std::size_t errors = report.error_count();
  const std::size_t warnings = report.diagnostics.size() - errors;
  if (language == cotation::Language::english) {
    return fmt::format("{}: {} file{}, {} declaration{}, {} error{}, {} warning{}", path, report.file_count,
                       report.file_count == 1 ? "" : "s", report.declaration_count,
                       report.declaration_count == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
                       warnings == 1 ? "" : "s");
  }
  const auto plural = [](std::size_t n) { return n > 1 ? "s" : ""; };
  return fmt::format("{} : {} fichier{}, {} déclaration{}, {} erreur{}, {} avertissement{}", path,
                     report.file_count, plural(report.file_count), report.declaration_count,
                     plural(report.declaration_count), errors, plural(errors), warnings, plural(warnings));
}

nlohmann::json to_json(const cotation::CheckReport& report, cotation::Language language) {
  nlohmann::json diagnostics = nlohmann::json::array();
  for (const auto& d : report.diagnostics) {
    diagnostics.push_back({{"severity", severity_name(d.severity)},
                           {"id", d.message_id},
                           {"file", d.position.file},
                           {"line", d.position.line},
                           {"column", d.position.column},
                           {"message", cotation::message_text(d, language)},
                           {"hint", cotation::hint_text(d, language)}});
  }
  return {{"files", report.file_count},
          {"declarations", report.declaration_count},
          {"errors", report.error_count()},
          {"warnings", report.diagnostics.size() - report.error_count()},
          {"diagnostics", std::move(diagnostics)}};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cotation: règles de facturation des masseurs-kinésithérapeutes, exécutables", "cotation"};
  app.require_subcommand(1);
  app.fallthrough();  // --lang is accepted after the subcommand too
  std::string language_name = "fr";
  app.add_option("--lang", language_name, "langue des messages : fr (défaut) ou en")
      ->check(CLI::IsMember({"fr", "en"}));

  std::string rules_path;
  std::string format = "text";
  CLI::App* check = app.add_subcommand(
      "check", "Lit un ensemble de règles et signale toutes les erreurs.\n"
               "Exemple : cotation check rules/\n"
               "Codes de sortie : 0 sans erreur, 1 s'il y a des erreurs, 2 si la commande est mal écrite.");
  check->add_option("DIR", rules_path, "répertoire de fichiers .cot (ou un seul fichier)")->required();
  check->add_option("--format", format, "text (défaut) ou json")->check(CLI::IsMember({"text", "json"}));

  std::string eval_rules = "rules";
  std::string claims_path = "-";
  std::size_t jobs = std::max(1U, std::thread::hardware_concurrency());
  bool explain = false;
  CLI::App* eval = app.add_subcommand(
      "eval", "Décide des factures (JSON Lines) avec un ensemble de règles ; écrit une décision par ligne.\n"
              "Exemple : cotation eval --rules rules/ examples/claims.jsonl\n"
              "Codes de sortie : 0 toutes les lignes décidées, 1 au moins un enregistrement invalide,\n"
              "2 commande mal écrite, 3 règles en erreur.");
  eval->add_option("--rules", eval_rules, "répertoire des règles (défaut : rules)");
  eval->add_option("FILE", claims_path, "fichier de factures JSON Lines, ou - pour l'entrée standard (défaut)");
  eval->add_option("--jobs", jobs, "nombre de fils d'exécution")->check(CLI::Range(1, 256));
  eval->add_flag("--explain", explain, "ajoute à chaque décision les étapes qui y ont mené");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    (void)app.exit(e);
    return exit_usage;
  }

  const auto language = language_name == "en" ? cotation::Language::english : cotation::Language::french;
  if (check->parsed()) {
    const cotation::CheckReport report = cotation::check_rule_set(rules_path);
    if (format == "json") {
      std::cout << to_json(report, language).dump(2) << '\n';
    } else {
      for (const auto& diagnostic : report.diagnostics) std::cout << cotation::render(diagnostic, language) << '\n';
      std::cout << summary(report, rules_path, language) << '\n';
    }
    return report.ok() ? exit_ok : exit_findings;
  }
  if (eval->parsed()) {
    const cotation::CompileResult compiled = cotation::compile_rule_set(eval_rules);
    for (const auto& diagnostic : compiled.diagnostics) std::cerr << cotation::render(diagnostic, language) << '\n';
    if (!compiled.ok()) return exit_bad_rules;
    std::ifstream file;
    if (claims_path != "-") {
      file.open(claims_path, std::ios::binary);
      if (!file) {
        std::cerr << fmt::format("{} : {}\n", claims_path,
                                 language == cotation::Language::french ? "fichier illisible" : "cannot read file");
        return exit_usage;
      }
    }
    std::ios::sync_with_stdio(false);
    const cotation::BatchSummary summary = cotation::evaluate_json_lines(
        *compiled.rule_set, claims_path == "-" ? std::cin : file, std::cout, {jobs, explain});
    return summary.invalid == 0 ? exit_ok : exit_findings;
  }
  return exit_usage;
}
