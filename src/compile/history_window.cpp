// The window of history a rule set reads (history_window.hpp): every read of the patient's
// earlier claims the evaluator makes, by the node, limit or threshold that asks for it.
#include "compile/history_window.hpp"

#include <algorithm>

#include "compile/model.hpp"

namespace cotation::model {
namespace {

// The 12 months before a claim, both ends included, or the calendar year of its date.
constexpr std::int32_t one_year = 366;

}  // namespace

std::int32_t history_window_days(const RuleSet::Model& model) {
  std::int32_t days = 0;  // the same day's sessions and lines (same_day.*, `par jour`)
  for (const Node& node : model.nodes) {
    if (node.op == Op::field && node.field == Field::sessions_12_months_before) days = one_year;
  }
  for (const Rule& rule : model.rules) {
    if (!rule.limit) continue;
    switch (rule.limit->per) {
      case Limit::Per::day:
      case Limit::Per::series:   // the rank: folded
      case Limit::Per::episode:  // an episode's lines, however old: folded
        break;
      case Limit::Per::year:
        days = one_year;
        break;
    }
  }
  for (const Act& act : model.acts) {
    for (const Referential& referential : act.referentials) {
      for (const Threshold& threshold : referential.thresholds) {
        if (threshold.scope == Threshold::Scope::window) days = std::max(days, one_year);
      }
    }
  }
  return days;
}

}  // namespace cotation::model
