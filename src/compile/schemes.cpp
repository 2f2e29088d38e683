// Schemes (dispositifs): their facts, amounts, instalments, decisions and prerequisites, the
// expressions reading facts only, and a written total checked against the sum of what is paid.
// In: scheme declarations; out: model schemes and facts.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <variant>

#include "compile/compilation.hpp"
#include "parse/utf8.hpp"

namespace cotation::compiler {

using namespace model;

namespace {

Type fact_type(syntax::FactType type) {
  switch (type) {
    case syntax::FactType::boolean:
      return Type::boolean;
    case syntax::FactType::number:
      return Type::number;
    case syntax::FactType::percentage:
      return Type::percentage;
    case syntax::FactType::money:
      return Type::money;
    case syntax::FactType::date:
      return Type::date;
  }
  return Type::boolean;
}

NodeId typed(Compilation& c, const syntax::Expression& written, Type expected) {
  const auto [node, type] = expression(c, written);
  if (type && *type != expected) {
    c.report(written.position, "compile.wrong_type", {std::string(type_word(*type)), std::string(type_word(expected))});
  }
  return node;
}

std::optional<NodeId> typed(Compilation& c, const std::optional<syntax::Expression>& written, Type expected) {
  return written ? std::optional(typed(c, *written, expected)) : std::nullopt;
}

// A written total must be the sum of the amounts and instalments, all written as constants.
void check_totals(Compilation& c, const std::string& scheme, const std::vector<NodeId>& paid,
                  const std::vector<std::pair<NodeId, syntax::Position>>& totals) {
  const auto constant = [&](NodeId id) { return c.model->nodes[id].op == Op::constant; };
  Decimal sum;
  for (const NodeId id : paid) sum = sum + c.model->nodes[id].constant.number;
  for (const auto& [total, at] : totals) {
    if (!constant(total) || !std::all_of(paid.begin(), paid.end(), constant)) {
      c.report(at, "compile.total_of_computed_amount", {scheme});
    } else if (!(c.model->nodes[total].constant.number == sum)) {
      c.report(at, "compile.total_mismatch",
               {c.model->nodes[total].constant.number.to_string(), sum.to_string(), scheme});
    }
  }
}

}  // namespace

void build_scheme(Compilation& c, const syntax::Declaration& declaration) {
  Scheme scheme;
  scheme.name = declaration.name.text;
  scheme.label = declaration.label;
  std::map<std::string, std::uint32_t> facts;  // folded name -> index in c.model->facts
  for (const auto& statement : declaration.statements) {
    const auto* written = std::get_if<syntax::FactStatement>(&statement.node);
    if (written == nullptr) continue;
    const auto index = static_cast<std::uint32_t>(c.model->facts.size());
    if (!facts.emplace(utf8::fold(written->name.text), index).second) {
      c.report(written->name.position, "compile.duplicate_fact", {written->name.text, scheme.name});
      continue;
    }
    c.model->facts.push_back(Fact{written->name.text, written->label, fact_type(written->type)});
    scheme.facts.push_back(index);
  }
  c.scheme_facts = &facts;
  c.scheme_name = scheme.name;
  std::set<std::string> amount_names;
  std::vector<NodeId> paid;  // every amount and instalment, for the `total` check
  std::vector<std::pair<NodeId, syntax::Position>> totals;
  bool decided = false;  // a decision without `si` was seen
  for (const auto& statement : declaration.statements) {
    std::visit(
        [&](const auto& node) {
          using T = std::decay_t<decltype(node)>;
          if constexpr (std::is_same_v<T, syntax::AmountStatement>) {
            if (!amount_names.insert(utf8::fold(node.name.text)).second) {
              c.report(node.name.position, "compile.duplicate_amount", {node.name.text, scheme.name});
            }
            SchemeAmount amount{node.name.text,
                                node.label,
                                typed(c, node.amount, Type::money),
                                typed(c, node.condition, Type::boolean),
                                node.outside_prerequisites,
                                c.period(node.period),
                                {}};
            amount.citation = c.citation(node.citation, amount.period.since);
            paid.push_back(amount.amount);
            scheme.amounts.push_back(std::move(amount));
          } else if constexpr (std::is_same_v<T, syntax::InstalmentStatement>) {
            scheme.instalments.push_back(
                {node.year_offset, typed(c, node.amount, Type::money), node.at_signature, c.citation(node.citation)});
            paid.push_back(scheme.instalments.back().amount);
          } else if constexpr (std::is_same_v<T, syntax::DecisionStatement>) {
            if (decided) c.report(statement.position, "compile.unreachable_decision", {node.label, scheme.name});
            decided = decided || !node.condition;
            scheme.decisions.push_back(
                {node.label, typed(c, node.condition, Type::boolean), c.citation(node.citation)});
          } else if constexpr (std::is_same_v<T, syntax::TotalStatement>) {
            totals.emplace_back(typed(c, node.amount, Type::money), node.amount.position);
            (void)c.citation(node.citation);
          } else if constexpr (std::is_same_v<T, syntax::ConditionStatement>) {
            scheme.prerequisites.push_back(build_condition(c, node, scheme.name, scheme.prerequisites.size()));
          }
        },
        statement.node);
  }
  c.scheme_facts = nullptr;
  check_totals(c, scheme.name, paid, totals);
  c.model->schemes.push_back(std::move(scheme));
}

}  // namespace cotation::compiler
