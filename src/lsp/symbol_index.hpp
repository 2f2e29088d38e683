// Where each name of a rule set is declared and where it is used, from the syntax trees: what
// go-to-definition, find-references, document symbols and completion read. Letters, items and
// acts share one namespace of billable codes, as in the compiler; a name read in an
// expression (`IK.valeur`, `abattement_ik_plaine`) may be any declaration's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parse/parser.hpp"

namespace cotation::lsp {

struct Occurrence {
  std::string name;
  std::uint32_t file = 0;
  std::uint32_t offset = 0;  // of the name's first byte
  // The kind of declaration the place names; none for a name read in an expression.
  std::optional<syntax::DeclarationKind> kind;
  bool declaration = false;  // the name of a declaration, not a use of it
  std::string label;         // a declaration's label
  std::uint32_t end = 0;     // a declaration: the end of its last statement line, for symbols
};

class SymbolIndex {
 public:
  SymbolIndex() = default;
  explicit SymbolIndex(const ParsedRuleSet& parsed);

  // The occurrence whose name covers byte `offset` of `file`.
  [[nodiscard]] const Occurrence* at(std::uint32_t file, std::uint32_t offset) const;
  // The declaration an occurrence names (itself for a declaration).
  [[nodiscard]] const Occurrence* definition(const Occurrence& occurrence) const;
  // Every occurrence naming `declaration`, the declaration first.
  [[nodiscard]] std::vector<const Occurrence*> references(const Occurrence& declaration) const;
  // The declarations, in file order.
  [[nodiscard]] std::vector<const Occurrence*> declarations() const;

 private:
  std::vector<Occurrence> occurrences_;
};

}  // namespace cotation::lsp
