// An explanation in a decision's JSON: the steps that led to it, added to the decision's record
// as "explanation":[{"what","value","source"}] (`cotation eval --explain`, cotation_explain).
#pragma once

#include <string>
#include <vector>

#include "cotation/engine.hpp"

namespace cotation {

// `record` ends with one decision's JSON object (append_decision's output): the explanation goes
// in as its last member.
void append_explanation(const std::vector<ExplanationStep>& steps, std::string& record);

}  // namespace cotation
