// What the evaluator checks of a rule before walking the graph: its guard (model::Rule::guard),
// which rules of an act or an item are in force and not ruled out by their guards
// (model::RuleSelection), and the predicates and computations it computes from the fields alone
// (model::Formula).
#pragma once

#include "compile/model.hpp"

namespace cotation::model {

// Sets the guard of each rule whose `si` starts with a comparison of a field with a constant,
// the formula of each rule's `si`, condition and item's computation that is one, then the blocks
// of each act's and item's rule selection.
void compile_guards(RuleSet::Model& model);

}  // namespace cotation::model
