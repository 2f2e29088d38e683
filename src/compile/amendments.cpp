// Amendments applied to the working copies of the declarations they target: `reporte` moves
// every date equal to its first date (and an end the day before), `abroge` removes a
// declaration or cuts it from a date, `ajoute` appends statements. In: the amendment
// declarations; out: amended Compilation::declarations, the repealed sets, model postponements.
#include <chrono>
#include <variant>

#include "compile/compilation.hpp"

namespace cotation::compiler {

using namespace model;

namespace {

// Moves a dated element from `from` to `to`: a start on `from`, or an end the day before.
bool move_date(std::optional<syntax::CalendarDate>& date, Day from, Day to, bool is_end) {
  if (!date) return false;
  const Day shift = is_end ? 1 : 0;
  if (day_of(*date) + shift != from) return false;
  const std::chrono::year_month_day moved{std::chrono::sys_days(std::chrono::days(to - shift))};
  date->year = static_cast<int>(moved.year());
  date->month = static_cast<int>(static_cast<unsigned>(moved.month()));
  date->day = static_cast<int>(static_cast<unsigned>(moved.day()));
  return true;
}

bool postpone(syntax::Statement& statement, Day from, Day to) {
  bool moved = false;
  const auto move_period = [&](syntax::Period& p) {
    moved = move_date(p.since, from, to, false) || moved;
    moved = move_date(p.until, from, to, true) || moved;
  };
  std::visit(
      [&](auto& node) {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, syntax::ValueStatement> || std::is_same_v<T, syntax::CotationStatement> ||
                      std::is_same_v<T, syntax::ParameterValue> || std::is_same_v<T, syntax::AmountStatement>) {
          move_period(node.period);
        } else if constexpr (std::is_same_v<T, syntax::PeriodStatement>) {
          move_period(node.period);
        } else if constexpr (std::is_same_v<T, syntax::StepStatement> || std::is_same_v<T, syntax::RemovedStatement>) {
          std::optional<syntax::CalendarDate> since = node.since;
          if (move_date(since, from, to, false)) {
            node.since = *since;
            moved = true;
          }
        }
      },
      statement.node);
  return moved;
}

syntax::Declaration* amended(Compilation& c, const syntax::Target& target) {
  syntax::Declaration* declaration = c.amend(target.kind, target.name.text);
  if (declaration == nullptr) {
    c.report_unknown(target.name, target.kind, "compile.unknown_declaration",
                     {std::string(kind_word(target.kind)), target.name.text});
  }
  return declaration;
}

}  // namespace

void apply_amendments(Compilation& c) {
  for (const auto* amendment : c.of_kind(DeclarationKind::amendment)) {
    const Citation cited = amendment->citation ? c.citation(*amendment->citation) : Citation{};
    for (const auto& statement : amendment->statements) {
      if (const auto* postponement = std::get_if<syntax::Postponement>(&statement.node)) {
        syntax::Declaration* target = amended(c, postponement->target);
        if (target == nullptr) continue;
        const Day from = day_of(postponement->from);
        const Day to = day_of(postponement->to);
        bool moved = false;
        for (auto& s : target->statements) {
          if (!postpone(s, from, to)) continue;
          moved = true;
          c.model->postponements.push_back(
              {Origin{s.position.file, s.position.offset}, from, to, amendment->name.text, cited});
        }
        if (!moved) {
          c.report(postponement->from.position, "compile.nothing_to_postpone",
                   {date_text(from), std::string(kind_word(target->kind)), target->name.text});
        }
      } else if (const auto* repeal = std::get_if<syntax::Repeal>(&statement.node)) {
        syntax::Declaration* target = amended(c, repeal->target);
        if (target == nullptr) continue;
        if (!repeal->since) {
          c.repealed.insert(declaration_key(target->kind, target->name.text));
        } else {
          c.repealed_since_day[declaration_key(target->kind, target->name.text)] = day_of(*repeal->since);
        }
      } else if (const auto* addition = std::get_if<syntax::Addition>(&statement.node)) {
        syntax::Declaration* target = amended(c, addition->target);
        if (target == nullptr) continue;
        target->statements.insert(target->statements.end(), addition->statements.begin(), addition->statements.end());
      }
    }
  }
}

}  // namespace cotation::compiler
