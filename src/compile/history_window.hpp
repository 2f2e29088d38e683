// What a compiled rule set reads of a patient's earlier claims, so that a batch and the history
// store keep only that (docs/claim-format.md §7, "The window"). In: the model. Out: the days
// before a claim's date that its dated reads reach (`par an`, the 12 months before, `par
// jour`...). The undated reads (the rank in a series, `par série`, the thresholds by series, `par
// épisode`) are answered from counts the older sessions are folded into (history::Patient::fold).
#pragma once

#include <cstdint>

#include "cotation/engine.hpp"

namespace cotation::model {

// A new kind of read must say here how far it reads, and fold what it reads beyond (the switch on
// Limit::Per has no default: a new period does not compile until it does).
[[nodiscard]] std::int32_t history_window_days(const RuleSet::Model& model);

}  // namespace cotation::model
