#include "lsp/symbol_index.hpp"

#include <algorithm>
#include <type_traits>

namespace cotation::lsp {
namespace {

using syntax::DeclarationKind;

bool is_code(DeclarationKind kind) {
  return kind == DeclarationKind::letter || kind == DeclarationKind::item || kind == DeclarationKind::act;
}

// Whether a use of kind `wanted` (none: read in an expression) names a declaration of `kind`.
bool names(std::optional<DeclarationKind> wanted, DeclarationKind kind) {
  if (!wanted) return true;
  return *wanted == kind || (is_code(*wanted) && is_code(kind));
}

DeclarationKind selected_kind(syntax::SelectorKind kind) {
  switch (kind) {
    case syntax::SelectorKind::letter:
      return DeclarationKind::letter;
    case syntax::SelectorKind::item:
    case syntax::SelectorKind::every_item:
      return DeclarationKind::item;
    case syntax::SelectorKind::group:
      return DeclarationKind::group;
    case syntax::SelectorKind::act:
    case syntax::SelectorKind::every_act:
      break;
  }
  return DeclarationKind::act;
}

// Collects the uses of names in one declaration's statements.
class UseCollector {
 public:
  explicit UseCollector(std::vector<Occurrence>& out) : out_(out) {}

  void use(const syntax::Name& name, std::optional<DeclarationKind> kind) {
    if (name.text.empty()) return;
    out_.push_back(Occurrence{name.text, name.position.file, name.position.offset, kind, false, {}, 0});
  }
  void citation(const syntax::Citation& cited) { use(cited.source, DeclarationKind::source); }
  void selectors(const std::vector<syntax::Selector>& selected) {
    for (const auto& selector : selected) use(selector.name, selected_kind(selector.kind));
  }
  void expression(const syntax::Expression& e) {
    if (e.kind == syntax::ExpressionKind::path && !e.path.empty()) use(e.path.front(), std::nullopt);
    for (const auto& operand : e.operands) expression(operand);
  }
  void statements(const std::vector<syntax::Statement>& written) {
    for (const auto& statement : written) std::visit([this](const auto& s) { visit(s); }, statement.node);
  }

 private:
  template <typename S>
  void visit(const S& s) {
    if constexpr (requires { s.citation; }) {
      if constexpr (std::is_same_v<std::decay_t<decltype(s.citation)>, syntax::Citation>) {
        citation(s.citation);
      } else {
        if (s.citation) citation(*s.citation);
      }
    }
    if constexpr (requires { s.expression; }) expression(s.expression);
    if constexpr (requires { s.condition; }) {
      if constexpr (std::is_same_v<std::decay_t<decltype(s.condition)>, syntax::Expression>) {
        expression(s.condition);
      } else {
        if (s.condition) expression(*s.condition);
      }
    }
    if constexpr (requires {
                    s.amount.kind;
                    s.amount.operands;
                  })
      expression(s.amount);
    if constexpr (requires { s.selectors; }) selectors(s.selectors);
    if constexpr (requires { s.excluded; }) selectors(s.excluded);
    if constexpr (requires { s.key_letter; }) use(s.key_letter, DeclarationKind::letter);
    if constexpr (requires { s.schedule; }) use(s.schedule, DeclarationKind::schedule);
    if constexpr (requires { s.target; }) use(s.target.name, s.target.kind);
    if constexpr (requires { s.statements; }) statements(s.statements);
  }

  std::vector<Occurrence>& out_;
};

}  // namespace

SymbolIndex::SymbolIndex(const ParsedRuleSet& parsed) {
  UseCollector uses(occurrences_);
  for (const auto& file : parsed.files) {
    const std::string_view text = parsed.sources.at(file.index)->text();
    for (const auto& declaration : file.declarations) {
      // The declaration spans to its closing brace: the first `}` at the start of a line.
      const std::size_t close = text.find("\n}", declaration.position.offset);
      const auto end = static_cast<std::uint32_t>(close == std::string_view::npos ? text.size() : close + 2);
      occurrences_.push_back(Occurrence{declaration.name.text, declaration.name.position.file,
                                        declaration.name.position.offset, declaration.kind, true, declaration.label,
                                        end});
      if (declaration.exception_of) uses.use(*declaration.exception_of, DeclarationKind::rule);
      if (declaration.citation) uses.citation(*declaration.citation);
      uses.statements(declaration.statements);
    }
  }
}

const Occurrence* SymbolIndex::at(std::uint32_t file, std::uint32_t offset) const {
  for (const auto& occurrence : occurrences_) {
    if (occurrence.file == file && occurrence.offset <= offset &&
        offset <= occurrence.offset + occurrence.name.size()) {
      return &occurrence;
    }
  }
  return nullptr;
}

const Occurrence* SymbolIndex::definition(const Occurrence& occurrence) const {
  if (occurrence.declaration) return &occurrence;
  const Occurrence* found = nullptr;
  for (const auto& candidate : occurrences_) {
    if (!candidate.declaration || candidate.name != occurrence.name || !names(occurrence.kind, *candidate.kind))
      continue;
    // In an expression a letter, an item or a parameter is read rather than an act or a group.
    if (!found || (!occurrence.kind && is_code(*candidate.kind) && *candidate.kind != DeclarationKind::act)) {
      found = &candidate;
    }
  }
  return found;
}

std::vector<const Occurrence*> SymbolIndex::references(const Occurrence& declaration) const {
  std::vector<const Occurrence*> found{&declaration};
  for (const auto& candidate : occurrences_) {
    if (!candidate.declaration && candidate.name == declaration.name && definition(candidate) == &declaration) {
      found.push_back(&candidate);
    }
  }
  return found;
}

std::vector<const Occurrence*> SymbolIndex::declarations() const {
  std::vector<const Occurrence*> found;
  for (const auto& occurrence : occurrences_) {
    if (occurrence.declaration) found.push_back(&occurrence);
  }
  return found;
}

}  // namespace cotation::lsp
