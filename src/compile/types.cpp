// Types: an expression type-checked into the shared node array of the model, where identical
// sub-expressions get one node (interning). Paths read a claim field, an enumeration word, a
// parameter, an item's or a letter's value, or in a scheme one of its facts. In: a syntax
// expression; out: its node and type, or no type and a diagnostic.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "compile/compilation.hpp"
#include "compile/fields.hpp"
#include "parse/utf8.hpp"

namespace cotation::compiler {

using namespace model;

namespace {

// Identical nodes get one index: a sub-expression written twice is one node.
NodeId intern(Compilation& c, const Node& node) {
  std::string key =
      fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}", static_cast<int>(node.op), static_cast<int>(node.type),
                  static_cast<int>(node.field), node.reference, node.constant.boolean, node.constant.integer,
                  node.constant.number.to_string(), node.constant.months, fmt::join(node.operands, ","));
  const auto [it, inserted] = c.interned.try_emplace(std::move(key), static_cast<NodeId>(c.model->nodes.size()));
  if (inserted) c.model->nodes.push_back(node);
  return it->second;
}

bool is_quantity(Type type) {
  return type == Type::number || type == Type::money || type == Type::distance || type == Type::percentage;
}

// contient(groupe): whether the claim bills a line of the group, whichever line is decided.
Typed holds(Compilation& c, const syntax::Name& group) {
  auto& held = c.model->held_groups;
  auto it = std::find_if(held.begin(), held.end(), [&](const auto& g) { return g.first == group.text; });
  if (it == held.end()) {
    held.emplace_back(group.text, scope(c, {syntax::Selector{syntax::SelectorKind::group, group}}));
    it = std::prev(held.end());
  }
  Node node{Op::holds, Type::boolean, {}, static_cast<std::uint32_t>(it - held.begin()), {}, {}};
  return {intern(c, node), Type::boolean};
}

// choix(condition, a, b): a when the condition holds, else b, of one type.
Typed choice(Compilation& c, const syntax::Expression& e) {
  const auto [condition, condition_type] = expression(c, e.operands.at(0));
  const auto [first, first_type] = expression(c, e.operands.at(1));
  const auto [second, second_type] = expression(c, e.operands.at(2));
  if (!condition_type || !first_type || !second_type) return {0, std::nullopt};
  if (*condition_type != Type::boolean) {
    c.report(e.operands[0].position, "compile.wrong_type",
             {std::string(type_word(*condition_type)), std::string(type_word(Type::boolean))});
    return {0, std::nullopt};
  }
  if (*second_type != *first_type) {
    c.report(e.operands[2].position, "compile.wrong_type",
             {std::string(type_word(*second_type)), std::string(type_word(*first_type))});
    return {0, std::nullopt};
  }
  Node node{Op::choice, *first_type, {}, 0, {condition, first, second}, {}};
  return {intern(c, node), first_type};
}

// A scheme's expressions read its facts only: a claim field means nothing there.
Typed fact(Compilation& c, const syntax::Expression& e, const std::string& folded) {
  const auto it = c.scheme_facts->find(folded);
  if (it == c.scheme_facts->end()) {
    c.report(e.position, "compile.unknown_fact", {joined_path(e.path), c.scheme_name});
    return {0, std::nullopt};
  }
  const Type type = c.model->facts[it->second].type;
  return {intern(c, Node{Op::fact, type, {}, it->second, {}, {}}), type};
}

Typed path(Compilation& c, const syntax::Expression& e) {
  const std::string folded = folded_path(e.path);
  if (c.scheme_facts != nullptr) return fact(c, e, folded);
  for (const auto& field : claim_fields) {
    if (field.path == folded) {
      Node node;
      node.op = Op::field;
      node.field = field.field;
      node.type = field.type;
      return {intern(c, node), field.type};
    }
  }
  if (e.path.size() == 1) {
    for (const auto& value : enumeration_values) {
      if (value.word == folded) {
        c.warn_old_region_name(e.path.front(), folded);
        Node node;
        node.op = Op::constant;
        node.type = value.type;
        node.constant.type = value.type;
        node.constant.integer = value.value;
        return {intern(c, node), value.type};
      }
    }
    if (const auto it = c.parameter_index.find(folded); it != c.parameter_index.end()) {
      Node node;
      node.op = Op::parameter;
      node.reference = it->second;
      const auto& values = c.model->parameters.at(it->second).values;
      node.type = values.empty() ? Type::number : values.front().second.type;
      return {intern(c, node), node.type};
    }
  }
  if (e.path.size() == 2 && utf8::fold(e.path[1].text) == "valeur") {
    if (const auto it = c.model->item_index.find(e.path[0].text); it != c.model->item_index.end()) {
      Node node{Op::item_value, Type::money, {}, it->second, {}, {}};
      return {intern(c, node), Type::money};
    }
    if (const auto it = c.model->letter_index.find(e.path[0].text); it != c.model->letter_index.end()) {
      Node node{Op::letter_value, Type::money, {}, it->second, {}, {}};
      return {intern(c, node), Type::money};
    }
  }
  c.report(e.position, "compile.unknown_name", {joined_path(e.path)});
  return {0, std::nullopt};
}

// date + duration, date - duration: a date. Adding months may need the day rounding the
// expression declares; days and weeks always land on a day that exists, so a rounding
// written there is a mistake.
Typed date_shift(Compilation& c, Op op, const syntax::Expression& e, std::pair<NodeId, Type> date,
                 std::pair<NodeId, Type> duration) {
  if (date.second != Type::date || duration.second != Type::duration) {
    c.report(e.operator_position, "compile.date_arithmetic",
             {e.operator_text, std::string(type_word(date.second)), std::string(type_word(duration.second))});
    return {0, std::nullopt};
  }
  DayRounding rounding = DayRounding::none;
  if (e.day_rounding) {
    const Node& counted = c.model->nodes.at(duration.first);
    if (counted.op == Op::constant && !counted.constant.months) {
      c.report(e.day_rounding->position, "compile.day_rounding_without_months");
      return {0, std::nullopt};
    }
    rounding = utf8::fold(e.day_rounding->text) == "precedent" ? DayRounding::previous_day : DayRounding::next_day;
  }
  Node node{op == Op::add ? Op::date_plus : Op::date_minus,
            Type::date,
            {},
            static_cast<std::uint32_t>(rounding),
            {date.first, duration.first},
            {}};
  return {intern(c, node), Type::date};
}

// + - min max need one type on both sides; × needs a plain number (or a percentage) on
// one side, or a distance times a price per kilometre.
Typed arithmetic(Compilation& c, Op op, const syntax::Expression& e, bool same_type) {
  const auto [left, left_type] = expression(c, e.operands.at(0));
  const auto [right, right_type] = expression(c, e.operands.at(1));
  if (!left_type || !right_type) return {0, std::nullopt};
  if ((op == Op::add || op == Op::subtract) && (*left_type == Type::date || *right_type == Type::date)) {
    return date_shift(c, op, e, {left, *left_type}, {right, *right_type});
  }
  if (e.day_rounding) {
    c.report(e.day_rounding->position, "compile.day_rounding_without_months");
    return {0, std::nullopt};
  }
  std::optional<Type> result;
  if (op == Op::multiply) {
    const Type a = *left_type;
    const Type b = *right_type;
    if (a == Type::number && is_quantity(b))
      result = b;
    else if (b == Type::number && is_quantity(a))
      result = a;
    else if ((a == Type::percentage && b == Type::money) || (a == Type::money && b == Type::percentage))
      result = Type::money;
    else if ((a == Type::distance && b == Type::money) || (a == Type::money && b == Type::distance))
      result = Type::money;
  } else if ((same_type || op == Op::add || op == Op::subtract) && *left_type == *right_type &&
             is_quantity(*left_type)) {
    result = *left_type;
  }
  if (!result) {
    c.report(e.kind == syntax::ExpressionKind::call ? e.position : e.operator_position, "compile.operator_types",
             {e.kind == syntax::ExpressionKind::call ? e.path.at(0).text : e.operator_text,
              std::string(type_word(*left_type)), std::string(type_word(*right_type))});
    return {0, std::nullopt};
  }
  Node node{op, *result, {}, 0, {left, right}, {}};
  return {intern(c, node), result};
}

// Whether `id`, a number, is whole whatever the claim: a whole constant, a claim field that
// counts (série.rang, patient.âge), or + - × min max modulo and unary - of such.
bool is_whole(const Compilation& c, NodeId id) {
  const Node& node = c.model->nodes[id];
  if (node.type != Type::number) return false;
  switch (node.op) {
    case Op::constant:
      return node.constant.number == node.constant.number.round(0, RoundingMode::toward_zero);
    case Op::field:
      return reads_whole(node.field);
    case Op::add:
    case Op::subtract:
    case Op::multiply:
    case Op::remainder:
    case Op::negate:
    case Op::minimum:
    case Op::maximum:
      return std::all_of(node.operands.begin(), node.operands.end(), [&](NodeId o) { return is_whole(c, o); });
    default:
      return false;
  }
}

// a modulo b: whole numbers, b a constant above zero, so that no claim divides by zero.
Typed remainder(Compilation& c, const syntax::Expression& e) {
  const auto [left, left_type] = expression(c, e.operands.at(0));
  const auto [right, right_type] = expression(c, e.operands.at(1));
  if (!left_type || !right_type) return {0, std::nullopt};
  bool whole = true;
  for (const auto& [id, operand] : {std::pair{left, &e.operands[0]}, std::pair{right, &e.operands[1]}}) {
    if (!is_whole(c, id)) {
      c.report(operand->position, "compile.remainder_not_whole");
      whole = false;
    }
  }
  if (!whole) return {0, std::nullopt};
  const Node& divisor = c.model->nodes[right];
  if (divisor.op != Op::constant || divisor.constant.number.is_zero()) {
    c.report(e.operands[1].position,
             divisor.op == Op::constant ? "compile.division_by_zero" : "compile.remainder_divisor_not_constant");
    return {0, std::nullopt};
  }
  return {intern(c, Node{Op::remainder, Type::number, {}, 0, {left, right}, {}}), Type::number};
}

Typed binary(Compilation& c, const syntax::Expression& e) {
  const std::string& op = e.operator_text;
  if (op == "et" || op == "ou") {
    const auto [left, left_type] = expression(c, e.operands.at(0));
    const auto [right, right_type] = expression(c, e.operands.at(1));
    bool ok = left_type && right_type;
    for (const auto& [type, operand] : {std::pair{left_type, &e.operands[0]}, std::pair{right_type, &e.operands[1]}}) {
      if (type && *type != Type::boolean) {
        c.report(operand->position, "compile.wrong_type",
                 {std::string(type_word(*type)), std::string(type_word(Type::boolean))});
        ok = false;
      }
    }
    Node node{op == "et" ? Op::logical_and : Op::logical_or, Type::boolean, {}, 0, {left, right}, {}};
    return {intern(c, node), ok ? std::optional(Type::boolean) : std::nullopt};
  }
  static const std::map<std::string, Op> comparisons = {
      {"=", Op::equal},   {"!=", Op::not_equal},     {"≠", Op::not_equal},
      {"<", Op::less},    {"<=", Op::less_equal},    {"≤", Op::less_equal},
      {">", Op::greater}, {">=", Op::greater_equal}, {"≥", Op::greater_equal}};
  if (const auto it = comparisons.find(op); it != comparisons.end()) {
    const auto [left, left_type] = expression(c, e.operands.at(0));
    const auto [right, right_type] = expression(c, e.operands.at(1));
    if (!left_type || !right_type) return {0, std::nullopt};
    const bool ordered = it->second != Op::equal && it->second != Op::not_equal;
    const bool comparable = *left_type == *right_type && (!ordered || is_quantity(*left_type) ||
                                                          *left_type == Type::date || *left_type == Type::duration);
    if (!comparable) {
      c.report(e.operator_position, "compile.operator_types",
               {op, std::string(type_word(*left_type)), std::string(type_word(*right_type))});
      return {0, std::nullopt};
    }
    Node node{it->second, Type::boolean, {}, 0, {left, right}, {}};
    return {intern(c, node), Type::boolean};
  }
  if (op == "+") return arithmetic(c, Op::add, e, false);
  if (op == "-") return arithmetic(c, Op::subtract, e, false);
  if (op == "*" || op == "×") return arithmetic(c, Op::multiply, e, false);
  if (op == "modulo") return remainder(c, e);
  c.report(e.operator_position, "compile.division_not_supported");
  return {0, std::nullopt};
}

}  // namespace

// Compiles an expression into the shared node array; identical sub-expressions get one
// node. Returns the node and its type (none when a problem was reported).
Typed expression(Compilation& c, const syntax::Expression& e) {
  using syntax::ExpressionKind;
  switch (e.kind) {
    case ExpressionKind::literal: {
      Node node;
      node.op = Op::constant;
      node.constant = c.literal_value(e.literal);
      node.type = node.constant.type;
      if (node.type == Type::text) {
        c.report(e.position, "compile.text_in_expression");
        return {intern(c, node), std::nullopt};
      }
      return {intern(c, node), node.type};
    }
    case ExpressionKind::path:
      return path(c, e);
    case ExpressionKind::call: {
      const std::string name = utf8::fold(e.path.at(0).text);
      if (name == "contient" && e.operands.size() == 1 && e.operands[0].kind == ExpressionKind::path &&
          e.operands[0].path.size() == 1) {
        // A scheme reads its facts only, never a claim's lines.
        if (c.scheme_facts != nullptr) {
          c.report(e.position, "compile.claim_function_in_scheme", {e.operands[0].path[0].text});
          return {0, std::nullopt};
        }
        return holds(c, e.operands[0].path[0]);
      }
      if (name == "choix" && e.operands.size() == 3) return choice(c, e);
      if ((name != "min" && name != "max") || e.operands.size() != 2) {
        c.report(e.position, "compile.unknown_function", {e.path.at(0).text});
        return {0, std::nullopt};
      }
      return arithmetic(c, name == "min" ? Op::minimum : Op::maximum, e, true);
    }
    case ExpressionKind::set: {
      c.report(e.position, "compile.set_outside_dans");
      return {0, std::nullopt};
    }
    case ExpressionKind::negation: {
      const auto [operand, type] = expression(c, e.operands.at(0));
      if (type && *type != Type::boolean) {
        c.report(e.operands[0].position, "compile.wrong_type",
                 {std::string(type_word(*type)), std::string(type_word(Type::boolean))});
        return {0, std::nullopt};
      }
      Node node{Op::logical_not, Type::boolean, {}, 0, {operand}, {}};
      return {intern(c, node), type ? std::optional(Type::boolean) : std::nullopt};
    }
    case ExpressionKind::negative: {
      const auto [operand, type] = expression(c, e.operands.at(0));
      if (type && !is_quantity(*type)) {
        c.report(e.position, "compile.wrong_type",
                 {std::string(type_word(*type)), std::string(type_word(Type::number))});
        return {0, std::nullopt};
      }
      Node node{Op::negate, type.value_or(Type::number), {}, 0, {operand}, {}};
      return {intern(c, node), type};
    }
    case ExpressionKind::membership: {
      const auto [element, type] = expression(c, e.operands.at(0));
      Node node{Op::member, Type::boolean, {}, 0, {element}, {}};
      bool ok = type.has_value();
      for (const auto& member : e.operands.at(1).operands) {
        const auto [id, member_type] = expression(c, member);
        if (member_type && type && *member_type != *type) {
          c.report(member.position, "compile.wrong_type",
                   {std::string(type_word(*member_type)), std::string(type_word(*type))});
          ok = false;
        }
        node.operands.push_back(id);
      }
      return {intern(c, node), ok ? std::optional(Type::boolean) : std::nullopt};
    }
    case ExpressionKind::binary:
      return binary(c, e);
  }
  return {0, std::nullopt};
}

}  // namespace cotation::compiler
