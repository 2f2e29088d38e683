// Formulas computed from the claim's fields without walking the graph, and the dated values in
// force they read. In: a compiled formula (model::Formula: fields read as integers compared with
// constants, `et`, `ou`, `non`, `dans`, decimal arithmetic over fields, parameters and letter or
// item values), the claim's fields, the day and region. Out: the formula's boolean or decimal,
// or false when it cannot be computed so (a field missing, a value not in force): the graph
// then decides, and reports what is missing.
#pragma once

#include <optional>
#include <vector>

#include "compile/model.hpp"
#include "evaluate/claim_fields.hpp"

namespace cotation::evaluation {

// The value of a letter or item in force on the claim's day, which has one for the claim's
// region; null when none is in force or the claim gives no region.
inline const model::RegionalValue* value_in_force(const std::vector<model::RegionalValue>& values,
                                                  const ClaimFields& fields) {
  if (!fields.region_given()) return nullptr;
  const auto index = static_cast<std::size_t>(fields.region());
  for (const auto& value : values) {
    if (value.period.contains(fields.day()) && value.by_region[index]) return &value;
  }
  return nullptr;
}

// The index of the parameter's value in force on `day`; none when no period holds it.
inline std::optional<std::size_t> parameter_in_force(const model::Parameter& parameter, model::Day day) {
  for (std::size_t i = 0; i < parameter.values.size(); ++i) {
    if (parameter.values[i].first.contains(day)) return i;
  }
  return std::nullopt;
}

// The formula's boolean (`truth`) or decimal (`number`), whichever it leaves, in the graph's
// order; false when a field it reads is missing or a dated value is not in force.
bool compute_formula(const RuleSet::Model& model, ClaimFields& fields, const model::Formula& formula, bool& truth,
                     Decimal& number);

}  // namespace cotation::evaluation
