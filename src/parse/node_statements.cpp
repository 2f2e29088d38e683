// The statements of a declaration's body (node_reader.hpp), one function per family of
// declarations. In: the parse node of one statement; out: its typed statement.
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "parse/grammar.hpp"
#include "parse/node_reader.hpp"
#include "parse/utf8.hpp"

namespace cotation {

namespace g = grammar;
using namespace syntax;

namespace {

using StatementNode = decltype(Statement::node);

// What a letter, an act, an item or a parameter is worth, from when, on what source.
std::optional<StatementNode> tariff_statement(NodeReader& r, const ParseNode& node) {
  if (node.is_type<g::value_statement>()) {
    ValueStatement result;
    for (const auto& child : node.children) {
      if (child->is_type<g::priced_value>()) {
        PricedValue value;
        value.amount = r.literal(*child->children.at(0));
        value.per_kilometre = child_of_type<g::per_unit>(*child) != nullptr;
        if (const ParseNode* region = child_of_type<g::region_name>(*child)) value.region = r.name(*region);
        result.values.push_back(std::move(value));
      } else if (child->is_type<g::period>()) {
        result.period = r.period(*child);
      } else if (child->is_type<g::mandatory_citation>()) {
        result.citation = r.citation(*child);
      }
    }
    return result;
  }
  if (node.is_type<g::note_statement>()) return NoteStatement{r.text(*node.children.at(0))};
  if (node.is_type<g::schedule_use>()) return ScheduleUse{r.name(*node.children.at(0))};
  if (node.is_type<g::rounding_statement>()) {
    const ParseNode& rounding = *child_of_type<g::rounding>(node);
    return RoundingStatement{Rounding{r.name(*rounding.children.at(0)), r.name(*rounding.children.at(1))},
                             r.citation(*child_of_type<g::mandatory_citation>(node))};
  }
  if (node.is_type<g::telecare_statement>()) {
    return TelecareStatement{r.citation(*child_of_type<g::mandatory_citation>(node))};
  }
  if (node.is_type<g::parameter_value>()) {
    ParameterValue result;
    result.value = r.literal(*node.children.at(0));
    if (const ParseNode* p = child_of_type<g::period>(node)) result.period = r.period(*p);
    result.citation = r.citation(*child_of_type<g::mandatory_citation>(node));
    return result;
  }
  if (node.is_type<g::article_statement>()) return ArticleStatement{r.citation(node)};
  if (node.is_type<g::classification_statement>()) {
    ClassificationStatement result;
    for (const auto& pair : node.children) {
      result.pairs.push_back(ClassificationPair{r.name(*pair->children.at(0)), r.name(*pair->children.at(1))});
    }
    return result;
  }
  if (node.is_type<g::cotation_statement>() || node.is_type<g::replaces_statement>()) {
    CotationStatement result;
    result.replaced = node.is_type<g::replaces_statement>();
    result.key_letter = r.name(*child_of_type<g::key_letter>(node));
    result.coefficient = r.literal(*child_of_type<g::coefficient>(node));
    result.shared = child_of_type<g::shared_code>(node) != nullptr;
    if (const ParseNode* p = child_of_type<g::period>(node)) result.period = r.period(*p);
    result.citation = r.citation(*child_of_type<g::mandatory_citation>(node));
    return result;
  }
  if (node.is_type<g::referential_statement>()) {
    ReferentialStatement result;
    result.name = r.text(*child_of_type<g::referential_name>(node));
    for (const auto& child : node.children) {
      if (!child->is_type<g::threshold>()) continue;
      Threshold threshold;
      threshold.position = r.position(*child);
      threshold.sessions = r.count(*child_of_type<g::session_count>(*child));
      if (const ParseNode* scope = child_of_type<g::threshold_scope>(*child)) {
        const ParseNode* window = child_of_type<g::threshold_window>(*scope);
        threshold.scope = window != nullptr ? ThresholdScope::window : ThresholdScope::series;
        if (window != nullptr) threshold.window = r.literal(*window);
      } else {
        threshold.scope = ThresholdScope::from_session;
      }
      result.thresholds.push_back(std::move(threshold));
    }
    result.citation = r.citation(*child_of_type<g::mandatory_citation>(node));
    return result;
  }
  if (node.is_type<g::pending_statement>()) {
    PendingStatement result;
    result.reason = r.text(*child_of_type<g::pending_reason>(node));
    if (const ParseNode* c = child_of_type<g::citation>(node)) result.citation = r.citation(*c);
    return result;
  }
  if (node.is_type<g::removed_statement>()) {
    RemovedStatement result;
    result.since = *r.period(*child_of_type<g::required_since>(node)).since;
    result.citation = r.citation(*child_of_type<g::mandatory_citation>(node));
    return result;
  }
  if (node.is_type<g::step_statement>()) {
    StepStatement result;
    result.amount = r.literal(*child_of_type<g::step_amount>(node));
    result.since = *r.period(*child_of_type<g::required_since>(node)).since;
    result.citation = r.citation(*child_of_type<g::mandatory_citation>(node));
    return result;
  }
  if (node.is_type<g::citation>()) return CitationStatement{r.citation(node)};
  return std::nullopt;
}

// What a rule applies to, when, and what it decides.
std::optional<StatementNode> rule_statement(NodeReader& r, const ParseNode& node) {
  if (node.is_type<g::selector_list>()) return SelectorStatement{r.selectors(node)};
  if (node.is_type<g::scope_statement>()) return SelectorStatement{r.selectors(*node.children.at(0))};
  if (node.is_type<g::period_statement>()) return PeriodStatement{r.period(node)};
  if (node.is_type<g::when_statement>()) return WhenStatement{r.expression(*node.children.at(0))};
  if (node.is_type<g::computation_statement>()) {
    ComputationStatement result;
    result.expression = r.expression(*node.children.at(0));
    if (const ParseNode* rounding = child_of_type<g::rounding>(node)) {
      result.rounding = Rounding{r.name(*rounding->children.at(0)), r.name(*rounding->children.at(1))};
    }
    result.citation = r.citation(*child_of_type<g::mandatory_citation>(node));
    return result;
  }
  if (node.is_type<g::condition_statement>()) {
    ConditionStatement result;
    result.expression = r.expression(*node.children.at(0));
    if (const ParseNode* message = child_of_type<g::message_statement>(node)) {
      result.message = r.text(*message->children.at(0));
    }
    result.citation = r.citation(*child_of_type<g::mandatory_citation>(node));
    return result;
  }
  if (node.is_type<g::message_statement>()) return MessageStatement{r.text(*node.children.at(0))};
  if (node.is_type<g::outcome_statement>()) {
    const ParseNode& outcome = *node.children.at(0);
    OutcomeStatement result;
    const std::string word =
        utf8::fold(outcome.string_view().substr(0, outcome.string_view().find_first_of(" \t\r\n#")));
    if (const ParseNode* rate = child_of_type<g::rate>(outcome)) {
      result.kind = OutcomeKind::rate;
      result.rate = r.literal(*rate);
      result.rate->kind = LiteralKind::percentage;
    } else {
      result.kind = word == "refus"         ? OutcomeKind::refusal
                    : word == "acceptation" ? OutcomeKind::acceptance
                                            : OutcomeKind::prior_approval;
    }
    return result;
  }
  if (node.is_type<g::limit_statement>()) {
    LimitStatement result;
    for (const auto& child : node.children) {
      if (child->is_type<g::limit_count>()) result.count = r.count(*child);
      if (child->is_type<g::counted_unit>()) result.counted_unit = r.name(*child);
      if (child->is_type<g::limit_scope>()) result.scopes.push_back(r.name(*child));
    }
    return result;
  }
  if (node.is_type<g::cumulation_statement>()) return CumulationStatement{r.selectors(*node.children.at(0))};
  if (node.is_type<g::requirement_statement>()) return RequirementStatement{r.selectors(*node.children.at(0))};
  return std::nullopt;
}

// What a later text changes in an earlier one.
std::optional<StatementNode> amendment_statement(NodeReader& r, const ParseNode& node) {
  if (node.is_type<g::postponement>()) {
    return Postponement{r.target(*node.children.at(0)), r.date(*child_of_type<g::moved_date>(node)),
                        r.date(*child_of_type<g::new_date>(node))};
  }
  if (node.is_type<g::repeal>()) {
    Repeal result{r.target(*node.children.at(0)), std::nullopt};
    if (const ParseNode* since = child_of_type<g::since_date>(node)) result.since = r.date(*since);
    return result;
  }
  if (node.is_type<g::addition>()) {
    Addition result{r.target(*node.children.at(0)), {}};
    for (std::size_t i = 1; i < node.children.size(); ++i)
      result.statements.push_back(build_statement(r, *node.children[i]));
    return result;
  }
  return std::nullopt;
}

// The claim fields and expected lines of an example.
std::optional<StatementNode> example_statement(NodeReader& r, const ParseNode& node) {
  if (node.is_type<g::example_field>()) {
    ExampleField result;
    for (const auto& part : node.children.at(0)->children) result.path.push_back(r.name(*part));
    const ParseNode& value = *node.children.at(1)->children.at(0);
    if (value.is_type<g::identifier>()) {
      result.value = r.name(value);
    } else {
      result.value = r.literal(value);
    }
    return result;
  }
  if (node.is_type<g::example_line>()) {
    ExampleLine result;
    result.code = r.text(*node.children.at(0));
    const ParseNode& outcome = *node.children.at(1);
    // The keyword may touch what follows it: `refusée"motif"`.
    const std::string written = utf8::fold(outcome.string_view());
    result.decision = written.starts_with("acceptee")  ? ExpectedDecision::accepted
                      : written.starts_with("refusee") ? ExpectedDecision::refused
                                                       : ExpectedDecision::prior_approval;
    if (const ParseNode* amount = child_of_type<g::expected_amount>(outcome)) {
      result.amount = r.literal(*amount);
      result.amount->kind = LiteralKind::money;
    }
    if (const ParseNode* reason = child_of_type<g::expected_reason>(outcome)) result.reason = r.text(*reason);
    return result;
  }
  return std::nullopt;
}

// The facts, instalments, decisions and amounts of a scheme (`dispositif`); the last family.
StatementNode scheme_statement(NodeReader& r, const ParseNode& node) {
  if (node.is_type<g::fact_statement>()) {
    const std::string type = utf8::fold(child_of_type<g::fact_type>(node)->string_view());
    return FactStatement{r.name(*child_of_type<g::fact_name>(node)), r.text(*child_of_type<g::label>(node)),
                         type == "booleen"       ? FactType::boolean
                         : type == "nombre"      ? FactType::number
                         : type == "pourcentage" ? FactType::percentage
                         : type == "montant"     ? FactType::money
                                                 : FactType::date};
  }
  if (node.is_type<g::instalment_statement>()) {
    InstalmentStatement result;
    if (const ParseNode* offset = child_of_type<g::year_offset>(node)) result.year_offset = r.count(*offset);
    result.amount = r.expression(*child_of_type<g::amount_value>(node));
    result.at_signature = child_of_type<g::at_signature>(node) != nullptr;
    result.citation = r.citation(*child_of_type<g::mandatory_citation>(node));
    return result;
  }
  if (node.is_type<g::decision_statement>()) {
    DecisionStatement result;
    result.label = r.text(*child_of_type<g::decision_label>(node));
    if (const ParseNode* condition = child_of_type<g::amount_condition>(node))
      result.condition = r.expression(*condition);
    result.citation = r.citation(*child_of_type<g::mandatory_citation>(node));
    return result;
  }
  if (node.is_type<g::total_statement>()) {
    return TotalStatement{r.expression(*child_of_type<g::amount_value>(node)),
                          r.citation(*child_of_type<g::mandatory_citation>(node))};
  }
  if (!node.is_type<g::amount_statement>()) {
    throw std::logic_error("tree builder: no statement for parse node " + std::string(node.type));
  }
  AmountStatement result;
  result.name = r.name(*child_of_type<g::amount_name>(node));
  result.label = r.text(*child_of_type<g::label>(node));
  result.amount = r.expression(*child_of_type<g::amount_value>(node));
  if (const ParseNode* condition = child_of_type<g::amount_condition>(node))
    result.condition = r.expression(*condition);
  result.outside_prerequisites = child_of_type<g::outside_prerequisites>(node) != nullptr;
  if (const ParseNode* p = child_of_type<g::period>(node)) result.period = r.period(*p);
  result.citation = r.citation(*child_of_type<g::mandatory_citation>(node));
  return result;
}

}  // namespace

Statement build_statement(NodeReader& r, const ParseNode& node) {
  Statement result;
  result.position = r.position(node);
  if (auto tariff = tariff_statement(r, node)) {
    result.node = std::move(*tariff);
  } else if (auto rule = rule_statement(r, node)) {
    result.node = std::move(*rule);
  } else if (auto amendment = amendment_statement(r, node)) {
    result.node = std::move(*amendment);
  } else if (auto example = example_statement(r, node)) {
    result.node = std::move(*example);
  } else {
    result.node = scheme_statement(r, node);
  }
  return result;
}

}  // namespace cotation
