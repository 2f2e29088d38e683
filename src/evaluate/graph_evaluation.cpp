// Computing the compiled graph's values for a line (graph_evaluation.hpp): a letter's or item's
// value in force, a predicate's truth, and the graph's nodes.
#include "evaluate/graph_evaluation.hpp"

#include <algorithm>
#include <utility>

#include "evaluate/calendar.hpp"
#include "evaluate/values.hpp"

namespace cotation::evaluation {

using namespace model;

void GraphEvaluation::no_value_in_force(const std::string& code) const {
  throw_no_value(Wording::no_value_in_region, code, date_text(fields_.day()),
                 fields_.region() == RegionIndex::metropole ? Wording::metropole : Wording::overseas);
}

void GraphEvaluation::shifted_onto_missing_day(Wording wording, std::string_view owner,
                                               const DayMissingInMonth& shift) {
  Reason shifted;
  shifted.wording = static_cast<std::uint16_t>(Wording::day_missing_in_month);
  shifted.arguments = shift.arguments();
  throw_no_value(wording, owner, std::move(shifted));
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
      const auto i = parameter_in_force(parameter, fields_.day());
      if (!i) {
        throw_no_value(Wording::no_parameter_value, parameter.name, date_text(fields_.day()));
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
    case Op::remainder: {
      // Named, not bound: clang 14 cannot capture a structured binding in a lambda.
      const Decimal& dividend = operand(0).number;
      const Decimal& divisor = operand(1).number;
      v.number = remainder(dividend, divisor);
      explainer_.explain([&] { return steps::remainder(dividend, divisor, v.number); });
      return v;
    }
    case Op::negate:
      v.number = -operand(0).number;
      return v;
    case Op::minimum: {
      const auto [a, b] = operands();
      return std::is_lteq(order(a, b)) ? a : b;
    }
    // Only the value chosen is read: a field only the other needs is not required.
    case Op::choice:
      return operand(operand(0).boolean ? 1 : 2);
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
        throw_no_value(Wording::outside_calendar, date_text(error.from), error.months);
      }
      return v;
    }
    case Op::fact:  // only in a scheme's expressions, which src/evaluate/scheme.cpp evaluates
      break;
  }
  return v;
}

}  // namespace cotation::evaluation
