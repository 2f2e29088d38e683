// Pricing a line (line_price.hpp): coefficient × letter value, an item's value or computation,
// a rule's rate; each rounded by the rounding the rules declare.
#include "evaluate/line_price.hpp"

namespace cotation::evaluation {

using namespace model;

void LinePrice::price_act(const Subject& subject, const Act& act, LineDecision& line) {
  const Letter* letter = nullptr;
  for (const auto& c : subject.old_cotation ? act.replaced : act.cotations) {
    if (c.coefficient == subject.coefficient && c.period.contains(day_)) {
      letter = &model_.letters[c.letter];
      explainer_.explain([&] { return steps::cotation(model_, act, c); });
    }
  }
  if (letter == nullptr) throw_no_value(Wording::no_cotation_matches, act.name, date_text(day_));
  // In telecare the act's coefficient takes the telecare letter's value and rounding.
  if (subject.telecare != nullptr) letter = subject.telecare;
  const Decimal value = graph_.value_at(letter->values, letter->code);
  if (!letter->rounding) throw_no_value(Wording::letter_without_rounding, letter->code);
  exact_amount_ = subject.coefficient * value;
  line.amount = exact_amount_.round(letter->rounding->decimals, letter->rounding->mode);
  explainer_.explain([&] { return steps::act_amount(subject.coefficient, value, *line.amount, *letter->rounding); });
}

void LinePrice::price_item(const Item& item, LineDecision& line) {
  if (item.computation) {
    bool unused = false;
    if (!item.computation_formula || !graph_.compute(*item.computation_formula, unused, exact_amount_)) {
      exact_amount_ = graph_.evaluate(*item.computation).number;
    }
    line.amount = exact_amount_.round(item.computation_rounding->decimals, item.computation_rounding->mode);
    explainer_.explain([&] { return steps::item_computation(item, *line.amount); });
  } else {
    line.amount = graph_.value_at(item.values, item.code);
    exact_amount_ = *line.amount;
  }
}

void LinePrice::apply_rate(const Subject& subject, const Rule& rule, LineDecision& line) {
  // The rate applies to the exact amount, rounded once (art. 11 B: half the
  // coefficient, not half the rounded tariff), by the rounding the rules declare; a
  // flat-rate item that declares none may still take a rate exact to the cent.
  const Decimal rated = exact_amount_ * rule.rate;
  const bool exact_to_the_cent = rated.round(2, RoundingMode::toward_zero) == rated;
  if (!subject.is_act && !model_.items[subject.index].computation_rounding && exact_to_the_cent) {
    line.amount = rated.round(2, RoundingMode::toward_zero);
  } else {
    const Rounding rounding = rounding_of(subject, rule);
    line.amount = rated.round(rounding.decimals, rounding.mode);
  }
  explainer_.explain([&] { return steps::rule_rate(rule, *line.amount); });
}

// The rounding the rules declare for the line's amount: its key letter's, or its item's
// computation's. None declared is reported: an amount is never rounded by default.
Rounding LinePrice::rounding_of(const Subject& subject, const Rule& rule) const {
  if (subject.telecare != nullptr && subject.telecare->rounding) return *subject.telecare->rounding;
  if (subject.is_act) {
    for (const auto& c : model_.acts[subject.index].cotations) {
      if (c.period.contains(day_) && model_.letters[c.letter].rounding) return *model_.letters[c.letter].rounding;
    }
  } else if (model_.items[subject.index].computation_rounding) {
    return *model_.items[subject.index].computation_rounding;
  }
  throw_no_value(Wording::rate_without_rounding, rule.name);
}

}  // namespace cotation::evaluation
