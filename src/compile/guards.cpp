#include "compile/guards.hpp"

#include <cstdint>
#include <limits>
#include <optional>

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

}  // namespace

void find_guards(RuleSet::Model& model) {
  for (Rule& rule : model.rules) {
    if (!rule.when) continue;
    NodeId first = *rule.when;
    while (model.nodes[first].op == Op::logical_and) first = model.nodes[first].operands[0];
    rule.guard = comparison_of(model, model.nodes[first]);
  }
}

}  // namespace cotation::model
