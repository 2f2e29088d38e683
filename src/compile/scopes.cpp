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
    if (group != nullptr && direct) result.groups.push_back(group->name.text);
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
  std::sort(result.groups.begin(), result.groups.end());
  result.groups.erase(std::unique(result.groups.begin(), result.groups.end()), result.groups.end());
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

// Every group into Model::groups, for the tools: its members expanded, and the groups it names.
// Each group is expanded once, from its members' expansions, in a depth-first walk with its own
// stack (a chain of 50,000 groups is 50,000 expansions of one act each, not 50,000 walks down
// the chain); a member group on the walk's path (a cycle, reported by check_groups) adds nothing.
void collect_groups(Compilation& c) {
  std::map<std::string, std::size_t> index;  // by name, in Model::groups
  for (const auto* group : c.of_kind(DeclarationKind::group)) {
    index.emplace(group->name.text, c.model->groups.size());
    c.model->groups.push_back(Group{group->name.text, group->label, {}});
  }
  std::set<std::string> entered;
  std::vector<bool> done(c.model->groups.size(), false);
  struct Frame {
    const syntax::Declaration* group;
    std::vector<const syntax::Selector*> members;
    std::size_t next = 0;
  };
  std::vector<Frame> path;
  const auto enter = [&](const syntax::Declaration& group) {
    entered.insert(group.name.text);
    path.push_back(Frame{&group, members(group), 0});
  };
  for (const auto* root : c.of_kind(DeclarationKind::group)) {
    if (entered.count(root->name.text)) continue;
    enter(*root);
    while (!path.empty()) {
      Frame& top = path.back();
      if (top.next < top.members.size()) {
        const syntax::Selector& member = *top.members[top.next];
        const syntax::Declaration* group =
            member.kind == syntax::SelectorKind::group ? c.find(DeclarationKind::group, member.name.text) : nullptr;
        if (group != nullptr && !entered.count(group->name.text)) {
          enter(*group);  // its expansion first; this member is read again once it is done
          continue;
        }
        ++top.next;
        continue;
      }
      // Every member group is expanded (or on the path): this group's members.
      Scope& members_of = c.model->groups[index.at(top.group->name.text)].members;
      for (const auto* member : top.members) {
        const syntax::Declaration* group =
            member->kind == syntax::SelectorKind::group ? c.find(DeclarationKind::group, member->name.text) : nullptr;
        if (group == nullptr) {
          add(c, *member, members_of, false);
          continue;
        }
        members_of.groups.push_back(group->name.text);
        const std::size_t inner = index.at(group->name.text);
        if (!done[inner]) continue;  // a cycle
        const Scope& expanded = c.model->groups[inner].members;
        members_of.acts.insert(members_of.acts.end(), expanded.acts.begin(), expanded.acts.end());
        members_of.items.insert(members_of.items.end(), expanded.items.begin(), expanded.items.end());
        members_of.every_act = members_of.every_act || expanded.every_act;
        members_of.every_item = members_of.every_item || expanded.every_item;
      }
      for (auto* list : {&members_of.acts, &members_of.items}) {
        std::sort(list->begin(), list->end());
        list->erase(std::unique(list->begin(), list->end()), list->end());
      }
      std::sort(members_of.groups.begin(), members_of.groups.end());
      members_of.groups.erase(std::unique(members_of.groups.begin(), members_of.groups.end()), members_of.groups.end());
      done[index.at(top.group->name.text)] = true;
      path.pop_back();
    }
  }
}

}  // namespace cotation::compiler
