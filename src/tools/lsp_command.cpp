// `cotation lsp`: the language server of the rules language, over standard input and output
// (src/lsp/server.hpp). Editors start it; nothing else is written on standard output.
#include <iostream>

#include "lsp/server.hpp"
#include "tools/command.hpp"

namespace cotation::tools {

Command add_lsp_command(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "lsp",
      help_text(
          "Serveur de langage (Language Server Protocol) pour les éditeurs, sur l'entrée et la sortie standard :\n"
          "diagnostics à la frappe, survol, aller à la définition, références, symboles, complétion, mise en page.\n"
          "Exemple : l'extension VS Code (tools/editors/vscode) le lance.",
          "Language server (Language Server Protocol) for editors, over standard input and output:\n"
          "diagnostics as you type, hover, go to definition, references, symbols, completion, formatting.\n"
          "Example: the VS Code extension (tools/editors/vscode) starts it."));
  return {command, [](const GlobalOptions&) {
            std::ios::sync_with_stdio(false);
            return lsp::Server(std::cin, std::cout).run();
          }};
}

}  // namespace cotation::tools
