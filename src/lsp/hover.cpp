#include "lsp/hover.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "compile/compilation.hpp"
#include "tools/table.hpp"

namespace cotation::lsp {
namespace {

using model::RegionIndex;
using syntax::DeclarationKind;
using tools::prose_amount;
using tools::region_name;

constexpr Language fr = Language::french;
constexpr RegionIndex regions[] = {RegionIndex::metropole, RegionIndex::outre_mer};

template <typename T>
const T* named(const std::vector<T>& all, const std::string& name) {
  const auto found = std::find_if(all.begin(), all.end(), [&](const T& x) {
    if constexpr (requires { x.code; }) {
      return x.code == name;
    } else {
      return x.name == name;
    }
  });
  return found == all.end() ? nullptr : &*found;
}

// "2,21 € en métropole, 2,43 € en outre-mer (drom) (selon ...)" on `day`, or why there is none.
std::string values_text(const std::vector<model::RegionalValue>& values, model::Day day) {
  std::vector<std::string> parts;
  std::string citation;
  for (const RegionIndex region : regions) {
    if (const auto value = tools::value_on(values, day, region)) {
      parts.push_back(fmt::format("{}{} en {}", prose_amount(value->value, fr),
                                  value->entry->per_kilometre ? " par km" : "", region_name(region, fr)));
      citation = value->entry->citation.text;
    }
  }
  if (parts.empty()) return "aucune valeur à cette date";
  return fmt::format("{} (selon {})", fmt::join(parts, ", "), citation);
}

std::string act_text(const RuleSet::Model& model, const model::Act& act, model::Day day) {
  std::string text = fmt::format("\n\nArticle : {}", act.article.text);
  const auto cotation = std::find_if(act.cotations.begin(), act.cotations.end(),
                                     [&](const model::Cotation& c) { return c.period.contains(day); });
  if (act.pending) text += fmt::format("\n\nEn attente : {}", *act.pending);
  if (act.removed_since && *act.removed_since <= day) {
    text += fmt::format("\n\nSupprimé depuis le {}", model::date_text(*act.removed_since));
  }
  if (cotation == act.cotations.end()) return text + fmt::format("\n\nAucune cotation le {}", model::date_text(day));
  std::vector<std::string> tariffs;
  for (const RegionIndex region : regions) {
    const auto priced = tools::price(model, *cotation, day, region);
    tariffs.push_back(priced ? fmt::format("{} en {}", prose_amount(priced->rounded, fr), region_name(region, fr))
                             : fmt::format("pas de valeur en {}", region_name(region, fr)));
  }
  text += fmt::format("\n\nCotation le {} : {} ({})\n\nTarif : {}", model::date_text(day),
                      tools::cotation_text(model, *cotation), tools::period_text(cotation->period, fr),
                      fmt::join(tariffs, ", "));
  text += fmt::format("\n\nSource de la cotation : {}", cotation->citation.text);
  return text;
}

std::string source_text(const model::Source& source) {
  std::string text;
  if (!source.rank.empty()) text += fmt::format("\n\nRang : {}", source.rank);
  const std::pair<std::string_view, const std::optional<model::Day>*> dates[] = {
      {"Signé le", &source.signed_on}, {"Publié le", &source.published_on}, {"En vigueur le", &source.in_force_on}};
  for (const auto& [word, date] : dates) {
    if (*date) text += fmt::format("\n\n{} {}", word, model::date_text(**date));
  }
  return text;
}

// A parameter's value as the rules write it.
std::string value_text(const model::Value& value) {
  switch (value.type) {
    case model::Type::boolean:
      return value.boolean ? "vrai" : "faux";
    case model::Type::date:
      return model::date_text(value.integer);
    case model::Type::duration:
      return fmt::format("{} {}", value.integer, value.months ? "mois" : "jours");
    case model::Type::money:
      return prose_amount(value.number, fr);
    case model::Type::distance:
      return fmt::format("{} km", value.number.to_string());
    default:
      return value.number.to_string();
  }
}

std::string parameter_text(const model::Parameter& parameter, model::Day day) {
  for (const auto& [period, value] : parameter.values) {
    if (period.contains(day)) return fmt::format("\n\nValeur le {} : {}", model::date_text(day), value_text(value));
  }
  return fmt::format("\n\nAucune valeur le {}", model::date_text(day));
}

// What the model says of the declaration, after its title line.
std::string details(const RuleSet::Model& model, const Occurrence& declaration, model::Day day) {
  const std::string& name = declaration.name;
  switch (*declaration.kind) {
    case DeclarationKind::act:
      if (const auto* act = named(model.acts, name)) return act_text(model, *act, day);
      break;
    case DeclarationKind::letter:
      if (const auto* letter = named(model.letters, name)) {
        return fmt::format("\n\nValeur le {} : {}", model::date_text(day), values_text(letter->values, day));
      }
      break;
    case DeclarationKind::item:
      if (const auto* item = named(model.items, name)) {
        return fmt::format("\n\nValeur le {} : {}{}", model::date_text(day), values_text(item->values, day),
                           item->computation ? "\n\nMontant de la ligne : son `calcul`, d'après la facture" : "");
      }
      break;
    case DeclarationKind::source:
      if (const auto* source = named(model.sources, name)) return source_text(*source);
      break;
    case DeclarationKind::parameter:
      if (const auto* parameter = named(model.parameters, name)) return parameter_text(*parameter, day);
      break;
    case DeclarationKind::rule:
      if (const auto* rule = named(model.rules, name)) {
        return fmt::format("\n\nMessage : {}\n\nSource : {}", rule->message, rule->citation.text);
      }
      break;
    default:
      break;
  }
  return "";
}

}  // namespace

std::string hover_text(const RuleSet::Model* model, const Occurrence& declaration, model::Day day) {
  std::string text =
      fmt::format("**{} {}** — {}", compiler::kind_word(*declaration.kind), declaration.name, declaration.label);
  if (model) text += details(*model, declaration, day);
  return text;
}

}  // namespace cotation::lsp
