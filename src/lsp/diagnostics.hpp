// The checker's diagnostics as the protocol publishes them: per file, each with its range
// (the word at the caret), severity, message and hint in French, its catalogue id, and in
// `data.fix` the suggested correction's range and new text (see code_actions.hpp).
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>

#include "lsp/workspace.hpp"

namespace cotation::lsp {

// The `textDocument/publishDiagnostics` notifications for `analysis` after `document`
// changed: one per file with diagnostics, and an empty one for the document and for each of
// `published` that has none (any more). `published` becomes the files with diagnostics.
[[nodiscard]] std::vector<nlohmann::json> diagnostic_notifications(const Analysis& analysis,
                                                                   const std::string& document,
                                                                   std::set<std::string>& published);

}  // namespace cotation::lsp
