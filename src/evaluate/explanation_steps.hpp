// The steps of an explanation. In: what a line's decision read or decided (a claim field, a
// value or parameter in force, a cotation, an amount, a condition, a rule). Out: the
// ExplanationStep that shows it, appended by an Explainer to the caller's list, and built only
// when the caller asks for an explanation.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compile/model.hpp"
#include "cotation/engine.hpp"

namespace cotation::evaluation {

// Appends steps to the caller's explanation, each marked with the line being decided.
class Explainer {
 public:
  explicit Explainer(std::vector<ExplanationStep>* steps) : steps_(steps) {}

  [[nodiscard]] bool wanted() const { return steps_ != nullptr; }
  // `index` is the line's in claim.lines.
  void set_line(std::size_t index) { line_ = index; }

  // The texts are formatted inside `step`, called only when an explanation is wanted.
  template <typename MakeStep>
  void explain(MakeStep&& step) {
    if (steps_ == nullptr) return;
    steps_->push_back(step());
    steps_->back().line = line_;
  }

 private:
  std::vector<ExplanationStep>* steps_;
  std::optional<std::size_t> line_;  // none until a line is being decided
};

namespace steps {

// "vrai", "2024-02-22", "domicile", "12 mois", "3.5": a value as the rules write it.
std::string describe(const model::Value& v);

// A claim field read (the source is the claim, "facture").
ExplanationStep claim_field(model::Field field, const model::Value& v);
// The claim does not say the fund's approval was granted.
ExplanationStep prior_approval_absent();
// The value of a letter or item on the day, in the claim's region.
ExplanationStep value_in_force(std::string_view code, model::Day day, const Decimal& value,
                               const model::Citation& source);
ExplanationStep parameter_in_force(const model::Parameter& parameter, std::size_t value);
// The act's cotation billed, then its amount: coefficient × letter value, rounded.
ExplanationStep cotation(const RuleSet::Model& model, const model::Act& act, const model::Cotation& cotation);
ExplanationStep act_amount(const Decimal& coefficient, const Decimal& value, const Decimal& amount,
                           const model::Rounding& rounding);
// An item's amount by its computation.
// `a modulo b` computed: "980 modulo 20", "0".
ExplanationStep remainder(const Decimal& dividend, const Decimal& divisor, const Decimal& rest);
ExplanationStep item_computation(const model::Item& item, const Decimal& amount);
ExplanationStep condition(const model::Condition& condition, bool met);
ExplanationStep rule_when(const model::Rule& rule, bool met);
// `seulement avec`: whether the claim has a line among those it reads that is not refused.
ExplanationStep rule_only_with(const model::Rule& rule, bool beside);
ExplanationStep rule_applies(const model::Rule& rule);
ExplanationStep rule_rate(const model::Rule& rule, const Decimal& amount);

}  // namespace steps

}  // namespace cotation::evaluation
