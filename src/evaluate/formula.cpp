// Computing a formula in postfix order from the claim's fields (formula.hpp): booleans kept as
// bits, decimals on a small stack.
#include "evaluate/formula.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>

#include "evaluate/values.hpp"

namespace cotation::evaluation {

using namespace model;

bool compute_formula(const RuleSet::Model& model, ClaimFields& fields, const Formula& formula, bool& truth,
                     Decimal& number) {
  using Kind = Formula::Step::Kind;
  std::uint64_t booleans = 0;  // pending, a bit each, the last lowest
  std::array<Decimal, Formula::max_numbers> numbers;
  std::size_t pending = 0;  // numbers
  const auto push = [&](const Decimal& value) { numbers[pending++] = value; };
  for (const auto& step : formula.steps) {
    switch (step.kind) {
      case Kind::comparison:
      case Kind::member: {
        const auto value = fields.whole_field(step.comparison.field);
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
        const auto value = fields.number_field(step.comparison.field);
        if (!value) return false;
        push(*value);
        break;
      }
      case Kind::parameter: {
        const Parameter& parameter = model.parameters[step.first];
        const auto i = parameter_in_force(parameter, fields.day());
        if (!i) return false;
        push(parameter.values[*i].second.number);
        break;
      }
      case Kind::letter_value:
      case Kind::item_value: {
        const RegionalValue* value = value_in_force(
            step.kind == Kind::letter_value ? model.letters[step.first].values : model.items[step.first].values,
            fields);
        if (value == nullptr) return false;
        push(*value->by_region[static_cast<std::size_t>(fields.region())]);
        break;
      }
      case Kind::negate:
        numbers[pending - 1] = -numbers[pending - 1];
        break;
      case Kind::add:
      case Kind::subtract:
      case Kind::multiply:
      case Kind::remainder:
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
          case Kind::remainder:
            left = remainder(left, right);
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

}  // namespace cotation::evaluation
