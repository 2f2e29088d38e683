// Scopes: which acts and items a list of selectors designates (acts, items, every act or item,
// the acts coted with a letter, groups expanded, a cycle of groups reported once). In:
// selectors, the acts built so far; out: a model::Scope.
#include <algorithm>
#include <set>
#include <variant>

#include "compile/compilation.hpp"

namespace cotation::compiler {

using namespace model;

namespace {

void expand(Compilation& c, const std::vector<syntax::Selector>& selectors, Scope& result,
            std::set<std::string>& visiting) {
  for (const auto& selector : selectors) {
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
          c.report(selector.name.position, "compile.unknown_declaration", {"acte", selector.name.text});
        } else {
          result.acts.push_back(it->second);
        }
        break;
      }
      case syntax::SelectorKind::item: {
        const auto it = c.model->item_index.find(selector.name.text);
        if (it == c.model->item_index.end()) {
          c.report(selector.name.position, "compile.unknown_declaration", {"forfait", selector.name.text});
        } else {
          result.items.push_back(it->second);
        }
        break;
      }
      case syntax::SelectorKind::letter: {
        const auto index = letter(c, selector.name);
        if (!index) break;
        for (std::uint32_t a = 0; a < c.model->acts.size(); ++a) {
          const auto& act = c.model->acts[a];
          if (std::any_of(act.cotations.begin(), act.cotations.end(),
                          [&](const Cotation& cotation) { return cotation.letter == *index; })) {
            result.acts.push_back(a);
          }
        }
        break;
      }
      case syntax::SelectorKind::group: {
        const syntax::Declaration* group = c.find(DeclarationKind::group, selector.name.text);
        if (group == nullptr) {
          c.report(selector.name.position, "compile.unknown_declaration", {"groupe", selector.name.text});
          break;
        }
        if (!visiting.insert(group->name.text).second) {
          if (!c.reported_cycles.count(group->name.text)) {
            c.report(selector.name.position, "compile.group_cycle", {group->name.text});
            c.reported_cycles.insert(visiting.begin(), visiting.end());
          }
          break;
        }
        for (const auto& statement : group->statements) {
          if (const auto* members = std::get_if<syntax::SelectorStatement>(&statement.node)) {
            expand(c, members->selectors, result, visiting);
          }
        }
        visiting.erase(group->name.text);
        break;
      }
    }
  }
}

}  // namespace

// Which acts, items a selector list designates; groups are expanded (cycles reported).
Scope scope(Compilation& c, const std::vector<syntax::Selector>& selectors) {
  Scope result;
  std::set<std::string> visiting;
  expand(c, selectors, result, visiting);
  std::sort(result.acts.begin(), result.acts.end());
  result.acts.erase(std::unique(result.acts.begin(), result.acts.end()), result.acts.end());
  std::sort(result.items.begin(), result.items.end());
  result.items.erase(std::unique(result.items.begin(), result.items.end()), result.items.end());
  return result;
}

// Every group is expanded once, used or not, so that a cycle is always reported.
void check_groups(Compilation& c) {
  for (const auto* group : c.of_kind(DeclarationKind::group)) {
    (void)scope(c, {syntax::Selector{syntax::SelectorKind::group, group->name}});
  }
}

}  // namespace cotation::compiler
