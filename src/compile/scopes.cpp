// Scopes: which acts and items a list of selectors designates (acts, items, every act or item,
// the acts coted with a letter, groups expanded); the groups checked once (unknown members, a
// cycle reported once). In: selectors, the acts built so far; out: a model::Scope.
#include <algorithm>
#include <map>
#include <set>
#include <variant>

#include "compile/compilation.hpp"

namespace cotation::compiler {

using namespace model;

namespace {

// The acts coted with the letter at `index` (on any date).
void add_acts_of_letter(const Compilation& c, std::uint32_t index, Scope& result) {
  for (std::uint32_t a = 0; a < c.model->acts.size(); ++a) {
    const auto& act = c.model->acts[a];
    if (std::any_of(act.cotations.begin(), act.cotations.end(),
                    [&](const Cotation& cotation) { return cotation.letter == index; })) {
      result.acts.push_back(a);
    }
  }
}

// A selector other than a group added to `result`. An unknown name is reported when `report`:
// a group's members are reported once, by check_groups, not at each use of the group.
void add(Compilation& c, const syntax::Selector& selector, Scope& result, bool report) {
  const auto unknown = [&](DeclarationKind kind) {
    if (report) {
      c.report_unknown(selector.name, kind, "compile.unknown_declaration",
                       {std::string(kind_word(kind)), selector.name.text});
    }
  };
  switch (selector.kind) {
    case syntax::SelectorKind::every_act:
      result.every_act = true;
      break;
    case syntax::SelectorKind::every_item:
      result.every_item = true;
      break;
    case syntax::SelectorKind::act: {
      const auto it = c.act_index.find(selector.name.text);
      if (it == c.act_index.end()) {
        unknown(DeclarationKind::act);
      } else {
        result.acts.push_back(it->second);
      }
      break;
    }
    case syntax::SelectorKind::item: {
      const auto it = c.model->item_index.find(selector.name.text);
      if (it == c.model->item_index.end()) {
        unknown(DeclarationKind::item);
      } else {
        result.items.push_back(it->second);
      }
      break;
    }
    case syntax::SelectorKind::letter: {
      const auto it = c.model->letter_index.find(selector.name.text);
      if (it != c.model->letter_index.end()) {
        add_acts_of_letter(c, it->second, result);
      } else if (report) {
        (void)letter(c, selector.name);  // reports the unknown letter
      }
      break;
    }
    case syntax::SelectorKind::group:
      if (c.find(DeclarationKind::group, selector.name.text) == nullptr) unknown(DeclarationKind::group);
      break;
  }
}

// The selectors of a group's members, in the order written.
std::vector<const syntax::Selector*> members(const syntax::Declaration& group) {
  std::vector<const syntax::Selector*> result;
  for (const auto& statement : group.statements) {
    if (const auto* listed = std::get_if<syntax::SelectorStatement>(&statement.node)) {
      for (const auto& selector : listed->selectors) result.push_back(&selector);
    }
  }
  return result;
}

}  // namespace

// Which acts, items a selector list designates. Groups are expanded without recursion, each
// group once (a cycle simply ends there: check_groups reports it), so that the cost is the
// size of what the selectors reach, however deep the groups nest.
Scope scope(Compilation& c, const std::vector<syntax::Selector>& selectors) {
  Scope result;
  std::set<std::string> expanded;
  std::vector<std::pair<const syntax::Selector*, bool>> pending;  // selector, written by the caller
  for (auto it = selectors.rbegin(); it != selectors.rend(); ++it) pending.emplace_back(&*it, true);
  while (!pending.empty()) {
    const auto [selector, direct] = pending.back();
    pending.pop_back();
    const syntax::Declaration* group =
        selector->kind == syntax::SelectorKind::group ? c.find(DeclarationKind::group, selector->name.text) : nullptr;
    if (group == nullptr) {
      add(c, *selector, result, direct);
    } else if (expanded.insert(group->name.text).second) {
      const auto listed = members(*group);
      for (auto it = listed.rbegin(); it != listed.rend(); ++it) pending.emplace_back(*it, false);
    }
  }
  std::sort(result.acts.begin(), result.acts.end());
  result.acts.erase(std::unique(result.acts.begin(), result.acts.end()), result.acts.end());
  std::sort(result.items.begin(), result.items.end());
  result.items.erase(std::unique(result.items.begin(), result.items.end()), result.items.end());
  return result;
}

// Every group's members are checked once, used or not: unknown names, and each cycle of groups,
// reported at the member that closes it. A depth-first walk with its own stack, each group
// walked once: linear in the number of members.
void check_groups(Compilation& c) {
  enum class State : std::uint8_t { on_path, done };
  std::map<std::string, State> state;
  struct Frame {
    std::string name;
    std::vector<const syntax::Selector*> members;
    std::size_t next = 0;
  };
  std::vector<Frame> path;
  const auto enter = [&](const syntax::Declaration& group) {
    state[group.name.text] = State::on_path;
    path.push_back(Frame{group.name.text, members(group), 0});
    Scope unused;
    for (const auto* member : path.back().members) add(c, *member, unused, true);
  };
  for (const auto* root : c.of_kind(DeclarationKind::group)) {
    if (state.count(root->name.text)) continue;
    enter(*root);
    while (!path.empty()) {
      Frame& top = path.back();
      if (top.next == top.members.size()) {
        state[top.name] = State::done;
        path.pop_back();
        continue;
      }
      const syntax::Selector& member = *top.members[top.next++];
      if (member.kind != syntax::SelectorKind::group) continue;
      const syntax::Declaration* group = c.find(DeclarationKind::group, member.name.text);
      if (group == nullptr) continue;
      const auto seen = state.find(group->name.text);
      if (seen == state.end()) {
        enter(*group);
      } else if (seen->second == State::on_path && !c.reported_cycles.count(group->name.text)) {
        c.report(member.name.position, "compile.group_cycle", {group->name.text});
        for (const auto& frame : path) c.reported_cycles.insert(frame.name);
      }
    }
  }
}

}  // namespace cotation::compiler
