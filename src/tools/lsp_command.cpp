// `cotation lsp`: the language server of the rules language, over standard input and output
// (src/lsp/server.hpp). Editors start it; nothing else is written on standard output.
#include <iostream>

#include "lsp/server.hpp"
#include "tools/command.hpp"

namespace cotation::tools {

Command add_lsp_command(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "lsp",
      "Serveur de langage (Language Server Protocol) pour les éditeurs, sur l'entrée et la sortie standard :\n"
      "diagnostics à la frappe, survol, aller à la définition, références, symboles, complétion, mise en page.\n"
      "Exemple : l'extension VS Code (tools/editors/vscode) le lance.");
  return {command, [](const GlobalOptions&) {
            std::ios::sync_with_stdio(false);
            return lsp::Server(std::cin, std::cout).run();
          }};
}

}  // namespace cotation::tools
