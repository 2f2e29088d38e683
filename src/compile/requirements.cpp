// The order in which a claim's lines are decided. A rule `seulement avec S` reads the decisions
// of the session's lines in S, so those lines are decided first: each act and item gets a pass,
// 0 when none of its rules has `seulement avec`, else one more than the highest pass of the lines
// they read. A rule whose `seulement avec` reads, through others, the lines it decides closes a
// cycle: reported at the rule, and the requirement that closes it is left out of the order. In:
// the model rules; out: RuleSet::Model::act_pass and item_pass, diagnostics.
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "compile/compilation.hpp"

namespace cotation::compiler {

using namespace model;

namespace {

// Acts then items, as one list of subjects: act a is a, item i is the act count plus i.
struct Subjects {
  std::size_t acts = 0;
  std::size_t items = 0;

  template <typename F>
  void each(const Scope& scope, F&& f) const {
    if (scope.every_act) {
      for (std::size_t a = 0; a < acts; ++a) f(a);
    } else {
      for (const std::uint32_t a : scope.acts) f(a);
    }
    if (scope.every_item) {
      for (std::size_t i = 0; i < items; ++i) f(acts + i);
    } else {
      for (const std::uint32_t i : scope.items) f(acts + i);
    }
  }
};

struct Requirement {
  std::size_t needed;  // the subject whose lines are read
  std::uint32_t rule;
};

class Order {
 public:
  Order(Compilation& c, std::vector<std::vector<Requirement>> needs)
      : c_(c), needs_(std::move(needs)), pass_(needs_.size(), 0), state_(needs_.size(), State::unseen) {}

  std::uint8_t pass(std::size_t subject) {
    if (state_[subject] == State::done) return pass_[subject];
    state_[subject] = State::visiting;
    std::uint8_t result = 0;
    for (const Requirement& need : needs_[subject]) {
      if (state_[need.needed] == State::visiting) {
        if (reported_.size() <= need.rule) reported_.resize(need.rule + 1, false);
        if (!reported_[need.rule]) {
          c_.report(c_.rule_positions[need.rule], "compile.requirement_cycle", {c_.model->rules[need.rule].name});
          reported_[need.rule] = true;
        }
        continue;
      }
      result = std::max(result, static_cast<std::uint8_t>(pass(need.needed) + 1));
    }
    state_[subject] = State::done;
    return pass_[subject] = result;
  }

 private:
  enum class State : std::uint8_t { unseen, visiting, done };
  Compilation& c_;
  std::vector<std::vector<Requirement>> needs_;
  std::vector<std::uint8_t> pass_;
  std::vector<State> state_;
  std::vector<bool> reported_;
};

}  // namespace

void order_requirements(Compilation& c) {
  const Subjects subjects{c.model->acts.size(), c.model->items.size()};
  std::vector<std::vector<Requirement>> needs(subjects.acts + subjects.items);
  for (std::uint32_t r = 0; r < c.model->rules.size(); ++r) {
    const Rule& rule = c.model->rules[r];
    if (rule.only_with.empty()) continue;
    subjects.each(rule.scope, [&](std::size_t decided) {
      subjects.each(rule.only_with, [&](std::size_t needed) { needs[decided].push_back({needed, r}); });
    });
  }
  Order order(c, std::move(needs));
  c.model->act_pass.resize(subjects.acts);
  c.model->item_pass.resize(subjects.items);
  for (std::size_t a = 0; a < subjects.acts; ++a) c.model->act_pass[a] = order.pass(a);
  for (std::size_t i = 0; i < subjects.items; ++i) c.model->item_pass[i] = order.pass(subjects.acts + i);
}

}  // namespace cotation::compiler
