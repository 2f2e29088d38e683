// Revaluations: each step moves the coefficient of every act in its scope from its date on,
// splitting the cotation it falls in. In: revaluation declarations, the model acts; out: the
// acts' cotations revalued.
#include <algorithm>
#include <tuple>
#include <variant>

#include "compile/compilation.hpp"

namespace cotation::compiler {

using namespace model;

namespace {

void revalue(Compilation& c, Act& act, const Decimal& delta, Day since, const Citation& cited,
             const syntax::Position& at, const std::string& revaluation) {
  const auto covering = std::find_if(act.cotations.begin(), act.cotations.end(),
                                     [&](const Cotation& cotation) { return cotation.period.contains(since); });
  if (covering == act.cotations.end()) {
    c.report(at, "compile.revaluation_without_cotation", {act.name, date_text(since)});
    return;
  }
  Cotation revalued = *covering;
  revalued.period.since = since;
  try {
    revalued.coefficient = covering->coefficient + delta;
  } catch (const DecimalError&) {
    c.report(at, "compile.revaluation_overflow", {revaluation, act.name});
    return;
  }
  revalued.citation = cited;
  revalued.origin = Origin{at.file, at.offset};
  revalued.revaluation = revaluation;
  if (covering->period.since == since) {
    *covering = revalued;
    return;
  }
  covering->period.until = since - 1;
  act.cotations.insert(covering + 1, revalued);
}

}  // namespace

// Each revaluation step moves the coefficient of every act in its scope from its date on.
void apply_revaluations(Compilation& c) {
  for (const auto* declaration : c.of_kind(DeclarationKind::revaluation)) {
    Scope targets;
    bool every = false;
    const std::size_t findings_before = c.diagnostics.size();
    std::vector<std::tuple<Decimal, Day, Citation, syntax::Position>> steps;
    for (const auto& statement : declaration->statements) {
      if (const auto* s = std::get_if<syntax::SelectorStatement>(&statement.node)) {
        const Scope more = scope(c, s->selectors);
        targets.acts.insert(targets.acts.end(), more.acts.begin(), more.acts.end());
        if (!more.items.empty() || more.every_item || more.every_act) {
          c.report(statement.position, "compile.revaluation_of_non_act", {declaration->name.text});
          every = true;
        }
      } else if (const auto* step = std::get_if<syntax::StepStatement>(&statement.node)) {
        const Day since = day_of(step->since);
        steps.emplace_back(c.decimal(step->amount), since, c.citation(step->citation, since), statement.position);
      }
    }
    if (targets.acts.empty() && !every && c.diagnostics.size() == findings_before) {
      c.report(declaration->name.position, "compile.revaluation_without_acts", {declaration->name.text});
    }
    if (const auto since = c.repealed_since(*declaration)) {
      std::erase_if(steps, [&](const auto& step) { return std::get<1>(step) >= *since; });
    }
    std::sort(steps.begin(), steps.end(), [](const auto& a, const auto& b) { return std::get<1>(a) < std::get<1>(b); });
    for (const std::uint32_t a : targets.acts) {
      for (const auto& [delta, since, cited, position] : steps) {
        revalue(c, c.model->acts[a], delta, since, cited, position, declaration->name.text);
      }
    }
  }
}

}  // namespace cotation::compiler
