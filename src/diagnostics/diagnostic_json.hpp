// A diagnostic as JSON data, the same for `cotation check --format json` and the C ABI's
// compile functions: severity, id, file, line, column, message and hint in `language`, and
// the fix when there is one (from line:column to end_line:end_column, end excluded, the text
// becomes `replacement`).
#pragma once

#include <nlohmann/json.hpp>

#include "cotation/diagnostic.hpp"

namespace cotation {

[[nodiscard]] nlohmann::json diagnostic_json(const Diagnostic& diagnostic, Language language);

}  // namespace cotation
