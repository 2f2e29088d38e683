#include "lsp/completion.hpp"

#include <string_view>

namespace cotation::lsp {
namespace {

using syntax::DeclarationKind;

// The words that open a declaration or a statement (docs/language.md).
constexpr std::string_view keywords[] = {
    "source",
    "lettre",
    "forfait",
    "paramètre",
    "acte",
    "groupe",
    "règle",
    "revalorisation",
    "amendement",
    "dispositif",
    "exemple",
    "valeur",
    "arrondi",
    "selon",
    "depuis",
    "jusqu'au",
    "note",
    "article",
    "classement",
    "cotation",
    "remplace",
    "partagée",
    "référentiel",
    "en attente",
    "supprimé",
    "pour",
    "si",
    "alors",
    "refus",
    "acceptation",
    "accord préalable",
    "taux",
    "message",
    "calcul",
    "condition",
    "télésoin des actes",
    "non cumulable avec",
    "reporte",
    "abroge",
    "ajoute",
    "ligne",
    "montant",
    "fait",
    "versement",
    "décision",
    "total",
    "exception",
    "contient",
    "choix",
    "metropole",
    "drom",
    "vrai",
    "faux",
    "et",
    "ou",
    "non",
    "dans",
    "modulo",
    "signé",
    "publié",
    "en vigueur",
    "rang",
};

// The protocol's CompletionItemKind of a declaration.
int item_kind(DeclarationKind kind) {
  switch (kind) {
    case DeclarationKind::letter:
      return 21;  // Constant
    case DeclarationKind::item:
      return 12;  // Value
    case DeclarationKind::parameter:
      return 6;  // Variable
    case DeclarationKind::act:
      return 7;  // Class
    case DeclarationKind::group:
      return 9;  // Module
    case DeclarationKind::source:
      return 18;  // Reference
    default:
      return 23;  // Event
  }
}

}  // namespace

nlohmann::json completion_items(const SymbolIndex& index) {
  nlohmann::json items = nlohmann::json::array();
  for (const std::string_view keyword : keywords) items.push_back({{"label", keyword}, {"kind", 14}});
  for (const Occurrence* declaration : index.declarations()) {
    items.push_back(
        {{"label", declaration->name}, {"kind", item_kind(*declaration->kind)}, {"detail", declaration->label}});
  }
  return items;
}

}  // namespace cotation::lsp
