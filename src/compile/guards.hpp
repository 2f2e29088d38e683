// What the evaluator checks of a rule before walking the graph: its guard (model::Rule::guard).
#pragma once

#include "compile/model.hpp"

namespace cotation::model {

// Sets the guard of each rule whose `si` starts with a comparison of a field with a constant.
void find_guards(RuleSet::Model& model);

}  // namespace cotation::model
