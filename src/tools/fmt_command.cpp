// `cotation fmt PATH...`: rewrites rule files in the canonical layout, or with --check
// lists those that are not in it.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cotation/rule_set.hpp"
#include "parse/parser.hpp"
#include "tools/command.hpp"
#include "tools/fmt.hpp"

namespace cotation::tools {
namespace {

namespace fs = std::filesystem;

struct FmtOptions {
  std::vector<std::string> paths;
  bool check = false;
};

Diagnostic io_problem(const fs::path& path, std::string id, std::string reason) {
  Diagnostic diagnostic;
  diagnostic.message_id = std::move(id);
  diagnostic.arguments = {path.generic_string(), std::move(reason)};
  diagnostic.position.file = path.generic_string();
  return diagnostic;
}

// Writes beside the file, then renames over it: a reader never sees half a file, and a
// failed write leaves the original as it was.
std::optional<Diagnostic> replace_file(const fs::path& path, const std::string& text) {
  fs::path temporary = path;
  temporary += ".cotation-fmt.tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      const std::string reason = std::strerror(errno);
      std::error_code ignored;
      fs::remove(temporary, ignored);
      return io_problem(path, "io.cannot_write", reason);
    }
  }
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!error) fs::permissions(temporary, status.permissions(), error);
  if (!error) fs::rename(temporary, path, error);
  if (error) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    return io_problem(path, "io.cannot_write", error.message());
  }
  return std::nullopt;
}

int run_fmt(const FmtOptions& options, const GlobalOptions& global) {
  const auto report = [&](const Diagnostic& diagnostic) { std::cerr << render(diagnostic, global.language) << '\n'; };
  bool io_failed = false;  // a path could not be read or written
  bool syntax_errors = false;
  bool changed = false;
  for (const std::string& root : options.paths) {
    std::vector<Diagnostic> listing;
    const std::vector<fs::path> files = rule_files(root, ParseOptions{}, listing);
    for (const auto& diagnostic : listing) report(diagnostic);
    io_failed = io_failed || !listing.empty();
    for (const fs::path& path : files) {
      std::ifstream stream(path, std::ios::binary);
      std::ostringstream contents;
      contents << stream.rdbuf();
      if (!stream) {
        report(io_problem(path, "io.cannot_read", std::strerror(errno)));
        io_failed = true;
        continue;
      }
      const SourceFile source(path.generic_string(), std::move(contents).str());
      std::vector<Diagnostic> diagnostics;
      const auto formatted = format_rule_file(source, diagnostics);
      for (const auto& diagnostic : diagnostics) report(diagnostic);
      if (!formatted) {
        syntax_errors = true;
        continue;
      }
      if (*formatted == source.text()) continue;
      if (!options.check) {
        if (const auto problem = replace_file(path, *formatted)) {
          report(*problem);
          io_failed = true;
          continue;
        }
      }
      changed = true;
      std::cout << path.generic_string() << '\n';
    }
  }
  if (io_failed) return exit_usage;
  if (syntax_errors) return exit_bad_rules;
  return options.check && changed ? exit_findings : exit_ok;
}

}  // namespace

Command add_fmt_command(CLI::App& app) {
  auto options = std::make_shared<FmtOptions>();
  CLI::App* command = app.add_subcommand(
      "fmt",
      help_text("Met les fichiers de règles (.cot) dans leur mise en page canonique, commentaires compris,\n"
                "sans rien changer d'autre ; affiche les fichiers réécrits. Un fichier qui ne se lit pas\n"
                "n'est pas touché : ses erreurs sont affichées comme par `cotation check`.\n"
                "Exemples : cotation fmt rules/      cotation fmt --check rules/ (pour l'intégration continue)\n"
                "Codes de sortie : 0 tout est en forme (ou vient d'être réécrit), 1 avec --check : des fichiers\n"
                "sont à reformater (ils sont listés), 2 commande mal écrite ou fichier illisible,\n"
                "3 un fichier a des erreurs de syntaxe.",
                "Puts rule files (.cot) in their canonical layout, comments included,\n"
                "changing nothing else; lists the files rewritten. A file that does not read\n"
                "is left alone: its errors are shown as by `cotation check`.\n"
                "Examples: cotation fmt rules/      cotation fmt --check rules/ (for continuous integration)\n"
                "Exit codes: 0 everything in shape (or just rewritten), 1 with --check: files\n"
                "to reformat (listed), 2 badly written command or unreadable file,\n"
                "3 a file has syntax errors."));
  command
      ->add_option("PATH", options->paths,
                   help_text("fichiers .cot ou répertoires (parcourus récursivement)",
                             "files .cot or directories (walked recursively)"))
      ->required();
  command->add_flag("--check", options->check,
                    help_text("n'écrit rien : liste les fichiers qui changeraient et sort avec le code 1 s'il y en a",
                              "writes nothing: lists the files that would change and exits with code 1 if any"));
  return {command, [options](const GlobalOptions& global) { return run_fmt(*options, global); }};
}

}  // namespace cotation::tools
