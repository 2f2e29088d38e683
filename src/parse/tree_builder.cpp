// A declaration's parse tree into its typed syntax tree: its kind, name, label, source, citation,
// then each statement of its body (node_statements.cpp), whose leaves and expressions NodeReader
// reads (node_values.cpp, node_expressions.cpp).
#include "parse/tree_builder.hpp"

#include "parse/grammar.hpp"
#include "parse/node_reader.hpp"

namespace cotation {
namespace {

namespace g = grammar;
using namespace syntax;

DeclarationKind declaration_kind(const ParseNode& node) {
  if (node.is_type<g::source_declaration>()) return DeclarationKind::source;
  if (node.is_type<g::letter_declaration>()) return DeclarationKind::letter;
  if (node.is_type<g::item_declaration>()) return DeclarationKind::item;
  if (node.is_type<g::parameter_declaration>()) return DeclarationKind::parameter;
  if (node.is_type<g::act_declaration>()) return DeclarationKind::act;
  if (node.is_type<g::group_declaration>()) return DeclarationKind::group;
  if (node.is_type<g::rule_declaration>()) return DeclarationKind::rule;
  if (node.is_type<g::revaluation_declaration>()) return DeclarationKind::revaluation;
  if (node.is_type<g::amendment_declaration>()) return DeclarationKind::amendment;
  if (node.is_type<g::example_declaration>()) return DeclarationKind::example;
  if (node.is_type<g::schedule_declaration>()) return DeclarationKind::schedule;
  return DeclarationKind::scheme;
}

Declaration build(NodeReader& r, const ParseNode& node) {
  Declaration result;
  result.position = r.position(node);
  result.kind = declaration_kind(node);
  for (const auto& child : node.children) {
    const ParseNode& c = *child;
    if (c.is_type<g::declaration_name>()) {
      result.name = r.name(c);
    } else if (c.is_type<g::label>()) {
      result.label = r.text(c);
    } else if (c.is_type<g::signature_date>()) {
      result.source.signed_on = r.date(c);
    } else if (c.is_type<g::publication_date>()) {
      result.source.published_on = r.date(c);
    } else if (c.is_type<g::effect_date>()) {
      result.source.in_force_on = r.date(c);
    } else if (c.is_type<g::source_rank>()) {
      result.source.rank = r.name(c);
    } else if (c.is_type<g::refined_rule>()) {
      result.exception_of = r.name(c);
    } else if (c.is_type<g::mandatory_citation>()) {
      result.citation = r.citation(c);
    } else {
      result.statements.push_back(build_statement(r, c));
    }
  }
  return result;
}

}  // namespace

syntax::Declaration build_declaration(const ParseNode& node, const SourceFile& source, std::uint32_t file_index,
                                      std::vector<Diagnostic>& diagnostics) {
  NodeReader reader(source, file_index, diagnostics);
  return build(reader, node);
}

}  // namespace cotation
