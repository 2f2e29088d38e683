// Deciding a claim: each billed line is matched to an act or an item, priced from the
// dated schedules, then put through the act's conditions, its referential thresholds and
// the rules that apply to it. Everything read from the claim and every decision taken is
// recorded for the explanation.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <utility>

#include "compile/expression_text.hpp"
#include "compile/model.hpp"
#include "evaluate/calendar.hpp"
#include "evaluate/history.hpp"
#include "evaluate/values.hpp"

namespace cotation {

namespace {

// What the billed code designates.
struct Subject {
  bool is_act = false;
  std::size_t index = static_cast<std::size_t>(-1);  // none
  Decimal coefficient;                               // acts
  const model::Cotation* cotation = nullptr;
  bool old_cotation = false;   // an old cotation accepted during its transition
  bool several_acts = false;   // ... that several acts replaced: which one is not known
  bool act_not_named = false;  // a shared code (`partagée`) whose line does not name one of its acts
  // Acts: the cotations of the code's key letter, null when the letter is unknown or the
  // coefficient is not a number (coefficient_read false).
  const std::vector<model::CodeEntry>* entries = nullptr;
  std::span<const model::CodeEntry> with_coefficient;  // those of `entries` with the coefficient
  bool coefficient_read = false;
  bool letter_known = false;  // "LETTER COEFFICIENT" whose letter the rules declare
  // Whether several acts replace the code (AMS 7.5), and then the source of the replacement
  // that ended last, cited when the code is billed after it (outdated_shared_code()).
  bool replaced_by_several_acts = false;
  std::string_view last_replacement_source;
  // A telecare letter (`télésoin des actes`, TMK): the line bills in telecare an act whose
  // coefficient it gives; the acts with that coefficient on the date are its candidates.
  const model::Letter* telecare = nullptr;
  std::size_t candidates = 0;
};

}  // namespace

struct EvaluationScratch::State {
  history::Histories histories;
  std::vector<model::Value> values;  // per node, valid when stamp matches
  std::vector<std::uint32_t> stamps;
  std::uint32_t generation = 0;
  // Per claim, kept here so that their capacity serves the next claim.
  std::vector<Subject> subjects;                            // per billed line
  std::vector<std::uint32_t> applying;                      // the rules that apply to the current line
  std::string piece;                                        // one part of a reason's message being written
  std::vector<std::pair<std::size_t, std::size_t>> pieces;  // parts already in the message
  // A text composed for one old code, kept for the next claims that need the same: the reasons
  // about an old code list the cotations of every act that replaces it (AMS 7.5: dozens). It
  // holds on the days of the periods it was composed from, whatever the order of the claims'
  // dates. Keyed by addresses inside the rule set, and by the count of rule sets destroyed:
  // another rule set may take a freed one's place, but not without that count changing.
  struct CachedText {
    std::uint64_t rule_sets_destroyed = 0;
    const model::Act* act = nullptr;
    const std::vector<model::CodeEntry>* entries = nullptr;  // none: nothing kept yet
    Decimal coefficient;
    model::Period days;
    std::string text;
  };
  CachedText transition;  // the reason of an old cotation accepted in its transition
  CachedText in_force;    // the cotations in force that replace an old code after its transition
  // What the codes billed lately designate whatever the date (resolve()'s two hash lookups and
  // number read), in slots chosen by a hash of the code, and the act a line that names none
  // bills with it on the days `resolved_days` (the last resolved). Keyed by the rule set's
  // address and the count of rule sets destroyed, as CachedText.
  struct LookedUpCode {
    std::uint64_t rule_sets_destroyed = 0;
    const RuleSet::Model* model = nullptr;  // none: an empty slot
    std::string code;
    Subject subject;
    Subject resolved;
    model::Period resolved_days = model::no_days;
  };
  std::array<LookedUpCode, 64> looked_up;
  std::vector<LineDecision> candidates;  // a telecare line decided for each of its candidate acts
};

EvaluationScratch::EvaluationScratch() : state_(std::make_unique<State>()) {}
EvaluationScratch::~EvaluationScratch() = default;
EvaluationScratch::EvaluationScratch(EvaluationScratch&&) noexcept = default;
EvaluationScratch& EvaluationScratch::operator=(EvaluationScratch&&) noexcept = default;

namespace {
// What a scratch's cached texts check, for they hold addresses inside a rule set.
std::atomic<std::uint64_t> rule_sets_destroyed{0};
}  // namespace

RuleSet::RuleSet(std::unique_ptr<const Model> model) : model_(std::move(model)) {}
RuleSet::~RuleSet() {
  rule_sets_destroyed.fetch_add(1, std::memory_order_relaxed);
}
const std::string& RuleSet::hash() const noexcept {
  return model_->hash;
}

namespace {

using namespace model;

constexpr std::size_t none = static_cast<std::size_t>(-1);

// A field the rules need but the claim lacks: the line cannot be decided.
struct MissingField {
  std::string_view name;
};

std::string_view field_name(Field field) {
  switch (field) {
    case Field::date:
      return "date";
    case Field::region:
      return "region";
    case Field::place:
      return "place";
    case Field::patient_age:
      return "patient.age";
    case Field::prescription_kind:
      return "prescription.kind";
    case Field::session_number:
      return "series.session_number";
    case Field::sessions_12_months_before:
      return "series.sessions_12_months_before";
    case Field::prior_approval:
      return "series.prior_approval";
    case Field::travel_distance:
      return "travel.distance_km";
    case Field::same_agglomeration:
      return "travel.same_agglomeration";
    case Field::night:
      return "time.night";
    case Field::sunday_or_holiday:
      return "time.sunday_or_holiday";
    case Field::urgent:
      return "time.urgent";
    case Field::telehealth:
      return "telehealth";
    case Field::line_rank:
      return "ligne.rang";
    case Field::line_coefficient:
      return "ligne.coefficient";
    case Field::initial_date:
      return "prescription.initial_date";
    case Field::renewal_date:
      return "prescription.renewal_date";
    case Field::prescriber_number:
      return "prescription.prescriber_number";
    case Field::prior_diagnosis:
      return "prescription.prior_diagnosis";
    case Field::practice_structure:
      return "practitioner.structure";
    case Field::earlier_sessions_same_day:
      return "same_day.earlier_sessions";
    case Field::same_prescription:
      return "same_day.same_prescription";
    case Field::same_article:
      return "same_day.same_article";
    case Field::same_body_region:
      return "same_day.same_body_region";
    case Field::casf_establishment:
      return "travel.casf_establishment";
    case Field::charged_for_another_patient:
      return "travel.charged_for_another_patient";
  }
  return "";
}

// The NGAP article of an act: "titre XIV, chapitre II, article 1er A" -> "titre XIV, chapitre
// II, article 1er" (the letter is a paragraph of article 1er); a reference without an article
// (the bilans: "chapitre I, section 1") is kept whole.
std::string_view article_of(const Act& act) {
  const std::string_view reference = act.article_reference;
  constexpr std::string_view word = "article ";
  const auto at = reference.find(word);
  if (at == std::string_view::npos) return reference;
  return reference.substr(0, reference.find(' ', at + word.size()));
}

// The anatomical region of an act, from its `classement` (empty when it has none).
std::string_view body_region_of(const Act& act) {
  for (const auto& [criterion, value] : act.classification) {
    if (criterion == "région" || criterion == "region") return value;
  }
  return {};
}

// No value of a schedule covers the date: reported, never the nearest value.
struct NoValueInForce {
  std::string what;
};

// A date plus months lands on a day its month lacks and the expression declares no rounding.
template <typename T>
T require(const std::optional<T>& value, Field field) {
  if (!value) throw MissingField{field_name(field)};
  return *value;
}

// Age in whole years on `on`, by the birthday rule (a birthday on 29 February falls on
// 1 March in other years).
std::int32_t age_on(const Date& birth, Day on) {
  const std::chrono::year_month_day today{std::chrono::sys_days(std::chrono::days(on))};
  int years = static_cast<int>(today.year()) - static_cast<int>(birth.year());
  const auto month_day_today = std::pair{static_cast<unsigned>(today.month()), static_cast<unsigned>(today.day())};
  auto month_day_birth = std::pair{static_cast<unsigned>(birth.month()), static_cast<unsigned>(birth.day())};
  if (month_day_birth == std::pair{2U, 29U} && !today.year().is_leap()) month_day_birth = {3U, 1U};
  if (month_day_today < month_day_birth) --years;
  return years;
}

bool in_scope(const Scope& scope, const Subject& subject) {
  if (subject.is_act) {
    return scope.every_act || std::binary_search(scope.acts.begin(), scope.acts.end(), subject.index);
  }
  return scope.every_item || std::binary_search(scope.items.begin(), scope.items.end(), subject.index);
}

class LineEvaluation {
 public:
  // `series` and `same_day` are the claim's, or completed from the patient's `history` (null
  // when the claim is decided alone).
  LineEvaluation(const RuleSet::Model& model, const Claim& claim, const Series& series, const SameDay& same_day,
                 const history::Patient* history, EvaluationScratch::State& scratch,
                 std::vector<ExplanationStep>* explanation)
      : model_(model),
        claim_(claim),
        series_(series),
        same_day_(same_day),
        history_(history),
        scratch_(scratch),
        explanation_(explanation) {}

  // Explanations are built only when asked for: the texts are formatted inside `step`.
  template <typename MakeStep>
  void explain(MakeStep&& step) {
    if (explanation_ == nullptr) return;
    explanation_->push_back(step());
    explanation_->back().line = line_index_;
  }

  Day day() const { return day_; }
  void set_day(Day day) { day_ = day; }
  // `index` is the line's in claim.lines; `rank` counts the acts up to it.
  void set_line(std::size_t index, std::size_t rank, const Decimal& coefficient) {
    line_index_ = index;
    line_rank_ = rank;
    line_coefficient_ = coefficient;
    forget_values();
  }
  // Forgets the values computed for the line: they depend on its subject, which changes with the
  // line, and for a telecare line decided for each of its candidate acts, with the candidate.
  // The claim's own fields, read as integers, are kept.
  void forget_values() {
    ++scratch_.generation;
    wholes_read_ &= ~line_fields;
  }

  RegionIndex region() const {
    return require(claim_.region, Field::region) == Region::metropole ? RegionIndex::metropole : RegionIndex::outre_mer;
  }

  // The value of a letter or item on the claim's date in the claim's region. A date that
  // no period covers is reported, never given the nearest value.
  Decimal value_at(const std::vector<RegionalValue>& values, const std::string& code) {
    const auto index = static_cast<std::size_t>(region());
    const RegionalValue* value = value_in_force(values);
    if (value == nullptr) {
      throw NoValueInForce{fmt::format("aucune valeur de {} n'est en vigueur le {} en {}", code, date_text(day_),
                                       index == 0 ? "métropole" : "outre-mer")};
    }
    explain([&] {
      return ExplanationStep{fmt::format("valeur de {} le {}", code, date_text(day_)),
                             value->by_region[index]->to_string(), value->citation.text};
    });
    return *value->by_region[index];
  }
  // value_at()'s value, which has one for the claim's region; null when none is in force or the
  // claim gives no region.
  const RegionalValue* value_in_force(const std::vector<RegionalValue>& values) const {
    if (!claim_.region) return nullptr;
    const auto index = static_cast<std::size_t>(region());
    for (const auto& value : values) {
      if (value.period.contains(day_) && value.by_region[index]) return &value;
    }
    return nullptr;
  }

  // The index of the parameter's value in force on the claim's date; none when no period holds it.
  std::optional<std::size_t> parameter_in_force(const Parameter& parameter) const {
    for (std::size_t i = 0; i < parameter.values.size(); ++i) {
      if (parameter.values[i].first.contains(day_)) return i;
    }
    return std::nullopt;
  }

  // Past a threshold, a claim that does not say the fund's approval was granted gets the
  // decision `prior_approval`, which is what that decision means: billable only with it.
  bool prior_approval_granted() {
    if (!series_.prior_approval) {
      explain([&] { return ExplanationStep{"series.prior_approval", "absent : accord non établi", "facture"}; });
      return false;
    }
    return field(Field::prior_approval, Type::boolean).boolean;
  }

  // A count that thresholds and limits read, none when the claim lacks it; field() shows it in
  // an explanation (and reports it missing there, as the graph does).
  std::optional<std::int32_t> counted(Field which) {
    if (explanation_ != nullptr) field(which, Type::number);
    const auto count = whole_field(which);
    if (!count) return std::nullopt;
    return static_cast<std::int32_t>(*count);
  }

  // A predicate's value. Its top `et` and `ou` are decided here, left side first as compute()
  // does, without a call and a memo entry for each: a rule's `si` is most often a conjunction
  // whose left side is false.
  bool is_true(NodeId id) {
    const Node& node = model_.nodes[id];
    if (node.op == Op::logical_and) return is_true(node.operands[0]) && is_true(node.operands[1]);
    if (node.op == Op::logical_or) return is_true(node.operands[0]) || is_true(node.operands[1]);
    return evaluate(id).boolean;
  }

  // The rules of `block` in force on the day whose guard is not known false, each guard's field
  // read without a memo entry: those whose `si` is walked. A guard whose field is missing is not
  // known false (the graph then reports the field); with an explanation, no guard is: it shows
  // the walk.
  std::uint64_t may_apply(const RuleBlock& block) {
    std::uint64_t rules = block.by_day.at(day_);
    if (explanation_ != nullptr) return rules;
    for (const auto& [field, guarded, holds] : block.by_guard) {
      if ((rules & guarded) == 0) continue;
      if (const auto value = whole_field(field)) rules &= holds.at(*value);
    }
    return rules;
  }

  // A formula's boolean or decimal, whichever it leaves, computed from the fields and the dated
  // values without a memo entry, in the graph's order. False when a field it reads is missing or
  // a dated value is not in force (the graph then reports the first), or when an explanation is
  // asked for (it shows the walk).
  bool compute(const Formula& formula, bool& truth, Decimal& number) {
    using Kind = Formula::Step::Kind;
    if (explanation_ != nullptr) return false;
    std::uint64_t booleans = 0;  // pending, a bit each, the last lowest
    std::array<Decimal, Formula::max_numbers> numbers;
    std::size_t pending = 0;  // numbers
    const auto push = [&](const Decimal& value) { numbers[pending++] = value; };
    for (const auto& step : formula.steps) {
      switch (step.kind) {
        case Kind::comparison:
        case Kind::member: {
          const auto value = whole_field(step.comparison.field);
          if (!value) return false;
          bool holds = false;
          if (step.kind == Kind::comparison) {
            holds = satisfies(step.comparison.op, *value <=> step.comparison.constant);
          } else {
            const auto constants = std::span(formula.integers).subspan(step.first, step.count);
            holds = std::find(constants.begin(), constants.end(), *value) != constants.end();
          }
          booleans = booleans << 1 | static_cast<std::uint64_t>(holds);
          break;
        }
        case Kind::negation:
          booleans ^= 1;
          break;
        case Kind::conjunction:
        case Kind::disjunction: {
          const std::uint64_t right = booleans & 1;
          booleans >>= 1;
          booleans = step.kind == Kind::conjunction ? booleans & (~std::uint64_t{1} | right) : booleans | right;
          break;
        }
        case Kind::number:
          push(formula.numbers[step.first]);
          break;
        case Kind::field: {
          const auto value = number_field(step.comparison.field);
          if (!value) return false;
          push(*value);
          break;
        }
        case Kind::parameter: {
          const Parameter& parameter = model_.parameters[step.first];
          const auto i = parameter_in_force(parameter);
          if (!i) return false;
          push(parameter.values[*i].second.number);
          break;
        }
        case Kind::letter_value:
        case Kind::item_value: {
          const RegionalValue* value = value_in_force(
              step.kind == Kind::letter_value ? model_.letters[step.first].values : model_.items[step.first].values);
          if (value == nullptr) return false;
          push(*value->by_region[static_cast<std::size_t>(region())]);
          break;
        }
        case Kind::negate:
          numbers[pending - 1] = -numbers[pending - 1];
          break;
        case Kind::add:
        case Kind::subtract:
        case Kind::multiply:
        case Kind::minimum:
        case Kind::maximum: {
          const Decimal& right = numbers[--pending];
          Decimal& left = numbers[pending - 1];
          switch (step.kind) {
            case Kind::add:
              left = left + right;
              break;
            case Kind::subtract:
              left = left - right;
              break;
            case Kind::multiply:
              left = left * right;
              break;
            case Kind::minimum:
              if (!(left <= right)) left = right;
              break;
            default:
              if (!(left >= right)) left = right;
              break;
          }
          break;
        }
        case Kind::number_comparison: {
          pending -= 2;
          const bool holds = satisfies(step.comparison.op, numbers[pending] <=> numbers[pending + 1]);
          booleans = booleans << 1 | static_cast<std::uint64_t>(holds);
          break;
        }
      }
    }
    truth = (booleans & 1) != 0;
    if (pending != 0) number = numbers[0];
    return true;
  }

  // A reference into the scratch, whose values do not move while a claim is decided.
  const Value& evaluate(NodeId id) {
    Value& memo = scratch_.values[id];
    if (scratch_.stamps[id] == scratch_.generation) return memo;
    const Node& node = model_.nodes[id];
    if (node.op == Op::constant) return node.constant;  // nothing to remember
    memo = compute(node);
    scratch_.stamps[id] = scratch_.generation;
    return memo;
  }

 private:
  // A claim field as the rules read it, typed `type` (the field's, as the compiler gave it).
  Value field(Field field, Type type) {
    Value v;
    v.type = type;
    if (!reads_whole(field) || type == Type::number) {
      v.number = require(number_field(field), field);
    } else {
      const std::int64_t whole = require(whole_field(field), field);
      if (type == Type::boolean) {
        v.boolean = whole != 0;
      } else {
        v.integer = static_cast<std::int32_t>(whole);
      }
    }
    explain([&] { return ExplanationStep{std::string(field_name(field)), describe(v), "facture"}; });
    return v;
  }

  // A field as the decimal arithmetic reads it: the distance, the line's coefficient, or a count
  // read as an integer; none when the claim lacks it. field() and formulas read it alike.
  std::optional<Decimal> number_field(Field field) {
    if (field == Field::travel_distance) return claim_.travel.distance_km;
    if (field == Field::line_coefficient) return line_coefficient_;
    const auto whole = whole_field(field);
    if (!whole) return std::nullopt;
    return Decimal(*whole);
  }

  // A field read as an integer (model::reads_whole): a boolean as 0 or 1, an enumeration as its
  // rank, a date as its day number; none when the claim lacks it. Read once a claim, or once a
  // line for those that depend on the line (line_fields): the guards and formulas of the rules
  // and conditions read the same few fields.
  std::optional<std::int64_t> whole_field(Field field) {
    const auto index = static_cast<std::size_t>(field);
    const std::uint32_t bit = 1U << index;
    if ((wholes_read_ & bit) == 0) {
      const auto value = read_whole_field(field);
      wholes_read_ |= bit;
      wholes_missing_ = value ? wholes_missing_ & ~bit : wholes_missing_ | bit;
      if (value) wholes_[index] = *value;
    }
    if ((wholes_missing_ & bit) != 0) return std::nullopt;
    return wholes_[index];
  }

  // Out of line: whole_field() stays small enough to inline where a line's guards are checked.
  [[gnu::noinline]] std::optional<std::int64_t> read_whole_field(Field field) const {
    const auto given = [](const auto& value) -> std::optional<std::int64_t> {
      if (!value) return std::nullopt;
      return static_cast<std::int64_t>(*value);
    };
    switch (field) {
      case Field::date:
        return day_;
      case Field::region:
        if (!claim_.region) return std::nullopt;
        return static_cast<std::int64_t>(region());
      case Field::place:
        return given(claim_.place);
      case Field::patient_age:
        if (claim_.patient.age) return *claim_.patient.age;
        if (claim_.patient.birth_date) return age_on(*claim_.patient.birth_date, day_);
        return std::nullopt;
      case Field::prescription_kind:
        return given(claim_.prescription.kind);
      case Field::session_number:
        return given(series_.session_number);
      case Field::sessions_12_months_before:
        return given(series_.sessions_12_months_before);
      case Field::prior_approval:
        return given(series_.prior_approval);
      case Field::same_agglomeration:
        return given(claim_.travel.same_agglomeration);
      case Field::night:
        return given(claim_.time.night);
      case Field::sunday_or_holiday:
        return given(claim_.time.sunday_or_holiday);
      case Field::urgent:
        return given(claim_.time.urgent);
      case Field::telehealth:
        return given(claim_.telehealth);
      case Field::line_rank:
        return static_cast<std::int64_t>(line_rank_);
      case Field::initial_date:
        if (!claim_.prescription.initial_date) return std::nullopt;
        return day_of(*claim_.prescription.initial_date);
      case Field::renewal_date:
        if (!claim_.prescription.renewal_date) return std::nullopt;
        return day_of(*claim_.prescription.renewal_date);
      case Field::prescriber_number: {
        // Nine digits, checked when the claim was read: compared as the number they write.
        if (!claim_.prescription.prescriber_number) return std::nullopt;
        const std::string& digits = *claim_.prescription.prescriber_number;
        std::int64_t number = 0;
        std::from_chars(digits.data(), digits.data() + digits.size(), number);
        return number;
      }
      case Field::prior_diagnosis:
        return given(claim_.prescription.prior_diagnosis);
      case Field::practice_structure:
        return given(claim_.practitioner.structure);
      case Field::earlier_sessions_same_day:
        return given(same_day_.earlier_sessions);
      case Field::same_prescription:
        return given(same_day_.same_prescription);
      case Field::same_article:
        return given(same_day_.same_article ? same_day_.same_article : shared_with_same_day(article_of));
      case Field::same_body_region:
        return given(same_day_.same_body_region ? same_day_.same_body_region : shared_with_same_day(body_region_of));
      case Field::casf_establishment:
        return given(claim_.travel.casf_establishment);
      case Field::charged_for_another_patient:
        // Claims of different patients are never compared (each thread of `eval --jobs` has
        // its own patients): not given, no other patient's claim is known to have charged it.
        return claim_.travel.charged_for_another_patient.value_or(false) ? 1 : 0;
      case Field::travel_distance:
      case Field::line_coefficient:
        break;  // decimals: field() reads them
    }
    return std::nullopt;
  }

  // Whether an act of this claim has the same `key` (article, anatomical region) as an act
  // accepted in one of the patient's earlier sessions of the same day; unknown (nullopt) when
  // the claim is decided alone or when, no two being equal, some act has no such key.
  std::optional<bool> shared_with_same_day(std::string_view (*key)(const Act&)) const {
    if (history_ == nullptr) return std::nullopt;
    bool unknown = false;
    for (const Subject& subject : scratch_.subjects) {
      if (!subject.is_act || subject.index == none) continue;
      const std::string_view mine = key(model_.acts[subject.index]);
      for (const auto& before : history_->billed_between(day_, day_)) {
        if (!before.is_act) continue;
        const std::string_view theirs = key(model_.acts[before.index]);
        if (mine.empty() || theirs.empty()) {
          unknown = true;
        } else if (mine == theirs) {
          return true;
        }
      }
    }
    if (unknown) return std::nullopt;
    return false;
  }

  static std::string describe(const Value& v) {
    switch (v.type) {
      case Type::boolean:
        return v.boolean ? "vrai" : "faux";
      case Type::date:
        return date_text(v.integer);
      case Type::region:
        return v.integer == 0 ? "metropole" : "outre_mer";
      case Type::place:
        return v.integer == 0 ? "cabinet" : v.integer == 1 ? "domicile" : "etablissement";
      case Type::prescription:
        return v.integer == 0 ? "medicale" : v.integer == 1 ? "renouvellement" : "acces_direct";
      case Type::structure:
        return value_text(v);
      case Type::duration:
        return fmt::format("{} {}", v.integer, v.months ? "mois" : "jours");
      default:
        return v.number.to_string();
    }
  }

  Value compute(const Node& node) {
    Value v;
    v.type = node.type;
    const auto operand = [&](std::size_t i) -> const Value& { return evaluate(node.operands[i]); };
    // Left, then right (a braced list is read in order, a call's arguments are not): an
    // explanation lists the values in that order, and the first missing field is the one reported.
    const auto operands = [&] { return std::pair<const Value&, const Value&>{operand(0), operand(1)}; };
    switch (node.op) {
      case Op::constant:
        return node.constant;
      case Op::holds: {
        const Scope& group = model_.held_groups[node.reference].second;
        v.boolean = std::any_of(scratch_.subjects.begin(), scratch_.subjects.end(), [&](const Subject& subject) {
          return subject.index != none && in_scope(group, subject);
        });
        return v;
      }
      case Op::field:
        return field(node.field, node.type);
      case Op::letter_value: {
        const Letter& letter = model_.letters[node.reference];
        v.number = value_at(letter.values, letter.code);
        return v;
      }
      case Op::item_value: {
        const Item& item = model_.items[node.reference];
        v.number = value_at(item.values, item.code);
        return v;
      }
      case Op::parameter: {
        const Parameter& parameter = model_.parameters[node.reference];
        const auto i = parameter_in_force(parameter);
        if (!i) {
          throw NoValueInForce{
              fmt::format("aucune valeur du paramètre {} n'est en vigueur le {}", parameter.name, date_text(day_))};
        }
        explain([&] {
          return ExplanationStep{fmt::format("paramètre {}", parameter.name), describe(parameter.values[*i].second),
                                 parameter.citations[*i].text};
        });
        return parameter.values[*i].second;
      }
      // `et` and `ou` read their right side only when the left does not decide: a
      // field that only the right side needs is not required.
      case Op::logical_and:
        v.boolean = operand(0).boolean && operand(1).boolean;
        return v;
      case Op::logical_or:
        v.boolean = operand(0).boolean || operand(1).boolean;
        return v;
      case Op::logical_not:
        v.boolean = !operand(0).boolean;
        return v;
      case Op::equal:
      case Op::not_equal:
      case Op::less:
      case Op::less_equal:
      case Op::greater:
      case Op::greater_equal: {
        const auto [a, b] = operands();
        v.boolean = satisfies(node.op, order(a, b));
        return v;
      }
      case Op::member: {
        const Value& element = operand(0);
        for (std::size_t i = 1; i < node.operands.size(); ++i) {
          if (std::is_eq(order(element, operand(i)))) {
            v.boolean = true;
            return v;
          }
        }
        v.boolean = false;
        return v;
      }
      case Op::add: {
        const auto [a, b] = operands();
        v.number = a.number + b.number;
        return v;
      }
      case Op::subtract: {
        const auto [a, b] = operands();
        v.number = a.number - b.number;
        return v;
      }
      case Op::multiply: {
        const auto [a, b] = operands();
        v.number = product(a, b);
        return v;
      }
      case Op::negate:
        v.number = -operand(0).number;
        return v;
      case Op::minimum: {
        const auto [a, b] = operands();
        return std::is_lteq(order(a, b)) ? a : b;
      }
      case Op::maximum: {
        const auto [a, b] = operands();
        return std::is_gteq(order(a, b)) ? a : b;
      }
      case Op::date_plus:
      case Op::date_minus: {
        const auto [date, duration] = operands();
        try {
          v.integer = shift_date(node, date.integer, duration);
        } catch (const OutsideCalendar& error) {
          throw NoValueInForce{error.what()};
        }
        return v;
      }
      case Op::fact:  // only in a scheme's expressions, which src/evaluate/scheme.cpp evaluates
        break;
    }
    return v;
  }

  const RuleSet::Model& model_;
  const Claim& claim_;
  const Series& series_;
  const SameDay& same_day_;
  const history::Patient* history_;
  EvaluationScratch::State& scratch_;
  std::vector<ExplanationStep>* explanation_;
  Day day_ = 0;
  std::optional<std::size_t> line_index_;  // none until a line is being decided
  std::size_t line_rank_ = 0;
  Decimal line_coefficient_;
  static_assert(field_count <= 32, "a bit of wholes_read_ for each field");
  // The fields whose value depends on the line's subject and rank; the others are the claim's.
  static constexpr std::uint32_t line_fields = 1U << static_cast<unsigned>(Field::line_rank) |
                                               1U << static_cast<unsigned>(Field::same_article) |
                                               1U << static_cast<unsigned>(Field::same_body_region);
  std::array<std::int64_t, field_count> wholes_;  // whole_field()'s, for the bits of wholes_read_
  std::uint32_t wholes_read_ = 0;
  std::uint32_t wholes_missing_ = 0;
};

// Narrows `days`, which hold `day`, to those that `period` holds, or not, as it holds `day`:
// what was decided from `period` on `day` is the same on each of `days`. Returns whether
// `period` holds `day`.
bool narrow_to_same(Period& days, const Period& period, Day day) {
  if (period.contains(day)) {
    days.since = std::max(days.since, period.since);
    days.until = std::min(days.until, period.until);
    return true;
  }
  if (period.until < day) {
    days.since = std::max(days.since, period.until + 1);
  } else {
    days.until = std::min(days.until, period.since - 1);
  }
  return false;
}

Reason reason(std::string rule, std::string message, std::string source) {
  return Reason{std::move(rule), std::move(message), std::move(source)};
}

constexpr std::string_view transition_message = "ancienne cotation acceptée pendant la période de transition";

// "RAM 8.09": a cotation as it is billed.
void append_code(std::string& out, const RuleSet::Model& model, const Cotation& cotation) {
  out += model.letters[cotation.letter].code;
  out += ' ';
  out += cotation.coefficient.to_string();
}

// "2024-02-22", as date_text writes it, without going through fmt.
void append_date(std::string& out, Day day) {
  const std::chrono::year_month_day date{std::chrono::sys_days(std::chrono::days(day))};
  const int year = static_cast<int>(date.year());
  if (year < 0 || year > 9999) {
    out += date_text(day);
    return;
  }
  const auto digits = [&out](unsigned value, std::size_t count) {
    std::array<char, 4> text{};
    for (std::size_t i = count; i-- > 0; value /= 10) text[i] = static_cast<char>('0' + value % 10);
    out.append(text.data(), count);
  };
  digits(static_cast<unsigned>(year), 4);
  out += '-';
  digits(static_cast<unsigned>(date.month()), 2);
  out += '-';
  digits(static_cast<unsigned>(date.day()), 2);
}

std::string code_of(const RuleSet::Model& model, const Cotation& cotation) {
  std::string out;
  append_code(out, model, cotation);
  return out;
}

// The reasons of the line being decided, written over those that a decision reused from an
// earlier claim left there, so that their strings keep their capacity.
class LineReasons {
 public:
  void start(std::vector<Reason>& reasons) {
    reasons_ = &reasons;
    used_ = 0;
  }
  // A new reason whose message is left empty, to be written by the caller.
  Reason& add(std::string_view rule, std::string_view source) {
    if (used_ == reasons_->size()) reasons_->emplace_back();
    Reason& added = (*reasons_)[used_++];
    added.rule.assign(rule);
    added.message.clear();
    added.source.assign(source);
    return added;
  }
  void add(std::string_view rule, std::string_view message, std::string_view source) {
    add(rule, source).message.assign(message);
  }
  template <typename... Args>
  void add_formatted(std::string_view rule, std::string_view source, fmt::format_string<Args...> format,
                     Args&&... args) {
    fmt::format_to(std::back_inserter(add(rule, source).message), format, std::forward<Args>(args)...);
  }
  template <typename Predicate>
  void remove_if(Predicate predicate) {
    const auto begin = reasons_->begin();
    used_ =
        static_cast<std::size_t>(std::remove_if(begin, begin + static_cast<std::ptrdiff_t>(used_), predicate) - begin);
  }
  // The source of the reason added last.
  void set_source(std::string_view source) { (*reasons_)[used_ - 1].source.assign(source); }
  void drop_last() { --used_; }
  // The reasons left over from the earlier claim go.
  void finish() {
    if (used_ != reasons_->size()) reasons_->resize(used_);  // most lines keep their count: no call
  }

 private:
  std::vector<Reason>* reasons_ = nullptr;
  std::size_t used_ = 0;
};

class ClaimEvaluator {
 public:
  [[nodiscard]] std::optional<std::pair<bool, std::size_t>> subject_of(std::size_t line) const {
    if (line >= subjects_.size() || subjects_[line].index == none) return std::nullopt;
    return std::pair{subjects_[line].is_act, subjects_[line].index};
  }

  ClaimEvaluator(const RuleSet::Model& model, const Claim& claim, const Series& series, const SameDay& same_day,
                 EvaluationScratch::State& scratch, std::vector<ExplanationStep>* explanation,
                 const history::Patient* history)
      : model_(model),
        claim_(claim),
        scratch_(scratch),
        line_(model, claim, series, same_day, history, scratch, explanation),
        subjects_(scratch.subjects),
        applying_(scratch.applying),
        history_(history) {}

  // Decides into `decision`, whose strings and vectors are reused.
  void run(ClaimDecision& decision) {
    decision.id.assign(claim_.id);
    decision.rule_set.assign(model_.hash);
    decision.total = Decimal();
    decision.reasons.clear();
    if (scratch_.values.size() < model_.nodes.size()) {
      scratch_.values.resize(model_.nodes.size());
      scratch_.stamps.resize(model_.nodes.size(), 0);
    }
    if (!claim_.date) {
      decision.decision = Decision::invalid;
      decision.lines.clear();
      decision.reasons.push_back(reason("format", "la date de la séance manque (champ date)", "docs/claim-format.md"));
      return;
    }
    line_.set_day(day_of(*claim_.date));
    subjects_.clear();
    for (const auto& line : claim_.lines) subjects_.push_back(resolve(line.code, line.act));
    decision.lines.resize(claim_.lines.size());
    std::size_t act_rank = 0;
    for (std::size_t i = 0; i < claim_.lines.size(); ++i) {
      if (subjects_[i].is_act && subjects_[i].index != none) ++act_rank;
      decide_line(i, act_rank, decision.lines[i]);
    }
    bool all_accepted = !decision.lines.empty();
    bool any_refused = false;
    for (const auto& line : decision.lines) {
      if (line.decision == Decision::accepted && line.amount) decision.total += *line.amount;
      all_accepted = all_accepted && line.decision == Decision::accepted;
      any_refused = any_refused || line.decision == Decision::refused;
    }
    decision.decision = all_accepted ? Decision::accepted : any_refused ? Decision::refused : Decision::prior_approval;
    if (decision.lines.empty()) {
      decision.reasons.push_back(reason("format", "la facture ne contient aucune ligne", "docs/claim-format.md"));
      decision.decision = Decision::invalid;
    }
  }

 private:
  // "RAM 8.09" -> the act whose cotation that is on the claim's date; "IFD" -> the item. A
  // code several acts share (`partagée`) designates the act the line names (`act`).
  Subject resolve(std::string_view code, std::string_view named_act) {
    auto& looked_up = look_up_cached(code);
    // An item, or a code whose letter is unknown or whose coefficient is not a number: as looked up.
    if (!looked_up.subject.is_act || !looked_up.subject.coefficient_read) return looked_up.subject;
    if (looked_up.subject.telecare != nullptr) {
      Subject subject = looked_up.subject;
      resolve_telecare(named_act, subject);
      return subject;
    }
    // A line that names no act bills the act the code had on the days its entries hold as on
    // this one: most lines of a batch, their dates in any order.
    if (!named_act.empty()) {
      Period days;
      return resolve_on_day(looked_up.subject, named_act, days);
    }
    if (!looked_up.resolved_days.contains(line_.day())) {
      looked_up.resolved_days = Period{};
      looked_up.resolved = resolve_on_day(looked_up.subject, named_act, looked_up.resolved_days);
    }
    return looked_up.resolved;
  }

  // resolve() on the line's day; narrows `days` to those on which the entries it reads hold as
  // on that day (the entries after the one that decides change nothing).
  Subject resolve_on_day(Subject subject, std::string_view named_act, Period& days) const {
    const Day day = line_.day();
    const CodeEntry* old = nullptr;
    std::size_t unnamed_acts = 0;  // acts with the code on the date, not the one named
    for (const auto& entry : subject.with_coefficient) {
      if (!narrow_to_same(days, entry.period, day)) continue;
      if (!entry.replaced) {
        if (model_.acts[entry.act].name == named_act || (!entry.shared && named_act.empty())) {
          subject.index = entry.act;
          return subject;
        }
        subject.index = entry.act;
        ++unnamed_acts;
        continue;
      }
      if (old == nullptr) {
        old = &entry;
      } else if (entry.act != old->act) {
        subject.several_acts = true;
      }
    }
    // A shared code alone on its date needs no name; named wrongly, or shared by several acts
    // and not named, the line is refused with the candidates (act_not_named()).
    if (unnamed_acts == 1 && named_act.empty()) return subject;
    if (unnamed_acts > 0) {
      subject.index = none;
      subject.act_not_named = true;
      return subject;
    }
    if (old != nullptr) {
      subject.index = old->act;
      subject.old_cotation = true;
    }
    return subject;
  }

  // What the code designates whatever the date: an item; or a key letter (its codes, or the
  // telecare letter) and the coefficient, read only when the letter is known.
  Subject look_up(std::string_view code) const {
    Subject subject;
    const auto space = code.find(' ');
    if (space == std::string_view::npos) {
      if (const auto it = model_.item_index.find(code); it != model_.item_index.end()) subject.index = it->second;
      return subject;
    }
    subject.is_act = true;
    const auto letter = model_.letter_index.find(code.substr(0, space));
    subject.letter_known = letter != model_.letter_index.end();
    if (subject.letter_known && model_.letters[letter->second].telecare) {
      subject.telecare = &model_.letters[letter->second];
    } else if (const auto entries = model_.codes_by_letter.find(code.substr(0, space));
               entries != model_.codes_by_letter.end()) {
      subject.entries = &entries->second;
    } else {
      return subject;
    }
    try {
      subject.coefficient = Decimal::parse(code.substr(space + 1));
      subject.coefficient_read = true;
    } catch (const DecimalError&) {
      return subject;
    }
    if (subject.entries != nullptr) {
      subject.with_coefficient = entries_with(*subject.entries, subject.coefficient);
      find_replacements(subject);
    }
    return subject;
  }

  void find_replacements(Subject& subject) const {
    // An act may replace the code over two periods (before avenant 7, then its transition): the
    // source cited is that of the period that ended last.
    const model::CodeEntry* latest = nullptr;
    for (const auto& entry : subject.with_coefficient) {
      if (!entry.replaced) continue;
      if (latest != nullptr && entry.act != latest->act) subject.replaced_by_several_acts = true;
      if (latest == nullptr || entry.period.until > latest->period.until) latest = &entry;
    }
    if (!subject.replaced_by_several_acts) return;
    const Act& cited_act = model_.acts[latest->act];
    // The code index keeps the origin of the `remplace` line each entry comes from.
    const auto replaced = std::find_if(cited_act.replaced.begin(), cited_act.replaced.end(),
                                       [&](const Cotation& c) { return c.origin == latest->origin; });
    subject.last_replacement_source =
        replaced != cited_act.replaced.end() ? replaced->citation.text : cited_act.article.text;
  }

  // look_up(), remembered by the scratch: a batch bills the same few codes again and again.
  EvaluationScratch::State::LookedUpCode& look_up_cached(std::string_view code) {
    std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a: a code is a few bytes
    for (const char c : code) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    auto& slot = scratch_.looked_up[hash % scratch_.looked_up.size()];
    const std::uint64_t destroyed = rule_sets_destroyed.load(std::memory_order_relaxed);
    if (slot.model != &model_ || slot.rule_sets_destroyed != destroyed || slot.code != code) {
      slot.subject = look_up(code);
      slot.resolved_days = no_days;
      slot.code.assign(code);
      slot.model = &model_;
      slot.rule_sets_destroyed = destroyed;
    }
    return slot;
  }

  // Calls `visit` with each act whose cotation in force on the date has the subject's
  // coefficient: the acts a telecare line may bill.
  template <typename Visit>
  void for_each_candidate(const Subject& subject, Visit visit) const {
    for (std::size_t a = 0; a < model_.acts.size(); ++a) {
      const auto& cotations = model_.acts[a].cotations;
      if (model_.acts[a].removed_since && *model_.acts[a].removed_since <= line_.day()) continue;
      if (std::any_of(cotations.begin(), cotations.end(), [&](const Cotation& c) {
            return c.coefficient == subject.coefficient && c.period.contains(line_.day());
          })) {
        visit(a);
      }
    }
  }

  // The act the line names among the candidates, the only candidate, or none: several
  // candidates are decided together (decide_candidates()), a name that is none of them refused.
  void resolve_telecare(std::string_view named_act, Subject& subject) const {
    std::size_t named = none;
    for_each_candidate(subject, [&](std::size_t act) {
      ++subject.candidates;
      if (subject.candidates == 1) subject.index = act;
      if (model_.acts[act].name == named_act) named = act;
    });
    if (!named_act.empty()) {
      subject.index = named;
      subject.act_not_named = named == none;
    } else if (subject.candidates > 1) {
      subject.index = none;
    }
  }

  // Appends the names of the telecare line's candidate acts, after `lead`.
  void append_candidates(std::string& message, std::string_view lead, const Subject& subject) {
    scratch_.pieces.clear();
    for_each_candidate(subject, [&](std::size_t act) {
      scratch_.piece.assign(model_.acts[act].name);
      append_once(message, lead, scratch_.piece);
    });
  }

  // A telecare line's code, what it designates: "TMK 7.49 désigne en télésoin le 2024-09-02 :
  // lombalgie_commune, ...". No candidate: the coefficient is no act's on that date.
  std::string& telecare_reason(std::string_view code, const Subject& subject) {
    std::string& message = reasons_.add("télésoin", subject.telecare->telecare->text).message;
    message += code;
    if (subject.candidates == 0) {
      message += " : aucun acte n'a le coefficient ";
      message += subject.coefficient.to_string();
      message += " le ";
      append_date(message, line_.day());
      message += " ; la ligne de télésoin porte le coefficient de l'acte réalisé à distance";
      return message;
    }
    message += " désigne en télésoin le ";
    append_date(message, line_.day());
    append_candidates(message, " : ", subject);
    return message;
  }

  // A line that names no act of its shared code, or an act its code does not designate: the
  // reason lists the acts the code designates on the date.
  void act_not_named(std::string_view code, std::string_view named_act, const Subject& subject) {
    if (subject.telecare != nullptr) {
      std::string& message = telecare_reason(code, subject);
      message += " ; la ligne nomme « ";
      message += named_act;
      message += " », qui n'en est pas";
      return;
    }
    std::string& message = reasons_.add("code", "docs/claim-format.md").message;
    message += code;
    message += " désigne le ";
    append_date(message, line_.day());
    scratch_.pieces.clear();
    for (const auto& entry : subject.with_coefficient) {
      if (entry.replaced || !entry.period.contains(line_.day())) {
        continue;
      }
      std::string& piece = scratch_.piece;
      piece.assign(model_.acts[entry.act].name);
      append_once(message, " : ", piece);
    }
    if (named_act.empty()) {
      message += " ; la ligne doit nommer l'acte (champ act)";
    } else {
      message += " ; la ligne nomme « ";
      message += named_act;
      message += " », qui n'en est pas";
    }
  }

  // The act's cotation in force on the claim's date, if any.
  const Cotation* current_cotation(const Act& act) const {
    Period days;
    return current_cotation(act, days);
  }
  // Also narrows `days` to those on which the act's cotation in force is the same.
  const Cotation* current_cotation(const Act& act, Period& days) const {
    const Cotation* current = nullptr;
    for (const auto& c : act.cotations) {
      if (narrow_to_same(days, c.period, line_.day())) current = &c;
    }
    return current;
  }

  // An old code that several acts replaced (AMS 7.5), billed outside its transition: the
  // reason names every cotation in force that replaces it, not the first act's alone.
  bool outdated_shared_code(std::string_view code, const Subject& subject) {
    if (!subject.replaced_by_several_acts) return false;
    std::string& message = reasons_.add("transition", subject.last_replacement_source).message;
    message += code;
    message += " n'est plus admise le ";
    append_date(message, line_.day());
    auto& cached = scratch_.in_force;
    if (!holds(cached, nullptr, subject)) {
      cached.text.clear();
      scratch_.pieces.clear();
      Period days;
      for (const auto& entry : subject.with_coefficient) {
        if (!entry.replaced) continue;
        const Cotation* current = current_cotation(model_.acts[entry.act], days);
        if (current == nullptr) continue;
        std::string& piece = scratch_.piece;
        piece.clear();
        append_code(piece, model_, *current);
        append_once(cached.text, " ; selon l'acte, la cotation en vigueur est ", piece);
      }
      keep(cached, nullptr, subject, days);
    }
    message += cached.text;
    return true;
  }

  // Whether `cached` holds the text for `act` (or none), the subject's code and the line's
  // day. If not, it holds nothing until keep() says what the text composed next is for.
  bool holds(EvaluationScratch::State::CachedText& cached, const Act* act, const Subject& subject) const {
    if (cached.rule_sets_destroyed == rule_sets_destroyed.load(std::memory_order_relaxed) &&
        cached.entries == subject.entries && cached.entries != nullptr && cached.act == act &&
        cached.coefficient == subject.coefficient && cached.days.contains(line_.day())) {
      return true;
    }
    cached.entries = nullptr;
    return false;
  }

  // Records what `cached`'s text, just composed, was composed for: `days` are those on which
  // the periods it was composed from hold as on the line's day.
  void keep(EvaluationScratch::State::CachedText& cached, const Act* act, const Subject& subject,
            const Period& days) const {
    cached.rule_sets_destroyed = rule_sets_destroyed.load(std::memory_order_relaxed);
    cached.act = act;
    cached.entries = subject.entries;
    cached.coefficient = subject.coefficient;
    cached.days = days;
  }

  // Appends `piece` to `message` unless it is there already: the first after `lead`, the
  // next ones after a comma. scratch_.pieces holds what was appended since it was cleared.
  void append_once(std::string& message, std::string_view lead, const std::string& piece) {
    const std::string_view written = message;
    for (const auto& [at, size] : scratch_.pieces) {
      if (written.substr(at, size) == piece) return;
    }
    message += scratch_.pieces.empty() ? lead : ", ";
    scratch_.pieces.emplace_back(message.size(), piece.size());
    message += piece;
  }

  // Why a code matches no act on that date: the closest explanation the rule set gives.
  // `subject` is what resolve() made of the code.
  void unmatched(std::string_view code, const Subject& subject) {
    if ((subject.entries != nullptr || subject.telecare != nullptr) && !subject.coefficient_read) {
      reasons_.add_formatted("code", "", "le coefficient de « {} » n'est pas un nombre", code);
      return;
    }
    if (subject.entries != nullptr) {
      if (outdated_shared_code(code, subject)) return;
      for (const auto& entry : subject.with_coefficient) {
        const Act& act = model_.acts[entry.act];
        if (act.removed_since && *act.removed_since <= line_.day()) {
          reasons_.add_formatted(act.name, act.removed_citation.text, "acte supprimé depuis le {} : {}",
                                 date_text(*act.removed_since), act.label);
          return;
        }
        const Cotation* current = current_cotation(act);
        std::string& message =
            reasons_.add(act.name, current != nullptr ? current->citation.text : act.article.text).message;
        // Appended piece by piece: an outdated cotation is among the most common refusals.
        message += code;
        message += " n'est pas en vigueur le ";
        append_date(message, line_.day());
        message += " pour « ";
        message += act.label;
        message += " »";
        if (current != nullptr) {
          message += " ; la cotation en vigueur est ";
          append_code(message, model_, *current);
        }
        return;
      }
    }
    // Appended piece by piece, not formatted: an unknown code is a common refusal.
    std::string& message = reasons_.add("code", "").message;
    message += subject.letter_known ? "aucun acte n'est coté « " : "code inconnu : « ";
    message += code;
    message += subject.letter_known ? " » : la lettre clé existe, pas ce coefficient" : " »";
  }

  void decide_line(std::size_t i, std::size_t act_rank, LineDecision& line) {
    const std::string& code = claim_.lines[i].code;
    line.code.assign(code);
    line.decision = Decision::accepted;
    line.amount.reset();
    reasons_.start(line.reasons);
    const Subject& subject = subjects_[i];
    line_.set_line(i, act_rank, subject.coefficient);
    if (subject.telecare != nullptr && subject.coefficient_read && !telehealth_session(code, subject, line)) {
      reasons_.finish();
      return;
    }
    if (subject.index == none) {
      line.decision = Decision::refused;
      if (subject.act_not_named) {
        act_not_named(code, claim_.lines[i].act, subject);
      } else if (subject.telecare != nullptr && subject.candidates != 1 && subject.coefficient_read) {
        decide_candidates(i, line);
      } else {
        unmatched(code, subject);
      }
      reasons_.finish();
      return;
    }
    decide_subject(i, subject, line);
    reasons_.finish();
  }

  // A telecare line bills a session at a distance: a claim that does not say it is one (field
  // telehealth) refuses it.
  bool telehealth_session(std::string_view code, const Subject& subject, LineDecision& line) {
    if (claim_.telehealth.value_or(false)) return true;
    line.decision = Decision::refused;
    reasons_.add_formatted("télésoin", subject.telecare->telecare->text,
                           "{} facture une séance de télésoin ; la facture {} (champ telehealth)", code,
                           claim_.telehealth ? "est celle d'une séance en présence du patient"
                                             : "ne dit pas si la séance est en télésoin");
    return false;
  }

  // A telecare line without `act` whose coefficient several acts have: decided for each of
  // them. Decided alike, the line takes that decision with their reasons; decided differently,
  // it is refused until it names its act. Never a silent pick.
  void decide_candidates(std::size_t i, LineDecision& line) {
    const Subject subject = subjects_[i];
    if (subject.candidates == 0) {
      telecare_reason(claim_.lines[i].code, subject);
      return;
    }
    auto& decided = scratch_.candidates;
    decided.resize(subject.candidates);
    std::size_t n = 0;
    for_each_candidate(subject, [&](std::size_t act) {
      // The rules read the line's subject (limits, cumulations, same-day articles): the
      // candidate's, for a while.
      subjects_[i].index = act;
      line_.forget_values();
      LineDecision& trial = decided[n++];
      trial.decision = Decision::accepted;
      trial.amount.reset();
      reasons_.start(trial.reasons);
      decide_subject(i, subjects_[i], trial);
      reasons_.finish();
    });
    subjects_[i].index = none;
    const bool alike = std::all_of(decided.begin(), decided.end(), [&](const LineDecision& d) {
      return d.decision == decided.front().decision && d.amount == decided.front().amount;
    });
    reasons_.start(line.reasons);
    std::string& message = telecare_reason(claim_.lines[i].code, subject);
    if (!alike) {
      message += " ; ces actes n'en décident pas de même (";
      n = 0;
      for_each_candidate(subject, [&](std::size_t act) {
        const LineDecision& trial = decided[n++];
        fmt::format_to(std::back_inserter(message), "{}{} : {}", n > 1 ? ", " : "", model_.acts[act].name,
                       trial.decision == Decision::accepted  ? "acceptée"
                       : trial.decision == Decision::refused ? "refusée"
                                                             : "accord préalable");
        if (trial.decision == Decision::refused && !trial.reasons.empty()) {
          fmt::format_to(std::back_inserter(message), " ({})", trial.reasons.front().message);
        }
      });
      message += ") : la ligne doit nommer l'acte (champ act)";
      return;
    }
    message += decided.front().decision == Decision::accepted ? " ; chacun de ces actes l'admet"
                                                              : " ; chacun de ces actes en décide de même";
    line.decision = decided.front().decision;
    line.amount = decided.front().amount;
    for (const auto& trial : decided) {
      for (const auto& r : trial.reasons) {
        if (std::none_of(line.reasons.begin(), line.reasons.end(),
                         [&](const Reason& kept) { return kept.rule == r.rule && kept.message == r.message; })) {
          reasons_.add(r.rule, r.message, r.source);
        }
      }
    }
  }

  // Decides the line of a known act or item.
  void decide_subject(std::size_t i, const Subject& subject, LineDecision& line) {
    missing_count_.reset();
    try {
      if (subject.is_act) {
        decide_act(subject, line);
      } else {
        decide_item(subject, line);
      }
      if (line.decision != Decision::refused && !missing_count_) apply_rules(i, subject, line);
      if (missing_count_) {
        refuse_for_missing(field_name(*missing_count_), line);
      } else if (line.decision == Decision::refused && subject.old_cotation) {
        reasons_.remove_if([](const Reason& r) { return r.message.starts_with(transition_message); });
      }
    } catch (const MissingField& missing) {
      refuse_for_missing(missing.name, line);
    } catch (const NoValueInForce& absent) {
      line.decision = Decision::refused;
      reasons_.add("calendrier", absent.what, "");
    } catch (const DecimalError& error) {
      line.decision = Decision::refused;
      reasons_.add_formatted("calcul", "", "calcul impossible : {}", error.what());
    }
    if (line.decision == Decision::refused) line.amount.reset();
  }

  void refuse_for_missing(std::string_view field, LineDecision& line) {
    line.decision = Decision::refused;
    reasons_.add_formatted("donnée manquante", "docs/claim-format.md",
                           "la facture ne donne pas {} dont la décision a besoin", field);
  }

  // The count a threshold or a limit reads. When the claim lacks it the line cannot be decided:
  // noted in missing_count_, and the line is left as a MissingField would leave it. Not thrown:
  // a claim without its series' counts, decided alone, meets this at each act line, and an
  // exception costs microseconds.
  std::optional<std::int32_t> count_of(Field which) {
    const auto count = line_.counted(which);
    if (!count) missing_count_ = which;
    return count;
  }

  // A predicate's value: its formula's, from the fields, when it has one and they are given;
  // else the graph's. A date shifted onto a day its month lacks, with no rounding declared, is
  // reported under the name of the rule or condition that reads it: never a silent choice.
  bool truth(NodeId predicate, const std::optional<Formula>& formula, std::string_view kind, std::string_view owner) {
    bool computed = false;
    Decimal unused;
    if (formula && line_.compute(*formula, computed, unused)) return computed;
    try {
      return line_.is_true(predicate);
    } catch (const DayMissingInMonth& shift) {
      throw NoValueInForce{fmt::format("{}{} : {}", kind, owner, shift.text())};
    }
  }

  bool holds(const Condition& condition, LineDecision& line, const std::string& owner) {
    const bool met = truth(condition.predicate, condition.formula, "", condition.name);
    line_.explain([&] { return ExplanationStep{condition.name, met ? "vraie" : "fausse", condition.citation.text}; });
    if (met) return true;
    line.decision = Decision::refused;
    reasons_.add(owner, condition.message.empty() ? "condition non remplie" : condition.message,
                 condition.citation.text);
    return false;
  }

  void decide_act(const Subject& subject, LineDecision& line) {
    const Act& act = model_.acts[subject.index];
    if (act.pending) {
      line.decision = Decision::refused;
      reasons_.add_formatted(act.name, act.pending_citation.text, "acte créé mais en attente : {}", *act.pending);
      return;
    }
    const Letter* letter = nullptr;
    for (const auto& c : subject.old_cotation ? act.replaced : act.cotations) {
      if (c.coefficient == subject.coefficient && c.period.contains(line_.day())) {
        letter = &model_.letters[c.letter];
        line_.explain([&] {
          return ExplanationStep{fmt::format("cotation de « {} »", act.label), code_of(model_, c), c.citation.text};
        });
      }
    }
    if (letter == nullptr)
      throw NoValueInForce{fmt::format("aucune cotation de {} ne correspond le {}", act.name, date_text(line_.day()))};
    // In telecare the act's coefficient takes the telecare letter's value and rounding.
    if (subject.telecare != nullptr) letter = subject.telecare;
    const Decimal value = line_.value_at(letter->values, letter->code);
    if (!letter->rounding) throw NoValueInForce{fmt::format("la lettre {} ne déclare pas son arrondi", letter->code)};
    exact_amount_ = subject.coefficient * value;
    line.amount = exact_amount_.round(letter->rounding->decimals, letter->rounding->mode);
    line_.explain([&] {
      return ExplanationStep{fmt::format("{} × {}", subject.coefficient.to_string(), value.to_string()),
                             line.amount->to_string(2), letter->rounding->citation.text};
    });
    if (subject.old_cotation) {
      add_transition_reason(subject, act);
      // Several acts replaced this code: their own conditions and thresholds cannot be
      // told apart, so only what the old cotation itself says applies.
      if (subject.several_acts) return;
    }
    for (const auto& condition : act.conditions) {
      if (!holds(condition, line, act.name)) return;
    }
    for (const auto& referential : act.referentials) {
      for (const auto& threshold : referential.thresholds) {
        const bool exceeded = threshold_exceeded(threshold);
        if (missing_count_) return;
        if (exceeded) {
          if (line_.prior_approval_granted()) continue;
          line.decision = Decision::prior_approval;
          // Appended piece by piece, not formatted: a line in ten past a threshold gives this reason.
          std::string& message = reasons_.add(act.name, referential.citation.text).message;
          message += "référentiel « ";
          message += referential.name;
          message += " » : accord préalable nécessaire";
          return;
        }
      }
    }
  }

  bool threshold_exceeded(const Threshold& threshold);

  // An old cotation accepted in its transition: the reason names the cotations that
  // replace it on that date, each once. Written into reused buffers: this reason comes
  // with a large share of accepted lines.
  void add_transition_reason(const Subject& subject, const Act& act) {
    std::string& message = reasons_.add(subject.several_acts ? std::string_view("transition") : act.name, "").message;
    auto& cached = scratch_.transition;
    if (!holds(cached, &act, subject)) {
      keep(cached, &act, subject, compose_transition_message(subject, act, cached.text));
    }
    message = cached.text;
    if (message.size() > transition_message.size()) {
      reasons_.set_source(act.article.text);
    } else {
      // Before 2024-02-22 no cotation replaces it yet: it is the cotation in force, no transition.
      reasons_.drop_last();
    }
  }

  // Returns the days on which the message holds: those on which the code's entries and the
  // cotations in force of the acts named are those of the line's day.
  Period compose_transition_message(const Subject& subject, const Act& act, std::string& message) {
    message = transition_message;
    scratch_.pieces.clear();
    Period days;
    const auto add_current = [&](const Act& candidate) {
      const Cotation* current = current_cotation(candidate, days);
      if (current == nullptr) return;
      std::string& piece = scratch_.piece;
      piece.clear();
      append_code(piece, model_, *current);
      // One act: its label says what to bill. Many (AMS 7.5 became 47 acts): the codes alone,
      // or the reason would run to kilobytes.
      if (!subject.several_acts) fmt::format_to(std::back_inserter(piece), " ({})", candidate.label);
      append_once(message,
                  subject.several_acts ? " ; elle est remplacée, selon l'acte, par " : " ; elle est remplacée par ",
                  piece);
    };
    // The entries in force on the day say whether several acts replace the code.
    for (const auto& entry : subject.with_coefficient) {
      if (narrow_to_same(days, entry.period, line_.day()) && entry.replaced && subject.several_acts) {
        add_current(model_.acts[entry.act]);
      }
    }
    if (!subject.several_acts) add_current(act);
    return days;
  }

  void decide_item(const Subject& subject, LineDecision& line) {
    const Item& item = model_.items[subject.index];
    for (const auto& condition : item.conditions) {
      if (!holds(condition, line, item.code)) return;
    }
    if (item.computation) {
      bool unused = false;
      if (!item.computation_formula || !line_.compute(*item.computation_formula, unused, exact_amount_)) {
        exact_amount_ = line_.evaluate(*item.computation).number;
      }
      line.amount = exact_amount_.round(item.computation_rounding->decimals, item.computation_rounding->mode);
      line_.explain([&] {
        return ExplanationStep{fmt::format("calcul de {}", item.code), line.amount->to_string(2),
                               item.computation_citation.text};
      });
    } else {
      line.amount = line_.value_at(item.values, item.code);
      exact_amount_ = *line.amount;
    }
  }

  // Only rules whose scope holds the subject, in force on the day and whose guard is not known
  // false come here (LineEvaluation::may_apply).
  bool rule_applies(const Rule& rule, std::size_t line_index) {
    if (rule.when) {
      const bool met = truth(*rule.when, rule.formula, "la règle ", rule.name);
      line_.explain([&] {
        return ExplanationStep{fmt::format("règle {}, si", rule.name), met ? "vrai" : "faux", rule.citation.text};
      });
      if (!met) return false;
    }
    if (!rule.not_cumulable_with.empty()) {
      // Refused when the claim also bills a line it does not cumulate with: one outside the
      // rule's own scope, or — among lines that exclude each other, as the IF* indemnities
      // do — an earlier one, so that the first billed is kept.
      bool excluded = false;
      for (std::size_t j = 0; j < subjects_.size() && !excluded; ++j) {
        if (j == line_index || subjects_[j].index == none || !in_scope(rule.not_cumulable_with, subjects_[j])) continue;
        excluded = j < line_index || !in_scope(rule.scope, subjects_[j]);
      }
      if (!excluded) return false;
    }
    if (rule.limit) return limit_exceeded(*rule.limit, line_index, rule);
    return true;
  }

  bool limit_exceeded(const Limit& limit, std::size_t line_index, const Rule& rule);

  // The rules that apply decide; an exception sets aside the rule it refines; two rules
  // that still disagree refuse the line with both reasons.
  void apply_rules(std::size_t line_index, const Subject& subject, LineDecision& line) {
    applying_.clear();
    const RuleSelection& selection =
        subject.is_act ? model_.rules_by_act[subject.index] : model_.rules_by_item[subject.index];
    for (std::size_t b = 0; b < selection.blocks.size(); ++b) {
      for (std::uint64_t rules = line_.may_apply(selection.blocks[b]); rules != 0; rules &= rules - 1) {
        const std::uint32_t r = selection.rules[b * RuleSelection::block_size + std::countr_zero(rules)];
        if (rule_applies(model_.rules[r], line_index)) applying_.push_back(r);
        if (missing_count_) return;
      }
    }
    std::erase_if(applying_, [&](std::uint32_t general) {
      return std::any_of(applying_.begin(), applying_.end(), [&](std::uint32_t r) {
        for (auto next = model_.rules[r].exception_of; next; next = model_.rules[*next].exception_of) {
          if (*next == general) return true;
        }
        return false;
      });
    });
    if (applying_.empty()) return;
    const Outcome first = model_.rules[applying_.front()].outcome;
    const bool agree = std::all_of(applying_.begin(), applying_.end(), [&](std::uint32_t r) {
      return model_.rules[r].outcome == first && model_.rules[r].rate == model_.rules[applying_.front()].rate;
    });
    for (const std::uint32_t r : applying_) {
      const Rule& rule = model_.rules[r];
      reasons_.add(rule.name, rule.message.empty() ? rule.label : rule.message, rule.citation.text);
      line_.explain([&] {
        return ExplanationStep{fmt::format("règle {}", rule.name), "s'applique", rule.citation.text};
      });
    }
    if (!agree) {
      line.decision = Decision::refused;
      reasons_.add("conflit", "des règles qui s'appliquent à cette ligne décident différemment", "");
      return;
    }
    const Rule& rule = model_.rules[applying_.front()];
    switch (rule.outcome) {
      case Outcome::refusal:
        line.decision = Decision::refused;
        break;
      case Outcome::prior_approval:
        if (!line_.prior_approval_granted()) line.decision = Decision::prior_approval;
        break;
      case Outcome::rate: {
        // The rate applies to the exact amount, rounded once (art. 11 B: half the
        // coefficient, not half the rounded tariff), by the rounding the rules declare; a
        // flat-rate item that declares none may still take a rate exact to the cent.
        const Decimal rated = exact_amount_ * rule.rate;
        const bool exact_to_the_cent = rated.round(2, RoundingMode::toward_zero) == rated;
        if (!subject.is_act && !model_.items[subject.index].computation_rounding && exact_to_the_cent) {
          line.amount = rated.round(2, RoundingMode::toward_zero);
        } else {
          const Rounding rounding = rounding_of(subject, rule);
          line.amount = rated.round(rounding.decimals, rounding.mode);
        }
        line_.explain([&] {
          return ExplanationStep{fmt::format("taux de {}", rule.name), line.amount->to_string(2), rule.citation.text};
        });
        break;
      }
      case Outcome::acceptance:
      case Outcome::none:
        break;
    }
  }

  // The rounding the rules declare for the line's amount: its key letter's, or its item's
  // computation's. None declared is reported: an amount is never rounded by default.
  Rounding rounding_of(const Subject& subject, const Rule& rule) const {
    if (subject.telecare != nullptr && subject.telecare->rounding) return *subject.telecare->rounding;
    if (subject.is_act) {
      for (const auto& c : model_.acts[subject.index].cotations) {
        if (c.period.contains(line_.day()) && model_.letters[c.letter].rounding)
          return *model_.letters[c.letter].rounding;
      }
    } else if (model_.items[subject.index].computation_rounding) {
      return *model_.items[subject.index].computation_rounding;
    }
    throw NoValueInForce{
        fmt::format("la règle {} applique un taux, mais aucun arrondi n'est déclaré pour ce montant", rule.name)};
  }

  const RuleSet::Model& model_;
  const Claim& claim_;
  EvaluationScratch::State& scratch_;
  LineEvaluation line_;
  std::vector<Subject>& subjects_;
  std::vector<std::uint32_t>& applying_;
  LineReasons reasons_;
  Decimal exact_amount_;                // the current line's amount before its rounding
  std::optional<Field> missing_count_;  // the count the current line lacks (count_of)
  const history::Patient* history_;
};

// Thresholds count sessions: the claim's rank in its series, or its sessions in the 12
// months before plus itself. False when the claim lacks the count (count_of notes it).
bool ClaimEvaluator::threshold_exceeded(const Threshold& threshold) {
  const bool in_window = threshold.scope == Threshold::Scope::window;
  const auto count = count_of(in_window ? Field::sessions_12_months_before : Field::session_number);
  if (!count) return false;
  const auto sessions = static_cast<std::int32_t>(threshold.sessions);
  switch (threshold.scope) {
    case Threshold::Scope::series:
      return *count > sessions;
    case Threshold::Scope::window:
      return *count + 1 > sessions;
    case Threshold::Scope::from_session:
      return *count >= sessions;
  }
  return false;
}

// A limit counts the lines in the rule's scope: earlier lines of this claim, and for the
// same day, year or episode the patient's earlier claims given in the same input; per series,
// the session's rank.
bool ClaimEvaluator::limit_exceeded(const Limit& limit, std::size_t line_index, const Rule& rule) {
  if (limit.per == Limit::Per::series) {
    const auto rank = count_of(Field::session_number);
    return rank && *rank > static_cast<std::int32_t>(limit.count);
  }
  std::uint32_t count = 0;
  for (std::size_t j = 0; j <= line_index; ++j) {
    if (subjects_[j].index != none && in_scope(rule.scope, subjects_[j])) ++count;
  }
  if (history_ != nullptr) {
    const Day today = line_.day();
    std::span<const history::BilledLine> period = history_->billed();
    if (limit.per == Limit::Per::day) {
      period = history_->billed_between(today, today);
    } else if (limit.per == Limit::Per::year) {
      const std::chrono::year year =
          std::chrono::year_month_day{std::chrono::sys_days(std::chrono::days(today))}.year();
      period =
          history_->billed_between(day_of(year / std::chrono::January / 1), day_of(year / std::chrono::December / 31));
    }
    const history::TextNumber episode =
        limit.per == Limit::Per::episode ? scratch_.histories.number_of(claim_.episode_id) : history::no_text;
    for (const auto& before : period) {
      Subject earlier;
      earlier.is_act = before.is_act;
      earlier.index = before.index;
      if (!in_scope(rule.scope, earlier)) continue;
      if (limit.per == Limit::Per::episode) {
        // Only an earlier line in scope needs the episodes: the first one is within the limit.
        if (episode == history::no_text || before.episode == history::no_text) throw MissingField{"episode.id"};
        if (before.episode == episode) ++count;
        continue;
      }
      ++count;
    }
  }
  return count > limit.count;
}

}  // namespace

void RuleSet::evaluate(const Claim& claim, EvaluationScratch& scratch, ClaimDecision& decision,
                       std::vector<ExplanationStep>* explanation) const {
  // Alone, the claim has no earlier session that day unless it says so, as a `par jour` limit
  // counts only its own lines.
  SameDay same_day = claim.same_day;
  if (!same_day.earlier_sessions) same_day.earlier_sessions = 0;
  ClaimEvaluator(*model_, claim, claim.series, same_day, scratch.state(), explanation, nullptr).run(decision);
}

ClaimDecision RuleSet::evaluate(const Claim& claim, EvaluationScratch& scratch,
                                std::vector<ExplanationStep>* explanation) const {
  ClaimDecision decision;
  evaluate(claim, scratch, decision, explanation);
  return decision;
}

void RuleSet::evaluate_in_sequence(const Claim& claim, EvaluationScratch& scratch, ClaimDecision& decision,
                                   std::vector<ExplanationStep>* explanation) const {
  if (claim.patient.id.empty() || !claim.date) {
    evaluate(claim, scratch, decision, explanation);
    return;
  }
  history::Histories& histories = scratch.state().histories;
  history::Patient& patient = histories.patient(claim.patient.id);
  const Day today = day_of(*claim.date);
  // The counts the claim does not give, derived from the patient's earlier claims.
  Series series = claim.series;
  if (!series.session_number) series.session_number = static_cast<std::int32_t>(patient.session_count()) + 1;
  if (!series.sessions_12_months_before) {
    const Day year_before =
        day_of(std::chrono::year_month_day{std::chrono::sys_days(std::chrono::days(today))} - std::chrono::years(1));
    series.sessions_12_months_before = static_cast<std::int32_t>(patient.sessions_between(year_before, today).size());
  }
  // The facts of the same day the claim does not give (seed 002: two sessions the same day);
  // same_article and same_body_region are derived from the acts when a rule reads them.
  SameDay same_day = claim.same_day;
  const auto same_day_sessions = patient.sessions_between(today, today);
  if (!same_day.earlier_sessions) same_day.earlier_sessions = static_cast<std::int32_t>(same_day_sessions.size());
  // Unknown when this claim or one of the earlier sessions that day gives no prescription.id.
  const auto without_prescription = [](const history::Session& s) { return s.prescription == history::no_text; };
  if (!same_day.same_prescription && !claim.prescription.id.empty() &&
      std::none_of(same_day_sessions.begin(), same_day_sessions.end(), without_prescription)) {
    const history::TextNumber prescription = histories.number_of(claim.prescription.id);
    same_day.same_prescription = std::any_of(same_day_sessions.begin(), same_day_sessions.end(),
                                             [&](const history::Session& s) { return s.prescription == prescription; });
  }
  ClaimEvaluator evaluator(*model_, claim, series, same_day, scratch.state(), explanation, &patient);
  evaluator.run(decision);
  const history::TextNumber episode = histories.keep(claim.episode_id);
  for (std::size_t i = 0; i < decision.lines.size(); ++i) {
    if (decision.lines[i].decision != Decision::accepted) continue;
    if (const auto subject = evaluator.subject_of(i)) {
      patient.add(history::BilledLine{today, episode, static_cast<std::uint32_t>(subject->second), subject->first});
    }
  }
  patient.add(history::Session{today, histories.keep(claim.prescription.id), episode});
}

ClaimDecision RuleSet::evaluate_in_sequence(const Claim& claim, EvaluationScratch& scratch,
                                            std::vector<ExplanationStep>* explanation) const {
  ClaimDecision decision;
  evaluate_in_sequence(claim, scratch, decision, explanation);
  return decision;
}

std::vector<ClaimDecision> RuleSet::evaluate_batch(const std::vector<Claim>& claims, EvaluationScratch& scratch) const {
  std::vector<ClaimDecision> decisions;
  decisions.reserve(claims.size());
  for (const Claim& claim : claims) decisions.push_back(evaluate_in_sequence(claim, scratch));
  scratch.forget_history();
  return decisions;
}

history::Histories& history::histories_of(EvaluationScratch& scratch) {
  return scratch.state().histories;
}

void EvaluationScratch::forget_history() {
  state_->histories.clear();
}

}  // namespace cotation
