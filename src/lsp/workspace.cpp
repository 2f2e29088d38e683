#include "lsp/workspace.hpp"

#include <algorithm>
#include <filesystem>

#include "compile/compiler.hpp"

namespace cotation::lsp {
namespace {

namespace fs = std::filesystem;

bool holds_rule_files(const fs::path& directory) {
  std::error_code error;
  fs::directory_iterator it(directory, error);
  return !error && std::any_of(fs::begin(it), fs::end(it),
                               [](const fs::directory_entry& entry) { return entry.path().extension() == ".cot"; });
}

}  // namespace

std::optional<std::uint32_t> Analysis::file_of(const std::string& path) const {
  for (std::uint32_t i = 0; i < parsed.sources.size(); ++i) {
    if (parsed.sources[i]->path() == path) return i;
  }
  return std::nullopt;
}

std::string Workspace::root_of(const std::string& path) const {
  if (!rules_.empty()) return rules_;
  fs::path root = fs::path(path).parent_path();
  while (root.has_relative_path() && holds_rule_files(root.parent_path())) root = root.parent_path();
  return root.generic_string();
}

Analysis& Workspace::analyse(const std::string& path, const DocumentStore& documents) {
  const std::string root = root_of(path);
  Analysis& analysis = analyses_[root];
  analysis.root = root;
  analysis.parsed = parse_rule_set(root, ParseOptions{}, documents.texts());
  CompileResult compiled = compile_parsed_rule_set(analysis.parsed);
  analysis.diagnostics = std::move(compiled.diagnostics);
  if (compiled.rule_set) analysis.rule_set = std::move(compiled.rule_set);
  analysis.index = SymbolIndex(analysis.parsed);
  return analysis;
}

Analysis& Workspace::analysis_of(const std::string& path, const DocumentStore& documents) {
  const auto found = analyses_.find(root_of(path));
  return found != analyses_.end() ? found->second : analyse(path, documents);
}

}  // namespace cotation::lsp
