// The rule-set checks over rules together: each exception tied to its general rule (which must
// exist, be another rule, overlap it, and not close a cycle), and two rules that decide one
// line differently reported unless one refines the other. In: the model rules and what rules.cpp
// kept of them; out: Rule::exception_of, diagnostics.
#include <algorithm>
#include <iterator>
#include <map>
#include <set>

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

bool refines(Compilation& c, std::uint32_t rule, std::uint32_t general) {
  for (auto next = c.model->rules[rule].exception_of; next; next = c.model->rules[*next].exception_of) {
    if (*next == general) return true;
  }
  return false;
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
  // An exception chain must end: a rule cannot refine, through others, itself.
  for (std::uint32_t r = 0; r < c.model->rules.size(); ++r) {
    std::set<std::uint32_t> seen{r};
    for (auto next = c.model->rules[r].exception_of; next; next = c.model->rules[*next].exception_of) {
      if (!seen.insert(*next).second) {
        c.report(c.rule_positions[r], "compile.exception_cycle", {c.model->rules[r].name});
        c.model->rules[r].exception_of.reset();
        break;
      }
    }
  }
}

// Two rules that can decide one line differently, with the same condition (or none),
// over overlapping periods: a conflict unless one is declared an exception of the other.
void check_rule_conflicts(Compilation& c) {
  const auto& rules = c.model->rules;
  for (std::uint32_t a = 0; a < rules.size(); ++a) {
    for (std::uint32_t b = a + 1; b < rules.size(); ++b) {
      if (rules[a].outcome == rules[b].outcome || rules[a].limit || rules[b].limit ||
          !rules[a].not_cumulable_with.empty() || !rules[b].not_cumulable_with.empty() || !rules[a].only_with.empty() ||
          !rules[b].only_with.empty()) {
        continue;
      }
      if (c.rule_conditions[a] != c.rule_conditions[b] || !rules[a].period.overlaps(rules[b].period) ||
          !scopes_overlap(rules[a].scope, rules[b].scope) || refines(c, a, b) || refines(c, b, a)) {
        continue;
      }
      c.report(c.rule_positions[b], "compile.conflicting_rules", {rules[b].name, rules[a].name});
    }
  }
}

}  // namespace cotation::compiler
