// Values into schedules: the dated values of letters, items and parameters, by region, with
// their roundings, conditions and computations; the overlaps and gaps of a schedule
// reported; the shared schedules (`barème`) a letter or an item takes. In: letter, item,
// parameter and schedule declarations; out: model letters, items, parameters.
#include <fmt/format.h>

#include <algorithm>
#include <variant>

#include "compile/compilation.hpp"
#include "parse/utf8.hpp"

namespace cotation::compiler {

using namespace model;

// Sorts dated entries and reports the overlaps and the gaps between them. `cotations`
// says whether the entries are an act's cotations or a declaration's values.
template <typename Entry>
void check_schedule(Compilation& c, std::vector<std::pair<Entry, syntax::Position>>& entries, std::string_view what,
                    const std::string& name, bool cotations) {
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first.period.since < b.first.period.since; });
  const std::string noun = cotations ? "cotations" : "periods";
  Day covered_until = entries.empty() ? first_day : entries[0].first.period.until;  // the furthest end so far
  for (std::size_t i = 1; i < entries.size(); ++i) {
    const Period& after = entries[i].first.period;
    if (after.since <= covered_until) {
      if (after.since == first_day) {
        c.report(entries[i].second, "compile.overlapping_" + noun + "_undated", {std::string(what), name});
      } else {
        c.report(entries[i].second, "compile.overlapping_" + noun, {std::string(what), name, date_text(after.since)});
      }
    } else if (covered_until != last_day && covered_until + 1 < after.since) {
      c.report(entries[i].second, "compile.gap_between_" + noun,
               {std::string(what), name, date_text(covered_until + 1), date_text(after.since - 1)});
    }
    covered_until = std::max(covered_until, after.until);
  }
}

template void check_schedule(Compilation&, std::vector<std::pair<RegionalValue, syntax::Position>>&, std::string_view,
                             const std::string&, bool);
template void check_schedule(Compilation&, std::vector<std::pair<Cotation, syntax::Position>>&, std::string_view,
                             const std::string&, bool);

namespace {

std::optional<RegionIndex> region(Compilation& c, const syntax::Name& name) {
  const std::string word = utf8::fold(name.text);
  if (word == "metropole") return RegionIndex::metropole;
  c.warn_old_region_name(name, word);
  if (word == "drom" || word == "outre_mer") return RegionIndex::outre_mer;
  c.report(name.position, "compile.unknown_region", {name.text});
  return std::nullopt;
}

template <typename Entry>
void cut_at(std::vector<Entry>& entries, Day since) {
  std::erase_if(entries, [&](const Entry& e) { return e.period.since >= since; });
  for (auto& e : entries) e.period.until = std::min(e.period.until, since - 1);
}

// The `valeur` statements of a letter or an item, those of the schedules it takes
// (`valeur barème x`) in their place; an unknown schedule is reported.
std::vector<const syntax::Statement*> value_statements(Compilation& c, const syntax::Declaration& declaration) {
  std::vector<const syntax::Statement*> result;
  for (const auto& statement : declaration.statements) {
    if (std::holds_alternative<syntax::ValueStatement>(statement.node)) result.push_back(&statement);
    const auto* use = std::get_if<syntax::ScheduleUse>(&statement.node);
    if (use == nullptr) continue;
    const syntax::Declaration* schedule = c.find(DeclarationKind::schedule, use->schedule.text);
    if (schedule == nullptr) {
      c.report_unknown(use->schedule, DeclarationKind::schedule, "compile.unknown_schedule", {use->schedule.text});
      c.schedule_unresolved = true;
      continue;
    }
    c.used_schedules.insert(schedule->name.text);
    for (const auto& shared : schedule->statements) {
      if (std::holds_alternative<syntax::ValueStatement>(shared.node)) result.push_back(&shared);
    }
  }
  return result;
}

// Each region has its own schedule: a statement may give one region or several.
std::vector<RegionalValue> regional_values(Compilation& c, const syntax::Declaration& declaration) {
  std::vector<std::pair<RegionalValue, syntax::Position>> entries;
  for (const auto* written : value_statements(c, declaration)) {
    const syntax::Statement& statement = *written;
    const auto& value = std::get<syntax::ValueStatement>(statement.node);
    RegionalValue entry;
    entry.origin = Origin{statement.position.file, statement.position.offset};
    entry.period = c.period(value.period);
    entry.citation = c.citation(value.citation, entry.period.since);
    for (const auto& priced : value.values) {
      entry.per_kilometre = entry.per_kilometre || priced.per_kilometre;
      const Decimal amount = c.decimal(priced.amount);
      // A flat amount is paid as it is: it must be whole cents. A value per km or per
      // key-letter point is multiplied first, then rounded by the declared rounding.
      if (declaration.kind == DeclarationKind::item && !priced.per_kilometre &&
          !(amount.round(2, RoundingMode::toward_zero) == amount)) {
        c.report(priced.amount.position, "compile.amount_below_the_cent", {priced.amount.text});
      }
      if (!priced.region) {
        for (auto& slot : entry.by_region) slot = amount;
      } else if (const auto index = region(c, *priced.region)) {
        entry.by_region[static_cast<std::size_t>(*index)] = amount;
      }
    }
    entries.emplace_back(std::move(entry), statement.position);
  }
  for (std::size_t r = 0; r < region_count; ++r) {
    std::vector<std::pair<RegionalValue, syntax::Position>> of_region;
    for (const auto& entry : entries) {
      if (entry.first.by_region[r]) of_region.push_back(entry);
    }
    const std::string name = fmt::format("{} ({})", declaration.name.text, r == 0 ? "métropole" : "drom");
    check_schedule(c, of_region, kind_word(declaration.kind), name);
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first.period.since < b.first.period.since; });
  std::vector<RegionalValue> result;
  for (auto& [entry, position] : entries) result.push_back(std::move(entry));
  if (const auto since = c.repealed_since(declaration)) cut_at(result, *since);
  return result;
}

std::optional<Rounding> rounding(Compilation& c, const syntax::Rounding& written, const syntax::Citation& cited) {
  Rounding result;
  const std::string unit = utf8::fold(written.unit.text);
  if (unit == "centime") {
    result.decimals = 2;
  } else if (unit == "euro") {
    result.decimals = 0;
  } else {
    c.report(written.unit.position, "compile.unknown_rounding_unit", {written.unit.text});
    return std::nullopt;
  }
  const std::string mode = utf8::fold(written.mode.text);
  if (mode == "demi_loin_de_zero") {
    result.mode = RoundingMode::half_away_from_zero;
  } else if (mode == "demi_pair") {
    result.mode = RoundingMode::half_even;
  } else if (mode == "vers_zero") {
    result.mode = RoundingMode::toward_zero;
  } else if (mode == "loin_de_zero") {
    result.mode = RoundingMode::away_from_zero;
  } else {
    c.report(written.mode.position, "compile.unknown_rounding_mode", {written.mode.text});
    return std::nullopt;
  }
  result.citation = c.citation(cited);
  return result;
}

}  // namespace

Condition build_condition(Compilation& c, const syntax::ConditionStatement& written, const std::string& owner,
                          std::size_t index) {
  Condition condition;
  const auto [node, type] = expression(c, written.expression);
  if (type && *type != Type::boolean) {
    c.report(written.expression.position, "compile.wrong_type",
             {std::string(type_word(*type)), std::string(type_word(Type::boolean))});
  }
  condition.predicate = node;
  condition.message = written.message.value_or("");
  condition.citation = c.citation(written.citation);
  condition.name = fmt::format("{}, condition {}", owner, index + 1);
  return condition;
}

void check_schedules(Compilation& c) {
  if (c.schedule_unresolved) return;
  for (const auto* schedule : c.of_kind(DeclarationKind::schedule)) {
    if (c.used_schedules.count(schedule->name.text) == 0) {
      c.report(schedule->name.position, "compile.unused_schedule", {schedule->name.text}, Severity::warning);
    }
  }
}

void build_letter(Compilation& c, const syntax::Declaration& declaration) {
  Letter letter;
  letter.code = declaration.name.text;
  letter.label = declaration.label;
  letter.values = regional_values(c, declaration);
  for (const auto& statement : declaration.statements) {
    if (const auto* r = std::get_if<syntax::RoundingStatement>(&statement.node)) {
      if (letter.rounding) c.report(statement.position, "compile.duplicate_rounding", {letter.code});
      letter.rounding = rounding(c, r->rounding, r->citation);
    } else if (const auto* t = std::get_if<syntax::TelecareStatement>(&statement.node)) {
      if (letter.telecare) c.report(statement.position, "compile.duplicate_telecare", {letter.code});
      letter.telecare = c.citation(t->citation);
    }
  }
  c.model->letters.push_back(std::move(letter));
}

void build_item(Compilation& c, const syntax::Declaration& declaration) {
  Item item;
  item.code = declaration.name.text;
  item.label = declaration.label;
  item.values = regional_values(c, declaration);
  for (const auto& statement : declaration.statements) {
    if (const auto* condition = std::get_if<syntax::ConditionStatement>(&statement.node)) {
      item.conditions.push_back(build_condition(c, *condition, item.code, item.conditions.size()));
    } else if (const auto* computation = std::get_if<syntax::ComputationStatement>(&statement.node)) {
      const auto [node, type] = expression(c, computation->expression);
      if (type && *type != Type::money) {
        c.report(computation->expression.position, "compile.wrong_type",
                 {std::string(type_word(*type)), std::string(type_word(Type::money))});
      }
      item.computation = node;
      item.computation_citation = c.citation(computation->citation);
      if (!computation->rounding) {
        c.report(statement.position, "compile.computation_without_rounding", {item.code});
      } else {
        item.computation_rounding = rounding(c, *computation->rounding, computation->citation);
      }
    }
  }
  const bool per_kilometre =
      std::any_of(item.values.begin(), item.values.end(), [](const RegionalValue& v) { return v.per_kilometre; });
  if (per_kilometre && !item.computation) {
    c.report(declaration.name.position, "compile.per_kilometre_without_computation", {item.code});
  }
  c.model->items.push_back(std::move(item));
}

void build_parameter(Compilation& c, const syntax::Declaration& declaration) {
  Parameter parameter;
  parameter.name = declaration.name.text;
  parameter.label = declaration.label;
  std::vector<std::pair<RegionalValue, syntax::Position>> periods;  // for the schedule checks
  for (const auto& statement : declaration.statements) {
    const auto* value = std::get_if<syntax::ParameterValue>(&statement.node);
    if (value == nullptr) continue;
    const Period p = c.period(value->period);
    parameter.values.emplace_back(p, c.literal_value(value->value));
    parameter.citations.push_back(c.citation(value->citation, p.since));
    RegionalValue marker;
    marker.period = p;
    periods.emplace_back(marker, statement.position);
    if (!parameter.values.empty() && parameter.values.front().second.type != parameter.values.back().second.type) {
      c.report(value->value.position, "compile.parameter_type_changes", {parameter.name});
    }
  }
  check_schedule(c, periods, kind_word(declaration.kind), parameter.name);
  if (const auto since = c.repealed_since(declaration)) {
    for (std::size_t i = parameter.values.size(); i-- > 0;) {
      if (parameter.values[i].first.since >= *since) {
        parameter.values.erase(parameter.values.begin() + static_cast<std::ptrdiff_t>(i));
        parameter.citations.erase(parameter.citations.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        parameter.values[i].first.until = std::min(parameter.values[i].first.until, *since - 1);
      }
    }
  }
  c.model->parameters.push_back(std::move(parameter));
}

}  // namespace cotation::compiler
