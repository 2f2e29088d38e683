// `cotation diff`, the comparison: two snapshots in, the changes out, element by element and
// property by property over time, each with its kind (revaluation, recoding...), and the
// recodings the new rule set adds.
#include <algorithm>
#include <iterator>
#include <set>

#include "tools/diff.hpp"

namespace cotation::tools {
namespace {

using model::Day;
using model::Period;

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

bool is_list(const std::string& property) {
  return property == "membres" || property == "pour" || property == "non cumulable avec" ||
         property == "seulement avec";
}

// "groupe g ; acte a, b" -> "acte a", "acte b", "groupe g" (sorted).
std::vector<std::string> list_members(const std::string& value) {
  std::vector<std::string> members;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t end = value.find(" ; ", start);
    if (end == std::string::npos) end = value.size();
    const std::string part = value.substr(start, end - start);
    const std::size_t space = part.find(' ');
    const std::string word = part.substr(0, space);
    if (space == std::string::npos || word == "tout") {
      members.push_back(part);
    } else {
      for (const auto& name : split_values(part.substr(space + 1))) members.push_back(word + " " + name);
    }
    start = end + 3;
  }
  std::sort(members.begin(), members.end());
  return members;
}

void list_changes(ValueChange& change) {
  const auto before = list_members(*change.before);
  const auto after = list_members(*change.after);
  std::set_difference(after.begin(), after.end(), before.begin(), before.end(),
                      std::back_inserter(change.added_members));
  std::set_difference(before.begin(), before.end(), after.begin(), after.end(),
                      std::back_inserter(change.removed_members));
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
    if (change.kind == ChangeKind::modified && is_list(property)) list_changes(change);
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
                       ChangeKind::modified,
                       {},
                       {}};
    properties[i] = PropertyChange{"condition", {std::move(edited)}};
    if (added < properties.begin() + static_cast<std::ptrdiff_t>(i)) --i;  // the edited one moves back with the erase
    properties.erase(added);
  }
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
}  // namespace cotation::tools
