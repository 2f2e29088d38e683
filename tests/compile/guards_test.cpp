// Which rules of an act may apply to a line, as compile_guards() indexes them (model::RuleSelection):
// over many days and field values, each block's sets must be the rules whose period contains the
// day and whose guard holds, read rule by rule.
#include "compile/guards.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace cotation::model {
namespace {

// 150 rules on one act, in three blocks (64, 64, 22): guards on three fields with every
// comparison and constants near one another, some rules without a guard, periods that start,
// end, or both, and some that do not start before the smallest day.
RuleSet::Model many_rules() {
  RuleSet::Model model;
  constexpr std::array comparisons = {Op::equal,      Op::not_equal, Op::less,
                                      Op::less_equal, Op::greater,   Op::greater_equal};
  constexpr std::array fields = {Field::patient_age, Field::session_number, Field::line_rank};
  model.rules_by_act.resize(1);
  for (std::uint32_t r = 0; r < 150; ++r) {
    Rule rule;
    rule.name = "r" + std::to_string(r);
    // Every seventh rule has no guard: its `si` compares a distance, a decimal, with a constant.
    const bool has_guard = r % 7 != 0;
    const auto field = static_cast<NodeId>(model.nodes.size());
    model.nodes.push_back(Node{Op::field,
                               has_guard ? Type::number : Type::distance,
                               has_guard ? fields[r % fields.size()] : Field::travel_distance,
                               0,
                               {},
                               {}});
    const auto constant = static_cast<NodeId>(model.nodes.size());
    Node constant_node{Op::constant, Type::number, Field::date, 0, {}, {}};
    constant_node.constant.type = Type::number;
    constant_node.constant.number = Decimal(static_cast<std::int64_t>(r % 5) + 1);
    model.nodes.push_back(constant_node);
    // The constant on the left for every other rule: `3 > patient.age` is `patient.age < 3`.
    const bool field_first = r % 2 == 0;
    model.nodes.push_back(
        Node{comparisons[r % comparisons.size()],
             Type::boolean,
             Field::date,
             0,
             field_first ? std::vector<NodeId>{field, constant} : std::vector<NodeId>{constant, field},
             {}});
    rule.when = static_cast<NodeId>(model.nodes.size() - 1);
    if (r % 3 == 1) rule.period.since = static_cast<Day>(10 + r % 4);
    if (r % 4 == 2) rule.period.until = static_cast<Day>(12 + r % 3);
    model.rules.push_back(rule);
    model.rules_by_act[0].rules.push_back(r);
  }
  return model;
}

TEST(RuleSelection, BlocksHoldTheRulesInForceWhoseGuardHolds) {
  RuleSet::Model model = many_rules();
  compile_guards(model);
  const RuleSelection& selection = model.rules_by_act[0];
  ASSERT_EQ(selection.blocks.size(), 3U);

  std::size_t guarded = 0;
  const std::vector<std::int64_t> values = {std::numeric_limits<std::int64_t>::min(), -1, 0, 1, 2, 3, 4, 5, 6, 7,
                                            std::numeric_limits<std::int64_t>::max()};
  for (std::size_t i = 0; i < selection.rules.size(); ++i) {
    const Rule& rule = model.rules[selection.rules[i]];
    const RuleBlock& block = selection.blocks[i / RuleSelection::block_size];
    const std::uint64_t bit = std::uint64_t{1} << (i % RuleSelection::block_size);
    for (Day day = 5; day <= 18; ++day) {
      EXPECT_EQ((block.by_day.at(day) & bit) != 0, rule.period.contains(day)) << rule.name << " on day " << day;
    }
    EXPECT_EQ(rule.guard.has_value(), i % 7 != 0) << rule.name;
    if (rule.guard) ++guarded;
    for (const RuleBlock::GuardedBy& by : block.by_guard) {
      const bool guarded_by_field = rule.guard && rule.guard->field == by.field;
      EXPECT_EQ((by.guarded & bit) != 0, guarded_by_field) << rule.name;
      for (const std::int64_t value : values) {
        // Read rule by rule: the field's value against the constant, by the rule's comparison.
        bool holds = true;
        if (guarded_by_field) {
          const std::int64_t c = rule.guard->constant;
          switch (rule.guard->op) {
            case Op::equal:
              holds = value == c;
              break;
            case Op::not_equal:
              holds = value != c;
              break;
            case Op::less:
              holds = value < c;
              break;
            case Op::less_equal:
              holds = value <= c;
              break;
            case Op::greater:
              holds = value > c;
              break;
            case Op::greater_equal:
              holds = value >= c;
              break;
            default:
              ADD_FAILURE() << rule.name;
          }
        }
        EXPECT_EQ((by.holds.at(value) & bit) != 0, holds) << rule.name << " at " << value;
      }
    }
    // A guard's field is among its block's.
    if (rule.guard) {
      EXPECT_TRUE(std::any_of(block.by_guard.begin(), block.by_guard.end(), [&](const RuleBlock::GuardedBy& by) {
        return by.field == rule.guard->field;
      })) << rule.name;
    }
  }
  EXPECT_EQ(guarded, 150U - 22U);  // the rules 0, 7, ..., 147 have none
}

}  // namespace
}  // namespace cotation::model
