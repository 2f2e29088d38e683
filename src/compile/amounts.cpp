// Amounts: every amount the rule set can produce, computed once here so that no command meets
// a DecimalError from the rules: each cotation (revaluations applied, old ones included) times
// each value of its key letter, and of every telecare letter, over each period and region where
// they meet, rounded as the letter declares. In: the model's acts, letters and items; out:
// diagnostics for a coefficient or a value that is not positive and an amount not computable.
#include <algorithm>
#include <string>

#include "compile/compilation.hpp"

namespace cotation::compiler {

using namespace model;

namespace {

syntax::Position position_of(const Origin& origin) {
  return syntax::Position{origin.file, origin.offset};
}

std::string_view region_word(std::size_t region) {
  return region == 0 ? "metropole" : "drom";
}

void check_values(Compilation& c, const std::vector<RegionalValue>& values, const std::string& code) {
  for (const auto& value : values) {
    for (std::size_t r = 0; r < region_count; ++r) {
      const auto& amount = value.by_region[r];
      if (amount && (amount->is_negative() || amount->is_zero())) {
        c.report(position_of(value.origin), "compile.value_not_positive",
                 {code, amount->to_string(), std::string(region_word(r))});
      }
    }
  }
}

// The first amount of `cotation` priced with `letter` that cannot be computed, reported.
bool price_each(Compilation& c, const Act& act, const Cotation& cotation, const Letter& letter) {
  if (!letter.rounding) return true;  // reported by acts.cpp
  for (const auto& value : letter.values) {
    if (!value.period.overlaps(cotation.period)) continue;
    for (std::size_t r = 0; r < region_count; ++r) {
      if (!value.by_region[r]) continue;
      try {
        (void)(cotation.coefficient * *value.by_region[r]).round(letter.rounding->decimals, letter.rounding->mode);
      } catch (const DecimalError& error) {
        const bool too_precise = error.kind() == DecimalErrorKind::too_many_decimals;
        c.report(position_of(cotation.origin), too_precise ? "compile.amount_too_precise" : "compile.amount_overflow",
                 {act.name, letter.code, cotation.coefficient.to_string(), value.by_region[r]->to_string(),
                  std::string(region_word(r)), date_text(std::max(value.period.since, cotation.period.since))});
        return false;
      }
    }
  }
  return true;
}

}  // namespace

void check_amounts(Compilation& c) {
  // A number that did not read stands as zero in the model: its own diagnostic is enough.
  if (std::any_of(c.diagnostics.begin(), c.diagnostics.end(),
                  [](const Diagnostic& d) { return d.severity == Severity::error; })) {
    return;
  }
  const auto& model = *c.model;
  for (const auto& letter : model.letters) check_values(c, letter.values, letter.code);
  for (const auto& item : model.items) check_values(c, item.values, item.code);
  for (const auto& act : model.acts) {
    for (const auto* cotations : {&act.cotations, &act.replaced}) {
      for (const auto& cotation : *cotations) {
        if (cotation.coefficient.is_negative() || cotation.coefficient.is_zero()) {
          c.report(position_of(cotation.origin), "compile.coefficient_not_positive",
                   {act.name, cotation.coefficient.to_string(), date_text(cotation.period.since)});
          continue;
        }
        if (!price_each(c, act, cotation, model.letters[cotation.letter])) continue;
        for (const auto& letter : model.letters) {
          if (letter.telecare && !price_each(c, act, cotation, letter)) break;
        }
      }
    }
  }
}

}  // namespace cotation::compiler
