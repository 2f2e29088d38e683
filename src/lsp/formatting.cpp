#include "lsp/formatting.hpp"

#include "lsp/documents.hpp"
#include "tools/fmt.hpp"

namespace cotation::lsp {

nlohmann::json formatting_edits(const std::string& path, const std::string& text) {
  nlohmann::json edits = nlohmann::json::array();
  std::vector<Diagnostic> diagnostics;  // the document's diagnostics are published on change
  const auto formatted = tools::format_rule_file(SourceFile(path, text), diagnostics);
  if (formatted && *formatted != text) {
    edits.push_back({{"range", range_json(text, 0, text.size())}, {"newText", *formatted}});
  }
  return edits;
}

}  // namespace cotation::lsp
