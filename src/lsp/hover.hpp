// What hovering a name shows, in French, from the compiled model (read only): an act's label,
// article, cotation and tariff on the day in both regions, and its sources; a letter's or an
// item's value on the day; a source's title, rank and dates; a parameter's value; a rule's
// label, message and source. Markdown.
#pragma once

#include <string>

#include "compile/model.hpp"
#include "lsp/symbol_index.hpp"

namespace cotation::lsp {

// The text for `declaration` (an Occurrence that is one) on `day`; the model may be of an
// earlier text, and a name it lacks gets the declaration's kind, name and label alone.
[[nodiscard]] std::string hover_text(const RuleSet::Model* model, const Occurrence& declaration, model::Day day);

}  // namespace cotation::lsp
