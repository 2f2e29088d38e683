// What the parser says when a required piece (`@x` in grammar/cotation.peg, `must<x>` in
// grammar.hpp) is missing: one catalogue id per rule, and the control that raises it.
// A rule used under must<> without an entry here does not compile.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <vector>

#include "parse/grammar.hpp"

namespace cotation::grammar {

struct ErrorMessage {
  std::string_view id;
  std::string_view argument;
};

template <typename Rule>
inline constexpr ErrorMessage error_message{};

#define COTATION_SYNTAX_ERROR(rule, id, argument) \
  template <>                                     \
  inline constexpr ErrorMessage error_message<rule>{"syntax." id, argument};

COTATION_SYNTAX_ERROR(string_end, "expected_string_end", "")
COTATION_SYNTAX_ERROR(escaped_character, "invalid_escape", "")
COTATION_SYNTAX_ERROR(citation_source, "expected_source_name", "")
COTATION_SYNTAX_ERROR(mandatory_citation, "expected_citation", "")
COTATION_SYNTAX_ERROR(since_date, "expected_date", "depuis")
COTATION_SYNTAX_ERROR(until_date, "expected_date", "jusqu'au")
COTATION_SYNTAX_ERROR(signature_date, "expected_date", "signé")
COTATION_SYNTAX_ERROR(publication_date, "expected_date", "publié")
COTATION_SYNTAX_ERROR(effect_date, "expected_date", "en vigueur")
COTATION_SYNTAX_ERROR(moved_date, "expected_date", "du")
COTATION_SYNTAX_ERROR(new_date, "expected_date", "au")
COTATION_SYNTAX_ERROR(required_since, "expected_token", "depuis")
COTATION_SYNTAX_ERROR(note_text, "expected_note", "")
COTATION_SYNTAX_ERROR(selector_name, "expected_identifier", "")
COTATION_SYNTAX_ERROR(field_name, "expected_identifier", "")
COTATION_SYNTAX_ERROR(refined_rule, "expected_identifier", "")
COTATION_SYNTAX_ERROR(every_kind, "expected_every_kind", "")
COTATION_SYNTAX_ERROR(selector_list, "expected_selector", "")
COTATION_SYNTAX_ERROR(expression, "expected_expression", "")
COTATION_SYNTAX_ERROR(unary_operand, "expected_expression", "")
COTATION_SYNTAX_ERROR(product_operand, "expected_expression", "")
COTATION_SYNTAX_ERROR(sum_operand, "expected_expression", "")
COTATION_SYNTAX_ERROR(negation_operand, "expected_expression", "")
COTATION_SYNTAX_ERROR(conjunction_operand, "expected_expression", "")
COTATION_SYNTAX_ERROR(closing_parenthesis, "expected_closing_parenthesis", "")
COTATION_SYNTAX_ERROR(value_set, "expected_value_set", "")
COTATION_SYNTAX_ERROR(value_set_end, "expected_value_set_end", "")
COTATION_SYNTAX_ERROR(declaration, "expected_declaration", "")
COTATION_SYNTAX_ERROR(declaration_name, "expected_declaration_name", "")
COTATION_SYNTAX_ERROR(label, "expected_label", "")
COTATION_SYNTAX_ERROR(opening_brace, "expected_opening_brace", "")
COTATION_SYNTAX_ERROR(source_rank, "expected_source_rank", "")
COTATION_SYNTAX_ERROR(region_name, "expected_region", "")
COTATION_SYNTAX_ERROR(priced_value, "expected_priced_value", "valeur")
COTATION_SYNTAX_ERROR(letter_end, "expected_letter_statement_or_end", "")
COTATION_SYNTAX_ERROR(item_end, "expected_item_statement_or_end", "")
COTATION_SYNTAX_ERROR(schedule_end, "expected_schedule_statement_or_end", "")
COTATION_SYNTAX_ERROR(schedule_name, "expected_schedule_name", "")
COTATION_SYNTAX_ERROR(parameter_end, "expected_parameter_statement_or_end", "")
COTATION_SYNTAX_ERROR(act_end, "expected_act_statement_or_end", "")
COTATION_SYNTAX_ERROR(group_end, "expected_group_statement_or_end", "")
COTATION_SYNTAX_ERROR(rule_end, "expected_rule_statement_or_end", "")
COTATION_SYNTAX_ERROR(revaluation_end, "expected_revaluation_statement_or_end", "")
COTATION_SYNTAX_ERROR(amendment_end, "expected_amendment_statement_or_end", "")
COTATION_SYNTAX_ERROR(addition_end, "expected_added_statement_or_end", "")
COTATION_SYNTAX_ERROR(scheme_end, "expected_scheme_statement_or_end", "")
COTATION_SYNTAX_ERROR(rounding_unit, "expected_rounding_unit", "")
COTATION_SYNTAX_ERROR(rounding_mode, "expected_rounding_mode", "")
COTATION_SYNTAX_ERROR(day_rounding_direction, "expected_day_rounding_direction", "")
COTATION_SYNTAX_ERROR(message_text, "expected_message", "")
COTATION_SYNTAX_ERROR(parameter_literal, "expected_parameter_value", "")
COTATION_SYNTAX_ERROR(article_reference, "expected_article_reference", "")
COTATION_SYNTAX_ERROR(classification_pair, "expected_classification", "")
COTATION_SYNTAX_ERROR(classification_value, "expected_classification_value", "")
COTATION_SYNTAX_ERROR(key_letter, "expected_key_letter", "")
COTATION_SYNTAX_ERROR(coefficient, "expected_coefficient", "")
COTATION_SYNTAX_ERROR(referential_name, "expected_referential_name", "")
COTATION_SYNTAX_ERROR(threshold, "expected_threshold", "")
COTATION_SYNTAX_ERROR(session_count, "expected_session_count", "")
COTATION_SYNTAX_ERROR(threshold_scope, "expected_threshold_scope", "")
COTATION_SYNTAX_ERROR(threshold_window, "expected_window", "")
COTATION_SYNTAX_ERROR(pending_reason, "expected_pending_reason", "")
COTATION_SYNTAX_ERROR(outcome, "expected_outcome", "")
COTATION_SYNTAX_ERROR(rate, "expected_percentage", "")
COTATION_SYNTAX_ERROR(limit_count, "expected_limit_count", "")
COTATION_SYNTAX_ERROR(limit_scope, "expected_counted_scope", "")
COTATION_SYNTAX_ERROR(step_amount, "expected_step_amount", "")
COTATION_SYNTAX_ERROR(amended_target, "expected_amended_target", "")
COTATION_SYNTAX_ERROR(amount_name, "expected_amount_name", "")
COTATION_SYNTAX_ERROR(amount_value, "expected_amount", "")
COTATION_SYNTAX_ERROR(fact_name, "expected_fact_name", "")
COTATION_SYNTAX_ERROR(fact_type, "expected_fact_type", "")
COTATION_SYNTAX_ERROR(instalment_year, "expected_instalment_year", "")
COTATION_SYNTAX_ERROR(year_offset, "expected_instalment_year", "")
COTATION_SYNTAX_ERROR(decision_label, "expected_decision_label", "")
COTATION_SYNTAX_ERROR(example_end, "expected_example_statement_or_end", "")
COTATION_SYNTAX_ERROR(field_value, "expected_field_value", "")
COTATION_SYNTAX_ERROR(billed_code, "expected_billed_code", "")
COTATION_SYNTAX_ERROR(expected_outcome, "expected_example_outcome", "")
COTATION_SYNTAX_ERROR(expected_amount, "expected_example_amount", "")
COTATION_SYNTAX_ERROR(pegtl::one<':'>, "expected_token", ":")

#undef COTATION_SYNTAX_ERROR

// A required keyword: "expected `préalable`".
template <keyword_text Text>
inline constexpr ErrorMessage error_message<keyword<Text>>{"syntax.expected_token", Text.view()};

// What the parser raises; the driver turns it into a diagnostic. `keywords` are those the
// parser tried where it stopped: the words valid there, for a "vouliez-vous dire".
struct SyntaxError {
  ErrorMessage message;
  const char* at;
  std::vector<std::string_view> keywords;
};

// A keyword rule, and its text.
template <typename Rule>
struct keyword_rule : std::false_type {};
template <keyword_text Text>
struct keyword_rule<keyword<Text>> : std::true_type {
  static constexpr std::string_view text = Text.view();
};

// What the control tracks during one parse: the depth of the expression tree being read,
// where each chain of binary operators began, and where the last date that failed began.
struct ParseState {
  std::size_t expression_depth = 0;
  std::size_t max_expression_depth = 0;
  std::vector<const char*> starts;
  const char* failed_start = nullptr;
  std::vector<std::size_t> chain_depths;  // expression_depth where each open chain began
  const char* keywords_at = nullptr;      // where the keywords below were tried
  std::vector<std::string_view> keywords;
};

struct NestingTooDeep {
  const char* at;
};

template <typename Rule>
inline constexpr bool has_message = !error_message<Rule>.id.empty();

// A malformed date is shown from its first character (`22/02/2024`, not its `/`); other
// errors point where the expected piece is missing (`2.21 ` where `€` should follow).
template <typename Rule>
inline constexpr bool points_at_token_start = std::is_base_of_v<date, Rule>;

// The depth counted is the depth of the tree the compiler, the renderers and the tree's own
// copy and destruction recurse over. A parenthesized expression, the operand of `non` or of
// unary `-`, and each right operand of `+`, `-`, `*`, `/`, `et`, `ou` go one level deeper:
// `a + b + c` is ((a + b) + c), two levels, however flat the text. (The one right operand of
// a comparison is not counted: it adds one level at most.) The levels a chain's operands add
// last until the chain ends (a sum, a product, a conjunction, a disjunction, an expression),
// which gives back the depth it began at.
template <typename Rule>
inline constexpr bool deepens =
    std::is_same_v<Rule, expression> || std::is_same_v<Rule, unary_operand> || std::is_same_v<Rule, negation_operand> ||
    std::is_same_v<Rule, product_operand> || std::is_same_v<Rule, conjunction_operand>;

template <typename Rule>
inline constexpr bool ends_chain =
    std::is_same_v<Rule, expression> || std::is_base_of_v<sum, Rule> || std::is_base_of_v<product, Rule> ||
    std::is_base_of_v<conjunction, Rule> || std::is_same_v<Rule, disjunction>;

template <typename First, typename... Rest>
ParseState& parse_state_of(First& first, Rest&... /*unused*/) {
  return first;
}

inline void deepen(ParseState& state, const char* at) {
  // The outermost expression is level 0: the limit counts the levels inside it.
  if (++state.expression_depth > state.max_expression_depth + 1) throw NestingTooDeep{at};
}

inline void end_chain(ParseState& state) {
  state.expression_depth = state.chain_depths.back();
  state.chain_depths.pop_back();
}

// The keywords tried at one place, the last place any was tried.
inline void note_keyword(ParseState& state, const char* at, std::string_view text) {
  if (state.keywords_at != at) {
    state.keywords_at = at;
    state.keywords.clear();
  }
  if (std::find(state.keywords.begin(), state.keywords.end(), text) == state.keywords.end()) {
    state.keywords.push_back(text);
  }
}

template <typename Rule>
struct control : pegtl::normal<Rule> {
  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, States&&... states) {
    static_assert(has_message<Rule>, "a required rule needs a message in syntax_errors.hpp");
    ParseState& state = parse_state_of(states...);
    const char* start = state.failed_start;
    std::vector<std::string_view> keywords;
    if (state.keywords_at == in.current()) keywords = std::move(state.keywords);
    throw SyntaxError{error_message<Rule>, points_at_token_start<Rule> && start != nullptr ? start : in.current(),
                      std::move(keywords)};
  }

  template <typename ParseInput, typename... States>
  static void start(const ParseInput& in, States&&... states) {
    ParseState& state = parse_state_of(states...);
    // An operand's level outlasts it (the next operand of its chain is one deeper still); an
    // expression's level ends with it.
    constexpr bool level_outlasts = deepens<Rule> && !std::is_same_v<Rule, expression>;
    if constexpr (level_outlasts) deepen(state, in.current());
    if constexpr (ends_chain<Rule>) state.chain_depths.push_back(state.expression_depth);
    if constexpr (deepens<Rule> && !level_outlasts) deepen(state, in.current());
    if constexpr (points_at_token_start<Rule>) state.starts.push_back(in.current());
    if constexpr (keyword_rule<Rule>::value) note_keyword(state, in.current(), keyword_rule<Rule>::text);
  }
  template <typename ParseInput, typename... States>
  static void success(const ParseInput& /*unused*/, States&&... states) {
    ParseState& state = parse_state_of(states...);
    if constexpr (ends_chain<Rule>) end_chain(state);
    if constexpr (points_at_token_start<Rule>) state.starts.pop_back();
  }
  template <typename ParseInput, typename... States>
  static void failure(const ParseInput& /*unused*/, States&&... states) {
    ParseState& state = parse_state_of(states...);
    if constexpr (ends_chain<Rule>) end_chain(state);
    if constexpr (points_at_token_start<Rule>) {
      state.failed_start = state.starts.back();
      state.starts.pop_back();
    }
  }
};

}  // namespace cotation::grammar
