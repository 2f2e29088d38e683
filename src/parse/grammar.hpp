// The PEGTL grammar of the rules language. It mirrors grammar/cotation.peg rule for rule,
// with the same names; tests/parse/grammar_mirror_test.cpp keeps the two in step.
// `must<X>` here is `@X` there. Every rule that can be required has a message in
// src/parse/syntax_errors.hpp; a missing one is a compile-time error.
#pragma once

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include <array>
#include <cstddef>
#include <string_view>

#include "parse/utf8.hpp"

namespace cotation::grammar {

namespace pegtl = tao::pegtl;
using pegtl::at;
using pegtl::digit;
using pegtl::eof;
using pegtl::list;
using pegtl::must;
using pegtl::not_at;
using pegtl::one;
using pegtl::opt;
using pegtl::plus;
using pegtl::rep;
using pegtl::seq;
using pegtl::sor;
using pegtl::star;
using pegtl::utf8::any;

// ---------------------------------------------------------------- custom matchers

// A keyword text given as a template argument: `keyword<"référentiel">`.
template <std::size_t Size>
struct keyword_text {
  std::array<char, Size> characters{};
  constexpr keyword_text(const char (&text)[Size]) noexcept {  // NOLINT: implicit on purpose
    for (std::size_t i = 0; i < Size; ++i) characters[i] = text[i];
  }
  [[nodiscard]] constexpr std::string_view view() const noexcept { return {characters.data(), Size - 1}; }
};

// The bytes of the word that starts at `in.current()` (letters, digits, '_'), or 0 when
// no word starts there. Shared by keywords, reserved words and identifiers.
template <typename ParseInput>
[[nodiscard]] std::size_t word_length(const ParseInput& in) noexcept {
  const std::string_view rest(in.current(), in.size(0));
  std::size_t length = 0;
  while (length < rest.size()) {
    const char c = rest[length];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
        (length > 0 && c >= '0' && c <= '9')) {
      ++length;
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x80) break;
    const auto decoded = utf8::decode(rest.substr(length));
    if (!decoded || !utf8::is_latin_letter(decoded->value)) break;
    length += decoded->length;
  }
  return length;
}

// The words reserved as identifiers (see reserved_word in grammar/cotation.peg), folded.
inline constexpr std::array<std::string_view, 40> reserved_words = {
    "source",    "lettre",   "forfait", "parametre",   "acte",     "groupe",
    "regle",     "revalorisation",      "amendement",  "dispositif", "valeur",
    "note",      "calcul",   "condition", "article",   "classement", "cotation",
    "remplace",  "referentiel", "supprime", "pour",    "si",       "alors",
    "message",   "selon",    "depuis",  "coefficient", "reporte",  "abroge",
    "ajoute",    "montant",  "tout",    "et",          "ou",       "non",
    "dans",      "modulo",   "vrai",    "faux",        "exemple"};

[[nodiscard]] inline bool is_reserved(std::string_view word) {
  const std::string folded = utf8::fold(word);
  for (const auto reserved : reserved_words) {
    if (folded == reserved) return true;
  }
  return false;
}

// A whole word equal to Text once both are folded: accents and ASCII case do not count.
template <keyword_text Text>
struct keyword {
  using rule_t = keyword;
  using subs_t = pegtl::type_list<>;

  template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class,
            template <typename...> class, typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... /*unused*/) {
    const std::size_t length = word_length(in);
    if (length == 0) return false;
    static const std::string expected = utf8::fold(Text.view());
    if (utf8::fold(std::string_view(in.current(), length)) != expected) return false;
    in.bump(length);
    return true;
  }
};

// A reserved word (see reserved_word in grammar/cotation.peg).
struct reserved_word {
  using rule_t = reserved_word;
  using subs_t = pegtl::type_list<>;

  template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class,
            template <typename...> class, typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... /*unused*/) {
    const std::size_t length = word_length(in);
    if (length == 0 || !is_reserved(std::string_view(in.current(), length))) return false;
    in.bump(length);
    return true;
  }
};

// One Latin letter with an accent, encoded in UTF-8.
struct latin_letter {
  using rule_t = latin_letter;
  using subs_t = pegtl::type_list<>;

  template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class,
            template <typename...> class, typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... /*unused*/) {
    const auto decoded = utf8::decode(std::string_view(in.current(), in.size(4)));
    if (!decoded || !utf8::is_latin_letter(decoded->value)) return false;
    in.bump(decoded->length);
    return true;
  }
};

// ---------------------------------------------------------------- lexical rules

struct newline : seq<opt<one<'\r'>>, one<'\n'>> {};
struct blank : one<' ', '\t'> {};
struct comment : seq<one<'#'>, star<not_at<newline>, any>> {};
struct _ : star<sor<blank, newline, comment>> {};

struct letter : sor<pegtl::ascii::alpha, latin_letter> {};
struct word : seq<sor<letter, one<'_'>>, star<sor<letter, digit, one<'_'>>>> {};
struct identifier : seq<not_at<reserved_word>, word> {};

struct string_end : one<'"'> {};
struct escaped_character : one<'"', '\\'> {};
struct string_char : sor<seq<one<'\\'>, must<escaped_character>>, seq<not_at<one<'"', '\\'>>, not_at<newline>, any>> {};
struct string : seq<one<'"'>, star<string_char>, must<string_end>> {};

struct digits : plus<digit> {};
struct decimal : seq<digits, opt<one<'.', ','>, digits>> {};
struct signed_decimal : seq<one<'+', '-'>, decimal> {};
struct integer : digits {};

struct date : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>, not_at<digit>> {};

struct money : seq<decimal, star<blank>, sor<pegtl::utf8::one<U'€'>, keyword<"EUR">>> {};
struct percentage : seq<decimal, star<blank>, one<'%'>> {};
struct distance : seq<decimal, star<blank>, keyword<"km">> {};
struct duration_unit
    : sor<keyword<"jours">, keyword<"jour">, keyword<"semaines">, keyword<"semaine">, keyword<"mois">,
          keyword<"années">, keyword<"année">, keyword<"ans">, keyword<"an">> {};
struct duration : seq<integer, star<blank>, duration_unit> {};

struct until_keyword : seq<keyword<"jusqu">, sor<one<'\''>, pegtl::utf8::one<U'’'>>, keyword<"au">> {};
struct beyond_keyword : seq<keyword<"au">, one<'-'>, keyword<"delà">> {};

// ---------------------------------------------------------------- shared clauses

struct citation_source : identifier {};
struct citation_detail : string {};
struct citation : seq<keyword<"selon">, _, must<citation_source>, opt<_, citation_detail>> {};
struct mandatory_citation : citation {};

struct since_date : date {};
struct since : seq<keyword<"depuis">, _, must<since_date>> {};
struct until_date : date {};
struct until : seq<until_keyword, _, must<until_date>> {};
struct period : sor<seq<since, opt<_, until>>, until> {};

struct note_text : string {};
struct note_statement : seq<keyword<"note">, _, must<note_text>> {};

struct selector_kind : sor<keyword<"acte">, keyword<"lettre">, keyword<"forfait">, keyword<"groupe">> {};
struct selector_name : identifier {};
struct every_kind : sor<keyword<"acte">, keyword<"forfait">> {};
struct every_selector : seq<keyword<"tout">, _, must<every_kind>> {};
struct selector : sor<seq<selector_kind, _, must<selector_name>>, every_selector> {};
struct selector_list : seq<selector, star<_, one<','>, _, sor<selector, must<selector_name>>>> {};

// ---------------------------------------------------------------- expressions

struct expression;
struct closing_parenthesis : one<')'> {};
struct value_set_end : one<'}'> {};
struct boolean : sor<keyword<"vrai">, keyword<"faux">> {};
struct literal : sor<date, money, percentage, distance, duration, decimal, string, boolean> {};
struct field_name : word {};
struct path : seq<identifier, star<one<'.'>, must<field_name>>> {};
struct call : seq<identifier, _, one<'('>, _, opt<expression, star<_, one<','>, _, must<expression>>>, _,
                  must<closing_parenthesis>> {};
struct parenthesized : seq<one<'('>, _, must<expression>, _, must<closing_parenthesis>> {};
struct value_set : seq<one<'{'>, _, must<expression>, star<_, one<','>, _, must<expression>>, _,
                       must<value_set_end>> {};
struct primary : sor<literal, call, path, parenthesized> {};
struct unary;
struct unary_operand : seq<unary> {};
struct unary : sor<seq<one<'-'>, _, must<unary_operand>>, primary> {};
struct product_operator : sor<one<'*', '/'>, pegtl::utf8::one<U'×'>, keyword<"modulo">> {};
struct product : seq<unary, star<_, product_operator, _, must<unary_operand>>> {};
struct product_operand : product {};
struct day_rounding_direction : sor<keyword<"précédent">, keyword<"suivant">> {};
struct day_rounding
    : seq<keyword<"arrondi">, _, keyword<"au">, _, keyword<"jour">, _, must<day_rounding_direction>> {};
struct sum_operator : one<'+', '-'> {};
struct sum : seq<product, star<_, sum_operator, _, must<product_operand>, opt<_, day_rounding>>> {};
struct sum_operand : sum {};
struct comparison_operator
    : sor<pegtl::string<'<', '='>, pegtl::string<'>', '='>, pegtl::string<'!', '='>, pegtl::utf8::one<U'≤'>,
          pegtl::utf8::one<U'≥'>, pegtl::utf8::one<U'≠'>, one<'<'>, one<'>'>, one<'='>> {};
struct comparison
    : seq<sum, opt<_, sor<seq<comparison_operator, _, must<sum_operand>>, seq<keyword<"dans">, _, must<value_set>>>>> {};
struct negation;
struct negation_operand : seq<negation> {};
struct negation : sor<seq<keyword<"non">, _, must<negation_operand>>, comparison> {};
struct conjunction : seq<negation, star<_, keyword<"et">, _, must<negation_operand>>> {};
struct conjunction_operand : conjunction {};
struct disjunction : seq<conjunction, star<_, keyword<"ou">, _, must<conjunction_operand>>> {};
struct expression : seq<disjunction> {};

// ---------------------------------------------------------------- declarations

struct declaration_name : identifier {};
struct label : string {};
struct opening_brace : one<'{'> {};

// One statement of a block: the same rule, under a name of its own so that `cotation fmt`
// finds where each statement of any block begins and ends (src/tools/fmt.cpp).
template <typename Statement>
struct block_statement : seq<Statement> {};

// Statements of a block, each followed by spacing, then the closing brace.
template <typename Statement, typename End>
struct block : seq<must<opening_brace>, _, star<block_statement<Statement>, _>, must<End>> {};

template <typename Keyword>
struct declaration_head : seq<Keyword, _, must<declaration_name>, _, must<label>> {};

struct signature_date : date {};
struct publication_date : date {};
struct effect_date : date {};
struct source_rank : identifier {};
struct source_attribute
    : sor<seq<keyword<"signé">, _, must<signature_date>>, seq<keyword<"publié">, _, must<publication_date>>,
          seq<keyword<"en">, _, must<keyword<"vigueur">>, _, must<effect_date>>,
          seq<keyword<"rang">, _, must<source_rank>>> {};
struct source_declaration : seq<declaration_head<keyword<"source">>, star<_, source_attribute>> {};

struct region_name : identifier {};
struct region_clause : seq<keyword<"en">, _, must<region_name>> {};
struct per_unit : seq<keyword<"par">, _, must<keyword<"km">>> {};
struct priced_value : seq<money, opt<_, per_unit>, opt<_, region_clause>> {};
struct value_statement : seq<keyword<"valeur">, _, must<priced_value>, star<_, one<','>, _, must<priced_value>>,
                             opt<_, period>, _, must<mandatory_citation>> {};

struct rounding_unit : identifier {};
struct rounding_mode : identifier {};
struct rounding
    : seq<keyword<"arrondi">, _, must<keyword<"au">>, _, must<rounding_unit>, _, must<rounding_mode>> {};
struct letter_end : one<'}'> {};
struct rounding_statement : seq<rounding, _, must<mandatory_citation>> {};
struct telecare_statement : seq<keyword<"télésoin">, _, must<keyword<"des">>, _, must<keyword<"actes">>, _,
                                must<mandatory_citation>> {};
struct schedule_name : identifier {};
struct schedule_use : seq<keyword<"valeur">, _, keyword<"barème">, _, must<schedule_name>> {};
struct schedule_end : one<'}'> {};
struct schedule_statement : sor<value_statement, note_statement> {};
struct schedule_declaration
    : seq<declaration_head<keyword<"barème">>, _, block<schedule_statement, schedule_end>> {};
struct letter_statement
    : sor<schedule_use, value_statement, rounding_statement, telecare_statement, note_statement> {};
struct letter_declaration : seq<declaration_head<keyword<"lettre">>, _, block<letter_statement, letter_end>> {};

struct computation_statement
    : seq<keyword<"calcul">, _, must<expression>, opt<_, rounding>, _, must<mandatory_citation>> {};

struct message_text : string {};
struct message_statement : seq<keyword<"message">, _, must<message_text>> {};
struct condition_statement
    : seq<keyword<"condition">, _, must<expression>, opt<_, message_statement>, _, must<mandatory_citation>> {};

struct item_end : one<'}'> {};
struct item_statement : sor<schedule_use, value_statement, condition_statement, computation_statement, note_statement> {};
struct item_declaration : seq<declaration_head<keyword<"forfait">>, _, block<item_statement, item_end>> {};

struct parameter_literal : literal {};
struct parameter_value
    : seq<keyword<"valeur">, _, must<parameter_literal>, opt<_, period>, _, must<mandatory_citation>> {};
struct parameter_end : one<'}'> {};
struct parameter_statement : sor<parameter_value, note_statement> {};
struct parameter_declaration
    : seq<declaration_head<keyword<"paramètre">>, _, block<parameter_statement, parameter_end>> {};

struct article_reference : string {};
struct article_statement : seq<keyword<"article">, _, must<citation_source>, _, must<article_reference>> {};
struct classification_key : identifier {};
struct classification_value : sor<keyword<"non">, identifier> {};
struct classification_pair : seq<classification_key, _, must<classification_value>> {};
struct classification_statement
    : seq<keyword<"classement">, _, must<classification_pair>, star<_, one<','>, _, must<classification_pair>>> {};
struct key_letter : identifier {};
struct coefficient : decimal {};
struct shared_code : keyword<"partagée"> {};
struct cotation_statement : seq<keyword<"cotation">, _, must<key_letter>, _, must<coefficient>, opt<_, shared_code>,
                                opt<_, period>, _, must<mandatory_citation>> {};
struct replaces_statement : seq<keyword<"remplace">, _, must<key_letter>, _, must<coefficient>, opt<_, period>, _,
                                must<mandatory_citation>> {};
struct referential_name : string {};
struct session_count : integer {};
struct threshold_window : duration {};
struct threshold_scope
    : sor<seq<keyword<"par">, _, must<keyword<"série">>>, seq<keyword<"sur">, _, must<threshold_window>>> {};
struct threshold
    : sor<seq<beyond_keyword, _, must<keyword<"de">>, _, must<session_count>, _, must<keyword<"séances">>, _,
              must<threshold_scope>>,
          seq<keyword<"dès">, _, must<keyword<"la">>, _, must<keyword<"séance">>, _, must<session_count>>> {};
struct referential_statement
    : seq<keyword<"référentiel">, _, must<referential_name>, _, must<one<':'>>, _, must<keyword<"accord">>, _,
          must<keyword<"préalable">>, _, must<threshold>, star<_, one<','>, _, must<threshold>>, _,
          must<mandatory_citation>> {};
struct pending_reason : string {};
struct pending_statement
    : seq<keyword<"en">, _, keyword<"attente">, _, must<pending_reason>, opt<_, citation>> {};
struct required_since : since {};
struct removed_statement : seq<keyword<"supprimé">, _, must<required_since>, _, must<mandatory_citation>> {};
struct act_end : one<'}'> {};
struct act_statement
    : sor<article_statement, classification_statement, cotation_statement, replaces_statement,
          referential_statement, pending_statement, removed_statement, condition_statement, note_statement> {};
struct act_declaration : seq<declaration_head<keyword<"acte">>, _, block<act_statement, act_end>> {};

struct group_end : one<'}'> {};
struct group_statement : sor<selector_list, note_statement> {};
struct group_declaration : seq<declaration_head<keyword<"groupe">>, _, block<group_statement, group_end>> {};

struct refined_rule : identifier {};
struct exception_clause : seq<keyword<"exception">, _, must<keyword<"de">>, _, must<refined_rule>> {};
struct scope_statement : seq<keyword<"pour">, _, must<selector_list>> {};
struct period_statement : period {};
struct when_statement : seq<keyword<"si">, _, must<expression>> {};
struct rate : percentage {};
struct outcome : sor<keyword<"refus">, keyword<"acceptation">, seq<keyword<"accord">, _, must<keyword<"préalable">>>,
                     seq<keyword<"taux">, _, must<rate>>> {};
struct outcome_statement : seq<keyword<"alors">, _, must<outcome>> {};
struct limit_count : integer {};
struct counted_unit : seq<not_at<keyword<"par">>, identifier> {};
struct limit_scope : identifier {};
struct limit_statement : seq<keyword<"au">, _, keyword<"plus">, _, must<limit_count>, opt<_, counted_unit>, _,
                             must<keyword<"par">>, _, must<limit_scope>, star<_, keyword<"par">, _, must<limit_scope>>> {};
struct cumulation_statement
    : seq<keyword<"non">, _, keyword<"cumulable">, _, must<keyword<"avec">>, _, must<selector_list>> {};
struct requirement_statement : seq<keyword<"seulement">, _, must<keyword<"avec">>, _, must<selector_list>> {};
struct rule_end : one<'}'> {};
struct rule_statement
    : sor<scope_statement, period_statement, when_statement, outcome_statement, limit_statement,
          cumulation_statement, requirement_statement, message_statement, citation, note_statement> {};
struct rule_declaration : seq<declaration_head<keyword<"règle">>, opt<_, exception_clause>, _,
                              block<rule_statement, rule_end>> {};

struct step_amount : seq<signed_decimal> {};
struct step_statement : seq<keyword<"coefficient">, _, must<step_amount>, _, must<required_since>, _,
                            must<mandatory_citation>> {};
struct revaluation_end : one<'}'> {};
struct revaluation_statement : sor<scope_statement, step_statement, note_statement> {};
struct revaluation_declaration
    : seq<declaration_head<keyword<"revalorisation">>, _, block<revaluation_statement, revaluation_end>> {};

struct amended_kind
    : sor<keyword<"lettre">, keyword<"forfait">, keyword<"paramètre">, keyword<"acte">, keyword<"groupe">,
          keyword<"règle">, keyword<"revalorisation">, keyword<"dispositif">> {};
struct amended_target : seq<amended_kind, _, must<declaration_name>> {};
struct moved_date : date {};
struct new_date : date {};
struct postponement : seq<keyword<"reporte">, _, must<amended_target>, _, must<keyword<"du">>, _,
                          must<moved_date>, _, must<keyword<"au">>, _, must<new_date>> {};
struct repeal : seq<keyword<"abroge">, _, must<amended_target>, opt<_, since>> {};
struct addition_end : one<'}'> {};
struct added_statement
    : sor<value_statement, cotation_statement, condition_statement, step_statement, limit_statement,
          period_statement> {};
struct addition : seq<keyword<"ajoute">, _, must<amended_target>, _, block<added_statement, addition_end>> {};
struct amendment_end : one<'}'> {};
struct amendment_statement : sor<postponement, repeal, addition, note_statement> {};
struct amendment_declaration : seq<declaration_head<keyword<"amendement">>, _, must<mandatory_citation>, _,
                                   block<amendment_statement, amendment_end>> {};

struct fact_name : identifier {};
struct fact_type
    : sor<keyword<"booléen">, keyword<"nombre">, keyword<"pourcentage">, keyword<"montant">, keyword<"date">> {};
struct fact_statement
    : seq<keyword<"fait">, _, must<fact_name>, _, must<label>, _, must<one<':'>>, _, must<fact_type>> {};
struct amount_name : identifier {};
struct amount_value : sum {};
struct amount_condition : seq<keyword<"si">, _, must<expression>> {};
struct outside_prerequisites : seq<keyword<"hors">, _, must<keyword<"prérequis">>> {};
struct amount_statement : seq<keyword<"montant">, _, must<amount_name>, _, must<label>, _, must<amount_value>,
                              opt<_, amount_condition>, opt<_, outside_prerequisites>, opt<_, period>, _,
                              must<mandatory_citation>> {};
struct year_offset : integer {};
struct instalment_year : seq<keyword<"N">, opt<one<'+'>, must<year_offset>>> {};
struct at_signature : seq<keyword<"à">, _, must<keyword<"la">>, _, must<keyword<"signature">>> {};
struct instalment_statement
    : seq<keyword<"versement">, _, must<keyword<"année">>, _, must<instalment_year>, _, must<amount_value>,
          opt<_, at_signature>, _, must<mandatory_citation>> {};
struct decision_label : string {};
struct decision_statement
    : seq<keyword<"décision">, _, must<decision_label>, opt<_, amount_condition>, _, must<mandatory_citation>> {};
struct total_statement : seq<keyword<"total">, _, must<amount_value>, _, must<mandatory_citation>> {};
struct scheme_end : one<'}'> {};
struct scheme_statement : sor<fact_statement, amount_statement, instalment_statement, decision_statement,
                              total_statement, condition_statement, note_statement> {};
struct scheme_declaration
    : seq<declaration_head<keyword<"dispositif">>, _, block<scheme_statement, scheme_end>> {};

struct claim_field : seq<identifier, star<one<'.'>, must<field_name>>> {};
struct field_value : sor<literal, identifier> {};
struct example_field : seq<claim_field, star<blank>, must<field_value>> {};
struct billed_code : string {};
struct expected_amount : money {};
struct expected_reason : string {};
struct expected_outcome
    : sor<seq<keyword<"acceptée">, _, must<expected_amount>>, seq<keyword<"refusée">, opt<_, expected_reason>>,
          seq<keyword<"accord">, _, must<keyword<"préalable">>, opt<_, expected_amount>>> {};
struct example_line : seq<keyword<"ligne">, _, must<billed_code>, _, must<one<':'>>, _, must<expected_outcome>> {};
struct example_end : one<'}'> {};
struct example_statement : sor<example_line, note_statement, example_field> {};
struct example_declaration : seq<declaration_head<keyword<"exemple">>, _, block<example_statement, example_end>> {};

struct declaration
    : sor<source_declaration, schedule_declaration, letter_declaration, item_declaration, parameter_declaration, act_declaration,
          group_declaration, rule_declaration, revaluation_declaration, amendment_declaration,
          scheme_declaration, example_declaration> {};
struct end_of_file : eof {};
struct rule_file : seq<_, star<not_at<end_of_file>, must<declaration>, _>, end_of_file> {};

}  // namespace cotation::grammar

namespace tao::pegtl {

// The custom matchers consume at least one byte when they succeed.
template <typename Name, cotation::grammar::keyword_text Text>
struct analyze_traits<Name, cotation::grammar::keyword<Text>> : analyze_any_traits<> {};
template <typename Name>
struct analyze_traits<Name, cotation::grammar::reserved_word> : analyze_any_traits<> {};
template <typename Name>
struct analyze_traits<Name, cotation::grammar::latin_letter> : analyze_any_traits<> {};

}  // namespace tao::pegtl
