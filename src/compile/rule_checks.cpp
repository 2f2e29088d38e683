// The rule-set checks over rules together: each exception tied to its general rule (which must
// exist, be another rule, overlap it, and not close a cycle), and two rules that decide one
// line differently reported unless one refines the other. In: the model rules and what rules.cpp
// kept of them; out: Rule::exception_of, diagnostics.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>

#include "compile/compilation.hpp"

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
// Only the rules of one condition are compared with each other: those of different outcomes.
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
  for (auto& [condition, candidates] : by_condition) {
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](std::uint32_t x, std::uint32_t y) { return rules[x].outcome < rules[y].outcome; });
    auto later_outcomes = candidates.begin();  // the first candidate of an outcome after first's
    for (auto first = candidates.begin(); first != candidates.end(); ++first) {
      while (later_outcomes != candidates.end() && rules[*later_outcomes].outcome == rules[*first].outcome) {
        ++later_outcomes;
      }
      for (auto other = later_outcomes; other != candidates.end(); ++other) {
        const auto [a, b] = std::minmax(*first, *other);
        if (rules[a].period.overlaps(rules[b].period) && scopes_overlap(rules[a].scope, rules[b].scope) &&
            !refinements.refines(a, b) && !refinements.refines(b, a)) {
          conflicts.emplace_back(a, b);
        }
      }
    }
  }
  std::sort(conflicts.begin(), conflicts.end());  // in the order of the rules
  for (const auto& [a, b] : conflicts) {
    c.report(c.rule_positions[b], "compile.conflicting_rules", {rules[b].name, rules[a].name});
  }
}

}  // namespace cotation::compiler
