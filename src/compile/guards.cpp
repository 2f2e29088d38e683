#include "compile/guards.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace cotation::model {
namespace {

// A constant as the integer its field is read as, or none (a fraction, a money amount, a
// duration, a parameter: the graph compares those).
std::optional<std::int64_t> whole_constant(const Node& node) {
  if (node.op != Op::constant) return std::nullopt;
  const Value& value = node.constant;
  switch (node.type) {
    case Type::boolean:
      return value.boolean ? 1 : 0;
    case Type::date:
    case Type::region:
    case Type::place:
    case Type::prescription:
    case Type::structure:
      return value.integer;
    case Type::number: {
      const Decimal& number = value.number;
      const std::uint64_t unit = detail::powers_of_ten[static_cast<std::size_t>(number.scale())];
      const std::uint64_t magnitude = number.magnitude() / unit;
      if (number.magnitude() % unit != 0 || magnitude > std::numeric_limits<std::int64_t>::max()) return std::nullopt;
      const auto whole = static_cast<std::int64_t>(magnitude);
      return number.is_negative() ? -whole : whole;
    }
    default:
      return std::nullopt;
  }
}

bool is_whole_field(const Node& node) {
  return node.op == Op::field && reads_whole(node.field);
}

// `a < b` read from b's side: `b > a`.
Op mirrored(Op comparison) {
  switch (comparison) {
    case Op::less:
      return Op::greater;
    case Op::less_equal:
      return Op::greater_equal;
    case Op::greater:
      return Op::less;
    case Op::greater_equal:
      return Op::less_equal;
    default:
      return comparison;  // = and != read alike from both sides
  }
}

std::optional<Comparison> comparison_of(const RuleSet::Model& model, const Node& node) {
  if (is_whole_field(node) && node.type == Type::boolean) return Comparison{node.field, Op::not_equal, 0};
  switch (node.op) {
    case Op::equal:
    case Op::not_equal:
    case Op::less:
    case Op::less_equal:
    case Op::greater:
    case Op::greater_equal: {
      const Node& left = model.nodes[node.operands[0]];
      const Node& right = model.nodes[node.operands[1]];
      const bool field_first = is_whole_field(left);
      const Node& field = field_first ? left : right;
      const auto constant = whole_constant(field_first ? right : left);
      if (!is_whole_field(field) || !constant) return std::nullopt;
      return Comparison{field.field, field_first ? node.op : mirrored(node.op), *constant};
    }
    default:
      return std::nullopt;
  }
}

// The types of decimals a formula computes with: a percentage multiplies as a fraction, a
// duration counts days or months; the graph computes those.
bool is_plain_decimal(Type type) {
  return type == Type::number || type == Type::money || type == Type::distance;
}

using StepKind = Formula::Step::Kind;

// Appends the steps of `id`, a decimal, to `formula`; false when it is not one a formula computes.
bool append_number(const RuleSet::Model& model, NodeId id, Formula& formula) {
  const Node& node = model.nodes[id];
  if (!is_plain_decimal(node.type)) return false;
  const auto index = [](std::size_t i) { return static_cast<std::uint32_t>(i); };
  switch (node.op) {
    case Op::constant:
      formula.steps.push_back({StepKind::number, {}, index(formula.numbers.size()), 0});
      formula.numbers.push_back(node.constant.number);
      return true;
    case Op::field:
      // As the graph reads it: a field read as an integer is a decimal when typed a number.
      if (reads_whole(node.field) && node.type != Type::number) return false;
      formula.steps.push_back({StepKind::field, {node.field, Op::equal, 0}, 0, 0});
      return true;
    case Op::parameter:
    case Op::letter_value:
    case Op::item_value: {
      const StepKind kind = node.op == Op::parameter      ? StepKind::parameter
                            : node.op == Op::letter_value ? StepKind::letter_value
                                                          : StepKind::item_value;
      formula.steps.push_back({kind, {}, node.reference, 0});
      return true;
    }
    case Op::negate:
      if (!append_number(model, node.operands[0], formula)) return false;
      formula.steps.push_back({StepKind::negate, {}, 0, 0});
      return true;
    case Op::add:
    case Op::subtract:
    case Op::multiply:
    case Op::remainder:
    case Op::minimum:
    case Op::maximum: {
      if (!append_number(model, node.operands[0], formula) || !append_number(model, node.operands[1], formula)) {
        return false;
      }
      const StepKind kind = node.op == Op::add         ? StepKind::add
                            : node.op == Op::subtract  ? StepKind::subtract
                            : node.op == Op::multiply  ? StepKind::multiply
                            : node.op == Op::remainder ? StepKind::remainder
                            : node.op == Op::minimum   ? StepKind::minimum
                                                       : StepKind::maximum;
      formula.steps.push_back({kind, {}, 0, 0});
      return true;
    }
    default:
      return false;
  }
}

// Appends the steps of `id`, a boolean, to `formula`; false when it is not one a formula decides.
bool append_boolean(const RuleSet::Model& model, NodeId id, Formula& formula) {
  const Node& node = model.nodes[id];
  switch (node.op) {
    case Op::logical_and:
    case Op::logical_or:
      if (!append_boolean(model, node.operands[0], formula) || !append_boolean(model, node.operands[1], formula)) {
        return false;
      }
      formula.steps.push_back({node.op == Op::logical_and ? StepKind::conjunction : StepKind::disjunction, {}, 0, 0});
      return true;
    case Op::logical_not:
      if (!append_boolean(model, node.operands[0], formula)) return false;
      formula.steps.push_back({StepKind::negation, {}, 0, 0});
      return true;
    case Op::member: {
      const Node& element = model.nodes[node.operands[0]];
      if (!is_whole_field(element)) return false;
      Formula::Step step{StepKind::member,
                         {element.field, Op::equal, 0},
                         static_cast<std::uint32_t>(formula.integers.size()),
                         static_cast<std::uint32_t>(node.operands.size() - 1)};
      for (std::size_t i = 1; i < node.operands.size(); ++i) {
        const auto constant = whole_constant(model.nodes[node.operands[i]]);
        if (!constant) return false;
        formula.integers.push_back(*constant);
      }
      formula.steps.push_back(step);
      return true;
    }
    default:
      if (const auto comparison = comparison_of(model, node)) {
        formula.steps.push_back({StepKind::comparison, *comparison, 0, 0});
        return true;
      }
      if (node.op < Op::equal || node.op > Op::greater_equal) return false;
      if (!append_number(model, node.operands[0], formula) || !append_number(model, node.operands[1], formula)) {
        return false;
      }
      formula.steps.push_back({StepKind::number_comparison, {Field::date, node.op, 0}, 0, 0});
      return true;
  }
}

// Whether the values `formula` leaves pending at once fit its stacks.
bool fits(const Formula& formula) {
  std::size_t booleans = 0;
  std::size_t numbers = 0;
  for (const Formula::Step& step : formula.steps) {
    switch (step.kind) {
      case StepKind::comparison:
      case StepKind::member:
        ++booleans;
        break;
      case StepKind::conjunction:
      case StepKind::disjunction:
        --booleans;
        break;
      case StepKind::number:
      case StepKind::field:
      case StepKind::parameter:
      case StepKind::letter_value:
      case StepKind::item_value:
        ++numbers;
        break;
      case StepKind::add:
      case StepKind::subtract:
      case StepKind::multiply:
      case StepKind::remainder:
      case StepKind::minimum:
      case StepKind::maximum:
        --numbers;
        break;
      case StepKind::number_comparison:
        numbers -= 2;
        ++booleans;
        break;
      case StepKind::negation:
      case StepKind::negate:
        break;
    }
    if (booleans > Formula::max_booleans || numbers > Formula::max_numbers) return false;
  }
  return true;
}

std::optional<Formula> formula_of(const RuleSet::Model& model, NodeId id, bool boolean) {
  Formula formula;
  if (!(boolean ? append_boolean(model, id, formula) : append_number(model, id, formula)) || !fits(formula)) {
    return std::nullopt;
  }
  return formula;
}

// The steps of `count` rules' sets over an integer x: `in_set(i, x)` says whether rule i is in
// the set at x, and changes only at the `changes` (its first x of a new value).
template <typename InSet>
RuleSteps steps_of(std::vector<std::int64_t> changes, std::size_t count, InSet in_set) {
  changes.push_back(std::numeric_limits<std::int64_t>::min());
  std::sort(changes.begin(), changes.end());
  changes.erase(std::unique(changes.begin(), changes.end()), changes.end());
  RuleSteps steps;
  for (const std::int64_t x : changes) {
    std::uint64_t set = 0;
    for (std::size_t i = 0; i < count; ++i) {
      if (in_set(i, x)) set |= std::uint64_t{1} << i;
    }
    if (!steps.sets.empty() && steps.sets.back() == set) continue;
    steps.starts.push_back(x);
    steps.sets.push_back(set);
  }
  return steps;
}

// Where a set bounded by `last` (included) changes: after it, unless nothing is after it.
void add_end(std::vector<std::int64_t>& changes, std::int64_t last) {
  if (last != std::numeric_limits<std::int64_t>::max()) changes.push_back(last + 1);
}

RuleBlock block_of(const RuleSet::Model& model, std::span<const std::uint32_t> rules) {
  const auto rule = [&](std::size_t i) -> const Rule& { return model.rules[rules[i]]; };
  RuleBlock block;
  std::vector<std::int64_t> changes;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    changes.push_back(rule(i).period.since);
    add_end(changes, rule(i).period.until);
  }
  block.by_day = steps_of(changes, rules.size(), [&](std::size_t i, std::int64_t day) {
    return rule(i).period.since <= day && day <= rule(i).period.until;
  });
  for (std::size_t f = 0; f < field_count; ++f) {
    const auto field = static_cast<Field>(f);
    const auto guarded_by_field = [&](std::size_t i) { return rule(i).guard && rule(i).guard->field == field; };
    RuleBlock::GuardedBy by_field{field, 0, {}};
    changes.clear();
    for (std::size_t i = 0; i < rules.size(); ++i) {
      if (!guarded_by_field(i)) continue;
      by_field.guarded |= std::uint64_t{1} << i;
      changes.push_back(rule(i).guard->constant);
      add_end(changes, rule(i).guard->constant);
    }
    if (by_field.guarded == 0) continue;
    by_field.holds = steps_of(changes, rules.size(), [&](std::size_t i, std::int64_t value) {
      return !guarded_by_field(i) || satisfies(rule(i).guard->op, value <=> rule(i).guard->constant);
    });
    block.by_guard.push_back(std::move(by_field));
  }
  return block;
}

}  // namespace

void compile_guards(RuleSet::Model& model) {
  for (Rule& rule : model.rules) {
    if (!rule.when) continue;
    NodeId first = *rule.when;
    while (model.nodes[first].op == Op::logical_and) first = model.nodes[first].operands[0];
    rule.guard = comparison_of(model, model.nodes[first]);
    rule.formula = formula_of(model, *rule.when, true);
  }
  for (Act& act : model.acts) {
    for (Condition& condition : act.conditions) condition.formula = formula_of(model, condition.predicate, true);
  }
  for (Item& item : model.items) {
    for (Condition& condition : item.conditions) condition.formula = formula_of(model, condition.predicate, true);
    if (item.computation) item.computation_formula = formula_of(model, *item.computation, false);
  }
  for (auto* by_subject : {&model.rules_by_act, &model.rules_by_item}) {
    for (RuleSelection& selection : *by_subject) {
      const std::span<const std::uint32_t> rules = selection.rules;
      selection.blocks.clear();
      for (std::size_t first = 0; first < rules.size(); first += RuleSelection::block_size) {
        selection.blocks.push_back(
            block_of(model, rules.subspan(first, std::min(RuleSelection::block_size, rules.size() - first))));
      }
    }
  }
}

}  // namespace cotation::model
