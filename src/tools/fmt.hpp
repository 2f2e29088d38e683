// `cotation fmt`: the canonical layout of a rule file (docs/language.md, "Mise en page
// canonique"). Only blanks, line breaks and indentation change: every token, comment and
// keyword spelling stays as the analyst wrote it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cotation/diagnostic.hpp"
#include "diagnostics/source_file.hpp"

namespace cotation::tools {

// The file in canonical layout, or nothing when it does not parse: its diagnostics are then
// appended to `diagnostics`, as `cotation check` reports them.
[[nodiscard]] std::optional<std::string> format_rule_file(const SourceFile& source,
                                                          std::vector<Diagnostic>& diagnostics);

}  // namespace cotation::tools
