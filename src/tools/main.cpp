// The `cotation` program: parses the command line and runs the subcommand asked for. Each
// subcommand is a thin layer over the library, in its own file of src/tools/.
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "tools/command.hpp"

namespace {

// The last resort: an exception no command expected (a bug) is named, never an abort.
int report_uncaught(const std::string& what, cotation::Language language) {
  cotation::Diagnostic problem;
  problem.message_id = "internal.uncaught";
  problem.arguments = {what};
  problem.position.file = "cotation";
  std::cerr << cotation::render(problem, language);
  return cotation::tools::exit_bad_rules;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace cotation::tools;
  CLI::App app{"cotation: règles de facturation des masseurs-kinésithérapeutes, exécutables", "cotation"};
  app.require_subcommand(1);
  app.fallthrough();  // --lang is accepted after the subcommand too
  std::string language_name = "fr";
  app.add_option("--lang", language_name, "langue des messages : fr (défaut) ou en")
      ->check(CLI::IsMember({"fr", "en"}));

  const std::vector<Command> commands{
      add_check_command(app),
      add_eval_command(app),
      add_explain_command(app),
      add_table_command(app),
      add_timeline_command(app),
      add_fmt_command(app),
      add_diff_command(app),
      add_impact_command(app),
      add_test_command(app),
      add_scheme_command(app),
      add_lsp_command(app),
      add_serve_command(app),
  };

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

  GlobalOptions global;
  global.language = language_name == "en" ? cotation::Language::english : cotation::Language::french;
  write_output_to_standard_output();
  try {
    for (const Command& command : commands) {
      if (!command.app->parsed()) continue;
      const int status = command.run(global);
      check_output_written(global.language);
      return status;
    }
    return exit_usage;
  } catch (const InputOutputFailure& failure) {
    std::cout.flush();  // what was written before: all of it, or lost with the output
    std::cerr << failure.what();
    return exit_usage;
  } catch (const std::exception& error) {
    std::cout.flush();
    return report_uncaught(error.what(), global.language);
  } catch (...) {
    std::cout.flush();
    return report_uncaught("?", global.language);
  }
}
