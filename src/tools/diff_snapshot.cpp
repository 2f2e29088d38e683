// `cotation diff`, the snapshot: a compiled model in, its elements by kind and name out, each
// property a timeline of values written back as rules-language text with the source it cites
// (see diff.hpp). Also the timeline helpers the comparison uses.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "compile/expression_text.hpp"
#include "tools/diff.hpp"

namespace cotation::tools {

using model::Day;
using model::Period;

// ------------------------------------------------------------------ timelines

std::vector<Period> pieces(std::initializer_list<const std::vector<Segment>*> lists) {
  std::set<Day> starts;
  for (const auto* segments : lists) {
    for (const auto& segment : *segments) {
      starts.insert(segment.period.since);
      if (segment.period.until != model::last_day) starts.insert(segment.period.until + 1);
    }
  }
  std::vector<Period> result;
  for (auto it = starts.begin(); it != starts.end(); ++it) {
    const auto next = std::next(it);
    result.push_back(Period{*it, next == starts.end() ? model::last_day : *next - 1});
  }
  return result;
}

const Segment* segment_on(const Timeline& timeline, Day day) {
  for (const auto& segment : timeline) {
    if (segment.period.contains(day)) return &segment;
  }
  return nullptr;
}

namespace {

constexpr std::string_view region_names[model::region_count] = {"metropole", "drom"};

// The entries of one property, possibly overlapping (an act may replace two old cotations at
// once), as a timeline: on each day the values in force, joined in a stable order.
Timeline normalize(const std::vector<Segment>& entries) {
  Timeline timeline;
  for (const Period& piece : pieces({&entries})) {
    std::vector<std::pair<std::string, std::string>> present;
    for (const auto& entry : entries) {
      if (entry.period.contains(piece.since)) present.emplace_back(entry.value, entry.source);
    }
    if (present.empty()) continue;
    std::sort(present.begin(), present.end());
    present.erase(std::unique(present.begin(), present.end()), present.end());
    Segment segment{piece, present[0].first, present[0].second};
    for (std::size_t i = 1; i < present.size(); ++i) {
      segment.value += ", " + present[i].first;
      segment.source += " ; " + present[i].second;
    }
    if (!timeline.empty() && timeline.back().period.until + 1 == piece.since &&
        timeline.back().value == segment.value && timeline.back().source == segment.source) {
      timeline.back().period.until = piece.until;
    } else {
      timeline.push_back(std::move(segment));
    }
  }
  return timeline;
}

// ------------------------------------------------------------------ snapshot of a model

std::string rounding_text(const model::Rounding& rounding) {
  std::string_view mode;
  switch (rounding.mode) {
    case RoundingMode::half_away_from_zero:
      mode = "demi_loin_de_zero";
      break;
    case RoundingMode::half_even:
      mode = "demi_pair";
      break;
    case RoundingMode::toward_zero:
      mode = "vers_zero";
      break;
    case RoundingMode::away_from_zero:
      mode = "loin_de_zero";
      break;
  }
  return fmt::format("arrondi au {} {}", rounding.decimals == 0 ? "euro" : "centime", mode);
}

class SnapshotBuilder {
 public:
  explicit SnapshotBuilder(const RuleSet::Model& model) : model_(model) {}

  Snapshot build() {
    for (const auto& source : model_.sources) add_source(source);
    for (const auto& letter : model_.letters) add_letter(letter);
    for (const auto& item : model_.items) add_item(item);
    for (const auto& parameter : model_.parameters) add_parameter(parameter);
    for (const auto& act : model_.acts) add_act(act);
    for (const auto& group : model_.groups) add_group(group);
    for (const auto& rule : model_.rules) add_rule(rule);
    Snapshot result;
    for (auto& [key, properties] : entries_) {
      Properties& normalized = result.elements[key];
      for (auto& [property, segments] : properties) normalized[property] = normalize(segments);
    }
    return result;
  }

 private:
  using Entries = std::map<std::string, std::vector<Segment>>;

  void add(Entries& element, const std::string& property, const Period& period, std::string value,
           std::string source = {}) {
    element[property].push_back(Segment{period, std::move(value), std::move(source)});
  }
  void add(Entries& element, const std::string& property, std::string value, std::string source = {}) {
    add(element, property, Period{}, std::move(value), std::move(source));
  }
  Entries& element(ElementKind kind, const std::string& name) { return entries_[{kind, name}]; }

  void add_source(const model::Source& source) {
    Entries& e = element(ElementKind::source, source.name);
    add(e, "libellé", source.label);
    if (!source.rank.empty()) add(e, "rang", source.rank);
    if (source.signed_on) add(e, "signé", model::date_text(*source.signed_on));
    if (source.published_on) add(e, "publié", model::date_text(*source.published_on));
    if (source.in_force_on) add(e, "entrée en vigueur", model::date_text(*source.in_force_on));
  }

  void add_values(Entries& e, const std::vector<model::RegionalValue>& values) {
    for (const auto& value : values) {
      for (std::size_t r = 0; r < model::region_count; ++r) {
        if (!value.by_region[r]) continue;
        add(e, fmt::format("valeur {}", region_names[r]), value.period,
            model::money_text(*value.by_region[r]) + (value.per_kilometre ? " par km" : ""), value.citation.text);
      }
    }
  }

  // Conditions hold together: their order is not meaning, so each is keyed by its predicate.
  void add_conditions(Entries& e, const std::vector<model::Condition>& conditions) {
    for (const auto& condition : conditions) {
      add(e, fmt::format("condition {}", model::expression_text(model_, condition.predicate)),
          fmt::format("message \"{}\"", condition.message), condition.citation.text);
    }
  }

  void add_letter(const model::Letter& letter) {
    Entries& e = element(ElementKind::letter, letter.code);
    add(e, "libellé", letter.label);
    if (letter.rounding) add(e, "arrondi", rounding_text(*letter.rounding), letter.rounding->citation.text);
    add_values(e, letter.values);
  }

  void add_item(const model::Item& item) {
    Entries& e = element(ElementKind::item, item.code);
    add(e, "libellé", item.label);
    add_values(e, item.values);
    add_conditions(e, item.conditions);
    if (item.computation) {
      std::string text = model::expression_text(model_, *item.computation);
      if (item.computation_rounding) text += " " + rounding_text(*item.computation_rounding);
      add(e, "calcul", std::move(text), item.computation_citation.text);
    }
  }

  void add_parameter(const model::Parameter& parameter) {
    Entries& e = element(ElementKind::parameter, parameter.name);
    add(e, "libellé", parameter.label);
    for (std::size_t i = 0; i < parameter.values.size(); ++i) {
      add(e, "valeur", parameter.values[i].first, model::value_text(parameter.values[i].second),
          i < parameter.citations.size() ? parameter.citations[i].text : std::string());
    }
  }

  std::string cotation_text(const model::Cotation& cotation) const {
    return model_.letters.at(cotation.letter).code + " " + model::number_text(cotation.coefficient);
  }

  static std::string thresholds_text(const model::Referential& referential) {
    std::vector<std::string> parts;
    for (const auto& threshold : referential.thresholds) {
      switch (threshold.scope) {
        case model::Threshold::Scope::series:
          parts.push_back(fmt::format("au-delà de {} séances par série", threshold.sessions));
          break;
        case model::Threshold::Scope::window:
          parts.push_back(fmt::format("au-delà de {} séances sur 12 mois", threshold.sessions));
          break;
        case model::Threshold::Scope::from_session:
          parts.push_back(fmt::format("dès la séance {}", threshold.sessions));
          break;
      }
    }
    return fmt::format("accord préalable {}", fmt::join(parts, ", "));
  }

  void add_act(const model::Act& act) {
    Entries& e = element(ElementKind::act, act.name);
    add(e, "libellé", act.label);
    if (!act.article.text.empty()) add(e, "article", act.article.text);
    if (!act.classification.empty()) {
      auto pairs = act.classification;
      std::sort(pairs.begin(), pairs.end());
      std::vector<std::string> words;
      for (const auto& [criterion, value] : pairs) words.push_back(criterion + " " + value);
      add(e, "classement", fmt::format("{}", fmt::join(words, ", ")));
    }
    for (const auto& cotation : act.cotations)
      add(e, "cotation", cotation.period, cotation_text(cotation), cotation.citation.text);
    for (const auto& old : act.replaced) add(e, "remplace", old.period, cotation_text(old), old.citation.text);
    for (const auto& referential : act.referentials) {
      add(e, fmt::format("référentiel \"{}\"", referential.name), thresholds_text(referential),
          referential.citation.text);
    }
    if (act.pending) add(e, "en attente", fmt::format("\"{}\"", *act.pending), act.pending_citation.text);
    if (act.removed_since)
      add(e, "supprimé", Period{*act.removed_since, model::last_day}, "oui", act.removed_citation.text);
    add_conditions(e, act.conditions);
  }

  // "groupe g ; acte a, b ; forfait x": the groups named, then what the list adds to them, so
  // that a group's new member shows once, on the group, not on every rule that reads it.
  std::string scope_text(const model::Scope& scope) const {
    std::vector<std::string> parts;
    std::set<std::string> groups(scope.groups.begin(), scope.groups.end());  // a rule may say `pour` twice
    if (!groups.empty()) parts.push_back(fmt::format("groupe {}", fmt::join(groups, ", ")));
    if (scope.every_act) parts.emplace_back("tout acte");
    if (scope.every_item) parts.emplace_back("tout forfait");
    std::set<std::uint32_t> grouped_acts;
    std::set<std::uint32_t> grouped_items;
    for (const auto& name : groups) {
      const auto group = std::find_if(model_.groups.begin(), model_.groups.end(),
                                      [&](const model::Group& g) { return g.name == name; });
      if (group == model_.groups.end()) continue;
      grouped_acts.insert(group->members.acts.begin(), group->members.acts.end());
      grouped_items.insert(group->members.items.begin(), group->members.items.end());
    }
    const auto names = [&](std::string_view word, const std::vector<std::uint32_t>& indices,
                           const std::set<std::uint32_t>& grouped, auto name_of) {
      std::vector<std::string> listed;
      for (const auto index : indices) {
        if (!grouped.contains(index)) listed.push_back(name_of(index));
      }
      if (listed.empty()) return;
      std::sort(listed.begin(), listed.end());
      parts.push_back(fmt::format("{} {}", word, fmt::join(listed, ", ")));
    };
    if (!scope.every_act)
      names("acte", scope.acts, grouped_acts, [&](std::uint32_t i) { return model_.acts.at(i).name; });
    if (!scope.every_item)
      names("forfait", scope.items, grouped_items, [&](std::uint32_t i) { return model_.items.at(i).code; });
    return fmt::format("{}", fmt::join(parts, " ; "));
  }

  void add_group(const model::Group& group) {
    Entries& e = element(ElementKind::group, group.name);
    add(e, "libellé", group.label);
    add(e, "membres", scope_text(group.members));
  }

  static std::string outcome_text(const model::Rule& rule) {
    switch (rule.outcome) {
      case model::Outcome::none:
        return "";
      case model::Outcome::refusal:
        return "refus";
      case model::Outcome::acceptance:
        return "acceptation";
      case model::Outcome::prior_approval:
        return "accord préalable";
      case model::Outcome::rate:
        return "taux " + model::number_text(rule.rate * Decimal(100)) + " %";
    }
    return "";
  }

  void add_rule(const model::Rule& rule) {
    Entries& e = element(ElementKind::rule, rule.name);
    add(e, "libellé", rule.label);
    add(e, "en vigueur", rule.period, "oui");
    add(e, "pour", scope_text(rule.scope));
    if (rule.when) add(e, "si", model::expression_text(model_, *rule.when));
    if (rule.outcome != model::Outcome::none) add(e, "alors", outcome_text(rule));
    if (rule.limit) {
      static constexpr std::string_view per[] = {"jour", "an", "série", "épisode"};
      add(e, "au plus", fmt::format("{} par {}", rule.limit->count, per[static_cast<std::size_t>(rule.limit->per)]));
    }
    if (!rule.not_cumulable_with.empty()) add(e, "non cumulable avec", scope_text(rule.not_cumulable_with));
    if (!rule.only_with.empty()) add(e, "seulement avec", scope_text(rule.only_with));
    if (!rule.message.empty()) add(e, "message", fmt::format("\"{}\"", rule.message));
    add(e, "selon", rule.citation.text);
    if (rule.exception_of) add(e, "exception de", model_.rules.at(*rule.exception_of).name);
  }

  const RuleSet::Model& model_;
  std::map<ElementKey, Entries> entries_;
};
}  // namespace

Snapshot snapshot(const RuleSet::Model& model) {
  return SnapshotBuilder(model).build();
}

Snapshot snapshot_at(const RuleSet::Model& model, Day day) {
  Snapshot result;
  for (auto& [key, properties] : snapshot(model).elements) {
    Properties in_force;
    for (auto& [property, timeline] : properties) {
      if (const Segment* segment = segment_on(timeline, day)) {
        in_force[property] = Timeline{Segment{Period{}, segment->value, segment->source}};
      }
    }
    const bool removed_act = key.first == ElementKind::act && in_force.count("supprimé") != 0;
    const bool rule_out_of_force = key.first == ElementKind::rule && in_force.count("en vigueur") == 0;
    if (!removed_act && !rule_out_of_force) result.elements.emplace(key, std::move(in_force));
  }
  return result;
}

}  // namespace cotation::tools
