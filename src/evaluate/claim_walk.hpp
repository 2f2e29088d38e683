// What claim_walk.cpp offers the library besides RuleSet's own evaluate functions.
#pragma once

#include <vector>

#include "cotation/engine.hpp"

namespace cotation {

// What RuleSet::evaluate_in_sequence decides for the first claim of its patient in a fresh
// scratch (the counts the claim does not give come from a history with no earlier session),
// without keeping the claim in `scratch`: `cotation eval`'s decision for this claim alone. For a
// server, whose requests do not see each other (evaluate_json_line).
void evaluate_first_of_patient(const RuleSet& rule_set, const Claim& claim, EvaluationScratch& scratch,
                               ClaimDecision& decision, std::vector<ExplanationStep>* explanation = nullptr);

}  // namespace cotation
