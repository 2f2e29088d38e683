// Compiling a rule set already parsed: what `compile_rule_set` does after reading the files,
// for a caller that parsed them itself (the language server, with an editor's unsaved texts).
#pragma once

#include "cotation/engine.hpp"
#include "parse/parser.hpp"

namespace cotation {

// The rule set of `parsed` and every diagnostic of parsing and of the checks, sorted.
[[nodiscard]] CompileResult compile_parsed_rule_set(const ParsedRuleSet& parsed, const CompileOptions& options = {});

}  // namespace cotation
