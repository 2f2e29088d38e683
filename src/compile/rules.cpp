// Rules: scope, period, condition, outcome, limit, cumulation, requirement (`seulement avec`),
// message and citation of each
// rule, with the checks of one rule alone (no scope, no citation, decides nothing, never
// applies); then which rules each act and item has. In: rule declarations, the model acts and
// items; out: model rules, rules_by_act and rules_by_item, and for the rule checks each rule's
// condition and position and the exceptions it declares.
#include <algorithm>
#include <variant>

#include "compile/compilation.hpp"
#include "parse/utf8.hpp"

namespace cotation::compiler {

using namespace model;

namespace {

// Whether some cotation of the act, new or old, can be billed during `period`.
bool billable_during(const Act& act, const Period& period) {
  const auto overlaps = [&](const Cotation& c) {
    Period billable = c.period;
    if (act.removed_since) billable.until = std::min(billable.until, *act.removed_since - 1);
    return billable.since <= billable.until && billable.overlaps(period);
  };
  return std::any_of(act.cotations.begin(), act.cotations.end(), overlaps) ||
         std::any_of(act.replaced.begin(), act.replaced.end(), overlaps);
}

std::optional<Limit> limit(Compilation& c, const syntax::LimitStatement& written, const syntax::Position& at) {
  Limit result;
  result.count = written.count;
  bool per_time = false;
  bool unknown = false;
  for (const auto& scope_name : written.scopes) {
    const std::string word = utf8::fold(scope_name.text);
    if (word == "jour") {
      result.per = Limit::Per::day, per_time = true;
    } else if (word == "an" || word == "annee") {
      result.per = Limit::Per::year, per_time = true;
    } else if (word == "serie") {
      result.per = Limit::Per::series, per_time = true;
    } else if (word == "episode") {
      result.per = Limit::Per::episode, per_time = true;
    } else if (word != "patient" && word != "seance") {
      c.report(scope_name.position, "compile.unknown_limit_scope", {scope_name.text});
      unknown = true;
    }
  }
  if (!per_time) {
    if (!unknown) c.report(at, "compile.limit_without_period");
    return std::nullopt;
  }
  return result;
}

}  // namespace

void build_rule(Compilation& c, const syntax::Declaration& declaration) {
  Rule rule;
  rule.name = declaration.name.text;
  rule.label = declaration.label;
  bool has_scope = false;
  bool has_citation = false;
  bool has_cumulation = false;  // `non cumulable` or `seulement avec`: refuses by default
  std::optional<syntax::Citation> cited;
  const std::size_t findings_before = c.diagnostics.size();
  std::string condition_text;
  for (const auto& statement : declaration.statements) {
    std::visit(
        [&](const auto& node) {
          using T = std::decay_t<decltype(node)>;
          if constexpr (std::is_same_v<T, syntax::SelectorStatement>) {
            const Scope more = scope(c, node.selectors);
            rule.scope.acts.insert(rule.scope.acts.end(), more.acts.begin(), more.acts.end());
            rule.scope.items.insert(rule.scope.items.end(), more.items.begin(), more.items.end());
            rule.scope.groups.insert(rule.scope.groups.end(), more.groups.begin(), more.groups.end());
            rule.scope.every_act = rule.scope.every_act || more.every_act;
            rule.scope.every_item = rule.scope.every_item || more.every_item;
            has_scope = true;
          } else if constexpr (std::is_same_v<T, syntax::PeriodStatement>) {
            rule.period = c.period(node.period);
          } else if constexpr (std::is_same_v<T, syntax::WhenStatement>) {
            const auto [id, type] = expression(c, node.condition);
            if (type && *type != Type::boolean) {
              c.report(node.condition.position, "compile.wrong_type",
                       {std::string(type_word(*type)), std::string(type_word(Type::boolean))});
            }
            rule.when = id;
            condition_text = std::to_string(id);
          } else if constexpr (std::is_same_v<T, syntax::OutcomeStatement>) {
            if (rule.outcome != Outcome::none) c.report(statement.position, "compile.duplicate_outcome", {rule.name});
            rule.outcome = node.kind == syntax::OutcomeKind::refusal          ? Outcome::refusal
                           : node.kind == syntax::OutcomeKind::acceptance     ? Outcome::acceptance
                           : node.kind == syntax::OutcomeKind::prior_approval ? Outcome::prior_approval
                                                                              : Outcome::rate;
            if (node.rate) {
              rule.rate = Decimal::divide(c.decimal(*node.rate), Decimal(100), Decimal::max_scale,
                                          RoundingMode::half_even);  // exact: a percentage has few decimals
            }
          } else if constexpr (std::is_same_v<T, syntax::LimitStatement>) {
            rule.limit = limit(c, node, statement.position);
          } else if constexpr (std::is_same_v<T, syntax::CumulationStatement>) {
            rule.not_cumulable_with = scope(c, node.excluded);
            has_cumulation = true;
          } else if constexpr (std::is_same_v<T, syntax::RequirementStatement>) {
            rule.only_with = scope(c, node.required);
            has_cumulation = true;
          } else if constexpr (std::is_same_v<T, syntax::MessageStatement>) {
            rule.message = node.text;
          } else if constexpr (std::is_same_v<T, syntax::CitationStatement>) {
            cited = node.citation;
            has_citation = true;
          }
        },
        statement.node);
  }
  // The citation is checked against the rule's period, wherever `selon` stands in it.
  if (cited) rule.citation = c.citation(*cited, rule.period.since);
  if (const auto since = c.repealed_since(declaration)) rule.period.until = std::min(rule.period.until, *since - 1);
  // A name that did not resolve, or an act whose cotation did not, was reported: the checks
  // below would only repeat it.
  const bool names_resolved = c.diagnostics.size() == findings_before &&
                              std::none_of(rule.scope.acts.begin(), rule.scope.acts.end(),
                                           [&](std::uint32_t a) { return c.acts_in_error.count(a) > 0; });
  std::sort(rule.scope.acts.begin(), rule.scope.acts.end());
  std::sort(rule.scope.items.begin(), rule.scope.items.end());
  if (!has_scope) c.report(declaration.name.position, "compile.rule_without_scope", {rule.name});
  if (!has_citation) c.report(declaration.name.position, "compile.rule_without_citation", {rule.name});
  if (rule.outcome == Outcome::none && !rule.limit && !has_cumulation && names_resolved) {
    c.report(declaration.name.position, "compile.rule_decides_nothing", {rule.name});
  }
  if (has_scope && names_resolved && !rule.scope.every_act && !rule.scope.every_item && rule.scope.items.empty() &&
      std::none_of(rule.scope.acts.begin(), rule.scope.acts.end(),
                   [&](std::uint32_t a) { return billable_during(c.model->acts[a], rule.period); })) {
    c.report(declaration.name.position, "compile.rule_never_applies", {rule.name});
  }
  if (rule.limit && rule.outcome == Outcome::none) rule.outcome = Outcome::refusal;
  if (has_cumulation && rule.outcome == Outcome::none) rule.outcome = Outcome::refusal;
  c.rule_conditions.push_back(condition_text);
  c.rule_positions.push_back(declaration.name.position);
  if (declaration.exception_of) c.pending_exceptions.emplace_back(c.model->rules.size(), *declaration.exception_of);
  c.model->rules.push_back(std::move(rule));
}

// Which rules each act and each item has, in rule order.
void index_rules(Compilation& c) {
  const auto index = [](bool every, const std::vector<std::uint32_t>& listed, std::vector<RuleSelection>& by_subject,
                        std::uint32_t rule) {
    const auto add = [&](std::uint32_t subject) {
      std::vector<std::uint32_t>& rules = by_subject[subject].rules;
      if (rules.empty() || rules.back() != rule) rules.push_back(rule);
    };
    if (every) {
      for (std::uint32_t s = 0; s < by_subject.size(); ++s) add(s);
    } else {
      for (const std::uint32_t s : listed) add(s);
    }
  };
  c.model->rules_by_act.assign(c.model->acts.size(), {});
  c.model->rules_by_item.assign(c.model->items.size(), {});
  for (std::uint32_t r = 0; r < c.model->rules.size(); ++r) {
    const Scope& scope = c.model->rules[r].scope;
    index(scope.every_act, scope.acts, c.model->rules_by_act, r);
    index(scope.every_item, scope.items, c.model->rules_by_item, r);
  }
}

}  // namespace cotation::compiler
