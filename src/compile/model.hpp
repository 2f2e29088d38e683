// The evaluation graph: what the compiler makes of a rule set, and all the evaluator reads.
// Names are resolved to indices, dates to day numbers, dated values to sorted schedules,
// expressions to a shared array of typed nodes. Immutable once built.
#pragma once

#include <algorithm>
#include <compare>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cotation/decimal.hpp"
#include "cotation/engine.hpp"

namespace cotation::model {

// Days since 1970-01-01: comparisons of dates are integer comparisons.
using Day = std::int32_t;
inline constexpr Day first_day = std::numeric_limits<Day>::min();
inline constexpr Day last_day = std::numeric_limits<Day>::max();

[[nodiscard]] Day day_of(const Date& date);
[[nodiscard]] std::string date_text(Day day);  // "2024-02-22"

// Both bounds included.
struct Period {
  Day since = first_day;
  Day until = last_day;
  [[nodiscard]] bool contains(Day day) const noexcept { return since <= day && day <= until; }
  [[nodiscard]] bool overlaps(const Period& other) const noexcept {
    return since <= other.until && other.since <= until;
  }
};

inline constexpr Period no_days{last_day, first_day};  // holds no day

// A legal source as an explanation shows it: "Avenant 7 à la convention nationale, art. 2.1".
struct Citation {
  std::string text;
};

enum class RegionIndex : std::uint8_t { metropole = 0, outre_mer = 1 };
inline constexpr std::size_t region_count = 2;

// ---------------------------------------------------------------- expressions

enum class Type : std::uint8_t {
  boolean, number, money, percentage, distance, duration, date, region, place, prescription, text, structure
};

enum class Op : std::uint8_t {
  constant, field, letter_value, item_value, parameter,
  logical_and, logical_or, logical_not, equal, not_equal, less, less_equal, greater, greater_equal, member,
  add, subtract, multiply, negate, minimum, maximum,
  remainder,  // `a modulo b`: whole numbers, b a constant above zero; from 0 to b - 1
  date_plus, date_minus,  // a date and a duration; Node::reference is the DayRounding
  holds,  // contient(groupe): the claim bills a line of the group (Model::held_groups[reference])
  choice,  // choix(c, a, b): a when the boolean c holds, else b; only the one chosen is read
  fact    // a fact of a `dispositif` (reference: index in RuleSet::Model::facts); never in a claim's expressions
};

// Whether `order` (of a and b) satisfies `a comparison b`, the comparison one of = != < <= > >=.
[[nodiscard]] inline bool satisfies(Op comparison, std::weak_ordering order) {
  switch (comparison) {
    case Op::equal:
      return std::is_eq(order);
    case Op::not_equal:
      return std::is_neq(order);
    case Op::less:
      return std::is_lt(order);
    case Op::less_equal:
      return std::is_lteq(order);
    case Op::greater:
      return std::is_gt(order);
    case Op::greater_equal:
      return std::is_gteq(order);
    default:
      return false;
  }
}

// A date plus months that lands on a day the target month lacks (2024-02-29 + 1 an) takes
// the day the expression declares: the month's last day, or the next month's first.
enum class DayRounding : std::uint8_t { none, previous_day, next_day };

// The claim inputs an expression can read.
enum class Field : std::uint8_t {
  date, region, place, patient_age, prescription_kind, session_number, sessions_12_months_before,
  prior_approval, travel_distance, same_agglomeration, night, sunday_or_holiday, urgent, telehealth,
  line_rank, line_coefficient, line_coefficient_rank,
  initial_date, renewal_date, prescriber_number, prior_diagnosis, practice_structure,
  earlier_sessions_same_day, same_prescription, same_article, same_body_region, casf_establishment,
  charged_for_another_patient, orthopaedic_discharge_date, return_home_programme, nearest_practitioner_distance
};

inline constexpr std::size_t field_count = static_cast<std::size_t>(Field::nearest_practitioner_distance) + 1;

// Whether the evaluator reads the field as an integer (a count, a boolean, an enumeration, a
// date); the distance and the line's coefficient are decimals.
[[nodiscard]] constexpr bool reads_whole(Field field) noexcept {
  return field != Field::travel_distance && field != Field::nearest_practitioner_distance &&
         field != Field::line_coefficient;
}

struct Value {
  Type type = Type::boolean;
  bool boolean = false;
  std::int32_t integer = 0;  // date (Day), enumerations, duration in days or months (see unit)
  Decimal number;            // number, money, percentage, distance
  bool months = false;       // duration unit
};

struct Node {
  Op op = Op::constant;
  Type type = Type::boolean;
  Field field = Field::date;      // Op::field
  std::uint32_t reference = 0;    // letter, item or parameter index
  std::vector<std::uint32_t> operands;
  Value constant;                 // Op::constant
};

using NodeId = std::uint32_t;

// A claim field read as an integer (a boolean as 0 or 1, an enumeration as its rank, a date as
// its day) compared with a constant: `prescription.nature = renouvellement`, `télésoin`
// (telesoin != 0). Found by src/compile/guards.cpp.
struct Comparison {
  Field field = Field::date;
  Op op = Op::equal;  // equal .. greater_equal, the field on the left
  std::int64_t constant = 0;
};

// An expression the evaluator computes from the claim's fields and the rule set's dated values
// without walking the graph (src/compile/guards.cpp): a predicate of fields read as integers
// compared with constants, combined by `et`, `ou` and `non` (`lieu dans {domicile,
// etablissement} et non télésoin`), decimal arithmetic (`(2 × trajet.distance - 2 ×
// abattement_ik_plaine) × IK.valeur`), and comparisons of such arithmetic. Steps in postfix
// order; booleans and decimals are pending on two stacks.
struct Formula {
  struct Step {
    enum class Kind : std::uint8_t {
      comparison, member, negation, conjunction, disjunction,  // booleans
      number, field, parameter, letter_value, item_value,      // decimals pushed
      add, subtract, multiply, negate, minimum, maximum,       // decimals combined
      remainder,
      number_comparison                                        // two decimals compared: a boolean
    };
    Kind kind = Kind::comparison;
    Comparison comparison;  // comparison; member and field: the field; number_comparison: the op
    // member: its constants, integers[first] to integers[first + count - 1]; number:
    // numbers[first]; parameter, letter_value, item_value: the index in the rule set
    std::uint32_t first = 0;
    std::uint32_t count = 0;
  };
  std::vector<Step> steps;
  std::vector<std::int64_t> integers;
  std::vector<Decimal> numbers;
  static constexpr std::size_t max_booleans = 64;  // pending at once, a bit each
  static constexpr std::size_t max_numbers = 4;
};

// A set of up to 64 rules (bit i: a block's rule i) as a step function of one integer, a day or a
// field read as an integer: at x, the set of the last step that starts at or before x.
struct RuleSteps {
  std::vector<std::int64_t> starts;  // increasing; the first is the smallest int64
  std::vector<std::uint64_t> sets;
  [[nodiscard]] std::uint64_t at(std::int64_t x) const noexcept {
    return sets[static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), x) - starts.begin()) - 1];
  }
};

// Up to 64 consecutive rules of a RuleSelection: the ones in force on a day (their periods) and,
// per field that guards some of them, the ones whose guard holds for the field's value.
struct RuleBlock {
  RuleSteps by_day;
  struct GuardedBy {
    Field field = Field::date;
    std::uint64_t guarded = 0;  // the rules whose guard reads the field
    RuleSteps holds;            // at the field's value: the rules whose guard holds, and the others
  };
  std::vector<GuardedBy> by_guard;
};

// The rules whose scope holds one act or item, in the order of RuleSet::Model::rules, and what
// tells which of them may apply to a line without reading each (src/compile/guards.cpp).
struct RuleSelection {
  std::vector<std::uint32_t> rules;
  std::vector<RuleBlock> blocks;  // block b: rules[64 b] to rules[64 b + 63]
  static constexpr std::size_t block_size = 64;
};

// ---------------------------------------------------------------- declarations

struct Rounding {
  int decimals = 2;
  RoundingMode mode = RoundingMode::half_away_from_zero;
  Citation citation;
};

// Where in the rule files a compiled element comes from, for the checks' diagnostics and
// for the timeline, which shows what an amendment moved.
struct Origin {
  std::uint32_t file = 0;
  std::uint32_t offset = 0;
  friend bool operator==(const Origin&, const Origin&) = default;
};

struct RegionalValue {
  Period period;
  std::optional<Decimal> by_region[region_count];
  bool per_kilometre = false;
  Citation citation;
  Origin origin;  // the `valeur` line
};

struct Letter {
  std::string code;
  std::string label;
  std::vector<RegionalValue> values;  // sorted by period, disjoint
  std::optional<Rounding> rounding;
  // `télésoin des actes`: a line "TMK 7.49" bills in telecare an act whose coefficient is 7.49.
  std::optional<Citation> telecare;
};

struct Condition {
  NodeId predicate = 0;
  std::optional<Formula> formula;  // the predicate, when it is one
  std::string message;
  Citation citation;
  std::string name;  // "acte lombalgie, condition 1"
};

struct Item {
  std::string code;
  std::string label;
  std::vector<RegionalValue> values;
  std::vector<Condition> conditions;
  std::optional<NodeId> computation;
  std::optional<Formula> computation_formula;  // the computation, when it is one
  std::optional<Rounding> computation_rounding;
  Citation computation_citation;
};

struct Parameter {
  std::string name;
  std::string label;
  std::vector<std::pair<Period, Value>> values;
  std::vector<Citation> citations;
};

struct Cotation {
  std::uint32_t letter = 0;
  Decimal coefficient;
  Period period;
  Citation citation;
  Origin origin;  // the `cotation` line, or the revaluation step that made it
  std::string revaluation;  // the revaluation that made it; empty for a written cotation
  bool shared = false;      // `partagée`: another act may have the same code; the line names its act
};

struct Threshold {
  enum class Scope : std::uint8_t { series, window, from_session } scope = Scope::series;
  std::uint32_t sessions = 0;
};

struct Referential {
  std::string name;
  std::vector<Threshold> thresholds;
  Citation citation;
};

// The series of an act that makes none (Act::series).
inline constexpr std::uint32_t no_series = std::numeric_limits<std::uint32_t>::max();

struct Act {
  std::string name;
  std::string label;
  Citation article;
  std::string article_reference;  // the article as written: "titre XIV, chapitre II, article 1er A"
  // `classement` pairs (criterion, value) as written: documentation, read by the diff only.
  std::vector<std::pair<std::string, std::string>> classification;
  std::vector<Cotation> cotations;  // sorted, disjoint: revaluations and amendments applied
  std::vector<Cotation> replaced;   // old cotations accepted in a transition
  std::vector<Referential> referentials;
  // The series its sessions make, which the history counts together when a claim gives no
  // prescription.id (docs/claim-format.md, section 7): the index of the first act with the same
  // HAS referential, else its own; no_series for an act that accompanies a series without making
  // one (`classement nature diagnostic` or `supplément`: the bilans, the BDK, the supplements).
  std::uint32_t series = no_series;
  std::optional<std::string> pending;  // reason the act cannot be billed yet
  Citation pending_citation;
  std::optional<Day> removed_since;
  Citation removed_citation;
  std::vector<Condition> conditions;
};

enum class Outcome : std::uint8_t { none, refusal, acceptance, prior_approval, rate };

// The lines a rule applies to, resolved: acts and items by index.
struct Scope {
  std::vector<std::uint32_t> acts;
  std::vector<std::uint32_t> items;
  bool every_act = false;
  bool every_item = false;
  // The groups named in the selector list itself (sorted): their members are in acts and items
  // too; `diff` shows a rule reading a group by the group's name, and the group's members once.
  std::vector<std::string> groups;
  [[nodiscard]] bool empty() const noexcept { return acts.empty() && items.empty() && !every_act && !every_item; }
};

struct Limit {
  std::uint32_t count = 0;
  enum class Per : std::uint8_t { day, year, series, episode } per = Per::day;
};

// A `groupe`, for the tools (the evaluator reads the scopes it expands into): its members, the
// groups it names directly in `members.groups`.
struct Group {
  std::string name;
  std::string label;
  Scope members;
};

struct Rule {
  std::string name;
  std::string label;
  Scope scope;
  Period period;
  std::optional<NodeId> when;
  // A comparison `when` needs to hold (its first conjunct): the evaluator checks it first, and a
  // rule whose guard is false does not apply, without its `si` walked.
  std::optional<Comparison> guard;
  std::optional<Formula> formula;  // `when`, when it is one
  Outcome outcome = Outcome::none;
  Decimal rate;  // Outcome::rate, as a fraction (50 % -> 0.50)
  std::optional<Limit> limit;
  Scope not_cumulable_with;
  // `seulement avec`: the rule applies only when no line among these is left unrefused; they
  // are decided before the lines of the rule's scope (RuleSet::Model::act_pass).
  Scope only_with;
  std::string message;
  Citation citation;
  std::optional<std::uint32_t> exception_of;
};

// One way a billed code "LETTER COEFFICIENT" leads to an act.
struct CodeEntry {
  std::uint32_t act = 0;
  Decimal coefficient;
  Period period;
  bool replaced = false;  // an old cotation, accepted only during its transition
  Origin origin;
  bool shared = false;  // `partagée`: the claim line names which act it is
};

// Orders a key letter's entries by coefficient (by value: 8.09 and 8.090 are one coefficient).
struct CoefficientOrder {
  bool operator()(const CodeEntry& a, const CodeEntry& b) const { return a.coefficient < b.coefficient; }
  bool operator()(const CodeEntry& a, const Decimal& b) const { return a.coefficient < b; }
  bool operator()(const Decimal& a, const CodeEntry& b) const { return a < b.coefficient; }
};

// The entries of a key letter (sorted by coefficient) with `coefficient`: those of the code
// "LETTER COEFFICIENT".
[[nodiscard]] inline std::span<const CodeEntry> entries_with(const std::vector<CodeEntry>& entries,
                                                            const Decimal& coefficient) {
  const auto [first, last] = std::equal_range(entries.begin(), entries.end(), coefficient, CoefficientOrder{});
  return {first, last};
}

// A date moved by an amendment (`reporte`): the timeline shows it beside the moved value.
struct Postponement {
  Origin moved;  // the statement whose date moved
  Day from = 0;
  Day to = 0;
  std::string amendment;  // its name
  Citation citation;      // its source
};

// A declared source, as the diff between two rule sets compares it.
struct Source {
  std::string name;
  std::string label;
  std::string rank;
  std::optional<Day> signed_on;
  std::optional<Day> published_on;
  std::optional<Day> in_force_on;
};

// A line of an example: the billed code and what the engine must decide for it.
struct ExpectedLine {
  std::string code;
  Decision decision = Decision::accepted;
  std::optional<Decimal> amount;      // compared exactly
  std::optional<std::string> reason;  // text one of the line's reasons must contain
};

// `exemple`: a claim written in the rule files and the decision expected for each line.
struct Example {
  std::string name;
  std::string label;
  std::string location;  // "rules/deplacements.cot:120"
  Claim claim;
  std::vector<std::string> fields;  // as written: "patient.âge 45", "trajet.distance 10 km"
  std::vector<ExpectedLine> lines;
};

// ---------------------------------------------------------------- schemes (`dispositif`)

// A fact about the practitioner that a scheme reads, given by the situation evaluated.
struct Fact {
  std::string name;  // as written
  std::string label;
  Type type = Type::boolean;
};

// `montant`: paid when the scheme's prerequisites hold (or `hors prérequis`) and its `si` holds.
struct SchemeAmount {
  std::string name;
  std::string label;
  NodeId amount = 0;  // money
  std::optional<NodeId> condition;
  bool outside_prerequisites = false;
  Period period;
  Citation citation;
};

// `versement année N+k`: one payment of a schedule, N being the year of the situation's date.
struct Instalment {
  std::uint32_t year_offset = 0;
  NodeId amount = 0;  // money
  bool at_signature = false;
  Citation citation;
};

struct SchemeDecision {
  std::string label;
  std::optional<NodeId> condition;  // none: always taken
  Citation citation;
};

struct Scheme {
  std::string name;
  std::string label;
  std::vector<std::uint32_t> facts;  // indices in RuleSet::Model::facts, in declaration order
  std::vector<Condition> prerequisites;
  std::vector<SchemeAmount> amounts;
  std::vector<Instalment> instalments;
  std::vector<SchemeDecision> decisions;  // in order: the first that holds is taken
};

}  // namespace cotation::model

namespace cotation {

// Maps by code, looked up with a std::string_view cut from the billed code: no string built.
struct CodeHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view code) const noexcept { return std::hash<std::string_view>{}(code); }
};
template <typename T>
using CodeMap = std::unordered_map<std::string, T, CodeHash, std::equal_to<>>;

// Texts composed while deciding that reasons refer to (the cotations replacing an old one): each
// kept once, as long as the rule set, so that a reason holds a pointer, not a copy. Any thread.
class HeldTexts {
 public:
  [[nodiscard]] const std::string& keep(std::string_view text) const;

 private:
  struct Store;
  std::shared_ptr<Store> store_ = make_store();
  static std::shared_ptr<Store> make_store();
};

struct RuleSet::Model {
  std::string hash;
  std::vector<model::Node> nodes;
  std::vector<model::Letter> letters;
  std::vector<model::Item> items;
  std::vector<model::Parameter> parameters;
  std::vector<model::Act> acts;
  std::vector<model::Rule> rules;  // in declaration order; priority is declared, never implied
  // By act and by item, the rules whose scope holds it: a line is checked against these only.
  std::vector<model::RuleSelection> rules_by_act;
  std::vector<model::RuleSelection> rules_by_item;
  // By act and by item, the pass of the claim walk that decides its lines: 0 for a line whose
  // rules read no other line's decision, else one more than the lines its `seulement avec` reads.
  std::vector<std::uint8_t> act_pass;
  std::vector<std::uint8_t> item_pass;
  std::vector<model::Postponement> postponements;  // what the amendments moved, in order
  std::vector<model::Source> sources;
  std::vector<std::pair<std::string, model::Scope>> held_groups;  // read by contient(), by name
  std::vector<model::Group> groups;  // every group, in declaration order, for the tools
  CodeMap<std::uint32_t> letter_index;  // by code
  CodeMap<std::uint32_t> item_index;    // by code
  // By key letter, sorted by coefficient (model::entries_with); within one coefficient, in the
  // order of the acts and of their cotations.
  CodeMap<std::vector<model::CodeEntry>> codes_by_letter;
  std::vector<model::Example> examples;  // run by `cotation test`, never by evaluate()
  std::vector<model::Fact> facts;        // of every scheme
  std::vector<model::Scheme> schemes;    // evaluated by evaluate_scheme (cotation/scheme.hpp)
  HeldTexts held_texts;
};

}  // namespace cotation
