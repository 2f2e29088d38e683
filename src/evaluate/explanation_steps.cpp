// The texts of an explanation's steps (explanation_steps.hpp): one function a kind of step.
#include "evaluate/explanation_steps.hpp"

#include <fmt/format.h>

#include "compile/expression_text.hpp"
#include "evaluate/evaluation_state.hpp"

namespace cotation::evaluation::steps {

using namespace model;

std::string describe(const Value& v) {
  switch (v.type) {
    case Type::boolean:
      return v.boolean ? "vrai" : "faux";
    case Type::date:
      return date_text(v.integer);
    case Type::region:
      return v.integer == 0 ? "metropole" : "drom";
    case Type::place:
      return v.integer == 0 ? "cabinet" : v.integer == 1 ? "domicile" : "etablissement";
    case Type::prescription:
      return v.integer == 0 ? "medicale" : v.integer == 1 ? "renouvellement" : "acces_direct";
    case Type::structure:
      return value_text(v);
    case Type::duration:
      return fmt::format("{} {}", v.integer, v.months ? "mois" : "jours");
    default:
      return v.number.to_string();
  }
}

ExplanationStep claim_field(Field field, const Value& v) {
  return ExplanationStep{std::string(field_name(field)), describe(v), "facture"};
}

ExplanationStep prior_approval_absent() {
  return ExplanationStep{"series.prior_approval", "absent : accord non établi", "facture"};
}

ExplanationStep value_in_force(std::string_view code, Day day, const Decimal& value, const Citation& source) {
  return ExplanationStep{fmt::format("valeur de {} le {}", code, date_text(day)), value.to_string(), source.text};
}

ExplanationStep parameter_in_force(const Parameter& parameter, std::size_t value) {
  return ExplanationStep{fmt::format("paramètre {}", parameter.name), describe(parameter.values[value].second),
                         parameter.citations[value].text};
}

ExplanationStep cotation(const RuleSet::Model& model, const Act& act, const Cotation& cotation) {
  return ExplanationStep{fmt::format("cotation de « {} »", act.label),
                         fmt::format("{} {}", model.letters[cotation.letter].code, cotation.coefficient.to_string()),
                         cotation.citation.text};
}

ExplanationStep act_amount(const Decimal& coefficient, const Decimal& value, const Decimal& amount,
                           const Rounding& rounding) {
  return ExplanationStep{fmt::format("{} × {}", coefficient.to_string(), value.to_string()), amount.to_string(2),
                         rounding.citation.text};
}

ExplanationStep remainder(const Decimal& dividend, const Decimal& divisor, const Decimal& rest) {
  return ExplanationStep{fmt::format("{} modulo {}", dividend.to_string(), divisor.to_string()), rest.to_string(), ""};
}

ExplanationStep item_computation(const Item& item, const Decimal& amount) {
  return ExplanationStep{fmt::format("calcul de {}", item.code), amount.to_string(2), item.computation_citation.text};
}

ExplanationStep condition(const Condition& condition, bool met) {
  return ExplanationStep{condition.name, met ? "vraie" : "fausse", condition.citation.text};
}

ExplanationStep rule_when(const Rule& rule, bool met) {
  return ExplanationStep{fmt::format("règle {}, si", rule.name), met ? "vrai" : "faux", rule.citation.text};
}

ExplanationStep rule_only_with(const Rule& rule, bool beside) {
  return ExplanationStep{fmt::format("règle {}, seulement avec", rule.name),
                         beside ? "une ligne non refusée" : "aucune ligne non refusée", rule.citation.text};
}

ExplanationStep rule_applies(const Rule& rule) {
  return ExplanationStep{fmt::format("règle {}", rule.name), "s'applique", rule.citation.text};
}

ExplanationStep rule_rate(const Rule& rule, const Decimal& amount) {
  return ExplanationStep{fmt::format("taux de {}", rule.name), amount.to_string(2), rule.citation.text};
}

}  // namespace cotation::evaluation::steps
