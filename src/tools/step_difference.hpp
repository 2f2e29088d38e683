// What two explanations of one claim do not share: the steps of each side that the other side
// lacks (same text, value and source), in their order, and how many they share. `impact` shows
// an example's differing steps only, unless asked for all of them (--all-steps).
#pragma once

#include <cstddef>
#include <vector>

#include "cotation/engine.hpp"

namespace cotation::tools {

struct StepDifference {
  std::vector<const ExplanationStep*> only_before;
  std::vector<const ExplanationStep*> only_after;
  std::size_t shared = 0;  // steps found on both sides, left out
};

[[nodiscard]] StepDifference differing_steps(const std::vector<ExplanationStep>& before,
                                             const std::vector<ExplanationStep>& after);

}  // namespace cotation::tools
