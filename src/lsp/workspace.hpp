// The rule sets the editor works on. A document belongs to the rule set of its directory,
// climbed while the parent directory holds rule files too (rules/titre-xiv/article-1.cot is
// in rules/), or to the one directory the client names. Each rule set is parsed and checked
// with the open documents' texts in place of their files; the last one that compiled is kept
// for hover, so that it still answers while the text is being edited.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cotation/engine.hpp"
#include "lsp/documents.hpp"
#include "lsp/symbol_index.hpp"
#include "parse/parser.hpp"

namespace cotation::lsp {

struct Analysis {
  std::string root;
  ParsedRuleSet parsed;
  std::vector<Diagnostic> diagnostics;      // parsing's and the checks', sorted
  std::shared_ptr<const RuleSet> rule_set;  // the last that compiled, maybe of an earlier text
  SymbolIndex index;

  // The index in `parsed` of the file at `path`.
  [[nodiscard]] std::optional<std::uint32_t> file_of(const std::string& path) const;
};

class Workspace {
 public:
  // `rules`: the directory the client names for every document; empty to find it per document.
  explicit Workspace(std::string rules) : rules_(std::move(rules)) {}

  // Parses and checks again the rule set of the document at `path`, with `documents`' texts.
  Analysis& analyse(const std::string& path, const DocumentStore& documents);
  // The last analysis of the document's rule set, analysing it when there is none yet.
  Analysis& analysis_of(const std::string& path, const DocumentStore& documents);

 private:
  [[nodiscard]] std::string root_of(const std::string& path) const;

  std::string rules_;
  std::map<std::string, Analysis> analyses_;  // by root
};

}  // namespace cotation::lsp
