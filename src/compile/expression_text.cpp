#include "compile/expression_text.hpp"

#include <fmt/format.h>

namespace cotation::model {
namespace {

// The spelling of each claim field as the language reference writes it (§5.1); the compiler
// reads them without accents, so any spelling would compile, but this one is what analysts read.
std::string_view field_text(Field field) {
  switch (field) {
    case Field::date:
      return "date";
    case Field::region:
      return "région";
    case Field::place:
      return "lieu";
    case Field::patient_age:
      return "patient.âge";
    case Field::prescription_kind:
      return "prescription.nature";
    case Field::session_number:
      return "série.rang";
    case Field::sessions_12_months_before:
      return "série.séances_12_mois";
    case Field::prior_approval:
      return "série.accord_préalable";
    case Field::travel_distance:
      return "trajet.distance";
    case Field::same_agglomeration:
      return "trajet.même_agglomération";
    case Field::night:
      return "horaire.nuit";
    case Field::sunday_or_holiday:
      return "horaire.dimanche_ou_férié";
    case Field::urgent:
      return "horaire.urgence";
    case Field::telehealth:
      return "télésoin";
    case Field::line_rank:
      return "ligne.rang";
    case Field::line_coefficient_rank:
      return "ligne.rang_coefficient";
    case Field::line_coefficient:
      return "ligne.coefficient";
    case Field::initial_date:
      return "prescription.date_initiale";
    case Field::renewal_date:
      return "prescription.date_renouvellement";
    case Field::prescriber_number:
      return "prescription.numéro_prescripteur";
    case Field::prior_diagnosis:
      return "prescription.diagnostic_préalable";
    case Field::practice_structure:
      return "praticien.structure";
    case Field::earlier_sessions_same_day:
      return "même_jour.séances_avant";
    case Field::same_prescription:
      return "même_jour.même_prescription";
    case Field::same_article:
      return "même_jour.même_article";
    case Field::same_body_region:
      return "même_jour.même_région_anatomique";
    case Field::casf_establishment:
      return "trajet.établissement_casf";
    case Field::charged_for_another_patient:
      return "trajet.déjà_facturé_pour_un_autre_patient";
    case Field::nearest_practitioner_distance:
      return "trajet.distance_du_praticien_le_plus_proche";
    case Field::orthopaedic_discharge_date:
      return "date_sortie_orthopédique";
    case Field::return_home_programme:
      return "programme_retour_à_domicile";
  }
  return "";
}

std::string_view enumeration_text(Type type, std::int32_t value) {
  static constexpr std::string_view regions[] = {"metropole", "drom"};
  static constexpr std::string_view places[] = {"cabinet", "domicile", "etablissement"};
  static constexpr std::string_view prescriptions[] = {"medicale", "renouvellement", "acces_direct"};
  static constexpr std::string_view structures[] = {
      "etablissement_de_sante", "etablissement_medico_social", "equipe_de_soins_primaires",
      "equipe_de_soins_specialises", "centre_de_sante", "maison_de_sante", "aucune_structure"};
  const auto pick = [value](const auto& words) {
    return value >= 0 && static_cast<std::size_t>(value) < std::size(words) ? words[static_cast<std::size_t>(value)]
                                                                            : std::string_view("?");
  };
  if (type == Type::region) return pick(regions);
  if (type == Type::place) return pick(places);
  if (type == Type::structure) return pick(structures);
  return pick(prescriptions);
}

// Binding strength, from the loosest (language reference §5.3); operands bind tightest.
int precedence(Op op) {
  switch (op) {
    case Op::logical_or:
      return 1;
    case Op::logical_and:
      return 2;
    case Op::logical_not:
      return 3;
    case Op::equal:
    case Op::not_equal:
    case Op::less:
    case Op::less_equal:
    case Op::greater:
    case Op::greater_equal:
    case Op::member:
      return 4;
    case Op::add:
    case Op::subtract:
    case Op::date_plus:
    case Op::date_minus:
      return 5;
    case Op::multiply:
    case Op::remainder:
      return 6;
    case Op::negate:
      return 7;
    default:
      return 8;
  }
}

std::string_view operator_text(Op op) {
  switch (op) {
    case Op::logical_or:
      return "ou";
    case Op::logical_and:
      return "et";
    case Op::equal:
      return "=";
    case Op::not_equal:
      return "!=";
    case Op::less:
      return "<";
    case Op::less_equal:
      return "<=";
    case Op::greater:
      return ">";
    case Op::greater_equal:
      return ">=";
    case Op::add:
    case Op::date_plus:
      return "+";
    case Op::subtract:
    case Op::date_minus:
      return "-";
    case Op::multiply:
      return "×";
    case Op::remainder:
      return "modulo";
    default:
      return "";
  }
}

// The rounding a date shift declares, as written after it.
std::string_view day_rounding_text(const Node& node) {
  if (node.op != Op::date_plus && node.op != Op::date_minus) return "";
  switch (static_cast<DayRounding>(node.reference)) {
    case DayRounding::previous_day:
      return " arrondi au jour précédent";
    case DayRounding::next_day:
      return " arrondi au jour suivant";
    case DayRounding::none:
      break;
  }
  return "";
}

class Printer {
 public:
  explicit Printer(const RuleSet::Model& model) : model_(model) {}

  std::string text(NodeId id) const {
    const Node& node = model_.nodes.at(id);
    switch (node.op) {
      case Op::constant:
        return value_text(node.constant);
      case Op::field:
        return std::string(field_text(node.field));
      case Op::letter_value:
        return model_.letters.at(node.reference).code + ".valeur";
      case Op::item_value:
        return model_.items.at(node.reference).code + ".valeur";
      case Op::parameter:
        return model_.parameters.at(node.reference).name;
      case Op::fact:
        return model_.facts.at(node.reference).name;
      case Op::logical_not:
        return "non " + operand(node.operands.at(0), precedence(Op::logical_not));
      case Op::negate:
        return "-" + operand(node.operands.at(0), precedence(Op::negate));
      case Op::holds:
        return fmt::format("contient({})", model_.held_groups.at(node.reference).first);
      case Op::minimum:
      case Op::maximum:
        return fmt::format("{}({}, {})", node.op == Op::minimum ? "min" : "max", text(node.operands.at(0)),
                           text(node.operands.at(1)));
      case Op::choice:
        return fmt::format("choix({}, {}, {})", text(node.operands.at(0)), text(node.operands.at(1)),
                           text(node.operands.at(2)));
      case Op::member: {
        std::vector<std::string> members;
        for (std::size_t i = 1; i < node.operands.size(); ++i) members.push_back(text(node.operands[i]));
        return fmt::format("{} dans {{{}}}", operand(node.operands.at(0), precedence(Op::member) + 1),
                           fmt::join(members, ", "));
      }
      default: {
        // Binary operators group from the left: a right operand of the same level keeps its
        // parentheses, and a comparison never takes another comparison unparenthesised.
        const int level = precedence(node.op);
        const int left_level = level == precedence(Op::equal) ? level + 1 : level;
        return fmt::format("{} {} {}{}", operand(node.operands.at(0), left_level), operator_text(node.op),
                           operand(node.operands.at(1), level + 1), day_rounding_text(node));
      }
    }
  }

 private:
  // The operand's text, parenthesised when it binds less tightly than `minimum`.
  std::string operand(NodeId id, int minimum) const {
    const Node& node = model_.nodes.at(id);
    const int level =
        node.op == Op::constant && node.constant.number.is_negative() ? precedence(Op::negate) : precedence(node.op);
    std::string inner = text(id);
    return level < minimum ? "(" + inner + ")" : inner;
  }

  const RuleSet::Model& model_;
};

}  // namespace

std::string expression_text(const RuleSet::Model& model, NodeId node) {
  return Printer(model).text(node);
}

std::string number_text(const Decimal& number) {
  int decimals = number.scale();
  while (decimals > 0 && number.round(decimals - 1, RoundingMode::toward_zero) == number) --decimals;
  return number.to_string(decimals);
}

std::string money_text(const Decimal& amount) {
  const std::string digits = number_text(amount);
  const std::size_t point = digits.find('.');
  const std::size_t decimals = point == std::string::npos ? 0 : digits.size() - point - 1;
  return (decimals >= 2 ? digits : amount.to_string(2)) + " €";
}

std::string value_text(const Value& value) {
  switch (value.type) {
    case Type::boolean:
      return value.boolean ? "vrai" : "faux";
    case Type::number:
      return number_text(value.number);
    case Type::money:
      return money_text(value.number);
    case Type::percentage:
      return number_text(value.number) + " %";
    case Type::distance:
      return number_text(value.number) + " km";
    case Type::duration:
      return fmt::format("{} {}", value.integer, value.months ? "mois" : "jours");
    case Type::date:
      return date_text(value.integer);
    case Type::region:
    case Type::place:
    case Type::prescription:
    case Type::structure:
      return std::string(enumeration_text(value.type, value.integer));
    case Type::text:
      return "\"\"";
  }
  return "";
}

}  // namespace cotation::model
