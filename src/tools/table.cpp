// `cotation table`, building: the compiled model and a day in a region in, the Table out (acts
// by article in natural order, with their old cotation, cotation in force, price and state; key
// letters and items with their value on that day).
#include "tools/table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace cotation::tools {

using model::Day;
using model::RegionIndex;

namespace {

std::vector<model::Period> periods_of(const std::vector<model::Cotation>& cotations) {
  std::vector<model::Period> periods;
  for (const auto& c : cotations) periods.push_back(c.period);
  return periods;
}

std::vector<model::Period> periods_of(const std::vector<model::RegionalValue>& values, RegionIndex region) {
  std::vector<model::Period> periods;
  for (const auto& v : values) {
    if (v.by_region[static_cast<std::size_t>(region)]) periods.push_back(v.period);
  }
  return periods;
}

// The old cotations whose transition has begun by `day`, "AMK ou AMC 8" when only the letter
// differs, and the last day any of them is accepted.
std::pair<std::string, std::optional<Day>> old_cotations(const RuleSet::Model& model, const model::Act& act, Day day) {
  std::vector<std::pair<Decimal, std::vector<std::string>>> by_coefficient;
  std::optional<Day> until;
  for (const auto& old : act.replaced) {
    if (old.period.since > day) continue;
    until = std::max(until.value_or(model::first_day), old.period.until);
    const auto same = std::find_if(by_coefficient.begin(), by_coefficient.end(),
                                   [&](const auto& entry) { return entry.first == old.coefficient; });
    const std::string& letter = model.letters.at(old.letter).code;
    if (same == by_coefficient.end()) {
      by_coefficient.push_back({old.coefficient, {letter}});
    } else if (std::find(same->second.begin(), same->second.end(), letter) == same->second.end()) {
      // Two `remplace` periods of one code (AMS 7.5 until, then again from): one "AMS 7.5".
      same->second.push_back(letter);
    }
  }
  std::vector<std::string> parts;
  for (const auto& [coefficient, letters] : by_coefficient) {
    parts.push_back(fmt::format("{} {}", fmt::join(letters, " ou "), coefficient.to_string()));
  }
  if (until == model::last_day) until.reset();
  return {fmt::format("{}", fmt::join(parts, ", ")), until};
}

ActRow act_row(const RuleSet::Model& model, const model::Act& act, Day day, RegionIndex region) {
  ActRow row;
  row.name = act.name;
  row.label = act.label;
  std::tie(row.old_cotation, row.old_until) = old_cotations(model, act, day);
  if (act.pending) row.pending_reason = *act.pending;
  if (act.removed_since && *act.removed_since <= day) {
    row.state = ActState::removed;
    row.state_date = act.removed_since;
    return row;
  }
  row.removed_since = act.removed_since;
  const auto in_force = std::find_if(act.cotations.begin(), act.cotations.end(),
                                     [&](const model::Cotation& c) { return c.period.contains(day); });
  if (in_force == act.cotations.end()) {
    const Validity schedule = validity(periods_of(act.cotations), day);
    row.state = act.pending                                ? ActState::pending
                : schedule.kind == Validity::Kind::not_yet ? ActState::not_yet
                                                           : ActState::over;
    if (schedule.kind == Validity::Kind::not_yet || schedule.kind == Validity::Kind::over)
      row.state_date = schedule.date;
    return row;
  }
  row.cotation = cotation_text(model, *in_force);
  if (const auto priced = price(model, *in_force, day, region)) {
    row.amount = priced->rounded;
    row.state = act.pending ? ActState::pending : ActState::in_force;
  } else {
    row.state = ActState::no_value;
  }
  return row;
}

// "article 2" before "article 10": runs of digits compare as numbers.
bool natural_less(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  const auto is_digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      const std::size_t a_start = i;
      const std::size_t b_start = j;
      while (i < a.size() && is_digit(a[i])) ++i;
      while (j < b.size() && is_digit(b[j])) ++j;
      std::string_view x = a.substr(a_start, i - a_start);
      std::string_view y = b.substr(b_start, j - b_start);
      while (x.size() > 1 && x.front() == '0') x.remove_prefix(1);
      while (y.size() > 1 && y.front() == '0') y.remove_prefix(1);
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i;
    ++j;
  }
  return a.size() - i < b.size() - j;
}

PricedRow priced_row(const std::string& code, const std::string& label, const std::vector<model::RegionalValue>& values,
                     Day day, RegionIndex region) {
  PricedRow row;
  row.code = code;
  row.label = label;
  row.validity = validity(periods_of(values, region), day);
  if (const auto value = value_on(values, day, region)) {
    row.value = value->value;
    row.per_kilometre = value->entry->per_kilometre;
  }
  return row;
}

}  // namespace

Table build_table(const RuleSet::Model& model, Day day, RegionIndex region, Language language) {
  Table table;
  table.day = day;
  table.region = region;
  table.hash = model.hash;
  table.sources = model.sources;
  std::map<std::string, std::size_t> section_of;
  for (const auto& act : model.acts) {
    const std::string& article = act.article_reference.empty() ? act.article.text : act.article_reference;
    const auto [it, inserted] = section_of.try_emplace(article, table.articles.size());
    if (inserted) table.articles.push_back({article, {}});
    table.articles[it->second].acts.push_back(act_row(model, act, day, region));
    if (table.articles[it->second].acts.back().state == ActState::no_value) {
      table.without_value.push_back(table.articles[it->second].acts.back());
    }
  }
  // Acts without an article come last.
  std::stable_sort(table.articles.begin(), table.articles.end(), [](const ArticleSection& a, const ArticleSection& b) {
    if (a.article.empty() != b.article.empty()) return b.article.empty();
    return natural_less(a.article, b.article);
  });
  for (const auto& letter : model.letters) {
    PricedRow row = priced_row(letter.code, letter.label, letter.values, day, region);
    if (letter.rounding) row.rounding = rounding_text(*letter.rounding, language);
    table.letters.push_back(std::move(row));
  }
  for (const auto& item : model.items) {
    PricedRow row = priced_row(item.code, item.label, item.values, day, region);
    row.computed = item.computation.has_value();
    table.items.push_back(std::move(row));
  }
  return table;
}
}  // namespace cotation::tools
