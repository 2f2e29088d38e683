// Completion: the language's keywords and every name the rule set declares (its letters
// among them), each with its kind and label. The client filters by what is typed.
#pragma once

#include <nlohmann/json.hpp>

#include "lsp/symbol_index.hpp"

namespace cotation::lsp {

[[nodiscard]] nlohmann::json completion_items(const SymbolIndex& index);

}  // namespace cotation::lsp
