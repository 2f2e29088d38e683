// The rule-set checks over rules together: each exception tied to its general rule (which must
// exist, be another rule, overlap it, and not close a cycle), and two rules that decide one
// line differently reported unless one refines the other. In: the model rules and what rules.cpp
// kept of them; out: Rule::exception_of, diagnostics.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <utility>
#include <vector>

#include "compile/compilation.hpp"
#include "compile/overlaps.hpp"

namespace cotation::compiler {

using namespace model;

namespace {

bool scopes_overlap(const Scope& a, const Scope& b) {
  if ((a.every_act && (b.every_act || !b.acts.empty())) || (b.every_act && !a.acts.empty())) return true;
  if ((a.every_item && (b.every_item || !b.items.empty())) || (b.every_item && !a.items.empty())) return true;
  const auto intersects = [](const std::vector<std::uint32_t>& x, const std::vector<std::uint32_t>& y) {
    std::vector<std::uint32_t> both;
    std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(both));
    return !both.empty();
  };
  return intersects(a.acts, b.acts) || intersects(a.items, b.items);
}

// Whether a rule refines another, through its chain of exceptions, answered in constant time:
// the chains (without cycles once resolve_exceptions has run) form a forest, walked once,
// and a rule refines each rule whose walk encloses its own.
class Refinements {
 public:
  explicit Refinements(const std::vector<Rule>& rules) : entry_(rules.size()), exit_(rules.size()) {
    std::vector<std::vector<std::uint32_t>> exceptions(rules.size());
    for (std::uint32_t r = 0; r < rules.size(); ++r) {
      if (rules[r].exception_of) exceptions[*rules[r].exception_of].push_back(r);
    }
    std::uint32_t clock = 0;
    std::vector<std::pair<std::uint32_t, std::size_t>> path;  // rule, next exception to walk
    for (std::uint32_t root = 0; root < rules.size(); ++root) {
      if (rules[root].exception_of) continue;
      entry_[root] = clock++;
      path.emplace_back(root, 0);
      while (!path.empty()) {
        auto& [rule, next] = path.back();
        if (next == exceptions[rule].size()) {
          exit_[rule] = clock++;
          path.pop_back();
        } else {
          const std::uint32_t exception = exceptions[rule][next++];
          entry_[exception] = clock++;
          path.emplace_back(exception, 0);
        }
      }
    }
  }
  [[nodiscard]] bool refines(std::uint32_t rule, std::uint32_t general) const {
    return entry_[general] < entry_[rule] && exit_[rule] < exit_[general];
  }

 private:
  std::vector<std::uint32_t> entry_, exit_;
};

// The conflicts among `candidates` (rules of one condition) on one side of their scopes, the
// acts or the items: two rules overlap there when both name one act (item), or when one applies
// to every act (item) and the other to some. Each act (item) named gathers the rules naming it;
// the rules for every act (item) are compared with all those of the side. Within a gathering,
// only rules of different outcomes in force on a common day are compared (overlapping_pairs).
void find_conflicts(const std::vector<Rule>& rules, const std::vector<std::uint32_t>& candidates,
                    std::vector<std::uint32_t> Scope::*side, const Refinements& refinements,
                    std::vector<std::pair<std::uint32_t, std::uint32_t>>& conflicts) {
  const bool Scope::*every = side == &Scope::acts ? &Scope::every_act : &Scope::every_item;
  // A kind is the outcome, and whether the rule applies to every act (item): two rules of one
  // gathering pair when their outcomes differ and, among those for some, one of them is for every.
  const auto kind_of = [&](std::uint32_t r, bool every_one) {
    return static_cast<std::uint8_t>(2 * static_cast<unsigned>(rules[r].outcome) + (every_one ? 1 : 0));
  };
  constexpr std::size_t kind_count = 2 * (static_cast<std::size_t>(Outcome::rate) + 1);
  const auto may_pair = [](std::uint8_t a, std::uint8_t b) { return a / 2 != b / 2 && ((a | b) & 1) != 0; };
  std::vector<Period> periods;
  std::vector<std::uint8_t> kinds;
  std::vector<std::uint32_t> members;
  const auto compare = [&] {
    overlapping_pairs(periods, kinds, kind_count, may_pair, [&](std::size_t x, std::size_t y) {
      const auto [a, b] = std::minmax(members[x], members[y]);
      if (!refinements.refines(a, b) && !refinements.refines(b, a)) conflicts.emplace_back(a, b);
    });
    periods.clear();
    kinds.clear();
    members.clear();
  };
  const auto add = [&](std::uint32_t r, bool every_one) {
    periods.push_back(rules[r].period);
    kinds.push_back(kind_of(r, every_one));
    members.push_back(r);
  };
  // The rules for every act (item), with all those for some.
  for (const std::uint32_t r : candidates) {
    if (rules[r].scope.*every || !(rules[r].scope.*side).empty()) add(r, rules[r].scope.*every);
  }
  compare();
  // The rules naming each act (item): all of them pair (across outcomes).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> named;  // (act or item, rule)
  for (const std::uint32_t r : candidates) {
    for (const std::uint32_t element : rules[r].scope.*side) named.emplace_back(element, r);
  }
  std::sort(named.begin(), named.end());
  for (auto first = named.begin(); first != named.end();) {
    const auto last = std::find_if(first, named.end(), [&](const auto& n) { return n.first != first->first; });
    for (auto it = first; it != last; ++it) add(it->second, true);
    compare();
    first = last;
  }
}

}  // namespace

void resolve_exceptions(Compilation& c) {
  std::map<std::string, std::uint32_t> by_name;
  for (std::uint32_t r = 0; r < c.model->rules.size(); ++r) by_name.emplace(c.model->rules[r].name, r);
  for (const auto& [rule, general] : c.pending_exceptions) {
    const auto it = by_name.find(general.text);
    if (it == by_name.end()) {
      c.report(general.position, "compile.exception_without_general_rule", {general.text});
      continue;
    }
    if (it->second == rule) {
      c.report(general.position, "compile.exception_of_itself", {general.text});
      continue;
    }
    if (!scopes_overlap(c.model->rules[rule].scope, c.model->rules[it->second].scope)) {
      c.report(general.position, "compile.exception_does_not_overlap", {c.model->rules[rule].name, general.text});
    }
    c.model->rules[rule].exception_of = it->second;
  }
  // An exception chain must end: a rule cannot refine, through others, itself. Each chain is
  // walked once (a rule met again on the current walk closes a cycle, one met on an earlier walk
  // leads nowhere new); each cycle is reported at its first rule and broken there.
  auto& rules = c.model->rules;
  constexpr std::uint32_t unwalked = UINT32_MAX;
  std::vector<std::uint32_t> walk(rules.size(), unwalked);  // the walk that met each rule
  for (std::uint32_t r = 0; r < rules.size(); ++r) {
    std::optional<std::uint32_t> next = r;
    while (next && walk[*next] == unwalked) {
      walk[*next] = r;
      next = rules[*next].exception_of;
    }
    if (!next || walk[*next] != r) continue;
    std::uint32_t first = *next;
    for (auto member = rules[*next].exception_of; *member != *next; member = rules[*member].exception_of) {
      first = std::min(first, *member);
    }
    c.report(c.rule_positions[first], "compile.exception_cycle", {rules[first].name});
    rules[first].exception_of.reset();
  }
}

// Two rules that can decide one line differently, with the same condition (or none),
// over overlapping periods: a conflict unless one is declared an exception of the other.
// Only the rules of one condition are compared with each other, and among them only those of
// different outcomes in force on a common day (overlapping_pairs) with a common act or item:
// many rules of one condition cost n log n, whatever their outcomes, periods and scopes.
void check_rule_conflicts(Compilation& c) {
  const auto& rules = c.model->rules;
  const Refinements refinements(rules);
  std::map<std::string_view, std::vector<std::uint32_t>> by_condition;
  for (std::uint32_t r = 0; r < rules.size(); ++r) {
    if (!rules[r].limit && rules[r].not_cumulable_with.empty() && rules[r].only_with.empty()) {
      by_condition[c.rule_conditions[r]].push_back(r);
    }
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> conflicts;
  for (const auto& [condition, candidates] : by_condition) {
    for (const auto& side : {&Scope::acts, &Scope::items}) {
      find_conflicts(rules, candidates, side, refinements, conflicts);
    }
  }
  std::sort(conflicts.begin(), conflicts.end());  // in the order of the rules
  conflicts.erase(std::unique(conflicts.begin(), conflicts.end()), conflicts.end());
  for (const auto& [a, b] : conflicts) {
    c.report(c.rule_positions[b], "compile.conflicting_rules", {rules[b].name, rules[a].name});
  }
}

}  // namespace cotation::compiler
