#include "parse/tree_builder.hpp"

#include <charconv>
#include <stdexcept>
#include <string>

#include "parse/grammar.hpp"

namespace cotation {
namespace {

namespace g = grammar;
using namespace syntax;

class Builder {
 public:
  Builder(const SourceFile& source, std::uint32_t file_index, std::vector<Diagnostic>& diagnostics)
      : source_(source), file_index_(file_index), diagnostics_(diagnostics) {}

  Declaration declaration(const ParseNode& node) {
    Declaration result;
    result.position = position(node);
    result.kind = declaration_kind(node);
    for (const auto& child : node.children) {
      const ParseNode& c = *child;
      if (c.is_type<g::declaration_name>()) {
        result.name = name(c);
      } else if (c.is_type<g::label>()) {
        result.label = text(c);
      } else if (c.is_type<g::signature_date>()) {
        result.source.signed_on = date(c);
      } else if (c.is_type<g::publication_date>()) {
        result.source.published_on = date(c);
      } else if (c.is_type<g::effect_date>()) {
        result.source.in_force_on = date(c);
      } else if (c.is_type<g::source_rank>()) {
        result.source.rank = name(c);
      } else if (c.is_type<g::refined_rule>()) {
        result.exception_of = name(c);
      } else if (c.is_type<g::mandatory_citation>()) {
        result.citation = citation(c);
      } else {
        result.statements.push_back(statement(c));
      }
    }
    return result;
  }

 private:
  Position position(const ParseNode& node) const {
    return Position{file_index_, static_cast<std::uint32_t>(node.m_begin.data - source_.text().data())};
  }

  void report(const ParseNode& node, std::string id, std::vector<std::string> arguments) {
    diagnostics_.push_back(source_.diagnostic_at(position(node).offset, std::move(id), std::move(arguments)));
  }

  static const ParseNode* find(const ParseNode& node, auto predicate) {
    for (const auto& child : node.children) {
      if (predicate(*child)) return child.get();
    }
    return nullptr;
  }
  template <typename... Rules>
  static const ParseNode* child_of_type(const ParseNode& node) {
    return find(node, [](const ParseNode& c) { return (c.is_type<Rules>() || ...); });
  }

  static DeclarationKind declaration_kind(const ParseNode& node) {
    if (node.is_type<g::source_declaration>()) return DeclarationKind::source;
    if (node.is_type<g::letter_declaration>()) return DeclarationKind::letter;
    if (node.is_type<g::item_declaration>()) return DeclarationKind::item;
    if (node.is_type<g::parameter_declaration>()) return DeclarationKind::parameter;
    if (node.is_type<g::act_declaration>()) return DeclarationKind::act;
    if (node.is_type<g::group_declaration>()) return DeclarationKind::group;
    if (node.is_type<g::rule_declaration>()) return DeclarationKind::rule;
    if (node.is_type<g::revaluation_declaration>()) return DeclarationKind::revaluation;
    if (node.is_type<g::amendment_declaration>()) return DeclarationKind::amendment;
    if (node.is_type<g::example_declaration>()) return DeclarationKind::example;
    if (node.is_type<g::schedule_declaration>()) return DeclarationKind::schedule;
    return DeclarationKind::scheme;
  }

  Name name(const ParseNode& node) const { return Name{node.string(), position(node)}; }

  // The text of a string literal, quotes removed and escapes resolved.
  static std::string text(const ParseNode& node) {
    const std::string_view quoted = node.string_view();
    std::string result;
    result.reserve(quoted.size());
    for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
      if (quoted[i] == '\\') ++i;
      result.push_back(quoted[i]);
    }
    return result;
  }

  // The digits of a decimal with a point, whatever separator was written.
  static std::string decimal_text(std::string_view written) {
    std::string result;
    for (const char c : written) {
      if (c == ',' || c == '.') {
        result.push_back('.');
      } else if ((c >= '0' && c <= '9') || c == '+' || c == '-') {
        result.push_back(c);
      } else {
        break;  // the unit that follows
      }
    }
    return result;
  }

  CalendarDate date(const ParseNode& node) {
    const std::string_view written = node.string_view();
    const auto number = [&](std::size_t from, std::size_t length) {
      int value = 0;
      std::from_chars(written.data() + from, written.data() + from + length, value);
      return value;
    };
    CalendarDate result{number(0, 4), number(5, 2), number(8, 2), position(node)};
    static constexpr std::array<int, 12> month_days = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (result.year % 4 == 0 && result.year % 100 != 0) || result.year % 400 == 0;
    // Year 0000 does not exist (1 BC is followed by AD 1); the calendar of std::chrono has one.
    const bool valid = result.year >= 1 && result.month >= 1 && result.month <= 12 && result.day >= 1 &&
                       result.day <= month_days[static_cast<std::size_t>(result.month - 1)] &&
                       !(result.month == 2 && result.day == 29 && !leap);
    if (!valid) report(node, "syntax.invalid_date", {std::string(written)});
    return result;
  }

  std::uint32_t count(const ParseNode& node) {
    std::uint32_t value = 0;
    const std::string_view written = node.string_view();
    const auto [end, error] = std::from_chars(written.data(), written.data() + written.size(), value);
    if (error != std::errc{} || end != written.data() + written.size()) {
      report(node, "syntax.number_too_large", {std::string(written)});
    }
    return value;
  }

  Literal literal(const ParseNode& node) {
    // `node` is a literal or one of its alternatives (money, decimal...).
    const ParseNode& typed = node.is_type<g::literal>() || node.is_type<g::parameter_literal>()
                                 ? *node.children.front()
                                 : node;
    Literal result;
    result.position = position(typed);
    const std::string_view written = typed.string_view();
    if (typed.is_type<g::date>()) {
      result.kind = LiteralKind::date;
      result.date = date(typed);
      result.text = std::string(written);
    } else if (typed.is_type<g::money>()) {
      result.kind = LiteralKind::money;
      result.text = decimal_text(written);
    } else if (typed.is_type<g::percentage>()) {
      result.kind = LiteralKind::percentage;
      result.text = decimal_text(written);
    } else if (typed.is_type<g::distance>()) {
      result.kind = LiteralKind::distance;
      result.text = decimal_text(written);
    } else if (typed.is_type<g::duration>() || typed.is_type<g::threshold_window>()) {
      result.kind = LiteralKind::duration;
      result.text = decimal_text(written);
      if (const ParseNode* unit = child_of_type<g::duration_unit>(typed)) result.unit = unit->string();
    } else if (typed.is_type<g::string>()) {
      result.kind = LiteralKind::text;
      result.text = text(typed);
    } else if (typed.is_type<g::boolean>()) {
      result.kind = LiteralKind::boolean;
      result.text = utf8::fold(written);
    } else {
      result.kind = LiteralKind::decimal;
      result.text = decimal_text(written);
    }
    return result;
  }

  Citation citation(const ParseNode& node) {
    Citation result;
    result.position = position(node);
    for (const auto& child : node.children) {
      if (child->is_type<g::citation_source>()) result.source = name(*child);
      if (child->is_type<g::citation_detail>() || child->is_type<g::article_reference>()) {
        result.detail = text(*child);
      }
    }
    return result;
  }

  Period period(const ParseNode& node) {
    Period result;
    for (const auto& child : node.children) {
      if (child->is_type<g::since_date>()) result.since = date(*child);
      if (child->is_type<g::until_date>()) result.until = date(*child);
    }
    return result;
  }

  std::vector<Selector> selectors(const ParseNode& node) {
    std::vector<Selector> result;
    SelectorKind kind = SelectorKind::act;
    for (const auto& child : node.children) {
      if (child->is_type<g::selector_kind>()) {
        const std::string word = utf8::fold(child->string_view());
        kind = word == "acte"     ? SelectorKind::act
               : word == "lettre" ? SelectorKind::letter
               : word == "forfait" ? SelectorKind::item
                                   : SelectorKind::group;
      } else if (child->is_type<g::every_kind>()) {
        result.push_back(Selector{utf8::fold(child->string_view()) == "acte" ? SelectorKind::every_act
                                                                              : SelectorKind::every_item,
                                  {}});
      } else if (child->is_type<g::selector_name>()) {
        result.push_back(Selector{kind, name(*child)});
      }
    }
    return result;
  }

  Target target(const ParseNode& node) {
    Target result;
    const std::string word = utf8::fold(node.children.at(0)->string_view());
    result.kind = word == "lettre"           ? DeclarationKind::letter
                  : word == "forfait"        ? DeclarationKind::item
                  : word == "parametre"      ? DeclarationKind::parameter
                  : word == "acte"           ? DeclarationKind::act
                  : word == "groupe"         ? DeclarationKind::group
                  : word == "regle"          ? DeclarationKind::rule
                  : word == "revalorisation" ? DeclarationKind::revaluation
                                             : DeclarationKind::scheme;
    result.name = name(*node.children.at(1));
    return result;
  }

  // ------------------------------------------------------------ expressions

  Expression expression(const ParseNode& node) {
    // Nodes that only wrap one sub-expression (expression, operands, a sum of one
    // product...) pass through; the others become a tree node.
    if (node.is_type<g::literal>()) {
      Expression result{ExpressionKind::literal, {}, literal(node), {}, {}, position(node), {}, {}};
      return result;
    }
    if (node.is_type<g::path>()) {
      Expression result{ExpressionKind::path, {}, {}, {}, {}, position(node), {}, {}};
      for (const auto& part : node.children) result.path.push_back(name(*part));
      return result;
    }
    if (node.is_type<g::call>()) {
      Expression result{ExpressionKind::call, {}, {}, {name(*node.children.at(0))}, {}, position(node), {}, {}};
      for (std::size_t i = 1; i < node.children.size(); ++i) result.operands.push_back(expression(*node.children[i]));
      return result;
    }
    if (node.is_type<g::value_set>()) {
      Expression result{ExpressionKind::set, {}, {}, {}, {}, position(node), {}, {}};
      for (const auto& member : node.children) result.operands.push_back(expression(*member));
      return result;
    }
    if (node.is_type<g::unary>() && node.children.size() == 1 && node.children[0]->is_type<g::unary_operand>()) {
      Expression result{ExpressionKind::negative, "-", {}, {}, {}, position(node), {}, {}};
      result.operands.push_back(expression(*node.children[0]));
      return result;
    }
    if (node.is_type<g::negation>() && node.children.size() == 1 &&
        node.children[0]->is_type<g::negation_operand>()) {
      Expression result{ExpressionKind::negation, "non", {}, {}, {}, position(node), {}, {}};
      result.operands.push_back(expression(*node.children[0]));
      return result;
    }
    if (node.is_type<g::comparison>() && node.children.size() == 2 && node.children[1]->is_type<g::value_set>()) {
      Expression result{ExpressionKind::membership, "dans", {}, {}, {}, position(node), {}, {}};
      result.operands.push_back(expression(*node.children[0]));
      result.operands.push_back(expression(*node.children[1]));
      return result;
    }
    if (node.children.size() == 1) return expression(*node.children[0]);
    // A left-associative chain: operand (operator operand)*. Comparison, sum and product
    // keep their operators as nodes; `et` and `ou` are implied by the rule.
    std::string operator_text =
        node.is_type<g::conjunction>() || node.is_type<g::conjunction_operand>() ? "et" : "ou";
    // A binary node starts with its left operand; its operator's place is kept for the
    // type errors that concern the operator.
    Expression result = expression(*node.children[0]);
    Position operator_position = result.position;
    for (std::size_t i = 1; i < node.children.size(); ++i) {
      const ParseNode& child = *node.children[i];
      if (child.is_type<g::comparison_operator>() || child.is_type<g::sum_operator>() ||
          child.is_type<g::product_operator>()) {
        operator_text = child.string();
        // `modulo` is a keyword, in any case and accents: the expression holds the folded word.
        if (utf8::fold(operator_text) == "modulo") operator_text = "modulo";
        operator_position = position(child);
        continue;
      }
      if (child.is_type<g::day_rounding>()) {
        result.day_rounding = Name{child.children.at(0)->string(), position(child)};
        continue;
      }
      Expression combined{ExpressionKind::binary, operator_text, {}, {}, {}, result.position, operator_position, {}};
      combined.operands.push_back(std::move(result));
      combined.operands.push_back(expression(child));
      result = std::move(combined);
    }
    return result;
  }

  // ------------------------------------------------------------ statements

  Statement statement(const ParseNode& node) {
    Statement result;
    result.position = position(node);
    result.node = statement_node(node);
    return result;
  }

  decltype(Statement::node) statement_node(const ParseNode& node) {
    if (node.is_type<g::value_statement>()) {
      ValueStatement result;
      for (const auto& child : node.children) {
        if (child->is_type<g::priced_value>()) {
          PricedValue value;
          value.amount = literal(*child->children.at(0));
          value.per_kilometre = child_of_type<g::per_unit>(*child) != nullptr;
          if (const ParseNode* region = child_of_type<g::region_name>(*child)) value.region = name(*region);
          result.values.push_back(std::move(value));
        } else if (child->is_type<g::period>()) {
          result.period = period(*child);
        } else if (child->is_type<g::mandatory_citation>()) {
          result.citation = citation(*child);
        }
      }
      return result;
    }
    if (node.is_type<g::note_statement>()) return NoteStatement{text(*node.children.at(0))};
    if (node.is_type<g::schedule_use>()) return ScheduleUse{name(*node.children.at(0))};
    if (node.is_type<g::message_statement>()) return MessageStatement{text(*node.children.at(0))};
    if (node.is_type<g::rounding_statement>()) {
      const ParseNode& rounding = *child_of_type<g::rounding>(node);
      return RoundingStatement{Rounding{name(*rounding.children.at(0)), name(*rounding.children.at(1))},
                               citation(*child_of_type<g::mandatory_citation>(node))};
    }
    if (node.is_type<g::telecare_statement>()) {
      return TelecareStatement{citation(*child_of_type<g::mandatory_citation>(node))};
    }
    if (node.is_type<g::computation_statement>()) {
      ComputationStatement result;
      result.expression = expression(*node.children.at(0));
      if (const ParseNode* rounding = child_of_type<g::rounding>(node)) {
        result.rounding = Rounding{name(*rounding->children.at(0)), name(*rounding->children.at(1))};
      }
      result.citation = citation(*child_of_type<g::mandatory_citation>(node));
      return result;
    }
    if (node.is_type<g::condition_statement>()) {
      ConditionStatement result;
      result.expression = expression(*node.children.at(0));
      if (const ParseNode* message = child_of_type<g::message_statement>(node)) {
        result.message = text(*message->children.at(0));
      }
      result.citation = citation(*child_of_type<g::mandatory_citation>(node));
      return result;
    }
    if (node.is_type<g::parameter_value>()) {
      ParameterValue result;
      result.value = literal(*node.children.at(0));
      if (const ParseNode* p = child_of_type<g::period>(node)) result.period = period(*p);
      result.citation = citation(*child_of_type<g::mandatory_citation>(node));
      return result;
    }
    if (node.is_type<g::article_statement>()) return ArticleStatement{citation(node)};
    if (node.is_type<g::classification_statement>()) {
      ClassificationStatement result;
      for (const auto& pair : node.children) {
        result.pairs.push_back(ClassificationPair{name(*pair->children.at(0)), name(*pair->children.at(1))});
      }
      return result;
    }
    if (node.is_type<g::cotation_statement>() || node.is_type<g::replaces_statement>()) {
      CotationStatement result;
      result.replaced = node.is_type<g::replaces_statement>();
      result.key_letter = name(*child_of_type<g::key_letter>(node));
      result.coefficient = literal(*child_of_type<g::coefficient>(node));
      result.shared = child_of_type<g::shared_code>(node) != nullptr;
      if (const ParseNode* p = child_of_type<g::period>(node)) result.period = period(*p);
      result.citation = citation(*child_of_type<g::mandatory_citation>(node));
      return result;
    }
    if (node.is_type<g::referential_statement>()) {
      ReferentialStatement result;
      result.name = text(*child_of_type<g::referential_name>(node));
      for (const auto& child : node.children) {
        if (!child->is_type<g::threshold>()) continue;
        Threshold threshold;
        threshold.position = position(*child);
        threshold.sessions = count(*child_of_type<g::session_count>(*child));
        if (const ParseNode* scope = child_of_type<g::threshold_scope>(*child)) {
          const ParseNode* window = child_of_type<g::threshold_window>(*scope);
          threshold.scope = window != nullptr ? ThresholdScope::window : ThresholdScope::series;
          if (window != nullptr) threshold.window = literal(*window);
        } else {
          threshold.scope = ThresholdScope::from_session;
        }
        result.thresholds.push_back(std::move(threshold));
      }
      result.citation = citation(*child_of_type<g::mandatory_citation>(node));
      return result;
    }
    if (node.is_type<g::pending_statement>()) {
      PendingStatement result;
      result.reason = text(*child_of_type<g::pending_reason>(node));
      if (const ParseNode* c = child_of_type<g::citation>(node)) result.citation = citation(*c);
      return result;
    }
    if (node.is_type<g::removed_statement>()) {
      RemovedStatement result;
      result.since = *period(*child_of_type<g::required_since>(node)).since;
      result.citation = citation(*child_of_type<g::mandatory_citation>(node));
      return result;
    }
    if (node.is_type<g::selector_list>()) return SelectorStatement{selectors(node)};
    if (node.is_type<g::scope_statement>()) return SelectorStatement{selectors(*node.children.at(0))};
    if (node.is_type<g::period_statement>()) return PeriodStatement{period(node)};
    if (node.is_type<g::when_statement>()) return WhenStatement{expression(*node.children.at(0))};
    if (node.is_type<g::outcome_statement>()) {
      const ParseNode& outcome = *node.children.at(0);
      OutcomeStatement result;
      const std::string word = utf8::fold(outcome.string_view().substr(0, outcome.string_view().find_first_of(" \t\r\n#")));
      if (const ParseNode* rate = child_of_type<g::rate>(outcome)) {
        result.kind = OutcomeKind::rate;
        result.rate = literal(*rate);
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
        if (child->is_type<g::limit_count>()) result.count = count(*child);
        if (child->is_type<g::counted_unit>()) result.counted_unit = name(*child);
        if (child->is_type<g::limit_scope>()) result.scopes.push_back(name(*child));
      }
      return result;
    }
    if (node.is_type<g::cumulation_statement>()) return CumulationStatement{selectors(*node.children.at(0))};
    if (node.is_type<g::requirement_statement>()) return RequirementStatement{selectors(*node.children.at(0))};
    if (node.is_type<g::citation>()) return CitationStatement{citation(node)};
    if (node.is_type<g::step_statement>()) {
      StepStatement result;
      result.amount = literal(*child_of_type<g::step_amount>(node));
      result.since = *period(*child_of_type<g::required_since>(node)).since;
      result.citation = citation(*child_of_type<g::mandatory_citation>(node));
      return result;
    }
    if (node.is_type<g::postponement>()) {
      return Postponement{target(*node.children.at(0)), date(*child_of_type<g::moved_date>(node)),
                          date(*child_of_type<g::new_date>(node))};
    }
    if (node.is_type<g::repeal>()) {
      Repeal result{target(*node.children.at(0)), std::nullopt};
      if (const ParseNode* since = child_of_type<g::since_date>(node)) result.since = date(*since);
      return result;
    }
    if (node.is_type<g::addition>()) {
      Addition result{target(*node.children.at(0)), {}};
      for (std::size_t i = 1; i < node.children.size(); ++i) result.statements.push_back(statement(*node.children[i]));
      return result;
    }
    if (node.is_type<g::example_field>()) {
      ExampleField result;
      for (const auto& part : node.children.at(0)->children) result.path.push_back(name(*part));
      const ParseNode& value = *node.children.at(1)->children.at(0);
      if (value.is_type<g::identifier>()) {
        result.value = name(value);
      } else {
        result.value = literal(value);
      }
      return result;
    }
    if (node.is_type<g::example_line>()) {
      ExampleLine result;
      result.code = text(*node.children.at(0));
      const ParseNode& outcome = *node.children.at(1);
      // The keyword may touch what follows it: `refusée"motif"`.
      const std::string written = utf8::fold(outcome.string_view());
      result.decision = written.starts_with("acceptee")  ? ExpectedDecision::accepted
                        : written.starts_with("refusee") ? ExpectedDecision::refused
                                                         : ExpectedDecision::prior_approval;
      if (const ParseNode* amount = child_of_type<g::expected_amount>(outcome)) {
        result.amount = literal(*amount);
        result.amount->kind = LiteralKind::money;
      }
      if (const ParseNode* reason = child_of_type<g::expected_reason>(outcome)) result.reason = text(*reason);
      return result;
    }
    if (node.is_type<g::fact_statement>()) {
      const std::string type = utf8::fold(child_of_type<g::fact_type>(node)->string_view());
      return FactStatement{name(*child_of_type<g::fact_name>(node)), text(*child_of_type<g::label>(node)),
                           type == "booleen"       ? FactType::boolean
                           : type == "nombre"      ? FactType::number
                           : type == "pourcentage" ? FactType::percentage
                           : type == "montant"     ? FactType::money
                                                   : FactType::date};
    }
    if (node.is_type<g::instalment_statement>()) {
      InstalmentStatement result;
      if (const ParseNode* offset = child_of_type<g::year_offset>(node)) result.year_offset = count(*offset);
      result.amount = expression(*child_of_type<g::amount_value>(node));
      result.at_signature = child_of_type<g::at_signature>(node) != nullptr;
      result.citation = citation(*child_of_type<g::mandatory_citation>(node));
      return result;
    }
    if (node.is_type<g::decision_statement>()) {
      DecisionStatement result;
      result.label = text(*child_of_type<g::decision_label>(node));
      if (const ParseNode* condition = child_of_type<g::amount_condition>(node)) result.condition = expression(*condition);
      result.citation = citation(*child_of_type<g::mandatory_citation>(node));
      return result;
    }
    if (node.is_type<g::total_statement>()) {
      return TotalStatement{expression(*child_of_type<g::amount_value>(node)),
                            citation(*child_of_type<g::mandatory_citation>(node))};
    }
    if (!node.is_type<g::amount_statement>()) {
      throw std::logic_error("tree builder: no statement for parse node " + std::string(node.type));
    }
    AmountStatement result;
    result.name = name(*child_of_type<g::amount_name>(node));
    result.label = text(*child_of_type<g::label>(node));
    result.amount = expression(*child_of_type<g::amount_value>(node));
    if (const ParseNode* condition = child_of_type<g::amount_condition>(node)) result.condition = expression(*condition);
    result.outside_prerequisites = child_of_type<g::outside_prerequisites>(node) != nullptr;
    if (const ParseNode* p = child_of_type<g::period>(node)) result.period = period(*p);
    result.citation = citation(*child_of_type<g::mandatory_citation>(node));
    return result;
  }

  const SourceFile& source_;
  std::uint32_t file_index_;
  std::vector<Diagnostic>& diagnostics_;
};

}  // namespace

syntax::Declaration build_declaration(const ParseNode& node, const SourceFile& source, std::uint32_t file_index,
                                      std::vector<Diagnostic>& diagnostics) {
  return Builder(source, file_index, diagnostics).declaration(node);
}

}  // namespace cotation
