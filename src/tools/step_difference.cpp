// Two explanations in, the steps of each that the other lacks out (step_difference.hpp). Each
// step of one side matches at most one equal step of the other, so a step repeated on one side
// only (a second line billed the same way) still shows.
#include "tools/step_difference.hpp"

#include <map>
#include <string>
#include <tuple>

namespace cotation::tools {
namespace {

using Key = std::tuple<std::string_view, std::string_view, std::string_view>;

Key key_of(const ExplanationStep& step) {
  return {step.what, step.value, step.source};
}

// The steps of `side` left once every step of `other` has taken one equal step away.
std::vector<const ExplanationStep*> unmatched(const std::vector<ExplanationStep>& side,
                                              const std::vector<ExplanationStep>& other) {
  std::map<Key, std::size_t> available;
  for (const auto& step : other) ++available[key_of(step)];
  std::vector<const ExplanationStep*> result;
  for (const auto& step : side) {
    const auto found = available.find(key_of(step));
    if (found != available.end() && found->second > 0) {
      --found->second;
    } else {
      result.push_back(&step);
    }
  }
  return result;
}

}  // namespace

StepDifference differing_steps(const std::vector<ExplanationStep>& before, const std::vector<ExplanationStep>& after) {
  StepDifference difference{unmatched(before, after), unmatched(after, before), 0};
  difference.shared = before.size() - difference.only_before.size();
  return difference;
}

}  // namespace cotation::tools
