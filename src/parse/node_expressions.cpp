// The expressions of a declaration (node_reader.hpp): conditions, computations, amounts. In: the
// parse node of an expression; out: its tree, where the grammar's precedence levels that wrap a
// single operand vanish and each chain of operators becomes left-associative binary nodes.
#include <string>
#include <utility>

#include "parse/grammar.hpp"
#include "parse/node_reader.hpp"
#include "parse/utf8.hpp"

namespace cotation {

namespace g = grammar;
using namespace syntax;

Expression NodeReader::expression(const ParseNode& node) {
  // Nodes that only wrap one sub-expression (expression, operands, a sum of one
  // product...) pass through; the others become a tree node.
  if (node.is_type<g::literal>()) {
    Expression result{ExpressionKind::literal, {}, literal(node), {}, {}, position(node), {}, {}};
    return result;
  }
  if (node.is_type<g::path>()) {
    Expression result{ExpressionKind::path, {}, {}, {}, {}, position(node), {}, {}};
    for (const auto& part : node.children) result.path.push_back(name(*part));
    return result;
  }
  if (node.is_type<g::call>()) {
    Expression result{ExpressionKind::call, {}, {}, {name(*node.children.at(0))}, {}, position(node), {}, {}};
    for (std::size_t i = 1; i < node.children.size(); ++i) result.operands.push_back(expression(*node.children[i]));
    return result;
  }
  if (node.is_type<g::value_set>()) {
    Expression result{ExpressionKind::set, {}, {}, {}, {}, position(node), {}, {}};
    for (const auto& member : node.children) result.operands.push_back(expression(*member));
    return result;
  }
  if (node.is_type<g::unary>() && node.children.size() == 1 && node.children[0]->is_type<g::unary_operand>()) {
    Expression result{ExpressionKind::negative, "-", {}, {}, {}, position(node), {}, {}};
    result.operands.push_back(expression(*node.children[0]));
    return result;
  }
  if (node.is_type<g::negation>() && node.children.size() == 1 && node.children[0]->is_type<g::negation_operand>()) {
    Expression result{ExpressionKind::negation, "non", {}, {}, {}, position(node), {}, {}};
    result.operands.push_back(expression(*node.children[0]));
    return result;
  }
  if (node.is_type<g::comparison>() && node.children.size() == 2 && node.children[1]->is_type<g::value_set>()) {
    Expression result{ExpressionKind::membership, "dans", {}, {}, {}, position(node), {}, {}};
    result.operands.push_back(expression(*node.children[0]));
    result.operands.push_back(expression(*node.children[1]));
    return result;
  }
  if (node.children.size() == 1) return expression(*node.children[0]);
  // A left-associative chain: operand (operator operand)*. Comparison, sum and product
  // keep their operators as nodes; `et` and `ou` are implied by the rule.
  std::string operator_text = node.is_type<g::conjunction>() || node.is_type<g::conjunction_operand>() ? "et" : "ou";
  // A binary node starts with its left operand; its operator's place is kept for the
  // type errors that concern the operator.
  Expression result = expression(*node.children[0]);
  Position operator_position = result.position;
  for (std::size_t i = 1; i < node.children.size(); ++i) {
    const ParseNode& child = *node.children[i];
    if (child.is_type<g::comparison_operator>() || child.is_type<g::sum_operator>() ||
        child.is_type<g::product_operator>()) {
      operator_text = child.string();
      // `modulo` is a keyword, in any case and accents: the expression holds the folded word.
      if (utf8::fold(operator_text) == "modulo") operator_text = "modulo";
      operator_position = position(child);
      continue;
    }
    if (child.is_type<g::day_rounding>()) {
      result.day_rounding = Name{child.children.at(0)->string(), position(child)};
      continue;
    }
    Expression combined{ExpressionKind::binary, operator_text, {}, {}, {}, result.position, operator_position, {}};
    combined.operands.push_back(std::move(result));
    combined.operands.push_back(expression(child));
    result = std::move(combined);
  }
  return result;
}

}  // namespace cotation
