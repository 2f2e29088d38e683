// What the tree builder's steps share: reading the leaves of a PEGTL parse tree (names, texts,
// dates, numbers, literals, citations, periods, selectors) and its expressions into the typed
// syntax tree. In: parse nodes pointing into one source file; out: syntax values, and the
// problems a leaf can hold (a date that does not exist, a number too large) as diagnostics.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/source_file.hpp"
#include "parse/syntax_tree.hpp"
#include "parse/tree_builder.hpp"

namespace cotation {

// The first child of `node` of one of the grammar rules `Rules`, or null.
template <typename... Rules>
const ParseNode* child_of_type(const ParseNode& node) {
  for (const auto& child : node.children) {
    if ((child->is_type<Rules>() || ...)) return child.get();
  }
  return nullptr;
}

class NodeReader {
 public:
  NodeReader(const SourceFile& source, std::uint32_t file_index, std::vector<Diagnostic>& diagnostics)
      : source_(source), file_index_(file_index), diagnostics_(diagnostics) {}

  syntax::Position position(const ParseNode& node) const;
  syntax::Name name(const ParseNode& node) const { return syntax::Name{node.string(), position(node)}; }
  // The text of a string literal, quotes removed and escapes resolved.
  static std::string text(const ParseNode& node);
  syntax::CalendarDate date(const ParseNode& node);
  std::uint32_t count(const ParseNode& node);
  // `node` is a literal or one of its alternatives (money, decimal...).
  syntax::Literal literal(const ParseNode& node);
  syntax::Citation citation(const ParseNode& node);
  syntax::Period period(const ParseNode& node);
  std::vector<syntax::Selector> selectors(const ParseNode& node);
  syntax::Target target(const ParseNode& node);
  // node_expressions.cpp.
  syntax::Expression expression(const ParseNode& node);

 private:
  void report(const ParseNode& node, std::string id, std::vector<std::string> arguments);

  const SourceFile& source_;
  std::uint32_t file_index_;
  std::vector<Diagnostic>& diagnostics_;
};

// node_statements.cpp: one statement of a declaration's body.
[[nodiscard]] syntax::Statement build_statement(NodeReader& reader, const ParseNode& node);

}  // namespace cotation
