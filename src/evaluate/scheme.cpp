// Evaluates a `dispositif` for one situation: its expressions read the situation's facts,
// never a claim. Facts are looked up only when an expression needs them, so a branch of a
// decision tree that is not taken needs no fact.
#include "cotation/scheme.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <compare>
#include <utility>

#include "compile/expression_text.hpp"
#include "compile/model.hpp"
#include "evaluate/calendar.hpp"
#include "evaluate/values.hpp"

namespace cotation {
namespace {

using namespace model;

std::string_view type_name(Type type) {
  switch (type) {
    case Type::boolean: return "booléen";
    case Type::money: return "montant";
    case Type::percentage: return "pourcentage";
    case Type::date: return "date";
    default: return "nombre";
  }
}

class SchemeEvaluator {
 public:
  SchemeEvaluator(const RuleSet::Model& model, const Scheme& scheme, const Situation& situation)
      : model_(model), given_(model.facts.size()) {
    for (const auto& fact : situation.facts) {
      const std::string& name = fact.first;  // not a structured binding: clang 14 cannot capture one
      const auto it = std::find_if(scheme.facts.begin(), scheme.facts.end(),
                                   [&](std::uint32_t f) { return model.facts[f].name == name; });
      if (it == scheme.facts.end()) {
        throw SchemeError(fmt::format("le dispositif {} n'a pas de fait {}", scheme.name, name));
      }
      given_[*it] = typed(model.facts[*it], fact.second);
    }
  }

  bool holds(NodeId id) { return value(id).boolean; }
  Decimal amount(NodeId id) { return value(id).number; }

 private:
  static Value typed(const Fact& fact, const FactValue& given) {
    Value v;
    v.type = fact.type;
    const bool matches = fact.type == Type::boolean ? std::holds_alternative<bool>(given)
                         : fact.type == Type::date  ? std::holds_alternative<Date>(given)
                                                    : std::holds_alternative<Decimal>(given);
    if (!matches) {
      throw SchemeError(fmt::format("le fait {} est un(e) {}", fact.name, type_name(fact.type)));
    }
    if (const auto* b = std::get_if<bool>(&given)) v.boolean = *b;
    if (const auto* d = std::get_if<Decimal>(&given)) v.number = *d;
    if (const auto* date = std::get_if<Date>(&given)) v.integer = day_of(*date);
    return v;
  }

  Value value(NodeId id) {
    const Node& node = model_.nodes[id];
    Value v;
    v.type = node.type;
    const auto operand = [&](std::size_t i) { return value(node.operands[i]); };
    // Left, then right (a braced list is read in order, a call's arguments are not): the first
    // fact missing is the one reported.
    const auto operands = [&] { return std::pair<Value, Value>{operand(0), operand(1)}; };
    switch (node.op) {
      case Op::constant: return node.constant;
      case Op::fact: {
        if (!given_[node.reference]) {
          throw SchemeError(fmt::format("la situation ne donne pas le fait {}, nécessaire ici",
                                        model_.facts[node.reference].name));
        }
        return *given_[node.reference];
      }
      case Op::logical_and: v.boolean = operand(0).boolean && operand(1).boolean; break;
      case Op::logical_or: v.boolean = operand(0).boolean || operand(1).boolean; break;
      case Op::logical_not: v.boolean = !operand(0).boolean; break;
      case Op::equal:
      case Op::not_equal:
      case Op::less:
      case Op::less_equal:
      case Op::greater:
      case Op::greater_equal: {
        const auto [a, b] = operands();
        v.boolean = satisfies(node.op, order(a, b));
        break;
      }
      case Op::member: {
        const Value element = operand(0);
        for (std::size_t i = 1; i < node.operands.size() && !v.boolean; ++i) {
          v.boolean = std::is_eq(order(element, operand(i)));
        }
        break;
      }
      case Op::add: {
        const auto [a, b] = operands();
        v.number = a.number + b.number;
        break;
      }
      case Op::subtract: {
        const auto [a, b] = operands();
        v.number = a.number - b.number;
        break;
      }
      case Op::multiply: {
        const auto [a, b] = operands();
        v.number = product(a, b);
        break;
      }
      case Op::remainder: {
        const auto [a, b] = operands();
        v.number = remainder(a.number, b.number);
        break;
      }
      case Op::negate: v.number = -operand(0).number; break;
      case Op::minimum:
      case Op::maximum: {
        const auto [a, b] = operands();
        return std::is_lteq(order(a, b)) == (node.op == Op::minimum) ? a : b;
      }
      case Op::choice: return operand(operand(0).boolean ? 1 : 2);
      case Op::date_plus:
      case Op::date_minus: {
        const auto [date, duration] = operands();
        try {
          v.integer = shift_date(node, date.integer, duration);
        } catch (const DayMissingInMonth& shift) {
          throw SchemeError(shift.text());
        } catch (const OutsideCalendar& error) {
          throw SchemeError(error.what());
        }
        break;
      }
      // The compiler lets a scheme's expressions read its facts only.
      case Op::holds:
      case Op::field:
      case Op::letter_value:
      case Op::item_value:
      case Op::parameter: throw std::logic_error("scheme expression reads a claim");
    }
    return v;
  }

  const RuleSet::Model& model_;
  std::vector<std::optional<Value>> given_;  // by index in model_.facts
};

}  // namespace

SchemeResult evaluate_scheme(const RuleSet& rule_set, const Situation& situation) {
  const RuleSet::Model& model = rule_set.model();
  const auto found = std::find_if(model.schemes.begin(), model.schemes.end(),
                                  [&](const Scheme& s) { return s.name == situation.scheme; });
  if (found == model.schemes.end()) throw SchemeError(fmt::format("aucun dispositif {} n'est déclaré", situation.scheme));
  const Scheme& scheme = *found;
  SchemeEvaluator facts(model, scheme, situation);
  SchemeResult result;
  result.id = situation.id;
  result.scheme = scheme.name;
  std::optional<std::size_t> unmet;  // the first prerequisite not met
  for (const Condition& condition : scheme.prerequisites) {
    const bool met = facts.holds(condition.predicate);
    const std::string message =
        condition.message.empty() ? expression_text(model, condition.predicate) : condition.message;
    result.prerequisites.push_back({condition.name, met, message, condition.citation.text});
    if (!met && !unmet) unmet = result.prerequisites.size() - 1;
  }
  result.eligible = !unmet;
  const Day day = day_of(situation.date);
  for (const SchemeAmount& amount : scheme.amounts) {
    if (!amount.period.contains(day)) continue;
    SchemePayment payment{amount.name, amount.label, false, facts.amount(amount.amount), {}, amount.citation.text};
    if (!result.eligible && !amount.outside_prerequisites) {
      payment.reason = "prérequis non rempli : " + result.prerequisites[*unmet].message;
    } else if (amount.condition && !facts.holds(*amount.condition)) {
      payment.reason = "condition non remplie : " + expression_text(model, *amount.condition);
    } else {
      payment.paid = true;
      payment.reason = amount.condition ? "condition remplie : " + expression_text(model, *amount.condition)
                       : amount.outside_prerequisites ? "versé indépendamment des prérequis"
                                                      : "prérequis remplis";
      result.total = result.total + payment.amount;
    }
    result.amounts.push_back(std::move(payment));
  }
  if (!result.eligible) return result;
  const int year = static_cast<int>(situation.date.year());
  for (const Instalment& instalment : scheme.instalments) {
    SchemeInstalment paid{year + static_cast<int>(instalment.year_offset), std::nullopt, facts.amount(instalment.amount),
                          instalment.citation.text};
    if (instalment.at_signature) paid.date = situation.date;
    result.total = result.total + paid.amount;
    result.schedule.push_back(std::move(paid));
  }
  for (const SchemeDecision& decision : scheme.decisions) {
    if (!decision.condition || facts.holds(*decision.condition)) {
      result.decision = SchemeOutcome{decision.label, decision.citation.text};
      break;
    }
  }
  return result;
}

}  // namespace cotation
