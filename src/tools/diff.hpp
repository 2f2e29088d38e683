// The semantic diff of two rule sets: what changes in meaning, whatever the files' layout.
//
// Each compiled rule set (RuleSet::Model) is first seen as a Snapshot: its elements (sources,
// key letters, items, parameters, acts, rules) by kind and name, each property of an element
// a timeline of values, written back as rules-language text with the source they cite. Files,
// declaration order, comments, spelling and the way a schedule is split into lines are gone, so
// a reformatted or reordered copy of a rule set has the same snapshot. Two snapshots are then
// compared property by property over time: a change says over which period, what before, what
// after, and what kind of change it is (revaluation, recoding, reclassification, source...).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compile/model.hpp"
#include "cotation/diagnostic.hpp"

namespace cotation::tools {

// A property's value over a period, and the source cited for it.
struct Segment {
  model::Period period;
  std::string value;
  std::string source;
};

// Sorted and disjoint; neighbours with the same value and source are one segment.
using Timeline = std::vector<Segment>;

enum class ElementKind : std::uint8_t { source, letter, item, parameter, act, group, rule };
inline constexpr std::size_t element_kind_count = 7;

// The periods cut by every start and end of the segments given: on each piece, each list of
// segments has the same values from the first day to the last.
[[nodiscard]] std::vector<model::Period> pieces(std::initializer_list<const std::vector<Segment>*> lists);
// The segment that holds the day, or null.
[[nodiscard]] const Segment* segment_on(const Timeline& timeline, model::Day day);

using ElementKey = std::pair<ElementKind, std::string>;
using Properties = std::map<std::string, Timeline>;  // "valeur metropole", "cotation", "si"...

struct Snapshot {
  std::map<ElementKey, Properties> elements;
};

// The whole history of the rule set.
[[nodiscard]] Snapshot snapshot(const RuleSet::Model& model);
// What is in force on `day`, each value without its dates; an act removed by then, or a rule
// whose period does not hold the day, is left out.
[[nodiscard]] Snapshot snapshot_at(const RuleSet::Model& model, model::Day day);

enum class ChangeKind : std::uint8_t {
  added,         // present after only, over the period
  removed,       // present before only
  revalued,      // a value or a coefficient of the same key letter
  recoded,       // an act's cotation moves to another key letter
  reclassified,  // an act's classification
  source,        // the same value, another source cited
  modified,      // any other property: label, condition, limit, outcome...
};

struct ValueChange {
  model::Period period;
  std::optional<std::string> before;  // absent on that side over the period
  std::optional<std::string> after;
  std::string before_source;
  std::string after_source;
  ChangeKind kind = ChangeKind::modified;
  // A list (a group's members, a rule's `pour`...) changed on both sides: what it gains and
  // loses, "acte a", "groupe g", shown instead of the whole list before and after.
  std::vector<std::string> added_members;
  std::vector<std::string> removed_members;
};

struct PropertyChange {
  std::string property;
  std::vector<ValueChange> changes;
};

enum class ElementStatus : std::uint8_t { added, removed, changed };

struct ElementChange {
  ElementKind kind = ElementKind::act;
  std::string name;
  ElementStatus status = ElementStatus::changed;
  std::vector<PropertyChange> properties;
};

// An old cotation that an act of the new rule set replaces (`remplace`), which the old rule
// set billed: how the nomenclature was recoded.
struct Recoding {
  std::string old_code;               // "AMS 7.5"
  std::vector<std::string> old_acts;  // the old rule set's acts billed with it
  std::string act;                    // the new act that replaces it
  std::string new_code;               // the act's cotation when the transition starts: "RAM 7.49"
  model::Period transition;           // while the old code is still accepted
  std::string source;
};

// Elements by kind, then by name; empty when the two snapshots mean the same.
struct RuleSetDiff {
  std::vector<ElementChange> elements;
  std::vector<Recoding> recodings;  // only where the new rule set adds the replacement
};

[[nodiscard]] RuleSetDiff diff(const Snapshot& before, const Snapshot& after);

// What the two sides are, as the reader named them: "v1.2:rules", "rules", "le 2025-06-30".
struct DiffTitles {
  std::string before;
  std::string after;
};

// For people: headings by kind of element, one line per change, in French (or English).
[[nodiscard]] std::string diff_markdown(const RuleSetDiff& diff, const DiffTitles& titles, Language language);
// For programs: every change with its period (ISO dates, null when open), values as rule text.
[[nodiscard]] nlohmann::json diff_json(const RuleSetDiff& diff, const DiffTitles& titles);

}  // namespace cotation::tools
