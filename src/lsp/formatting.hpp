// `textDocument/formatting`: the document in the canonical layout of `cotation fmt`, as one
// edit of the whole text; no edit when it is already canonical or does not parse.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace cotation::lsp {

[[nodiscard]] nlohmann::json formatting_edits(const std::string& path, const std::string& text);

}  // namespace cotation::lsp
