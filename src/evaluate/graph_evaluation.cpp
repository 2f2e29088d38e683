// Computing the compiled graph's values for a line (graph_evaluation.hpp): the dated values in
// force, the formulas computed without the graph, and the graph's nodes.
#include "evaluate/graph_evaluation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <span>
#include <utility>

#include "evaluate/calendar.hpp"
#include "evaluate/values.hpp"

namespace cotation::evaluation {

using namespace model;

Decimal GraphEvaluation::value_at(const std::vector<RegionalValue>& values, const std::string& code) {
  const auto index = static_cast<std::size_t>(fields_.region());
  const RegionalValue* value = value_in_force(values);
  if (value == nullptr) {
    throw NoValueInForce{fmt::format("aucune valeur de {} n'est en vigueur le {} en {}", code, date_text(fields_.day()),
                                     index == 0 ? "métropole" : "outre-mer")};
  }
  explainer_.explain(
      [&] { return steps::value_in_force(code, fields_.day(), *value->by_region[index], value->citation); });
  return *value->by_region[index];
}

const RegionalValue* GraphEvaluation::value_in_force(const std::vector<RegionalValue>& values) const {
  if (!fields_.region_given()) return nullptr;
  const auto index = static_cast<std::size_t>(fields_.region());
  for (const auto& value : values) {
    if (value.period.contains(fields_.day()) && value.by_region[index]) return &value;
  }
  return nullptr;
}

std::optional<std::size_t> GraphEvaluation::parameter_in_force(const Parameter& parameter) const {
  for (std::size_t i = 0; i < parameter.values.size(); ++i) {
    if (parameter.values[i].first.contains(fields_.day())) return i;
  }
  return std::nullopt;
}

bool GraphEvaluation::truth(NodeId predicate, const std::optional<Formula>& formula, std::string_view kind,
                            std::string_view owner) {
  bool computed = false;
  Decimal unused;
  if (formula && compute(*formula, computed, unused)) return computed;
  try {
    return is_true(predicate);
  } catch (const DayMissingInMonth& shift) {
    throw NoValueInForce{fmt::format("{}{} : {}", kind, owner, shift.text())};
  }
}

bool GraphEvaluation::compute(const Formula& formula, bool& truth, Decimal& number) {
  using Kind = Formula::Step::Kind;
  if (explainer_.wanted()) return false;
  std::uint64_t booleans = 0;  // pending, a bit each, the last lowest
  std::array<Decimal, Formula::max_numbers> numbers;
  std::size_t pending = 0;  // numbers
  const auto push = [&](const Decimal& value) { numbers[pending++] = value; };
  for (const auto& step : formula.steps) {
    switch (step.kind) {
      case Kind::comparison:
      case Kind::member: {
        const auto value = fields_.whole_field(step.comparison.field);
        if (!value) return false;
        bool holds = false;
        if (step.kind == Kind::comparison) {
          holds = satisfies(step.comparison.op, *value <=> step.comparison.constant);
        } else {
          const auto constants = std::span(formula.integers).subspan(step.first, step.count);
          holds = std::find(constants.begin(), constants.end(), *value) != constants.end();
        }
        booleans = booleans << 1 | static_cast<std::uint64_t>(holds);
        break;
      }
      case Kind::negation:
        booleans ^= 1;
        break;
      case Kind::conjunction:
      case Kind::disjunction: {
        const std::uint64_t right = booleans & 1;
        booleans >>= 1;
        booleans = step.kind == Kind::conjunction ? booleans & (~std::uint64_t{1} | right) : booleans | right;
        break;
      }
      case Kind::number:
        push(formula.numbers[step.first]);
        break;
      case Kind::field: {
        const auto value = fields_.number_field(step.comparison.field);
        if (!value) return false;
        push(*value);
        break;
      }
      case Kind::parameter: {
        const Parameter& parameter = model_.parameters[step.first];
        const auto i = parameter_in_force(parameter);
        if (!i) return false;
        push(parameter.values[*i].second.number);
        break;
      }
      case Kind::letter_value:
      case Kind::item_value: {
        const RegionalValue* value = value_in_force(step.kind == Kind::letter_value ? model_.letters[step.first].values
                                                                                    : model_.items[step.first].values);
        if (value == nullptr) return false;
        push(*value->by_region[static_cast<std::size_t>(fields_.region())]);
        break;
      }
      case Kind::negate:
        numbers[pending - 1] = -numbers[pending - 1];
        break;
      case Kind::add:
      case Kind::subtract:
      case Kind::multiply:
      case Kind::minimum:
      case Kind::maximum: {
        const Decimal& right = numbers[--pending];
        Decimal& left = numbers[pending - 1];
        switch (step.kind) {
          case Kind::add:
            left = left + right;
            break;
          case Kind::subtract:
            left = left - right;
            break;
          case Kind::multiply:
            left = left * right;
            break;
          case Kind::minimum:
            if (!(left <= right)) left = right;
            break;
          default:
            if (!(left >= right)) left = right;
            break;
        }
        break;
      }
      case Kind::number_comparison: {
        pending -= 2;
        const bool holds = satisfies(step.comparison.op, numbers[pending] <=> numbers[pending + 1]);
        booleans = booleans << 1 | static_cast<std::uint64_t>(holds);
        break;
      }
    }
  }
  truth = (booleans & 1) != 0;
  if (pending != 0) number = numbers[0];
  return true;
}

Value GraphEvaluation::compute(const Node& node) {
  Value v;
  v.type = node.type;
  const auto operand = [&](std::size_t i) -> const Value& { return evaluate(node.operands[i]); };
  // Left, then right (a braced list is read in order, a call's arguments are not): an
  // explanation lists the values in that order, and the first missing field is the one reported.
  const auto operands = [&] { return std::pair<const Value&, const Value&>{operand(0), operand(1)}; };
  switch (node.op) {
    case Op::constant:
      return node.constant;
    case Op::holds: {
      const Scope& group = model_.held_groups[node.reference].second;
      v.boolean = std::any_of(scratch_.subjects.begin(), scratch_.subjects.end(), [&](const Subject& subject) {
        return subject.index != none && in_scope(group, subject);
      });
      return v;
    }
    case Op::field:
      return fields_.field(node.field, node.type);
    case Op::letter_value: {
      const Letter& letter = model_.letters[node.reference];
      v.number = value_at(letter.values, letter.code);
      return v;
    }
    case Op::item_value: {
      const Item& item = model_.items[node.reference];
      v.number = value_at(item.values, item.code);
      return v;
    }
    case Op::parameter: {
      const Parameter& parameter = model_.parameters[node.reference];
      const auto i = parameter_in_force(parameter);
      if (!i) {
        throw NoValueInForce{fmt::format("aucune valeur du paramètre {} n'est en vigueur le {}", parameter.name,
                                         date_text(fields_.day()))};
      }
      explainer_.explain([&] { return steps::parameter_in_force(parameter, *i); });
      return parameter.values[*i].second;
    }
    // `et` and `ou` read their right side only when the left does not decide: a
    // field that only the right side needs is not required.
    case Op::logical_and:
      v.boolean = operand(0).boolean && operand(1).boolean;
      return v;
    case Op::logical_or:
      v.boolean = operand(0).boolean || operand(1).boolean;
      return v;
    case Op::logical_not:
      v.boolean = !operand(0).boolean;
      return v;
    case Op::equal:
    case Op::not_equal:
    case Op::less:
    case Op::less_equal:
    case Op::greater:
    case Op::greater_equal: {
      const auto [a, b] = operands();
      v.boolean = satisfies(node.op, order(a, b));
      return v;
    }
    case Op::member: {
      const Value& element = operand(0);
      for (std::size_t i = 1; i < node.operands.size(); ++i) {
        if (std::is_eq(order(element, operand(i)))) {
          v.boolean = true;
          return v;
        }
      }
      v.boolean = false;
      return v;
    }
    case Op::add: {
      const auto [a, b] = operands();
      v.number = a.number + b.number;
      return v;
    }
    case Op::subtract: {
      const auto [a, b] = operands();
      v.number = a.number - b.number;
      return v;
    }
    case Op::multiply: {
      const auto [a, b] = operands();
      v.number = product(a, b);
      return v;
    }
    case Op::negate:
      v.number = -operand(0).number;
      return v;
    case Op::minimum: {
      const auto [a, b] = operands();
      return std::is_lteq(order(a, b)) ? a : b;
    }
    case Op::maximum: {
      const auto [a, b] = operands();
      return std::is_gteq(order(a, b)) ? a : b;
    }
    case Op::date_plus:
    case Op::date_minus: {
      const auto [date, duration] = operands();
      try {
        v.integer = shift_date(node, date.integer, duration);
      } catch (const OutsideCalendar& error) {
        throw NoValueInForce{error.what()};
      }
      return v;
    }
    case Op::fact:  // only in a scheme's expressions, which src/evaluate/scheme.cpp evaluates
      break;
  }
  return v;
}

}  // namespace cotation::evaluation
