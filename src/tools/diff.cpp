#include "tools/diff.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "compile/expression_text.hpp"

namespace cotation::tools {
namespace {

using model::Day;
using model::Period;

constexpr std::string_view region_names[model::region_count] = {"metropole", "outre_mer"};

// ------------------------------------------------------------------ timelines

// The periods cut by every start and end of the segments given: on each piece, each list of
// segments has the same values from the first day to the last.
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

const Segment* segment_on(const Timeline& timeline, Day day) {
  for (const auto& segment : timeline) {
    if (segment.period.contains(day)) return &segment;
  }
  return nullptr;
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

  std::string scope_text(const model::Scope& scope) const {
    std::vector<std::string> parts;
    if (scope.every_act) parts.emplace_back("tout acte");
    if (scope.every_item) parts.emplace_back("tout forfait");
    const auto names = [&](std::string_view word, const std::vector<std::uint32_t>& indices, auto name_of) {
      if (indices.empty()) return;
      std::vector<std::string> listed;
      for (const auto index : indices) listed.push_back(name_of(index));
      std::sort(listed.begin(), listed.end());
      parts.push_back(fmt::format("{} {}", word, fmt::join(listed, ", ")));
    };
    if (!scope.every_act) names("acte", scope.acts, [&](std::uint32_t i) { return model_.acts.at(i).name; });
    if (!scope.every_item) names("forfait", scope.items, [&](std::uint32_t i) { return model_.items.at(i).code; });
    return fmt::format("{}", fmt::join(parts, " ; "));
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

// ------------------------------------------------------------------ comparing timelines

ChangeKind kind_of(const std::string& property, const ValueChange& change) {
  if (!change.before) return ChangeKind::added;
  if (!change.after) return ChangeKind::removed;
  if (*change.before == *change.after) return ChangeKind::source;
  if (property == "cotation" || property == "remplace") {
    const auto letter = [](const std::string& text) { return text.substr(0, text.find(' ')); };
    return letter(*change.before) == letter(*change.after) ? ChangeKind::revalued : ChangeKind::recoded;
  }
  if (property.starts_with("valeur")) return ChangeKind::revalued;
  if (property == "classement") return ChangeKind::reclassified;
  return ChangeKind::modified;
}

std::vector<ValueChange> compare(const std::string& property, const Timeline& before, const Timeline& after) {
  std::vector<ValueChange> changes;
  for (const Period& piece : pieces({&before, &after})) {
    const Segment* old_segment = segment_on(before, piece.since);
    const Segment* new_segment = segment_on(after, piece.since);
    if (old_segment == nullptr && new_segment == nullptr) continue;
    if (old_segment != nullptr && new_segment != nullptr && old_segment->value == new_segment->value &&
        old_segment->source == new_segment->source) {
      continue;
    }
    ValueChange change;
    change.period = piece;
    if (old_segment != nullptr) {
      change.before = old_segment->value;
      change.before_source = old_segment->source;
    }
    if (new_segment != nullptr) {
      change.after = new_segment->value;
      change.after_source = new_segment->source;
    }
    change.kind = kind_of(property, change);
    if (!changes.empty()) {
      ValueChange& last = changes.back();
      if (last.period.until + 1 == piece.since && last.before == change.before && last.after == change.after &&
          last.before_source == change.before_source && last.after_source == change.after_source) {
        last.period.until = piece.until;
        continue;
      }
    }
    changes.push_back(std::move(change));
  }
  return changes;
}

// ------------------------------------------------------------------ words

struct Words {
  std::string_view kinds[6];
  std::string_view statuses[3];
  std::string_view changes[7];
  std::string_view title, no_difference, summary, since, until, from_to, source, element_column, added_column,
      removed_column, changed_column, recodings, recoding, transition;
};

constexpr Words french{
    {"Sources", "Lettres clés", "Forfaits", "Paramètres", "Actes", "Règles"},
    {"ajout", "retrait", "modification"},
    {"ajout", "retrait", "revalorisation", "recodage", "reclassement", "source", "modification"},
    "Différences de sens : {} → {}",
    "Aucune différence de sens.",
    "{} élément(s) diffèrent : {} ajouté(s), {} retiré(s), {} modifié(s).",
    "depuis {}",
    "jusqu'au {}",
    "du {} au {}",
    "selon",
    "élément",
    "ajouts",
    "retraits",
    "modifications",
    "Recodages",
    "- {} (acte {}) → {} (acte {})",
    ", ancienne cotation admise {}",
};

constexpr Words english{
    {"Sources", "Key letters", "Items", "Parameters", "Acts", "Rules"},
    {"added", "removed", "changed"},
    {"added", "removed", "revalued", "recoded", "reclassified", "source", "changed"},
    "Differences in meaning: {} → {}",
    "No difference in meaning.",
    "{} element(s) differ: {} added, {} removed, {} changed.",
    "from {}",
    "until {}",
    "from {} to {}",
    "source",
    "element",
    "added",
    "removed",
    "changed",
    "Recodings",
    "- {} (act {}) → {} (act {})",
    ", old cotation accepted {}",
};

const Words& words(Language language) {
  return language == Language::english ? english : french;
}

std::string period_text(const Period& period, const Words& w) {
  const bool open_start = period.since == model::first_day;
  const bool open_end = period.until == model::last_day;
  if (open_start && open_end) return "";
  if (open_end) return fmt::format(fmt::runtime(w.since), model::date_text(period.since));
  if (open_start) return fmt::format(fmt::runtime(w.until), model::date_text(period.until));
  return fmt::format(fmt::runtime(w.from_to), model::date_text(period.since), model::date_text(period.until));
}

std::string change_line(const PropertyChange& property, const ValueChange& change, ElementStatus status,
                        const Words& w) {
  std::string line = "- " + property.property;
  if (const std::string period = period_text(change.period, w); !period.empty()) line += ", " + period;
  line += " : ";
  const auto quoted_source = [](const std::string& source) { return "« " + source + " »"; };
  if (status != ElementStatus::changed) {
    // The whole element is new or gone: its values, without arrows.
    const std::string& value = change.after ? *change.after : *change.before;
    const std::string& source = change.after ? change.after_source : change.before_source;
    line += value;
    if (!source.empty()) line += fmt::format(" ; {} {}", w.source, quoted_source(source));
    return line;
  }
  line += fmt::format("{} → {} ({})", change.before.value_or("—"), change.after.value_or("—"),
                      w.changes[static_cast<std::size_t>(change.kind)]);
  if (change.kind == ChangeKind::source) {
    line +=
        fmt::format(" ; {} {} → {}", w.source, quoted_source(change.before_source), quoted_source(change.after_source));
  } else if (!change.after_source.empty() && change.after_source != change.before_source) {
    line += fmt::format(" ; {} {}", w.source, quoted_source(change.after_source));
  }
  return line;
}

std::string_view kind_key(ElementKind kind) {
  static constexpr std::string_view keys[] = {"source", "letter", "item", "parameter", "act", "rule"};
  return keys[static_cast<std::size_t>(kind)];
}

std::string_view status_key(ElementStatus status) {
  static constexpr std::string_view keys[] = {"added", "removed", "changed"};
  return keys[static_cast<std::size_t>(status)];
}

std::string_view change_key(ChangeKind kind) {
  static constexpr std::string_view keys[] = {"added",        "removed", "revalued", "recoded",
                                              "reclassified", "source",  "modified"};
  return keys[static_cast<std::size_t>(kind)];
}

nlohmann::json date_or_null(Day day, Day open) {
  return day == open ? nlohmann::json(nullptr) : nlohmann::json(model::date_text(day));
}

// A condition is keyed by its predicate, so an edited predicate first shows as one condition
// removed and another added; when the two carry the same message over the same period, they
// are one condition whose predicate changed, shown before and after.
void pair_edited_conditions(std::vector<PropertyChange>& properties) {
  constexpr std::string_view prefix = "condition ";
  const auto single = [&](const PropertyChange& p, bool removed) {
    return p.property.starts_with(prefix) && p.changes.size() == 1 &&
           (removed ? !p.changes[0].after : !p.changes[0].before);
  };
  for (std::size_t i = 0; i < properties.size(); ++i) {
    if (!single(properties[i], true)) continue;
    const ValueChange& gone = properties[i].changes[0];
    const auto added = std::find_if(properties.begin(), properties.end(), [&](const PropertyChange& p) {
      return single(p, false) && p.changes[0].after == gone.before && p.changes[0].period.since == gone.period.since &&
             p.changes[0].period.until == gone.period.until;
    });
    if (added == properties.end()) continue;
    ValueChange edited{gone.period,
                       properties[i].property.substr(prefix.size()),
                       added->property.substr(prefix.size()),
                       gone.before_source,
                       added->changes[0].after_source,
                       ChangeKind::modified};
    properties[i] = PropertyChange{"condition", {std::move(edited)}};
    if (added < properties.begin() + static_cast<std::ptrdiff_t>(i)) --i;  // the edited one moves back with the erase
    properties.erase(added);
  }
}

std::vector<std::string> split_values(const std::string& joined) {
  std::vector<std::string> values;
  std::size_t start = 0;
  for (std::size_t comma = joined.find(", "); comma != std::string::npos; comma = joined.find(", ", start)) {
    values.push_back(joined.substr(start, comma - start));
    start = comma + 2;
  }
  values.push_back(joined.substr(start));
  return values;
}

const Timeline* property_of(const Snapshot& snapshot, const std::string& act, const std::string& property) {
  const auto element = snapshot.elements.find({ElementKind::act, act});
  if (element == snapshot.elements.end()) return nullptr;
  const auto found = element->second.find(property);
  return found == element->second.end() ? nullptr : &found->second;
}

std::vector<Recoding> recodings(const Snapshot& before, const Snapshot& after) {
  std::map<std::string, std::set<std::string>> old_acts_by_code;
  for (const auto& [key, properties] : before.elements) {
    const auto cotations = properties.find("cotation");
    if (key.first != ElementKind::act || cotations == properties.end()) continue;
    for (const auto& segment : cotations->second) old_acts_by_code[segment.value].insert(key.second);
  }
  std::vector<Recoding> result;
  for (const auto& [key, properties] : after.elements) {
    const auto replaced = properties.find("remplace");
    if (key.first != ElementKind::act || replaced == properties.end()) continue;
    const Timeline* already = property_of(before, key.second, "remplace");
    const Timeline* cotations = property_of(after, key.second, "cotation");
    for (const auto& segment : replaced->second) {
      for (const auto& code : split_values(segment.value)) {
        const auto old_acts = old_acts_by_code.find(code);
        if (old_acts == old_acts_by_code.end()) continue;
        const bool known = already != nullptr && std::any_of(already->begin(), already->end(), [&](const Segment& s) {
                             const auto codes = split_values(s.value);
                             return std::find(codes.begin(), codes.end(), code) != codes.end();
                           });
        if (known) continue;
        const Segment* new_cotation = cotations == nullptr ? nullptr : segment_on(*cotations, segment.period.since);
        result.push_back(Recoding{code,
                                  {old_acts->second.begin(), old_acts->second.end()},
                                  key.second,
                                  new_cotation == nullptr ? std::string() : new_cotation->value,
                                  segment.period,
                                  segment.source});
      }
    }
  }
  return result;
}

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

RuleSetDiff diff(const Snapshot& before, const Snapshot& after) {
  static const Properties none;
  std::set<ElementKey> keys;
  for (const Snapshot* side : {&before, &after}) {
    for (const auto& [key, properties] : side->elements) keys.insert(key);
  }
  RuleSetDiff result;
  for (const auto& key : keys) {
    const auto old_it = before.elements.find(key);
    const auto new_it = after.elements.find(key);
    const Properties& old_properties = old_it == before.elements.end() ? none : old_it->second;
    const Properties& new_properties = new_it == after.elements.end() ? none : new_it->second;
    ElementChange element{key.first,
                          key.second,
                          old_it == before.elements.end()  ? ElementStatus::added
                          : new_it == after.elements.end() ? ElementStatus::removed
                                                           : ElementStatus::changed,
                          {}};
    std::set<std::string> names;
    for (const Properties* side : {&old_properties, &new_properties}) {
      for (const auto& [name, timeline] : *side) names.insert(name);
    }
    for (const auto& name : names) {
      const auto old_property = old_properties.find(name);
      const auto new_property = new_properties.find(name);
      auto changes = compare(name, old_property == old_properties.end() ? Timeline{} : old_property->second,
                             new_property == new_properties.end() ? Timeline{} : new_property->second);
      if (!changes.empty()) element.properties.push_back(PropertyChange{name, std::move(changes)});
    }
    if (element.status == ElementStatus::changed) pair_edited_conditions(element.properties);
    if (!element.properties.empty() || element.status != ElementStatus::changed) {
      result.elements.push_back(std::move(element));
    }
  }
  result.recodings = recodings(before, after);
  return result;
}

std::string diff_markdown(const RuleSetDiff& diff, const DiffTitles& titles, Language language) {
  const Words& w = words(language);
  std::string out = "# " + fmt::format(fmt::runtime(w.title), titles.before, titles.after) + "\n\n";
  if (diff.elements.empty()) return out + std::string(w.no_difference) + "\n";
  std::size_t counts[6][3] = {};
  for (const auto& element : diff.elements) {
    ++counts[static_cast<std::size_t>(element.kind)][static_cast<std::size_t>(element.status)];
  }
  std::size_t by_status[3] = {};
  for (const auto& row : counts) {
    for (std::size_t s = 0; s < 3; ++s) by_status[s] += row[s];
  }
  out += fmt::format(fmt::runtime(w.summary), diff.elements.size(), by_status[0], by_status[1], by_status[2]) + "\n\n";
  out += fmt::format("| {} | {} | {} | {} |\n|---|---:|---:|---:|\n", w.element_column, w.added_column,
                     w.removed_column, w.changed_column);
  for (std::size_t k = 0; k < 6; ++k) {
    if (counts[k][0] + counts[k][1] + counts[k][2] == 0) continue;
    out += fmt::format("| {} | {} | {} | {} |\n", w.kinds[k], counts[k][0], counts[k][1], counts[k][2]);
  }
  if (!diff.recodings.empty()) out += fmt::format("\n## {}\n\n", w.recodings);
  for (const auto& recoding : diff.recodings) {
    out += fmt::format(fmt::runtime(w.recoding), recoding.old_code, fmt::join(recoding.old_acts, ", "),
                       recoding.new_code.empty() ? "—" : recoding.new_code, recoding.act);
    if (const std::string period = period_text(recoding.transition, w); !period.empty()) {
      out += fmt::format(fmt::runtime(w.transition), period);
    }
    if (!recoding.source.empty()) out += fmt::format(" ; {} « {} »", w.source, recoding.source);
    out += "\n";
  }
  std::optional<ElementKind> section;
  for (const auto& element : diff.elements) {
    if (section != element.kind) {
      section = element.kind;
      out += fmt::format("\n## {}\n", w.kinds[static_cast<std::size_t>(element.kind)]);
    }
    out += fmt::format("\n### {} ({})\n\n", element.name, w.statuses[static_cast<std::size_t>(element.status)]);
    for (const auto& property : element.properties) {
      for (const auto& change : property.changes) out += change_line(property, change, element.status, w) + "\n";
    }
  }
  return out;
}

nlohmann::json diff_json(const RuleSetDiff& diff, const DiffTitles& titles) {
  nlohmann::json elements = nlohmann::json::array();
  for (const auto& element : diff.elements) {
    nlohmann::json properties = nlohmann::json::array();
    for (const auto& property : element.properties) {
      nlohmann::json changes = nlohmann::json::array();
      for (const auto& change : property.changes) {
        changes.push_back({{"since", date_or_null(change.period.since, model::first_day)},
                           {"until", date_or_null(change.period.until, model::last_day)},
                           {"kind", change_key(change.kind)},
                           {"before", change.before ? nlohmann::json(*change.before) : nlohmann::json(nullptr)},
                           {"after", change.after ? nlohmann::json(*change.after) : nlohmann::json(nullptr)},
                           {"before_source", change.before_source},
                           {"after_source", change.after_source}});
      }
      properties.push_back({{"property", property.property}, {"changes", std::move(changes)}});
    }
    elements.push_back({{"kind", kind_key(element.kind)},
                        {"name", element.name},
                        {"status", status_key(element.status)},
                        {"properties", std::move(properties)}});
  }
  nlohmann::json recodings = nlohmann::json::array();
  for (const auto& recoding : diff.recodings) {
    recodings.push_back({{"old_code", recoding.old_code},
                         {"old_acts", recoding.old_acts},
                         {"act", recoding.act},
                         {"new_code", recoding.new_code},
                         {"since", date_or_null(recoding.transition.since, model::first_day)},
                         {"until", date_or_null(recoding.transition.until, model::last_day)},
                         {"source", recoding.source}});
  }
  return {{"before", titles.before},
          {"after", titles.after},
          {"differences", diff.elements.size()},
          {"recodings", std::move(recodings)},
          {"elements", std::move(elements)}};
}

}  // namespace cotation::tools
