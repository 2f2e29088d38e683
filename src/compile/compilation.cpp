// The readings every stage makes of the syntax: a declaration by kind and name, a citation
// checked against its source, a period, a number, a literal as a value; and the words of the
// diagnostics (a declaration's kind, a type). In: the syntax and the Compilation; out: model
// values, and diagnostics where the syntax says something impossible.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "compile/compilation.hpp"
#include "parse/suggestion.hpp"
#include "parse/utf8.hpp"

namespace cotation::compiler {

using namespace model;

Day day_of(const syntax::CalendarDate& date) {
  return model::day_of(Date{std::chrono::year(date.year), std::chrono::month(static_cast<unsigned>(date.month)),
                            std::chrono::day(static_cast<unsigned>(date.day))});
}

std::string_view kind_word(DeclarationKind kind) {
  switch (kind) {
    case DeclarationKind::source:
      return "source";
    case DeclarationKind::letter:
      return "lettre";
    case DeclarationKind::item:
      return "forfait";
    case DeclarationKind::parameter:
      return "paramètre";
    case DeclarationKind::act:
      return "acte";
    case DeclarationKind::group:
      return "groupe";
    case DeclarationKind::rule:
      return "règle";
    case DeclarationKind::revaluation:
      return "revalorisation";
    case DeclarationKind::amendment:
      return "amendement";
    case DeclarationKind::scheme:
      return "dispositif";
    case DeclarationKind::example:
      return "exemple";
    case DeclarationKind::schedule:
      return "barème";
  }
  return "";
}

std::string_view type_word(Type type) {
  switch (type) {
    case Type::boolean:
      return "booléen";
    case Type::number:
      return "nombre";
    case Type::money:
      return "montant";
    case Type::percentage:
      return "pourcentage";
    case Type::distance:
      return "distance";
    case Type::duration:
      return "durée";
    case Type::date:
      return "date";
    case Type::region:
      return "région";
    case Type::place:
      return "lieu";
    case Type::prescription:
      return "nature de prescription";
    case Type::text:
      return "texte";
    case Type::structure:
      return "structure d'exercice";
  }
  return "";
}

void Compilation::report(const syntax::Position& at, std::string id, std::vector<std::string> arguments,
                         Severity severity) {
  diagnostics.push_back(
      parsed.sources.at(at.file)->diagnostic_at(at.offset, std::move(id), std::move(arguments), severity));
}

void Compilation::warn_old_region_name(const syntax::Name& name, std::string_view folded) {
  if (folded == "outre_mer") report(name.position, "compile.old_region_name", {name.text}, Severity::warning);
}

namespace {

// Letters, items and acts share one namespace of billable codes; each other kind has its own.
int name_space(DeclarationKind kind) {
  switch (kind) {
    case DeclarationKind::letter:
    case DeclarationKind::item:
    case DeclarationKind::act:
      return 0;
    default:
      return static_cast<int>(kind) + 1;
  }
}

}  // namespace

std::string declaration_key(DeclarationKind kind, std::string_view name) {
  return fmt::format("{}:{}", name_space(kind), name);
}

std::vector<const syntax::Declaration*> Compilation::of_kind(DeclarationKind kind) const {
  std::vector<const syntax::Declaration*> result;
  for (const auto* slot : order) {
    const syntax::Declaration* declaration = *slot;
    if (declaration->kind == kind &&
        (repealed.empty() || !repealed.count(declaration_key(kind, declaration->name.text)))) {
      result.push_back(declaration);
    }
  }
  return result;
}

void Compilation::report_unknown(const syntax::Name& name, DeclarationKind kind, std::string id,
                                 std::vector<std::string> arguments) {
  std::vector<std::string_view> names;
  for (const auto* declaration : of_kind(kind)) names.push_back(declaration->name.text);
  const auto meant = closest_word(name.text, names);
  if (meant) {
    id += "_near";
    arguments.push_back(*meant);
  }
  report(name.position, std::move(id), std::move(arguments));
  const SourceFile& source = *parsed.sources.at(name.position.file);
  // The name as written in the file, replaced by the one meant.
  if (meant && source.text().substr(name.position.offset, name.text.size()) == name.text) {
    diagnostics.back().fix = source.fix(name.position.offset, name.position.offset + name.text.size(), *meant);
  }
}

const syntax::Declaration* Compilation::find(DeclarationKind kind, std::string_view name) const {
  const auto it = declarations.find(declaration_key(kind, name));
  if (it == declarations.end() || it->second->kind != kind) return nullptr;
  return it->second;
}

syntax::Declaration* Compilation::amend(DeclarationKind kind, std::string_view name) {
  std::string key = declaration_key(kind, name);
  const auto it = declarations.find(key);
  if (it == declarations.end() || it->second->kind != kind) return nullptr;
  const auto [copy, made] = amended_copies.try_emplace(std::move(key), *it->second);
  it->second = &copy->second;
  return &copy->second;
}

std::optional<Day> Compilation::repealed_since(const syntax::Declaration& declaration) const {
  const auto it = repealed_since_day.find(declaration_key(declaration.kind, declaration.name.text));
  return it == repealed_since_day.end() ? std::nullopt : std::optional<Day>(it->second);
}

// The citation as an explanation shows it, after checking that its source exists and
// that what it dates does not take effect before the text was signed.
model::Citation Compilation::citation(const syntax::Citation& cited, std::optional<Day> effect) {
  const syntax::Declaration* source = find(DeclarationKind::source, cited.source.text);
  if (source == nullptr) {
    report_unknown(cited.source, DeclarationKind::source, "compile.unknown_source", {cited.source.text});
    return Citation{cited.source.text};
  }
  if (effect && *effect != first_day && source->source.signed_on && *effect < day_of(*source->source.signed_on)) {
    report(cited.position, "compile.effect_before_signature",
           {date_text(*effect), source->name.text, date_text(day_of(*source->source.signed_on))});
  }
  return Citation{cited.detail ? fmt::format("{}, {}", source->label, *cited.detail) : source->label};
}

model::Period Compilation::period(const syntax::Period& written) {
  Period result;
  if (written.since) result.since = day_of(*written.since);
  if (written.until) result.until = day_of(*written.until);
  if (result.since > result.until) {
    report(written.since->position, "compile.empty_period", {date_text(result.since), date_text(result.until)});
  }
  return result;
}

Decimal Compilation::decimal(const syntax::Literal& literal) {
  try {
    return Decimal::parse(literal.text);
  } catch (const DecimalError&) {
    report(literal.position, "compile.number_out_of_range", {literal.text});
    return Decimal();
  }
}

model::Value Compilation::literal_value(const syntax::Literal& literal) {
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
    case syntax::LiteralKind::text:
      value.type = Type::text;
      break;
    case syntax::LiteralKind::boolean:
      value.type = Type::boolean;
      value.boolean = literal.text == "vrai";
      break;
  }
  return value;
}

// `patient.âge` as claim_fields spells it: `patient.age`.
std::string folded_path(const std::vector<syntax::Name>& path) {
  std::string folded;
  for (const auto& part : path) {
    if (!folded.empty()) folded += '.';
    folded += utf8::fold(part.text);
  }
  return folded;
}

// `patient.âge`, as written.
std::string joined_path(const std::vector<syntax::Name>& path) {
  std::vector<std::string> texts;
  for (const auto& part : path) texts.push_back(part.text);
  return fmt::format("{}", fmt::join(texts, "."));
}

}  // namespace cotation::compiler
