// `textDocument/codeAction`: the quick fixes of the checker's suggested corrections. In: the
// document's URI and the request's context, whose diagnostics carry the fix published with
// them in `data.fix` (range and new text); out: one preferred "quickfix" per such diagnostic,
// its edit replacing that range of the document.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace cotation::lsp {

[[nodiscard]] nlohmann::json code_actions(const std::string& uri, const nlohmann::json& context);

}  // namespace cotation::lsp
