// The words of the command line itself in the analyst's language: CLI11's help (section
// labels, the -h flag) and its parse errors ("A subcommand is required" -> "Une sous-commande
// est requise"). The language is read from the arguments before they are parsed, since the
// help and the errors are written while parsing.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>

#include "cotation/diagnostic.hpp"

namespace cotation::tools {

// `--lang en` or `--lang=en` anywhere among the arguments: English; otherwise French.
[[nodiscard]] Language language_of_arguments(int argc, const char* const* argv);

// To call on the root command before its subcommands are added (they copy the help flag and
// the failure message from it).
void speak_on_command_line(CLI::App& app, Language language);

// A CLI11 parse error's message in the language: "--date est requis", "argument inattendu : x".
[[nodiscard]] std::string parse_error_text(std::string_view what, Language language);

}  // namespace cotation::tools
