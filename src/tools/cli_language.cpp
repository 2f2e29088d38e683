// CLI11's own words in French or English (cli_language.hpp). In: the root command and the
// language; out: its formatter's labels, its help flag, and a failure message that translates
// the parse errors CLI11 raises in English.
#include "tools/cli_language.hpp"

#include <fmt/format.h>

#include <array>
#include <memory>
#include <utility>

namespace cotation::tools {
namespace {

// "<prefix>X<suffix>" -> French, X kept; the first pattern that fits wins.
struct Pattern {
  std::string_view prefix;
  std::string_view suffix;
  std::string_view french;  // {} stands for X
};

constexpr std::array patterns{
    Pattern{"A subcommand is required", "", "une sous-commande est requise{}"},
    Pattern{"The following arguments were not expected: ", "", "arguments inattendus : {}"},
    Pattern{"The following argument was not expected: ", "", "argument inattendu : {}"},
    Pattern{"Could not convert: ", "", "conversion impossible : {}"},
    Pattern{"Requires at least ", " subcommands", "au moins {} sous-commandes sont requises"},
    Pattern{"", " is required", "{} est requis"},
    Pattern{"", " was not readable (missing?)", "{} est illisible (absent ?)"},
    Pattern{"", ": too many inputs for a flag", "{} : trop de valeurs pour un drapeau"},
    Pattern{"", ": Should be true/false or a number", "{} : on attend true/false ou un nombre"},
    Pattern{"", " was given a disallowed flag override", "{} : cette valeur n'est pas admise pour ce drapeau"},
};

// A validator's message after "--option: ": "x not in {a,b}", "Value 300 not in range 1 to 256".
std::string validation_text(std::string_view text) {
  if (const auto at = text.find(" not in {"); at != std::string_view::npos) {
    return fmt::format("valeur inconnue « {} » ; valeurs admises : {}", text.substr(0, at), text.substr(at + 8));
  }
  constexpr std::string_view value = "Value ";
  if (text.starts_with(value)) {
    text.remove_prefix(value.size());
    if (const auto at = text.find(" not in range "); at != std::string_view::npos) {
      std::string range(text.substr(at + 14));
      if (const auto to = range.find(" to "); to != std::string::npos) range.replace(to, 4, " à ");
      return fmt::format("valeur {} hors de l'intervalle {}", text.substr(0, at), range);
    }
    if (const auto at = text.find(" could not be converted"); at != std::string_view::npos) {
      return fmt::format("valeur {} illisible", text.substr(0, at));
    }
  }
  constexpr std::string_view missing[] = {
      "File does not exist: ", "Directory does not exist: ", "Path does not exist: "};
  for (const auto prefix : missing) {
    if (text.starts_with(prefix)) return fmt::format("chemin introuvable : {}", text.substr(prefix.size()));
  }
  return std::string(text);
}

// CLI11 writes an option's type ("TEXT:{md,csv}", "UINT") and "REQUIRED" without asking the
// labels when a validator names the values: the words are replaced in what it writes.
class FrenchFormatter : public CLI::Formatter {
 public:
  std::string make_option_opts(const CLI::Option* option) const override {
    std::string text = CLI::Formatter::make_option_opts(option);
    constexpr std::pair<std::string_view, std::string_view> words[] = {{" TEXT", " TEXTE"},
                                                                       {" UINT", " ENTIER"},
                                                                       {" INT", " ENTIER"},
                                                                       {" FLOAT", " NOMBRE"},
                                                                       {" REQUIRED", " REQUIS"}};
    for (const auto& [english, french] : words) {
      if (const auto at = text.find(english); at != std::string::npos) text.replace(at, english.size(), french);
    }
    return text;
  }
  // "Utilisation : cotation ...", with French typography's space before the colon.
  std::string make_usage(const CLI::App* app, std::string name) const override {
    std::string text = CLI::Formatter::make_usage(app, std::move(name));
    if (const auto at = text.find(':'); at != std::string::npos) text.insert(at, " ");
    return text;
  }
};

}  // namespace

Language language_of_arguments(int argc, const char* const* argv) {
  Language language = Language::french;
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    if (argument == "--lang" && i + 1 < argc) {
      language = std::string_view(argv[i + 1]) == "en" ? Language::english : Language::french;
    } else if (argument.starts_with("--lang=")) {
      language = argument.substr(7) == "en" ? Language::english : Language::french;
    }
  }
  return language;
}

std::string parse_error_text(std::string_view what, Language language) {
  if (language == Language::english) return std::string(what);
  for (const Pattern& pattern : patterns) {
    if (what.size() < pattern.prefix.size() + pattern.suffix.size() || !what.starts_with(pattern.prefix) ||
        !what.ends_with(pattern.suffix))
      continue;
    const std::string_view middle =
        what.substr(pattern.prefix.size(), what.size() - pattern.prefix.size() - pattern.suffix.size());
    if (pattern.prefix == "A subcommand is required") return fmt::format(fmt::runtime(pattern.french), "");
    return fmt::format(fmt::runtime(pattern.french), middle);
  }
  // "--region: guadeloupe not in {...}": the option, then the validator's words.
  if (const auto colon = what.find(": "); colon != std::string_view::npos) {
    return fmt::format("{} : {}", what.substr(0, colon), validation_text(what.substr(colon + 2)));
  }
  return validation_text(what);
}

void speak_on_command_line(CLI::App& app, Language language) {
  if (language == Language::english) {
    app.set_help_flag("-h,--help", "Print this help message and exit");
    return;
  }
  app.set_help_flag("-h,--help", "Affiche cette aide et s'arrête");
  auto formatter = std::make_shared<FrenchFormatter>();
  formatter->label("Usage", "Utilisation");
  formatter->label("OPTIONS", "OPTIONS");
  formatter->label("SUBCOMMAND", "SOUS-COMMANDE");
  formatter->label("SUBCOMMANDS", "SOUS-COMMANDES");
  formatter->label("Positionals", "Arguments");
  formatter->label("Needs", "Nécessite");
  formatter->label("Excludes", "Exclut");
  app.formatter(formatter);
  app.failure_message([](const CLI::App* command, const CLI::Error& error) {
    std::string text = "erreur : " + parse_error_text(error.what(), Language::french) + "\n";
    if (command->get_help_ptr() != nullptr) {
      text += fmt::format("Lancez avec {} pour en savoir plus.\n", command->get_help_ptr()->get_name());
    }
    return text;
  });
}

}  // namespace cotation::tools
