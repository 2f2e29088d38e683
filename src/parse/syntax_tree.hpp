// The syntax tree of a rule file: what the analyst wrote, typed, each node with its
// position. Names are not resolved and values are not checked here; the compiler does
// that. Literal numbers keep their text (decimal comma turned into a point), so no
// binary floating point ever holds a value read from a rule file.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace cotation::syntax {

// A byte offset into one source file of the rule set; line and column come from it.
struct Position {
  std::uint32_t file = 0;    // index in the rule set's files
  std::uint32_t offset = 0;  // bytes from the start of the file
};

struct Name {
  std::string text;
  Position position;
};

struct CalendarDate {
  int year = 0;
  int month = 0;
  int day = 0;
  Position position;
};

enum class LiteralKind { date, decimal, money, percentage, distance, duration, text, boolean };

// A typed literal. `text` is canonical: decimals with '.', strings unescaped,
// booleans "vrai"/"faux"; `unit` is the duration unit as written ("mois", "ans"...).
struct Literal {
  LiteralKind kind = LiteralKind::decimal;
  std::string text;
  std::string unit;
  std::optional<CalendarDate> date;
  Position position;
};

struct Citation {
  Name source;
  std::optional<std::string> detail;
  Position position;
};

struct Period {
  std::optional<CalendarDate> since;  // included
  std::optional<CalendarDate> until;  // included
};

enum class SelectorKind { act, letter, item, group, every_act, every_item };

struct Selector {
  SelectorKind kind = SelectorKind::act;
  Name name;  // empty for every_act / every_item
};

enum class ExpressionKind { literal, path, call, set, negation, negative, binary, membership };

// Expressions form a tree: operands are owned by their parent.
struct Expression {
  ExpressionKind kind = ExpressionKind::literal;
  std::string operator_text;         // binary: "ou", "et", "<", "+", "×"...
  Literal literal;                   // literal
  std::vector<Name> path;            // path: patient.âge; call: the function name
  std::vector<Expression> operands;  // call arguments, set members, operands
  Position position;                 // where the expression starts
  Position operator_position;        // binary: where its operator is
  // `+`/`-` of a date and months: the day taken when the target month lacks the date's day,
  // as written ("précédent", "suivant"), at the position of its `arrondi`.
  std::optional<Name> day_rounding;
};

// ---------------------------------------------------------------- statements

struct PricedValue {
  Literal amount;                    // money
  bool per_kilometre = false;
  std::optional<Name> region;
};
struct ValueStatement {
  std::vector<PricedValue> values;
  Period period;
  Citation citation;
};
struct NoteStatement {
  std::string text;
};
struct Rounding {
  Name unit;
  Name mode;
};
struct RoundingStatement {
  Rounding rounding;
  Citation citation;
};
// `télésoin des actes`: the letter bills acts done in telecare.
struct TelecareStatement {
  Citation citation;
};
struct ScheduleUse {  // valeur barème lettres_av7
  Name schedule;
};
struct ComputationStatement {
  Expression expression;
  std::optional<Rounding> rounding;
  Citation citation;
};
struct ConditionStatement {
  Expression expression;
  std::optional<std::string> message;
  Citation citation;
};
struct ParameterValue {
  Literal value;
  Period period;
  Citation citation;
};
struct ArticleStatement {
  Citation citation;
};
struct ClassificationPair {
  Name key;
  Name value;
};
struct ClassificationStatement {
  std::vector<ClassificationPair> pairs;
};
// `cotation` and `remplace`: a key letter and a coefficient over a period.
struct CotationStatement {
  bool replaced = false;  // `remplace`: the old cotation this act supersedes
  bool shared = false;    // `partagée`: declared as also another act's; the claim line names the act
  Name key_letter;
  Literal coefficient;
  Period period;
  Citation citation;
};
enum class ThresholdScope { series, window, from_session };
struct Threshold {
  ThresholdScope scope = ThresholdScope::series;
  std::uint32_t sessions = 0;
  std::optional<Literal> window;  // duration, for ThresholdScope::window
  Position position;
};
struct ReferentialStatement {
  std::string name;
  std::vector<Threshold> thresholds;
  Citation citation;
};
struct PendingStatement {
  std::string reason;
  std::optional<Citation> citation;
};
struct RemovedStatement {
  CalendarDate since;
  Citation citation;
};
struct SelectorStatement {  // `pour ...` in rules and revaluations, members of a group
  std::vector<Selector> selectors;
};
struct PeriodStatement {
  Period period;
};
struct WhenStatement {
  Expression condition;
};
enum class OutcomeKind { refusal, acceptance, prior_approval, rate };
struct OutcomeStatement {
  OutcomeKind kind = OutcomeKind::refusal;
  std::optional<Literal> rate;  // percentage
};
struct LimitStatement {
  std::uint32_t count = 0;
  std::optional<Name> counted_unit;
  std::vector<Name> scopes;  // par an, par patient...
};
struct CumulationStatement {
  std::vector<Selector> excluded;
};
struct RequirementStatement {
  std::vector<Selector> required;  // seulement avec
};
struct MessageStatement {
  std::string text;
};
struct CitationStatement {
  Citation citation;
};
struct StepStatement {
  Literal amount;  // signed decimal
  CalendarDate since;
  Citation citation;
};
enum class DeclarationKind {
  source, letter, item, parameter, act, group, rule, revaluation, amendment, scheme, example, schedule
};
struct Target {
  DeclarationKind kind = DeclarationKind::act;
  Name name;
};
struct Postponement {
  Target target;
  CalendarDate from;
  CalendarDate to;
};
struct Repeal {
  Target target;
  std::optional<CalendarDate> since;
};
struct Statement;
struct Addition {
  Target target;
  std::vector<Statement> statements;
};
// `dispositif` statements. Their expressions read the scheme's facts.
struct AmountStatement {
  Name name;
  std::string label;
  Expression amount;
  std::optional<Expression> condition;  // `si`
  bool outside_prerequisites = false;   // `hors prérequis`
  Period period;
  Citation citation;
};
enum class FactType { boolean, number, percentage, money, date };
struct FactStatement {  // fait taux "..." : pourcentage
  Name name;
  std::string label;
  FactType type = FactType::boolean;
};
struct InstalmentStatement {  // versement année N+2 9000 € selon ...
  std::uint32_t year_offset = 0;
  Expression amount;
  bool at_signature = false;
  Citation citation;
};
struct DecisionStatement {  // décision "..." si ... selon ...
  std::string label;
  std::optional<Expression> condition;
  Citation citation;
};
struct TotalStatement {
  Expression amount;
  Citation citation;
};

// An example's claim field: `patient.âge 45`, `lieu cabinet`. The value is a literal or,
// for enumerations, a name (`cabinet`).
struct ExampleField {
  std::vector<Name> path;
  std::variant<Literal, Name> value;
};
enum class ExpectedDecision { accepted, refused, prior_approval };
// `ligne "RAM 7.49" : acceptée 16,55 €`: a billed code and what the engine must decide.
struct ExampleLine {
  std::string code;
  ExpectedDecision decision = ExpectedDecision::accepted;
  std::optional<Literal> amount;      // money
  std::optional<std::string> reason;  // text the line's reasons must contain
};

struct Statement {
  std::variant<ValueStatement, NoteStatement, RoundingStatement, ComputationStatement, ConditionStatement, ParameterValue,
               ArticleStatement, ClassificationStatement, CotationStatement, ReferentialStatement,
               PendingStatement, RemovedStatement, SelectorStatement, PeriodStatement, WhenStatement,
               OutcomeStatement, LimitStatement, CumulationStatement, RequirementStatement, MessageStatement, CitationStatement,
               StepStatement, Postponement, Repeal, Addition, AmountStatement, ExampleField, ExampleLine,
               FactStatement, InstalmentStatement, DecisionStatement, TotalStatement, TelecareStatement,
               ScheduleUse>
      node;
  Position position;
};

// ---------------------------------------------------------------- declarations

struct SourceAttributes {
  std::optional<CalendarDate> signed_on;
  std::optional<CalendarDate> published_on;
  std::optional<CalendarDate> in_force_on;
  std::optional<Name> rank;
};

struct Declaration {
  DeclarationKind kind = DeclarationKind::source;
  Name name;
  std::string label;
  SourceAttributes source;               // source
  std::optional<Name> exception_of;      // rule
  std::optional<Citation> citation;      // amendment
  std::vector<Statement> statements;
  Position position;
};

struct File {
  std::uint32_t index = 0;
  std::vector<Declaration> declarations;
};

}  // namespace cotation::syntax
