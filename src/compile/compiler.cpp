// From syntax trees to the evaluation graph: names resolved, amendments applied, types
// checked, the rule set checked as a whole. Every problem is a diagnostic at its source
// position; the graph is built only when there is none.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "compile/model.hpp"
#include "compile/guards.hpp"
#include "parse/parser.hpp"
#include "parse/utf8.hpp"

namespace cotation {
namespace model {

Day day_of(const Date& date) {
  return static_cast<Day>(std::chrono::sys_days(date).time_since_epoch().count());
}

std::string date_text(Day day) {
  const std::chrono::year_month_day date{std::chrono::sys_days(std::chrono::days(day))};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

}  // namespace model

namespace {

using namespace model;
using syntax::DeclarationKind;

Day day_of(const syntax::CalendarDate& date) {
  return model::day_of(Date{std::chrono::year(date.year), std::chrono::month(static_cast<unsigned>(date.month)),
                            std::chrono::day(static_cast<unsigned>(date.day))});
}

std::string_view kind_word(DeclarationKind kind) {
  switch (kind) {
    case DeclarationKind::source: return "source";
    case DeclarationKind::letter: return "lettre";
    case DeclarationKind::item: return "forfait";
    case DeclarationKind::parameter: return "paramètre";
    case DeclarationKind::act: return "acte";
    case DeclarationKind::group: return "groupe";
    case DeclarationKind::rule: return "règle";
    case DeclarationKind::revaluation: return "revalorisation";
    case DeclarationKind::amendment: return "amendement";
    case DeclarationKind::scheme: return "dispositif";
    case DeclarationKind::example: return "exemple";
  }
  return "";
}

// Letters, items and acts share one namespace of billable codes; each other kind has its own.
int name_space(DeclarationKind kind) {
  switch (kind) {
    case DeclarationKind::letter:
    case DeclarationKind::item:
    case DeclarationKind::act: return 0;
    default: return static_cast<int>(kind) + 1;
  }
}

struct FieldInfo {
  std::string_view path;  // folded
  Field field;
  Type type;
};

// The claim fields the rules may read (docs/claim-format.md gives their JSON names).
constexpr FieldInfo claim_fields[] = {
    {"date", Field::date, Type::date},
    {"region", Field::region, Type::region},
    {"lieu", Field::place, Type::place},
    {"patient.age", Field::patient_age, Type::number},
    {"prescription.nature", Field::prescription_kind, Type::prescription},
    {"serie.rang", Field::session_number, Type::number},
    {"serie.seances_12_mois", Field::sessions_12_months_before, Type::number},
    {"serie.accord_prealable", Field::prior_approval, Type::boolean},
    {"trajet.distance", Field::travel_distance, Type::distance},
    {"trajet.meme_agglomeration", Field::same_agglomeration, Type::boolean},
    {"horaire.nuit", Field::night, Type::boolean},
    {"horaire.dimanche_ou_ferie", Field::sunday_or_holiday, Type::boolean},
    {"horaire.urgence", Field::urgent, Type::boolean},
    {"telesoin", Field::telehealth, Type::boolean},
    {"ligne.rang", Field::line_rank, Type::number},
    {"ligne.coefficient", Field::line_coefficient, Type::number},
    {"prescription.date_initiale", Field::initial_date, Type::date},
    {"prescription.date_renouvellement", Field::renewal_date, Type::date},
    {"prescription.numero_prescripteur", Field::prescriber_number, Type::number},
    {"prescription.diagnostic_prealable", Field::prior_diagnosis, Type::boolean},
    {"praticien.structure", Field::practice_structure, Type::structure},
    {"meme_jour.seances_avant", Field::earlier_sessions_same_day, Type::number},
    {"meme_jour.meme_prescription", Field::same_prescription, Type::boolean},
    {"meme_jour.meme_article", Field::same_article, Type::boolean},
    {"meme_jour.meme_region_anatomique", Field::same_body_region, Type::boolean},
    {"trajet.etablissement_casf", Field::casf_establishment, Type::boolean},
    {"trajet.deja_facture_pour_un_autre_patient", Field::charged_for_another_patient, Type::boolean},
};

struct EnumerationValue {
  std::string_view word;  // folded
  Type type;
  std::int32_t value;
};

constexpr EnumerationValue enumeration_values[] = {
    {"metropole", Type::region, 0},     {"outre_mer", Type::region, 1},       {"cabinet", Type::place, 0},
    {"domicile", Type::place, 1},       {"etablissement", Type::place, 2},    {"medicale", Type::prescription, 0},
    {"renouvellement", Type::prescription, 1}, {"acces_direct", Type::prescription, 2},
    // praticien.structure, in the order of PracticeStructure
    {"etablissement_de_sante", Type::structure, 0}, {"etablissement_medico_social", Type::structure, 1},
    {"equipe_de_soins_primaires", Type::structure, 2}, {"equipe_de_soins_specialises", Type::structure, 3},
    {"centre_de_sante", Type::structure, 4}, {"maison_de_sante", Type::structure, 5},
    {"aucune_structure", Type::structure, 6},
};

std::string_view type_word(Type type) {
  switch (type) {
    case Type::boolean: return "booléen";
    case Type::number: return "nombre";
    case Type::money: return "montant";
    case Type::percentage: return "pourcentage";
    case Type::distance: return "distance";
    case Type::duration: return "durée";
    case Type::date: return "date";
    case Type::region: return "région";
    case Type::place: return "lieu";
    case Type::prescription: return "nature de prescription";
    case Type::text: return "texte";
    case Type::structure: return "structure d'exercice";
  }
  return "";
}

class Compiler {
 public:
  Compiler(const ParsedRuleSet& parsed, const CompileOptions& options, std::vector<Diagnostic>& diagnostics)
      : parsed_(parsed), options_(options), diagnostics_(diagnostics) {}

  std::unique_ptr<RuleSet::Model> run() {
    model_ = std::make_unique<RuleSet::Model>();
    collect();
    check_sources();
    if (options_.apply_amendments) apply_amendments();
    declare_indices();
    for (const auto* d : of_kind(DeclarationKind::parameter)) build_parameter(*d);
    for (const auto* d : of_kind(DeclarationKind::letter)) build_letter(*d);
    for (const auto* d : of_kind(DeclarationKind::item)) build_item(*d);
    for (const auto* d : of_kind(DeclarationKind::act)) build_act(*d);
    check_groups();
    apply_revaluations();
    index_codes();
    for (const auto* d : of_kind(DeclarationKind::rule)) build_rule(*d);
    resolve_exceptions();
    check_rule_conflicts();
    index_rules();
    for (const auto* d : of_kind(DeclarationKind::example)) build_example(*d);
    for (const auto* d : of_kind(DeclarationKind::scheme)) build_scheme(*d);
    return std::move(model_);
  }

 private:
  // ------------------------------------------------------------ diagnostics

  void report(const syntax::Position& at, std::string id, std::vector<std::string> arguments = {},
              Severity severity = Severity::error) {
    diagnostics_.push_back(
        parsed_.sources.at(at.file)->diagnostic_at(at.offset, std::move(id), std::move(arguments), severity));
  }

  // ------------------------------------------------------------ declarations by name

  void collect() {
    for (const auto& file : parsed_.files) {
      for (const auto& declaration : file.declarations) {
        const std::string key = declaration_key(declaration.kind, declaration.name.text);
        const auto [it, inserted] = declarations_.try_emplace(key, declaration);
        if (!inserted) {
          const auto first = parsed_.sources.at(it->second.position.file)->position_of(it->second.position.offset);
          report(declaration.name.position, "compile.duplicate_declaration",
                 {std::string(kind_word(it->second.kind)), declaration.name.text,
                  fmt::format("{}:{}", std::filesystem::path(first.file).filename().string(), first.line)});
          continue;
        }
        order_.push_back(key);
      }
    }
  }

  static std::string declaration_key(DeclarationKind kind, std::string_view name) {
    return fmt::format("{}:{}", name_space(kind), name);
  }

  std::vector<const syntax::Declaration*> of_kind(DeclarationKind kind) const {
    std::vector<const syntax::Declaration*> result;
    for (const auto& key : order_) {
      const auto it = declarations_.find(key);
      if (it != declarations_.end() && it->second.kind == kind && !repealed_.count(key)) result.push_back(&it->second);
    }
    return result;
  }

  syntax::Declaration* find(DeclarationKind kind, std::string_view name) {
    const auto it = declarations_.find(declaration_key(kind, name));
    if (it == declarations_.end() || it->second.kind != kind) return nullptr;
    return &it->second;
  }

  // ------------------------------------------------------------ sources and citations

  void check_sources() {
    for (const auto* source : of_kind(DeclarationKind::source)) {
      const auto& attributes = source->source;
      if (attributes.signed_on && attributes.in_force_on &&
          day_of(*attributes.in_force_on) < day_of(*attributes.signed_on)) {
        report(attributes.in_force_on->position, "compile.source_in_force_before_signed", {source->name.text});
      }
      if (attributes.signed_on && attributes.published_on &&
          day_of(*attributes.published_on) < day_of(*attributes.signed_on)) {
        report(attributes.published_on->position, "compile.source_published_before_signed", {source->name.text});
      }
      const auto day = [](const std::optional<syntax::CalendarDate>& date) {
        return date ? std::optional<Day>(day_of(*date)) : std::nullopt;
      };
      model_->sources.push_back(Source{source->name.text, source->label,
                                       attributes.rank ? attributes.rank->text : std::string(),
                                       day(attributes.signed_on), day(attributes.published_on),
                                       day(attributes.in_force_on)});
    }
  }

  // The citation as an explanation shows it, after checking that its source exists and
  // that what it dates does not take effect before the text was signed.
  Citation citation(const syntax::Citation& cited, std::optional<Day> effect = std::nullopt) {
    const syntax::Declaration* source = find(DeclarationKind::source, cited.source.text);
    if (source == nullptr) {
      report(cited.source.position, "compile.unknown_source", {cited.source.text});
      return Citation{cited.source.text};
    }
    if (effect && *effect != first_day && source->source.signed_on && *effect < day_of(*source->source.signed_on)) {
      report(cited.position, "compile.effect_before_signature",
             {date_text(*effect), source->name.text, date_text(day_of(*source->source.signed_on))});
    }
    return Citation{cited.detail ? fmt::format("{}, {}", source->label, *cited.detail) : source->label};
  }

  Period period(const syntax::Period& written) {
    Period result;
    if (written.since) result.since = day_of(*written.since);
    if (written.until) result.until = day_of(*written.until);
    if (result.since > result.until) {
      report(written.since->position, "compile.empty_period", {date_text(result.since), date_text(result.until)});
    }
    return result;
  }

  // ------------------------------------------------------------ amendments

  // Moves a dated element from `from` to `to`: a start on `from`, or an end the day before.
  static bool move_date(std::optional<syntax::CalendarDate>& date, Day from, Day to, bool is_end) {
    if (!date) return false;
    const Day shift = is_end ? 1 : 0;
    if (day_of(*date) + shift != from) return false;
    const std::chrono::year_month_day moved{std::chrono::sys_days(std::chrono::days(to - shift))};
    date->year = static_cast<int>(moved.year());
    date->month = static_cast<int>(static_cast<unsigned>(moved.month()));
    date->day = static_cast<int>(static_cast<unsigned>(moved.day()));
    return true;
  }

  static bool postpone(syntax::Statement& statement, Day from, Day to) {
    bool moved = false;
    const auto move_period = [&](syntax::Period& p) {
      moved = move_date(p.since, from, to, false) || moved;
      moved = move_date(p.until, from, to, true) || moved;
    };
    std::visit(
        [&](auto& node) {
          using T = std::decay_t<decltype(node)>;
          if constexpr (std::is_same_v<T, syntax::ValueStatement> || std::is_same_v<T, syntax::CotationStatement> ||
                        std::is_same_v<T, syntax::ParameterValue> || std::is_same_v<T, syntax::AmountStatement>) {
            move_period(node.period);
          } else if constexpr (std::is_same_v<T, syntax::PeriodStatement>) {
            move_period(node.period);
          } else if constexpr (std::is_same_v<T, syntax::StepStatement> || std::is_same_v<T, syntax::RemovedStatement>) {
            std::optional<syntax::CalendarDate> since = node.since;
            if (move_date(since, from, to, false)) {
              node.since = *since;
              moved = true;
            }
          }
        },
        statement.node);
    return moved;
  }

  void apply_amendments() {
    for (const auto* amendment : of_kind(DeclarationKind::amendment)) {
      const Citation cited = amendment->citation ? citation(*amendment->citation) : Citation{};
      for (const auto& statement : amendment->statements) {
        if (const auto* postponement = std::get_if<syntax::Postponement>(&statement.node)) {
          syntax::Declaration* target = amended(postponement->target);
          if (target == nullptr) continue;
          const Day from = day_of(postponement->from);
          const Day to = day_of(postponement->to);
          bool moved = false;
          for (auto& s : target->statements) {
            if (!postpone(s, from, to)) continue;
            moved = true;
            model_->postponements.push_back(
                {Origin{s.position.file, s.position.offset}, from, to, amendment->name.text, cited});
          }
          if (!moved) {
            report(postponement->from.position, "compile.nothing_to_postpone",
                   {date_text(from), std::string(kind_word(target->kind)), target->name.text});
          }
        } else if (const auto* repeal = std::get_if<syntax::Repeal>(&statement.node)) {
          syntax::Declaration* target = amended(repeal->target);
          if (target == nullptr) continue;
          if (!repeal->since) {
            repealed_.insert(declaration_key(target->kind, target->name.text));
          } else {
            repealed_since_[declaration_key(target->kind, target->name.text)] = day_of(*repeal->since);
          }
        } else if (const auto* addition = std::get_if<syntax::Addition>(&statement.node)) {
          syntax::Declaration* target = amended(addition->target);
          if (target == nullptr) continue;
          target->statements.insert(target->statements.end(), addition->statements.begin(),
                                    addition->statements.end());
        }
      }
    }
  }

  syntax::Declaration* amended(const syntax::Target& target) {
    syntax::Declaration* declaration = find(target.kind, target.name.text);
    if (declaration == nullptr) {
      report(target.name.position, "compile.unknown_declaration",
             {std::string(kind_word(target.kind)), target.name.text});
    }
    return declaration;
  }

  std::optional<Day> repealed_since(const syntax::Declaration& declaration) const {
    const auto it = repealed_since_.find(declaration_key(declaration.kind, declaration.name.text));
    return it == repealed_since_.end() ? std::nullopt : std::optional<Day>(it->second);
  }

  // ------------------------------------------------------------ values

  void declare_indices() {
    for (const auto* d : of_kind(DeclarationKind::letter)) {
      model_->letter_index.emplace(d->name.text, static_cast<std::uint32_t>(model_->letter_index.size()));
    }
    for (const auto* d : of_kind(DeclarationKind::item)) {
      model_->item_index.emplace(d->name.text, static_cast<std::uint32_t>(model_->item_index.size()));
    }
    for (const auto* d : of_kind(DeclarationKind::parameter)) {
      parameter_index_.emplace(utf8::fold(d->name.text), static_cast<std::uint32_t>(parameter_index_.size()));
    }
    std::uint32_t act = 0;
    for (const auto* d : of_kind(DeclarationKind::act)) act_index_.emplace(d->name.text, act++);
  }

  std::optional<RegionIndex> region(const syntax::Name& name) {
    const std::string word = utf8::fold(name.text);
    if (word == "metropole") return RegionIndex::metropole;
    if (word == "outre_mer") return RegionIndex::outre_mer;
    report(name.position, "compile.unknown_region", {name.text});
    return std::nullopt;
  }

  Decimal decimal(const syntax::Literal& literal) {
    try {
      return Decimal::parse(literal.text);
    } catch (const DecimalError&) {
      report(literal.position, "compile.number_out_of_range", {literal.text});
      return Decimal();
    }
  }

  // Sorts dated entries and reports the overlaps and the gaps between them. `cotations`
  // says whether the entries are an act's cotations or a declaration's values.
  template <typename Entry>
  void check_schedule(std::vector<std::pair<Entry, syntax::Position>>& entries, std::string_view what,
                      const std::string& name, bool cotations = false) {
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto& a, const auto& b) { return a.first.period.since < b.first.period.since; });
    const std::string noun = cotations ? "cotations" : "periods";
    Day covered_until = entries.empty() ? first_day : entries[0].first.period.until;  // the furthest end so far
    for (std::size_t i = 1; i < entries.size(); ++i) {
      const Period& after = entries[i].first.period;
      if (after.since <= covered_until) {
        if (after.since == first_day) {
          report(entries[i].second, "compile.overlapping_" + noun + "_undated", {std::string(what), name});
        } else {
          report(entries[i].second, "compile.overlapping_" + noun, {std::string(what), name, date_text(after.since)});
        }
      } else if (covered_until != last_day && covered_until + 1 < after.since) {
        report(entries[i].second, "compile.gap_between_" + noun,
               {std::string(what), name, date_text(covered_until + 1), date_text(after.since - 1)});
      }
      covered_until = std::max(covered_until, after.until);
    }
  }

  // Each region has its own schedule: a statement may give one region or several.
  std::vector<RegionalValue> regional_values(const syntax::Declaration& declaration) {
    std::vector<std::pair<RegionalValue, syntax::Position>> entries;
    for (const auto& statement : declaration.statements) {
      const auto* value = std::get_if<syntax::ValueStatement>(&statement.node);
      if (value == nullptr) continue;
      RegionalValue entry;
      entry.origin = Origin{statement.position.file, statement.position.offset};
      entry.period = period(value->period);
      entry.citation = citation(value->citation, entry.period.since);
      for (const auto& priced : value->values) {
        entry.per_kilometre = entry.per_kilometre || priced.per_kilometre;
        const Decimal amount = decimal(priced.amount);
        // A flat amount is paid as it is: it must be whole cents. A value per km or per
        // key-letter point is multiplied first, then rounded by the declared rounding.
        if (declaration.kind == DeclarationKind::item && !priced.per_kilometre &&
            !(amount.round(2, RoundingMode::toward_zero) == amount)) {
          report(priced.amount.position, "compile.amount_below_the_cent", {priced.amount.text});
        }
        if (!priced.region) {
          for (auto& slot : entry.by_region) slot = amount;
        } else if (const auto index = region(*priced.region)) {
          entry.by_region[static_cast<std::size_t>(*index)] = amount;
        }
      }
      entries.emplace_back(std::move(entry), statement.position);
    }
    for (std::size_t r = 0; r < region_count; ++r) {
      std::vector<std::pair<RegionalValue, syntax::Position>> of_region;
      for (const auto& entry : entries) {
        if (entry.first.by_region[r]) of_region.push_back(entry);
      }
      const std::string name =
          fmt::format("{} ({})", declaration.name.text, r == 0 ? "métropole" : "outre-mer");
      check_schedule(of_region, kind_word(declaration.kind), name);
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto& a, const auto& b) { return a.first.period.since < b.first.period.since; });
    std::vector<RegionalValue> result;
    for (auto& [entry, position] : entries) result.push_back(std::move(entry));
    if (const auto since = repealed_since(declaration)) cut_at(result, *since);
    return result;
  }

  template <typename Entry>
  static void cut_at(std::vector<Entry>& entries, Day since) {
    std::erase_if(entries, [&](const Entry& e) { return e.period.since >= since; });
    for (auto& e : entries) e.period.until = std::min(e.period.until, since - 1);
  }

  std::optional<Rounding> rounding(const syntax::Rounding& written, const syntax::Citation& cited) {
    Rounding result;
    const std::string unit = utf8::fold(written.unit.text);
    if (unit == "centime") {
      result.decimals = 2;
    } else if (unit == "euro") {
      result.decimals = 0;
    } else {
      report(written.unit.position, "compile.unknown_rounding_unit", {written.unit.text});
      return std::nullopt;
    }
    const std::string mode = utf8::fold(written.mode.text);
    if (mode == "demi_loin_de_zero") {
      result.mode = RoundingMode::half_away_from_zero;
    } else if (mode == "demi_pair") {
      result.mode = RoundingMode::half_even;
    } else if (mode == "vers_zero") {
      result.mode = RoundingMode::toward_zero;
    } else if (mode == "loin_de_zero") {
      result.mode = RoundingMode::away_from_zero;
    } else {
      report(written.mode.position, "compile.unknown_rounding_mode", {written.mode.text});
      return std::nullopt;
    }
    result.citation = citation(cited);
    return result;
  }

  void build_letter(const syntax::Declaration& declaration) {
    Letter letter;
    letter.code = declaration.name.text;
    letter.label = declaration.label;
    letter.values = regional_values(declaration);
    for (const auto& statement : declaration.statements) {
      if (const auto* r = std::get_if<syntax::RoundingStatement>(&statement.node)) {
        if (letter.rounding) report(statement.position, "compile.duplicate_rounding", {letter.code});
        letter.rounding = rounding(r->rounding, r->citation);
      } else if (const auto* t = std::get_if<syntax::TelecareStatement>(&statement.node)) {
        if (letter.telecare) report(statement.position, "compile.duplicate_telecare", {letter.code});
        letter.telecare = citation(t->citation);
      }
    }
    model_->letters.push_back(std::move(letter));
  }

  void build_item(const syntax::Declaration& declaration) {
    Item item;
    item.code = declaration.name.text;
    item.label = declaration.label;
    item.values = regional_values(declaration);
    for (const auto& statement : declaration.statements) {
      if (const auto* condition = std::get_if<syntax::ConditionStatement>(&statement.node)) {
        item.conditions.push_back(build_condition(*condition, item.code, item.conditions.size()));
      } else if (const auto* computation = std::get_if<syntax::ComputationStatement>(&statement.node)) {
        const auto [node, type] = expression(computation->expression);
        if (type && *type != Type::money) {
          report(computation->expression.position, "compile.wrong_type",
                 {std::string(type_word(*type)), std::string(type_word(Type::money))});
        }
        item.computation = node;
        item.computation_citation = citation(computation->citation);
        if (!computation->rounding) {
          report(statement.position, "compile.computation_without_rounding", {item.code});
        } else {
          item.computation_rounding = rounding(*computation->rounding, computation->citation);
        }
      }
    }
    const bool per_kilometre = std::any_of(item.values.begin(), item.values.end(),
                                           [](const RegionalValue& v) { return v.per_kilometre; });
    if (per_kilometre && !item.computation) {
      report(declaration.name.position, "compile.per_kilometre_without_computation", {item.code});
    }
    model_->items.push_back(std::move(item));
  }

  Condition build_condition(const syntax::ConditionStatement& written, const std::string& owner, std::size_t index) {
    Condition condition;
    const auto [node, type] = expression(written.expression);
    if (type && *type != Type::boolean) {
      report(written.expression.position, "compile.wrong_type",
             {std::string(type_word(*type)), std::string(type_word(Type::boolean))});
    }
    condition.predicate = node;
    condition.message = written.message.value_or("");
    condition.citation = citation(written.citation);
    condition.name = fmt::format("{}, condition {}", owner, index + 1);
    return condition;
  }

  Value literal_value(const syntax::Literal& literal) {
    Value value;
    switch (literal.kind) {
      case syntax::LiteralKind::date:
        value.type = Type::date;
        value.integer = day_of(*literal.date);
        break;
      case syntax::LiteralKind::decimal:
      case syntax::LiteralKind::money:
      case syntax::LiteralKind::percentage:
      case syntax::LiteralKind::distance:
        value.type = literal.kind == syntax::LiteralKind::decimal      ? Type::number
                     : literal.kind == syntax::LiteralKind::money      ? Type::money
                     : literal.kind == syntax::LiteralKind::percentage ? Type::percentage
                                                                       : Type::distance;
        value.number = decimal(literal);
        break;
      case syntax::LiteralKind::duration: {
        value.type = Type::duration;
        const std::string unit = utf8::fold(literal.unit);
        const Decimal count = decimal(literal);
        const auto whole = static_cast<std::int32_t>(std::min<std::uint64_t>(count.magnitude(), 100'000));
        value.months = unit == "mois" || unit.starts_with("an");
        value.integer = unit.starts_with("an") ? whole * 12 : unit.starts_with("semaine") ? whole * 7 : whole;
        break;
      }
      case syntax::LiteralKind::text: value.type = Type::text; break;
      case syntax::LiteralKind::boolean:
        value.type = Type::boolean;
        value.boolean = literal.text == "vrai";
        break;
    }
    return value;
  }

  void build_parameter(const syntax::Declaration& declaration) {
    Parameter parameter;
    parameter.name = declaration.name.text;
    parameter.label = declaration.label;
    std::vector<std::pair<RegionalValue, syntax::Position>> periods;  // for the schedule checks
    for (const auto& statement : declaration.statements) {
      const auto* value = std::get_if<syntax::ParameterValue>(&statement.node);
      if (value == nullptr) continue;
      const Period p = period(value->period);
      parameter.values.emplace_back(p, literal_value(value->value));
      parameter.citations.push_back(citation(value->citation, p.since));
      RegionalValue marker;
      marker.period = p;
      periods.emplace_back(marker, statement.position);
      if (!parameter.values.empty() && parameter.values.front().second.type != parameter.values.back().second.type) {
        report(value->value.position, "compile.parameter_type_changes", {parameter.name});
      }
    }
    check_schedule(periods, kind_word(declaration.kind), parameter.name);
    if (const auto since = repealed_since(declaration)) {
      for (std::size_t i = parameter.values.size(); i-- > 0;) {
        if (parameter.values[i].first.since >= *since) {
          parameter.values.erase(parameter.values.begin() + static_cast<std::ptrdiff_t>(i));
          parameter.citations.erase(parameter.citations.begin() + static_cast<std::ptrdiff_t>(i));
        } else {
          parameter.values[i].first.until = std::min(parameter.values[i].first.until, *since - 1);
        }
      }
    }
    model_->parameters.push_back(std::move(parameter));
  }

  // ------------------------------------------------------------ acts

  std::optional<std::uint32_t> letter(const syntax::Name& name) {
    const auto it = model_->letter_index.find(name.text);
    if (it == model_->letter_index.end()) {
      report(name.position, "compile.unknown_letter", {name.text});
      return std::nullopt;
    }
    return it->second;
  }

  void build_act(const syntax::Declaration& declaration) {
    Act act;
    act.name = declaration.name.text;
    act.label = declaration.label;
    std::vector<std::pair<Cotation, syntax::Position>> cotations;
    for (const auto& statement : declaration.statements) {
      std::visit(
          [&](const auto& node) {
            using T = std::decay_t<decltype(node)>;
            if constexpr (std::is_same_v<T, syntax::ArticleStatement>) {
              act.article = citation(node.citation);
              act.article_reference = node.citation.detail.value_or("");
            } else if constexpr (std::is_same_v<T, syntax::ClassificationStatement>) {
              for (const auto& pair : node.pairs) act.classification.emplace_back(pair.key.text, pair.value.text);
            } else if constexpr (std::is_same_v<T, syntax::CotationStatement>) {
              const auto letter_index = letter(node.key_letter);
              if (!letter_index) return;
              Cotation cotation{*letter_index, decimal(node.coefficient), period(node.period), {},
                                Origin{statement.position.file, statement.position.offset}, {}, node.shared};
              cotation.citation = citation(node.citation, cotation.period.since);
              if (node.replaced) {
                act.replaced.push_back(std::move(cotation));
              } else {
                cotations.emplace_back(std::move(cotation), statement.position);
              }
            } else if constexpr (std::is_same_v<T, syntax::ReferentialStatement>) {
              Referential referential{node.name, {}, citation(node.citation)};
              for (const auto& t : node.thresholds) {
                Threshold threshold;
                threshold.sessions = t.sessions;
                threshold.scope = t.scope == syntax::ThresholdScope::series   ? Threshold::Scope::series
                                  : t.scope == syntax::ThresholdScope::window ? Threshold::Scope::window
                                                                               : Threshold::Scope::from_session;
                if (t.window && !(literal_value(*t.window).months && literal_value(*t.window).integer == 12)) {
                  report(t.window->position, "compile.unsupported_window", {t.window->text + " " + t.window->unit});
                }
                referential.thresholds.push_back(threshold);
              }
              act.referentials.push_back(std::move(referential));
            } else if constexpr (std::is_same_v<T, syntax::PendingStatement>) {
              act.pending = node.reason;
              if (node.citation) act.pending_citation = citation(*node.citation);
            } else if constexpr (std::is_same_v<T, syntax::RemovedStatement>) {
              act.removed_since = day_of(node.since);
              act.removed_citation = citation(node.citation, act.removed_since);
            } else if constexpr (std::is_same_v<T, syntax::ConditionStatement>) {
              act.conditions.push_back(build_condition(node, act.name, act.conditions.size()));
            }
          },
          statement.node);
    }
    check_schedule(cotations, "acte", act.name, true);
    // Old cotations are priced too, during their transition: their letters need a rounding.
    const auto require_rounding = [&](const Cotation& cotation) {
      const Letter& used = model_->letters[cotation.letter];
      if (!used.rounding && letters_without_rounding_.insert(used.code).second) {
        report(syntax::Position{cotation.origin.file, cotation.origin.offset}, "compile.letter_without_rounding",
               {used.code});
      }
    };
    for (const auto& entry : cotations) require_rounding(entry.first);
    for (const auto& replaced : act.replaced) require_rounding(replaced);
    for (auto& [cotation, position] : cotations) act.cotations.push_back(std::move(cotation));
    if (const auto since = repealed_since(declaration)) {
      act.removed_since = std::min(act.removed_since.value_or(last_day), *since);
    }
    const bool writes_cotation = std::any_of(declaration.statements.begin(), declaration.statements.end(), [](const auto& st) {
      const auto* c = std::get_if<syntax::CotationStatement>(&st.node);
      return c != nullptr && !c->replaced;
    });
    if (!writes_cotation && !act.pending) report(declaration.name.position, "compile.act_without_cotation", {act.name});
    model_->acts.push_back(std::move(act));
  }

  // Which acts, items a selector list designates; groups are expanded (cycles reported).
  Scope scope(const std::vector<syntax::Selector>& selectors) {
    Scope result;
    std::set<std::string> visiting;
    expand(selectors, result, visiting);
    std::sort(result.acts.begin(), result.acts.end());
    result.acts.erase(std::unique(result.acts.begin(), result.acts.end()), result.acts.end());
    std::sort(result.items.begin(), result.items.end());
    result.items.erase(std::unique(result.items.begin(), result.items.end()), result.items.end());
    return result;
  }

  void expand(const std::vector<syntax::Selector>& selectors, Scope& result, std::set<std::string>& visiting) {
    for (const auto& selector : selectors) {
      switch (selector.kind) {
        case syntax::SelectorKind::every_act: result.every_act = true; break;
        case syntax::SelectorKind::every_item: result.every_item = true; break;
        case syntax::SelectorKind::act: {
          const auto it = act_index_.find(selector.name.text);
          if (it == act_index_.end()) {
            report(selector.name.position, "compile.unknown_declaration", {"acte", selector.name.text});
          } else {
            result.acts.push_back(it->second);
          }
          break;
        }
        case syntax::SelectorKind::item: {
          const auto it = model_->item_index.find(selector.name.text);
          if (it == model_->item_index.end()) {
            report(selector.name.position, "compile.unknown_declaration", {"forfait", selector.name.text});
          } else {
            result.items.push_back(it->second);
          }
          break;
        }
        case syntax::SelectorKind::letter: {
          const auto index = letter(selector.name);
          if (!index) break;
          for (std::uint32_t a = 0; a < model_->acts.size(); ++a) {
            const auto& act = model_->acts[a];
            if (std::any_of(act.cotations.begin(), act.cotations.end(),
                            [&](const Cotation& c) { return c.letter == *index; })) {
              result.acts.push_back(a);
            }
          }
          break;
        }
        case syntax::SelectorKind::group: {
          const syntax::Declaration* group = find(DeclarationKind::group, selector.name.text);
          if (group == nullptr) {
            report(selector.name.position, "compile.unknown_declaration", {"groupe", selector.name.text});
            break;
          }
          if (!visiting.insert(group->name.text).second) {
            if (!reported_cycles_.count(group->name.text)) {
              report(selector.name.position, "compile.group_cycle", {group->name.text});
              reported_cycles_.insert(visiting.begin(), visiting.end());
            }
            break;
          }
          for (const auto& statement : group->statements) {
            if (const auto* members = std::get_if<syntax::SelectorStatement>(&statement.node)) {
              expand(members->selectors, result, visiting);
            }
          }
          visiting.erase(group->name.text);
          break;
        }
      }
    }
  }

  // Every group is expanded once, used or not, so that a cycle is always reported.
  void check_groups() {
    for (const auto* group : of_kind(DeclarationKind::group)) {
      (void)scope({syntax::Selector{syntax::SelectorKind::group, group->name}});
    }
  }

  // Each revaluation step moves the coefficient of every act in its scope from its date on.
  void apply_revaluations() {
    for (const auto* declaration : of_kind(DeclarationKind::revaluation)) {
      Scope targets;
      bool every = false;
      const std::size_t findings_before = diagnostics_.size();
      std::vector<std::tuple<Decimal, Day, Citation, syntax::Position>> steps;
      for (const auto& statement : declaration->statements) {
        if (const auto* s = std::get_if<syntax::SelectorStatement>(&statement.node)) {
          const Scope more = scope(s->selectors);
          targets.acts.insert(targets.acts.end(), more.acts.begin(), more.acts.end());
          if (!more.items.empty() || more.every_item || more.every_act) {
            report(statement.position, "compile.revaluation_of_non_act", {declaration->name.text});
            every = true;
          }
        } else if (const auto* step = std::get_if<syntax::StepStatement>(&statement.node)) {
          const Day since = day_of(step->since);
          steps.emplace_back(decimal(step->amount), since, citation(step->citation, since), statement.position);
        }
      }
      if (targets.acts.empty() && !every && diagnostics_.size() == findings_before) {
        report(declaration->name.position, "compile.revaluation_without_acts", {declaration->name.text});
      }
      if (const auto since = repealed_since(*declaration)) {
        std::erase_if(steps, [&](const auto& step) { return std::get<1>(step) >= *since; });
      }
      std::sort(steps.begin(), steps.end(), [](const auto& a, const auto& b) { return std::get<1>(a) < std::get<1>(b); });
      for (const std::uint32_t a : targets.acts) {
        for (const auto& [delta, since, cited, position] : steps) {
          revalue(model_->acts[a], delta, since, cited, position, declaration->name.text);
        }
      }
    }
  }

  void revalue(Act& act, const Decimal& delta, Day since, const Citation& cited, const syntax::Position& at,
               const std::string& revaluation) {
    const auto covering = std::find_if(act.cotations.begin(), act.cotations.end(),
                                       [&](const Cotation& c) { return c.period.contains(since); });
    if (covering == act.cotations.end()) {
      report(at, "compile.revaluation_without_cotation", {act.name, date_text(since)});
      return;
    }
    Cotation revalued = *covering;
    revalued.period.since = since;
    revalued.coefficient = covering->coefficient + delta;
    revalued.citation = cited;
    revalued.origin = Origin{at.file, at.offset};
    revalued.revaluation = revaluation;
    if (covering->period.since == since) {
      *covering = revalued;
      return;
    }
    covering->period.until = since - 1;
    act.cotations.insert(covering + 1, revalued);
  }

  // Builds the lookup of billed codes, and reports two acts answering one code on one date.
  void index_rules() {
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
    model_->rules_by_act.assign(model_->acts.size(), {});
    model_->rules_by_item.assign(model_->items.size(), {});
    for (std::uint32_t r = 0; r < model_->rules.size(); ++r) {
      const Scope& scope = model_->rules[r].scope;
      index(scope.every_act, scope.acts, model_->rules_by_act, r);
      index(scope.every_item, scope.items, model_->rules_by_item, r);
    }
  }

  void index_codes() {
    for (std::uint32_t a = 0; a < model_->acts.size(); ++a) {
      const Act& act = model_->acts[a];
      for (const bool replaced : {false, true}) {
        for (const Cotation& c : replaced ? act.replaced : act.cotations) {
          Period p = c.period;
          if (act.removed_since) p.until = std::min(p.until, *act.removed_since - 1);
          // "TMK 7.49" designates the act coted 7.49 done in telecare: no act is coted TMK.
          if (model_->letters[c.letter].telecare) {
            report(syntax::Position{c.origin.file, c.origin.offset}, "compile.telecare_letter_in_cotation",
                   {model_->letters[c.letter].code, act.name});
          }
          auto& entries = model_->codes_by_letter[model_->letters[c.letter].code];
          for (const CodeEntry& other : entries) {
            // Two cotations both declared `partagée` may share the code: the claim line names its act.
            if (!replaced && !other.replaced && other.act != a && other.coefficient == c.coefficient &&
                other.period.overlaps(p) && !(c.shared && other.shared)) {
              // Shown where the second of the two cotations is written, in file order.
              const Origin later = std::tie(c.origin.file, c.origin.offset) > std::tie(other.origin.file, other.origin.offset)
                                       ? c.origin
                                       : other.origin;
              report(syntax::Position{later.file, later.offset}, "compile.same_code_same_date",
                     {model_->letters[c.letter].code + " " + c.coefficient.to_string(), act.name,
                      model_->acts[other.act].name, date_text(std::max(other.period.since, p.since))});
            }
          }
          entries.push_back(CodeEntry{a, c.coefficient, p, replaced, c.origin, c.shared});
        }
      }
    }
    for (auto& [letter, entries] : model_->codes_by_letter) {
      std::stable_sort(entries.begin(), entries.end(), CoefficientOrder{});
    }
  }

  // ------------------------------------------------------------ rules

  void build_rule(const syntax::Declaration& declaration) {
    Rule rule;
    rule.name = declaration.name.text;
    rule.label = declaration.label;
    bool has_scope = false;
    bool has_citation = false;
    bool has_cumulation = false;
    std::optional<syntax::Citation> cited;
    const std::size_t findings_before = diagnostics_.size();
    std::string condition_text;
    for (const auto& statement : declaration.statements) {
      std::visit(
          [&](const auto& node) {
            using T = std::decay_t<decltype(node)>;
            if constexpr (std::is_same_v<T, syntax::SelectorStatement>) {
              const Scope more = scope(node.selectors);
              rule.scope.acts.insert(rule.scope.acts.end(), more.acts.begin(), more.acts.end());
              rule.scope.items.insert(rule.scope.items.end(), more.items.begin(), more.items.end());
              rule.scope.every_act = rule.scope.every_act || more.every_act;
              rule.scope.every_item = rule.scope.every_item || more.every_item;
              has_scope = true;
            } else if constexpr (std::is_same_v<T, syntax::PeriodStatement>) {
              rule.period = period(node.period);
            } else if constexpr (std::is_same_v<T, syntax::WhenStatement>) {
              const auto [id, type] = expression(node.condition);
              if (type && *type != Type::boolean) {
                report(node.condition.position, "compile.wrong_type",
                       {std::string(type_word(*type)), std::string(type_word(Type::boolean))});
              }
              rule.when = id;
              condition_text = std::to_string(id);
            } else if constexpr (std::is_same_v<T, syntax::OutcomeStatement>) {
              if (rule.outcome != Outcome::none) report(statement.position, "compile.duplicate_outcome", {rule.name});
              rule.outcome = node.kind == syntax::OutcomeKind::refusal      ? Outcome::refusal
                             : node.kind == syntax::OutcomeKind::acceptance ? Outcome::acceptance
                             : node.kind == syntax::OutcomeKind::prior_approval ? Outcome::prior_approval
                                                                                : Outcome::rate;
              if (node.rate) {
                rule.rate = Decimal::divide(decimal(*node.rate), Decimal(100), Decimal::max_scale, RoundingMode::half_even);  // exact: a percentage has few decimals
              }
            } else if constexpr (std::is_same_v<T, syntax::LimitStatement>) {
              rule.limit = limit(node, statement.position);
            } else if constexpr (std::is_same_v<T, syntax::CumulationStatement>) {
              rule.not_cumulable_with = scope(node.excluded);
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
    if (cited) rule.citation = citation(*cited, rule.period.since);
    if (const auto since = repealed_since(declaration)) rule.period.until = std::min(rule.period.until, *since - 1);
    // A name that did not resolve was reported: the checks below would only repeat it.
    const bool names_resolved = diagnostics_.size() == findings_before;
    std::sort(rule.scope.acts.begin(), rule.scope.acts.end());
    std::sort(rule.scope.items.begin(), rule.scope.items.end());
    if (!has_scope) report(declaration.name.position, "compile.rule_without_scope", {rule.name});
    if (!has_citation) report(declaration.name.position, "compile.rule_without_citation", {rule.name});
    if (rule.outcome == Outcome::none && !rule.limit && !has_cumulation && names_resolved) {
      report(declaration.name.position, "compile.rule_decides_nothing", {rule.name});
    }
    if (has_scope && names_resolved && !rule.scope.every_act && !rule.scope.every_item && rule.scope.items.empty() &&
        std::none_of(rule.scope.acts.begin(), rule.scope.acts.end(),
                     [&](std::uint32_t a) { return billable_during(model_->acts[a], rule.period); })) {
      report(declaration.name.position, "compile.rule_never_applies", {rule.name});
    }
    if (rule.limit && rule.outcome == Outcome::none) rule.outcome = Outcome::refusal;
    if (has_cumulation && rule.outcome == Outcome::none) rule.outcome = Outcome::refusal;
    rule_conditions_.push_back(condition_text);
    rule_positions_.push_back(declaration.name.position);
    if (declaration.exception_of) pending_exceptions_.emplace_back(model_->rules.size(), *declaration.exception_of);
    model_->rules.push_back(std::move(rule));
  }

  // Whether some cotation of the act, new or old, can be billed during `period`.
  static bool billable_during(const Act& act, const Period& period) {
    const auto overlaps = [&](const Cotation& c) {
      Period billable = c.period;
      if (act.removed_since) billable.until = std::min(billable.until, *act.removed_since - 1);
      return billable.since <= billable.until && billable.overlaps(period);
    };
    return std::any_of(act.cotations.begin(), act.cotations.end(), overlaps) ||
           std::any_of(act.replaced.begin(), act.replaced.end(), overlaps);
  }

  std::optional<Limit> limit(const syntax::LimitStatement& written, const syntax::Position& at) {
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
        report(scope_name.position, "compile.unknown_limit_scope", {scope_name.text});
        unknown = true;
      }
    }
    if (!per_time) {
      if (!unknown) report(at, "compile.limit_without_period");
      return std::nullopt;
    }
    return result;
  }

  void resolve_exceptions() {
    std::map<std::string, std::uint32_t> by_name;
    for (std::uint32_t r = 0; r < model_->rules.size(); ++r) by_name.emplace(model_->rules[r].name, r);
    for (const auto& [rule, general] : pending_exceptions_) {
      const auto it = by_name.find(general.text);
      if (it == by_name.end()) {
        report(general.position, "compile.exception_without_general_rule", {general.text});
        continue;
      }
      if (it->second == rule) {
        report(general.position, "compile.exception_of_itself", {general.text});
        continue;
      }
      if (!scopes_overlap(model_->rules[rule].scope, model_->rules[it->second].scope)) {
        report(general.position, "compile.exception_does_not_overlap", {model_->rules[rule].name, general.text});
      }
      model_->rules[rule].exception_of = it->second;
    }
    // An exception chain must end: a rule cannot refine, through others, itself.
    for (std::uint32_t r = 0; r < model_->rules.size(); ++r) {
      std::set<std::uint32_t> seen{r};
      for (auto next = model_->rules[r].exception_of; next; next = model_->rules[*next].exception_of) {
        if (!seen.insert(*next).second) {
          report(rule_positions_[r], "compile.exception_cycle", {model_->rules[r].name});
          model_->rules[r].exception_of.reset();
          break;
        }
      }
    }
  }

  static bool scopes_overlap(const Scope& a, const Scope& b) {
    if ((a.every_act && (b.every_act || !b.acts.empty())) || (b.every_act && !a.acts.empty())) return true;
    if ((a.every_item && (b.every_item || !b.items.empty())) || (b.every_item && !a.items.empty())) return true;
    const auto intersects = [](const std::vector<std::uint32_t>& x, const std::vector<std::uint32_t>& y) {
      std::vector<std::uint32_t> both;
      std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(both));
      return !both.empty();
    };
    return intersects(a.acts, b.acts) || intersects(a.items, b.items);
  }

  bool refines(std::uint32_t rule, std::uint32_t general) const {
    for (auto next = model_->rules[rule].exception_of; next; next = model_->rules[*next].exception_of) {
      if (*next == general) return true;
    }
    return false;
  }

  // Two rules that can decide one line differently, with the same condition (or none),
  // over overlapping periods: a conflict unless one is declared an exception of the other.
  void check_rule_conflicts() {
    const auto& rules = model_->rules;
    for (std::uint32_t a = 0; a < rules.size(); ++a) {
      for (std::uint32_t b = a + 1; b < rules.size(); ++b) {
        if (rules[a].outcome == rules[b].outcome || rules[a].limit || rules[b].limit ||
            !rules[a].not_cumulable_with.empty() || !rules[b].not_cumulable_with.empty()) {
          continue;
        }
        if (rule_conditions_[a] != rule_conditions_[b] || !rules[a].period.overlaps(rules[b].period) ||
            !scopes_overlap(rules[a].scope, rules[b].scope) || refines(a, b) || refines(b, a)) {
          continue;
        }
        report(rule_positions_[b], "compile.conflicting_rules", {rules[b].name, rules[a].name});
      }
    }
  }

  // ------------------------------------------------------------ expressions

  // Compiles an expression into the shared node array; identical sub-expressions get one
  // node. Returns the node and its type (none when a problem was reported).
  std::pair<NodeId, std::optional<Type>> expression(const syntax::Expression& e) {
    using syntax::ExpressionKind;
    switch (e.kind) {
      case ExpressionKind::literal: {
        Node node;
        node.op = Op::constant;
        node.constant = literal_value(e.literal);
        node.type = node.constant.type;
        if (node.type == Type::text) {
          report(e.position, "compile.text_in_expression");
          return {intern(node), std::nullopt};
        }
        return {intern(node), node.type};
      }
      case ExpressionKind::path: return path(e);
      case ExpressionKind::call: {
        const std::string name = utf8::fold(e.path.at(0).text);
        if (name == "contient" && e.operands.size() == 1 && e.operands[0].kind == ExpressionKind::path &&
            e.operands[0].path.size() == 1) {
          // A scheme reads its facts only, never a claim's lines.
          if (scheme_facts_ != nullptr) {
            report(e.position, "compile.claim_function_in_scheme", {e.operands[0].path[0].text});
            return {0, std::nullopt};
          }
          return holds(e.operands[0].path[0]);
        }
        if ((name != "min" && name != "max") || e.operands.size() != 2) {
          report(e.position, "compile.unknown_function", {e.path.at(0).text});
          return {0, std::nullopt};
        }
        return arithmetic(name == "min" ? Op::minimum : Op::maximum, e, true);
      }
      case ExpressionKind::set: {
        report(e.position, "compile.set_outside_dans");
        return {0, std::nullopt};
      }
      case ExpressionKind::negation: {
        const auto [operand, type] = expression(e.operands.at(0));
        if (type && *type != Type::boolean) {
          report(e.operands[0].position, "compile.wrong_type",
                 {std::string(type_word(*type)), std::string(type_word(Type::boolean))});
          return {0, std::nullopt};
        }
        Node node{Op::logical_not, Type::boolean, {}, 0, {operand}, {}};
        return {intern(node), type ? std::optional(Type::boolean) : std::nullopt};
      }
      case ExpressionKind::negative: {
        const auto [operand, type] = expression(e.operands.at(0));
        if (type && !is_quantity(*type)) {
          report(e.position, "compile.wrong_type", {std::string(type_word(*type)), std::string(type_word(Type::number))});
          return {0, std::nullopt};
        }
        Node node{Op::negate, type.value_or(Type::number), {}, 0, {operand}, {}};
        return {intern(node), type};
      }
      case ExpressionKind::membership: {
        const auto [element, type] = expression(e.operands.at(0));
        Node node{Op::member, Type::boolean, {}, 0, {element}, {}};
        bool ok = type.has_value();
        for (const auto& member : e.operands.at(1).operands) {
          const auto [id, member_type] = expression(member);
          if (member_type && type && *member_type != *type) {
            report(member.position, "compile.wrong_type",
                   {std::string(type_word(*member_type)), std::string(type_word(*type))});
            ok = false;
          }
          node.operands.push_back(id);
        }
        return {intern(node), ok ? std::optional(Type::boolean) : std::nullopt};
      }
      case ExpressionKind::binary: return binary(e);
    }
    return {0, std::nullopt};
  }

  static bool is_quantity(Type type) {
    return type == Type::number || type == Type::money || type == Type::distance || type == Type::percentage;
  }

  std::pair<NodeId, std::optional<Type>> binary(const syntax::Expression& e) {
    const std::string& op = e.operator_text;
    if (op == "et" || op == "ou") {
      const auto [left, left_type] = expression(e.operands.at(0));
      const auto [right, right_type] = expression(e.operands.at(1));
      bool ok = left_type && right_type;
      for (const auto& [type, operand] : {std::pair{left_type, &e.operands[0]}, std::pair{right_type, &e.operands[1]}}) {
        if (type && *type != Type::boolean) {
          report(operand->position, "compile.wrong_type",
                 {std::string(type_word(*type)), std::string(type_word(Type::boolean))});
          ok = false;
        }
      }
      Node node{op == "et" ? Op::logical_and : Op::logical_or, Type::boolean, {}, 0, {left, right}, {}};
      return {intern(node), ok ? std::optional(Type::boolean) : std::nullopt};
    }
    static const std::map<std::string, Op> comparisons = {
        {"=", Op::equal},         {"!=", Op::not_equal},    {"≠", Op::not_equal}, {"<", Op::less},
        {"<=", Op::less_equal},   {"≤", Op::less_equal},    {">", Op::greater},   {">=", Op::greater_equal},
        {"≥", Op::greater_equal}};
    if (const auto it = comparisons.find(op); it != comparisons.end()) {
      const auto [left, left_type] = expression(e.operands.at(0));
      const auto [right, right_type] = expression(e.operands.at(1));
      if (!left_type || !right_type) return {0, std::nullopt};
      const bool ordered = it->second != Op::equal && it->second != Op::not_equal;
      const bool comparable = *left_type == *right_type &&
                              (!ordered || is_quantity(*left_type) || *left_type == Type::date ||
                               *left_type == Type::duration);
      if (!comparable) {
        report(e.operator_position, "compile.operator_types",
               {op, std::string(type_word(*left_type)), std::string(type_word(*right_type))});
        return {0, std::nullopt};
      }
      Node node{it->second, Type::boolean, {}, 0, {left, right}, {}};
      return {intern(node), Type::boolean};
    }
    if (op == "+") return arithmetic(Op::add, e, false);
    if (op == "-") return arithmetic(Op::subtract, e, false);
    if (op == "*" || op == "×") return arithmetic(Op::multiply, e, false);
    report(e.operator_position, "compile.division_not_supported");
    return {0, std::nullopt};
  }

  // + - min max need one type on both sides; × needs a plain number (or a percentage) on
  // one side, or a distance times a price per kilometre.
  std::pair<NodeId, std::optional<Type>> arithmetic(Op op, const syntax::Expression& e, bool same_type) {
    const auto [left, left_type] = expression(e.operands.at(0));
    const auto [right, right_type] = expression(e.operands.at(1));
    if (!left_type || !right_type) return {0, std::nullopt};
    if ((op == Op::add || op == Op::subtract) && (*left_type == Type::date || *right_type == Type::date)) {
      return date_shift(op, e, {left, *left_type}, {right, *right_type});
    }
    if (e.day_rounding) {
      report(e.day_rounding->position, "compile.day_rounding_without_months");
      return {0, std::nullopt};
    }
    std::optional<Type> result;
    if (op == Op::multiply) {
      const Type a = *left_type;
      const Type b = *right_type;
      if (a == Type::number && is_quantity(b)) result = b;
      else if (b == Type::number && is_quantity(a)) result = a;
      else if ((a == Type::percentage && b == Type::money) || (a == Type::money && b == Type::percentage)) result = Type::money;
      else if ((a == Type::distance && b == Type::money) || (a == Type::money && b == Type::distance)) result = Type::money;
    } else if ((same_type || op == Op::add || op == Op::subtract) && *left_type == *right_type &&
               is_quantity(*left_type)) {
      result = *left_type;
    }
    if (!result) {
      report(e.kind == syntax::ExpressionKind::call ? e.position : e.operator_position, "compile.operator_types",
             {e.kind == syntax::ExpressionKind::call ? e.path.at(0).text : e.operator_text,
              std::string(type_word(*left_type)), std::string(type_word(*right_type))});
      return {0, std::nullopt};
    }
    Node node{op, *result, {}, 0, {left, right}, {}};
    return {intern(node), result};
  }

  // date + duration, date - duration: a date. Adding months may need the day rounding the
  // expression declares; days and weeks always land on a day that exists, so a rounding
  // written there is a mistake.
  std::pair<NodeId, std::optional<Type>> date_shift(Op op, const syntax::Expression& e, std::pair<NodeId, Type> date,
                                                    std::pair<NodeId, Type> duration) {
    if (date.second != Type::date || duration.second != Type::duration) {
      report(e.operator_position, "compile.date_arithmetic",
             {e.operator_text, std::string(type_word(date.second)), std::string(type_word(duration.second))});
      return {0, std::nullopt};
    }
    DayRounding rounding = DayRounding::none;
    if (e.day_rounding) {
      const Node& counted = model_->nodes.at(duration.first);
      if (counted.op == Op::constant && !counted.constant.months) {
        report(e.day_rounding->position, "compile.day_rounding_without_months");
        return {0, std::nullopt};
      }
      rounding = utf8::fold(e.day_rounding->text) == "precedent" ? DayRounding::previous_day : DayRounding::next_day;
    }
    Node node{op == Op::add ? Op::date_plus : Op::date_minus, Type::date, {}, static_cast<std::uint32_t>(rounding),
              {date.first, duration.first}, {}};
    return {intern(node), Type::date};
  }

  // `patient.âge` as claim_fields spells it: `patient.age`.
  static std::string folded_path(const std::vector<syntax::Name>& path) {
    std::string folded;
    for (const auto& part : path) {
      if (!folded.empty()) folded += '.';
      folded += utf8::fold(part.text);
    }
    return folded;
  }

  std::pair<NodeId, std::optional<Type>> path(const syntax::Expression& e) {
    const std::string folded = folded_path(e.path);
    if (scheme_facts_ != nullptr) return fact(e, folded);
    for (const auto& field : claim_fields) {
      if (field.path == folded) {
        Node node;
        node.op = Op::field;
        node.field = field.field;
        node.type = field.type;
        return {intern(node), field.type};
      }
    }
    if (e.path.size() == 1) {
      for (const auto& value : enumeration_values) {
        if (value.word == folded) {
          Node node;
          node.op = Op::constant;
          node.type = value.type;
          node.constant.type = value.type;
          node.constant.integer = value.value;
          return {intern(node), value.type};
        }
      }
      if (const auto it = parameter_index_.find(folded); it != parameter_index_.end()) {
        Node node;
        node.op = Op::parameter;
        node.reference = it->second;
        const auto& values = model_->parameters.at(it->second).values;
        node.type = values.empty() ? Type::number : values.front().second.type;
        return {intern(node), node.type};
      }
    }
    if (e.path.size() == 2 && utf8::fold(e.path[1].text) == "valeur") {
      if (const auto it = model_->item_index.find(e.path[0].text); it != model_->item_index.end()) {
        Node node{Op::item_value, Type::money, {}, it->second, {}, {}};
        return {intern(node), Type::money};
      }
      if (const auto it = model_->letter_index.find(e.path[0].text); it != model_->letter_index.end()) {
        Node node{Op::letter_value, Type::money, {}, it->second, {}, {}};
        return {intern(node), Type::money};
      }
    }
    report(e.position, "compile.unknown_name", {joined_path(e.path)});
    return {0, std::nullopt};
  }

  // A scheme's expressions read its facts only: a claim field means nothing there.
  std::pair<NodeId, std::optional<Type>> fact(const syntax::Expression& e, const std::string& folded) {
    const auto it = scheme_facts_->find(folded);
    if (it == scheme_facts_->end()) {
      report(e.position, "compile.unknown_fact", {joined_path(e.path), scheme_name_});
      return {0, std::nullopt};
    }
    const Type type = model_->facts[it->second].type;
    return {intern(Node{Op::fact, type, {}, it->second, {}, {}}), type};
  }

  // ------------------------------------------------------------ schemes

  static Type fact_type(syntax::FactType type) {
    switch (type) {
      case syntax::FactType::boolean: return Type::boolean;
      case syntax::FactType::number: return Type::number;
      case syntax::FactType::percentage: return Type::percentage;
      case syntax::FactType::money: return Type::money;
      case syntax::FactType::date: return Type::date;
    }
    return Type::boolean;
  }

  NodeId typed(const syntax::Expression& written, Type expected) {
    const auto [node, type] = expression(written);
    if (type && *type != expected) {
      report(written.position, "compile.wrong_type", {std::string(type_word(*type)), std::string(type_word(expected))});
    }
    return node;
  }

  std::optional<NodeId> typed(const std::optional<syntax::Expression>& written, Type expected) {
    return written ? std::optional(typed(*written, expected)) : std::nullopt;
  }

  void build_scheme(const syntax::Declaration& declaration) {
    Scheme scheme;
    scheme.name = declaration.name.text;
    scheme.label = declaration.label;
    std::map<std::string, std::uint32_t> facts;  // folded name -> index in model_->facts
    for (const auto& statement : declaration.statements) {
      const auto* written = std::get_if<syntax::FactStatement>(&statement.node);
      if (written == nullptr) continue;
      const auto index = static_cast<std::uint32_t>(model_->facts.size());
      if (!facts.emplace(utf8::fold(written->name.text), index).second) {
        report(written->name.position, "compile.duplicate_fact", {written->name.text, scheme.name});
        continue;
      }
      model_->facts.push_back(Fact{written->name.text, written->label, fact_type(written->type)});
      scheme.facts.push_back(index);
    }
    scheme_facts_ = &facts;
    scheme_name_ = scheme.name;
    std::set<std::string> amount_names;
    std::vector<NodeId> paid;  // every amount and instalment, for the `total` check
    std::vector<std::pair<NodeId, syntax::Position>> totals;
    bool decided = false;  // a decision without `si` was seen
    for (const auto& statement : declaration.statements) {
      std::visit(
          [&](const auto& node) {
            using T = std::decay_t<decltype(node)>;
            if constexpr (std::is_same_v<T, syntax::AmountStatement>) {
              if (!amount_names.insert(utf8::fold(node.name.text)).second) {
                report(node.name.position, "compile.duplicate_amount", {node.name.text, scheme.name});
              }
              SchemeAmount amount{node.name.text, node.label, typed(node.amount, Type::money),
                                  typed(node.condition, Type::boolean), node.outside_prerequisites,
                                  period(node.period), {}};
              amount.citation = citation(node.citation, amount.period.since);
              paid.push_back(amount.amount);
              scheme.amounts.push_back(std::move(amount));
            } else if constexpr (std::is_same_v<T, syntax::InstalmentStatement>) {
              scheme.instalments.push_back(
                  {node.year_offset, typed(node.amount, Type::money), node.at_signature, citation(node.citation)});
              paid.push_back(scheme.instalments.back().amount);
            } else if constexpr (std::is_same_v<T, syntax::DecisionStatement>) {
              if (decided) report(statement.position, "compile.unreachable_decision", {node.label, scheme.name});
              decided = decided || !node.condition;
              scheme.decisions.push_back({node.label, typed(node.condition, Type::boolean), citation(node.citation)});
            } else if constexpr (std::is_same_v<T, syntax::TotalStatement>) {
              totals.emplace_back(typed(node.amount, Type::money), node.amount.position);
              (void)citation(node.citation);
            } else if constexpr (std::is_same_v<T, syntax::ConditionStatement>) {
              scheme.prerequisites.push_back(build_condition(node, scheme.name, scheme.prerequisites.size()));
            }
          },
          statement.node);
    }
    scheme_facts_ = nullptr;
    check_totals(scheme.name, paid, totals);
    model_->schemes.push_back(std::move(scheme));
  }

  // A written total must be the sum of the amounts and instalments, all written as constants.
  void check_totals(const std::string& scheme, const std::vector<NodeId>& paid,
                    const std::vector<std::pair<NodeId, syntax::Position>>& totals) {
    const auto constant = [&](NodeId id) { return model_->nodes[id].op == Op::constant; };
    Decimal sum;
    for (const NodeId id : paid) sum = sum + model_->nodes[id].constant.number;
    for (const auto& [total, at] : totals) {
      if (!constant(total) || !std::all_of(paid.begin(), paid.end(), constant)) {
        report(at, "compile.total_of_computed_amount", {scheme});
      } else if (!(model_->nodes[total].constant.number == sum)) {
        report(at, "compile.total_mismatch", {model_->nodes[total].constant.number.to_string(), sum.to_string(), scheme});
      }
    }
  }

  // ------------------------------------------------------------ examples

  void build_example(const syntax::Declaration& declaration) {
    Example example;
    example.name = declaration.name.text;
    example.label = declaration.label;
    const auto at = parsed_.sources.at(declaration.position.file)->position_of(declaration.position.offset);
    example.location = fmt::format("{}:{}", at.file, at.line);
    example.claim.id = example.name;
    std::set<Field> given;
    for (const auto& statement : declaration.statements) {
      if (const auto* line = std::get_if<syntax::ExampleLine>(&statement.node)) {
        ExpectedLine expected{line->code, Decision::accepted, std::nullopt, line->reason};
        expected.decision = line->decision == syntax::ExpectedDecision::accepted  ? Decision::accepted
                            : line->decision == syntax::ExpectedDecision::refused ? Decision::refused
                                                                                  : Decision::prior_approval;
        if (line->amount) expected.amount = decimal(*line->amount);
        example.claim.lines.push_back(ClaimLine{line->code});
        example.lines.push_back(std::move(expected));
      } else if (const auto* field = std::get_if<syntax::ExampleField>(&statement.node)) {
        const FieldInfo* info = example_field(*field);
        if (info == nullptr) continue;
        if (!given.insert(info->field).second) {
          report(field->path.front().position, "compile.duplicate_example_field", {joined_path(field->path)});
          continue;
        }
        if (const auto value = example_value(*field, *info)) {
          set_claim_field(example.claim, info->field, *value);
          example.fields.push_back(fmt::format("{} {}", joined_path(field->path), written_value(field->value)));
        }
      }
    }
    if (!given.count(Field::date)) report(declaration.name.position, "compile.example_without_date", {example.name});
    if (example.lines.empty()) report(declaration.name.position, "compile.example_without_line", {example.name});
    model_->examples.push_back(std::move(example));
  }

  // The claim field an example sets; the per-line fields (ligne.rang) come from its lines.
  const FieldInfo* example_field(const syntax::ExampleField& written) {
    const std::string folded = folded_path(written.path);
    for (const auto& field : claim_fields) {
      if (field.path == folded && field.field != Field::line_rank && field.field != Field::line_coefficient) {
        return &field;
      }
    }
    report(written.path.front().position, "compile.unknown_example_field", {joined_path(written.path)});
    return nullptr;
  }

  std::optional<Value> example_value(const syntax::ExampleField& written, const FieldInfo& field) {
    const std::string field_text = joined_path(written.path);
    if (const auto* name = std::get_if<syntax::Name>(&written.value)) {
      const std::string word = utf8::fold(name->text);
      for (const auto& value : enumeration_values) {
        if (value.word != word) continue;
        if (value.type != field.type) break;
        Value result;
        result.type = value.type;
        result.integer = value.value;
        return result;
      }
      if (field.type == Type::region || field.type == Type::place || field.type == Type::prescription ||
          field.type == Type::structure) {
        report(name->position, "compile.unknown_example_value", {name->text, field_text});
      } else if (field.type == Type::boolean) {
        report(name->position, "compile.example_not_boolean", {field_text, name->text});
      } else {
        report(name->position, "compile.wrong_type", {"nom", std::string(type_word(field.type))});
      }
      return std::nullopt;
    }
    const auto& literal = std::get<syntax::Literal>(written.value);
    Value value = literal_value(literal);
    if (value.type != field.type) {
      report(literal.position, "compile.wrong_type",
             {std::string(type_word(value.type)), std::string(type_word(field.type))});
      return std::nullopt;
    }
    if (value.type == Type::number) {
      // A prescriber number has 9 digits; counts and ages stay below a million.
      const Decimal bound(field.field == Field::prescriber_number ? 999'999'999 : 1'000'000);
      if (value.number.round(0, RoundingMode::toward_zero) != value.number || value.number > bound) {
        report(literal.position, "compile.example_not_a_count", {field_text, literal.text});
        return std::nullopt;
      }
      value.integer = static_cast<std::int32_t>(value.number.magnitude());
    }
    return value;
  }

  static std::string written_value(const std::variant<syntax::Literal, syntax::Name>& value) {
    if (const auto* name = std::get_if<syntax::Name>(&value)) return name->text;
    const auto& literal = std::get<syntax::Literal>(value);
    return literal.kind == syntax::LiteralKind::distance ? literal.text + " km" : literal.text;
  }

  static void set_claim_field(Claim& claim, Field field, const Value& value) {
    switch (field) {
      case Field::date:
        claim.date = Date{std::chrono::sys_days(std::chrono::days(value.integer))};
        break;
      case Field::region:
        claim.region = value.integer == 0 ? Region::metropole : Region::drom;
        break;
      case Field::place:
        claim.place = static_cast<Place>(value.integer);
        break;
      case Field::patient_age:
        claim.patient.age = value.integer;
        break;
      case Field::prescription_kind:
        claim.prescription.kind = static_cast<PrescriptionKind>(value.integer);
        break;
      case Field::session_number:
        claim.series.session_number = value.integer;
        break;
      case Field::sessions_12_months_before:
        claim.series.sessions_12_months_before = value.integer;
        break;
      case Field::prior_approval:
        claim.series.prior_approval = value.boolean;
        break;
      case Field::travel_distance:
        claim.travel.distance_km = value.number;
        break;
      case Field::same_agglomeration:
        claim.travel.same_agglomeration = value.boolean;
        break;
      case Field::night:
        claim.time.night = value.boolean;
        break;
      case Field::sunday_or_holiday:
        claim.time.sunday_or_holiday = value.boolean;
        break;
      case Field::urgent:
        claim.time.urgent = value.boolean;
        break;
      case Field::telehealth:
        claim.telehealth = value.boolean;
        break;
      case Field::initial_date:
        claim.prescription.initial_date = Date{std::chrono::sys_days(std::chrono::days(value.integer))};
        break;
      case Field::renewal_date:
        claim.prescription.renewal_date = Date{std::chrono::sys_days(std::chrono::days(value.integer))};
        break;
      case Field::prescriber_number:
        claim.prescription.prescriber_number = fmt::format("{:09}", value.integer);
        break;
      case Field::prior_diagnosis:
        claim.prescription.prior_diagnosis = value.boolean;
        break;
      case Field::practice_structure:
        claim.practitioner.structure = static_cast<PracticeStructure>(value.integer);
        break;
      case Field::earlier_sessions_same_day:
        claim.same_day.earlier_sessions = value.integer;
        break;
      case Field::same_prescription:
        claim.same_day.same_prescription = value.boolean;
        break;
      case Field::same_article:
        claim.same_day.same_article = value.boolean;
        break;
      case Field::same_body_region:
        claim.same_day.same_body_region = value.boolean;
        break;
      case Field::casf_establishment:
        claim.travel.casf_establishment = value.boolean;
        break;
      case Field::charged_for_another_patient:
        claim.travel.charged_for_another_patient = value.boolean;
        break;
      case Field::line_rank:
      case Field::line_coefficient:
        break;  // per line, never an example's field
    }
  }

  // `patient.âge`, as written.
  static std::string joined_path(const std::vector<syntax::Name>& path) {
    std::vector<std::string> texts;
    for (const auto& part : path) texts.push_back(part.text);
    return fmt::format("{}", fmt::join(texts, "."));
  }

  // contient(groupe): whether the claim bills a line of the group, whichever line is decided.
  std::pair<NodeId, std::optional<Type>> holds(const syntax::Name& group) {
    auto& held = model_->held_groups;
    auto it = std::find_if(held.begin(), held.end(), [&](const auto& g) { return g.first == group.text; });
    if (it == held.end()) {
      held.emplace_back(group.text, scope({syntax::Selector{syntax::SelectorKind::group, group}}));
      it = std::prev(held.end());
    }
    Node node{Op::holds, Type::boolean, {}, static_cast<std::uint32_t>(it - held.begin()), {}, {}};
    return {intern(node), Type::boolean};
  }

  NodeId intern(const Node& node) {
    std::string key = fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}", static_cast<int>(node.op), static_cast<int>(node.type),
                                  static_cast<int>(node.field), node.reference, node.constant.boolean,
                                  node.constant.integer, node.constant.number.to_string(), node.constant.months,
                                  fmt::join(node.operands, ","));
    const auto [it, inserted] = interned_.try_emplace(std::move(key), static_cast<NodeId>(model_->nodes.size()));
    if (inserted) model_->nodes.push_back(node);
    return it->second;
  }

  const ParsedRuleSet& parsed_;
  const CompileOptions& options_;
  std::vector<Diagnostic>& diagnostics_;
  std::unique_ptr<RuleSet::Model> model_;
  std::map<std::string, syntax::Declaration> declarations_;  // working copies, amended
  std::vector<std::string> order_;
  std::set<std::string> repealed_;
  std::map<std::string, Day> repealed_since_;
  std::map<std::string, std::uint32_t> act_index_;
  std::map<std::string, std::uint32_t> parameter_index_;
  std::map<std::string, NodeId> interned_;
  std::vector<std::string> rule_conditions_;
  std::vector<syntax::Position> rule_positions_;
  std::vector<std::pair<std::size_t, syntax::Name>> pending_exceptions_;
  std::set<std::string> reported_cycles_;
  std::set<std::string> letters_without_rounding_;
  const std::map<std::string, std::uint32_t>* scheme_facts_ = nullptr;  // while a scheme is built
  std::string scheme_name_;
};

// FNV-1a over the files' names and contents, in their stable order.
std::string content_hash(const ParsedRuleSet& parsed) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  const auto mix = [&](std::string_view bytes) {
    for (const char c : bytes) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 0x100000001b3ULL;
    }
  };
  for (const auto& source : parsed.sources) {
    mix(std::filesystem::path(source->path()).filename().string());
    mix(std::string_view("\0", 1));
    mix(source->text());
  }
  return fmt::format("fnv1a64:{:016x}", hash);
}

bool has_error(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

// Parses, then — when the syntax is clean — checks the rule set as a whole and builds its
// graph. The one path behind both `check` and `eval`.
std::unique_ptr<RuleSet::Model> parse_and_compile(const ParsedRuleSet& parsed, const CompileOptions& options,
                                                  std::vector<Diagnostic>& diagnostics) {
  diagnostics = parsed.diagnostics;
  if (has_error(diagnostics)) return nullptr;
  auto model = Compiler(parsed, options, diagnostics).run();
  sort_diagnostics(diagnostics);
  if (has_error(diagnostics)) return nullptr;
  model->hash = content_hash(parsed);
  compile_guards(*model);
  return model;
}

CompileResult compile_parsed(const ParsedRuleSet& parsed, const CompileOptions& options) {
  CompileResult result;
  if (auto model = parse_and_compile(parsed, options, result.diagnostics)) {
    result.rule_set = std::make_shared<const RuleSet>(std::move(model));
  }
  return result;
}

}  // namespace

CompileResult compile_rule_set(const std::filesystem::path& path, const CompileOptions& options) {
  return compile_parsed(parse_rule_set(path, options.parse), options);
}

CompileResult compile_rule_set(std::vector<RuleText> files, const CompileOptions& options) {
  return compile_parsed(parse_rule_texts(std::move(files), options.parse), options);
}

std::size_t CheckReport::error_count() const noexcept {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) {
    return d.severity == Severity::error;
  }));
}

CheckReport check_rule_set(const std::filesystem::path& path, const ParseOptions& options) {
  const ParsedRuleSet parsed = parse_rule_set(path, options);
  CheckReport report;
  CompileOptions compile_options;
  compile_options.parse = options;
  (void)parse_and_compile(parsed, compile_options, report.diagnostics);
  report.file_count = parsed.files.size();
  for (const auto& file : parsed.files) report.declaration_count += file.declarations.size();
  return report;
}

}  // namespace cotation
