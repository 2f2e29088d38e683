#include "lsp/navigation.hpp"

#include "lsp/documents.hpp"

namespace cotation::lsp {
namespace {

using syntax::DeclarationKind;

std::string_view text_of(const Analysis& analysis, const Occurrence& occurrence) {
  return analysis.parsed.sources.at(occurrence.file)->text();
}

nlohmann::json name_range(const Analysis& analysis, const Occurrence& occurrence) {
  return range_json(text_of(analysis, occurrence), occurrence.offset, occurrence.offset + occurrence.name.size());
}

nlohmann::json location(const Analysis& analysis, const Occurrence& occurrence) {
  return {{"uri", uri_of_path(analysis.parsed.sources.at(occurrence.file)->path())},
          {"range", name_range(analysis, occurrence)}};
}

// The protocol's SymbolKind of a declaration.
int symbol_kind(DeclarationKind kind) {
  switch (kind) {
    case DeclarationKind::source:
      return 1;  // File
    case DeclarationKind::letter:
      return 14;  // Constant
    case DeclarationKind::item:
      return 8;  // Field
    case DeclarationKind::parameter:
      return 13;  // Variable
    case DeclarationKind::act:
      return 5;  // Class
    case DeclarationKind::group:
      return 3;  // Namespace
    case DeclarationKind::rule:
      return 24;  // Event
    default:
      return 19;  // Object
  }
}

}  // namespace

const Occurrence* occurrence_at(const Analysis& analysis, const std::string& path, const nlohmann::json& params) {
  const auto file = analysis.file_of(path);
  if (!file) return nullptr;
  const std::size_t offset =
      offset_at(analysis.parsed.sources[*file]->text(), position_from_json(params.at("position")));
  return analysis.index.at(*file, static_cast<std::uint32_t>(offset));
}

nlohmann::json definition(const Analysis& analysis, const Occurrence& occurrence) {
  const Occurrence* declaration = analysis.index.definition(occurrence);
  return declaration ? location(analysis, *declaration) : nlohmann::json();
}

nlohmann::json references(const Analysis& analysis, const Occurrence& occurrence, bool with_declaration) {
  nlohmann::json found = nlohmann::json::array();
  const Occurrence* declaration = analysis.index.definition(occurrence);
  if (!declaration) return found;
  for (const Occurrence* use : analysis.index.references(*declaration)) {
    if (with_declaration || !use->declaration) found.push_back(location(analysis, *use));
  }
  return found;
}

nlohmann::json document_symbols(const Analysis& analysis, const std::string& path) {
  nlohmann::json symbols = nlohmann::json::array();
  const auto file = analysis.file_of(path);
  if (!file) return symbols;
  const std::string_view text = analysis.parsed.sources[*file]->text();
  for (const Occurrence* declaration : analysis.index.declarations()) {
    if (declaration->file != *file) continue;
    const std::size_t line_start = text.rfind('\n', declaration->offset);
    const std::size_t start = line_start == std::string_view::npos ? 0 : line_start + 1;
    symbols.push_back({{"name", declaration->name},
                       {"detail", declaration->label},
                       {"kind", symbol_kind(*declaration->kind)},
                       {"range", range_json(text, start, declaration->end)},
                       {"selectionRange", name_range(analysis, *declaration)}});
  }
  return symbols;
}

}  // namespace cotation::lsp
