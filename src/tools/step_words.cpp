// An engine's step in, the same step in the analyst's language out (step_words.hpp): patterns
// of the engine's texts (src/evaluate/explanation_steps.cpp), each with its English words.
#include "tools/step_words.hpp"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "compile/fields.hpp"
#include "evaluate/evaluation_state.hpp"

namespace cotation::tools {
namespace {

// The claim field a step names by its JSON path, as the rules language names it.
std::optional<std::string_view> rules_name_of_path(std::string_view path) {
  for (const auto& info : compiler::claim_fields) {
    if (evaluation::field_name(info.field) == path) return info.path;
  }
  return std::nullopt;
}

// "<prefix>X<suffix>" in French -> English, X kept.
struct Pattern {
  std::string_view prefix;
  std::string_view middle;  // between the two parts of X, "" when X is one part
  std::string_view suffix;
  std::string_view english;  // {} stands for X (and {} {} for its two parts)
};

constexpr std::array what_patterns{
    Pattern{"valeur de ", " le ", "", "value of {} on {}"},
    Pattern{"cotation de « ", "", " »", "cotation of “{}”"},
    Pattern{"paramètre ", "", "", "parameter {}"},
    Pattern{"calcul de ", "", "", "computation of {}"},
    Pattern{"taux de ", "", "", "rate of {}"},
    Pattern{"règle ", "", ", seulement avec", "rule {}, only with"},
    Pattern{"règle ", "", ", si", "rule {}, if"},
    Pattern{"règle ", "", "", "rule {}"},
};

constexpr std::array<std::pair<std::string_view, std::string_view>, 9> english_values{{
    {"vrai", "true"},
    {"faux", "false"},
    {"vraie", "true"},
    {"fausse", "false"},
    {"s'applique", "applies"},
    {"une ligne non refusée", "a line not refused"},
    {"aucune ligne non refusée", "no line not refused"},
    {"absent : accord non établi", "absent: approval not established"},
    {"facture", "claim"},
}};

// The line's own fields, which no claim carries (the engine names them as the rules do).
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> english_line_fields{{
    {"ligne.rang", "line.rank"},
    {"ligne.coefficient", "line.coefficient"},
    {"ligne.rang_coefficient", "line.coefficient_rank"},
}};

std::string english_what(const std::string& what) {
  for (const auto& [french, english] : english_line_fields) {
    if (what == french) return std::string(english);
  }
  if (rules_name_of_path(what)) return what;  // already the claim's JSON path, in English
  for (const Pattern& pattern : what_patterns) {
    if (!what.starts_with(pattern.prefix) || !what.ends_with(pattern.suffix) ||
        what.size() < pattern.prefix.size() + pattern.suffix.size())
      continue;
    const std::string_view x = std::string_view(what).substr(
        pattern.prefix.size(), what.size() - pattern.prefix.size() - pattern.suffix.size());
    if (pattern.middle.empty()) return fmt::format(fmt::runtime(pattern.english), x);
    const std::size_t at = x.rfind(pattern.middle);
    if (at == std::string_view::npos) continue;
    return fmt::format(fmt::runtime(pattern.english), x.substr(0, at), x.substr(at + pattern.middle.size()));
  }
  return what;
}

std::string english_word(const std::string& text) {
  for (const auto& [french, english] : english_values) {
    if (text == french) return std::string(english);
  }
  // "3 mois", "10 jours"
  for (const auto& [french, english] : {std::pair<std::string_view, std::string_view>{" mois", " months"},
                                        std::pair<std::string_view, std::string_view>{" jours", " days"}}) {
    if (text.ends_with(french)) return text.substr(0, text.size() - french.size()) + std::string(english);
  }
  return text;
}

}  // namespace

ExplanationStep step_in(const ExplanationStep& step, Language language) {
  ExplanationStep result = step;
  if (language == Language::french) {
    if (const auto name = rules_name_of_path(step.what)) result.what = std::string(*name);
    return result;
  }
  result.what = english_what(step.what);
  result.value = english_word(step.value);
  result.source = english_word(step.source);
  return result;
}

}  // namespace cotation::tools
