// Go to definition, find references and document symbols: the symbol index's answers as
// protocol locations and symbols.
#pragma once

#include <nlohmann/json.hpp>

#include "lsp/workspace.hpp"

namespace cotation::lsp {

// The occurrence under the cursor of `params` ({textDocument, position}), if any.
[[nodiscard]] const Occurrence* occurrence_at(const Analysis& analysis, const std::string& path,
                                              const nlohmann::json& params);

// A Location of the declaration the occurrence names, or null.
[[nodiscard]] nlohmann::json definition(const Analysis& analysis, const Occurrence& occurrence);
// The Locations of every use of what the occurrence names, its declaration among them when
// `with_declaration`.
[[nodiscard]] nlohmann::json references(const Analysis& analysis, const Occurrence& occurrence, bool with_declaration);
// The DocumentSymbols of the declarations of the file at `path`.
[[nodiscard]] nlohmann::json document_symbols(const Analysis& analysis, const std::string& path);

}  // namespace cotation::lsp
