// Examples: the claim each example describes (its fields checked against the claim fields'
// types) and the decisions it expects, for `cotation test`. In: example declarations; out:
// model examples.
#include <fmt/format.h>

#include <chrono>
#include <set>
#include <variant>

#include "compile/compilation.hpp"
#include "compile/fields.hpp"
#include "parse/utf8.hpp"

namespace cotation::compiler {

using namespace model;

namespace {

// The claim field an example sets; the per-line fields (ligne.rang) come from its lines.
const FieldInfo* example_field(Compilation& c, const syntax::ExampleField& written) {
  const std::string folded = folded_path(written.path);
  for (const auto& field : claim_fields) {
    if (field.path == folded && field.field != Field::line_rank && field.field != Field::line_coefficient &&
        field.field != Field::line_coefficient_rank) {
      return &field;
    }
  }
  c.report(written.path.front().position, "compile.unknown_example_field", {joined_path(written.path)});
  return nullptr;
}

std::optional<Value> example_value(Compilation& c, const syntax::ExampleField& written, const FieldInfo& field) {
  const std::string field_text = joined_path(written.path);
  if (const auto* name = std::get_if<syntax::Name>(&written.value)) {
    const std::string word = utf8::fold(name->text);
    for (const auto& value : enumeration_values) {
      if (value.word != word) continue;
      if (value.type != field.type) break;
      c.warn_old_region_name(*name, word);
      Value result;
      result.type = value.type;
      result.integer = value.value;
      return result;
    }
    if (field.type == Type::region || field.type == Type::place || field.type == Type::prescription ||
        field.type == Type::structure) {
      c.report(name->position, "compile.unknown_example_value", {name->text, field_text});
    } else if (field.type == Type::boolean) {
      c.report(name->position, "compile.example_not_boolean", {field_text, name->text});
    } else {
      c.report(name->position, "compile.wrong_type", {"nom", std::string(type_word(field.type))});
    }
    return std::nullopt;
  }
  const auto& literal = std::get<syntax::Literal>(written.value);
  Value value = c.literal_value(literal);
  if (value.type != field.type) {
    c.report(literal.position, "compile.wrong_type",
             {std::string(type_word(value.type)), std::string(type_word(field.type))});
    return std::nullopt;
  }
  if (value.type == Type::number) {
    // A prescriber number has 9 digits; counts and ages stay below a million.
    const Decimal bound(field.field == Field::prescriber_number ? 999'999'999 : 1'000'000);
    if (value.number.round(0, RoundingMode::toward_zero) != value.number || value.number > bound) {
      c.report(literal.position, "compile.example_not_a_count", {field_text, literal.text});
      return std::nullopt;
    }
    value.integer = static_cast<std::int32_t>(value.number.magnitude());
  }
  return value;
}

std::string written_value(const std::variant<syntax::Literal, syntax::Name>& value) {
  if (const auto* name = std::get_if<syntax::Name>(&value)) return name->text;
  const auto& literal = std::get<syntax::Literal>(value);
  return literal.kind == syntax::LiteralKind::distance ? literal.text + " km" : literal.text;
}

void set_claim_field(Claim& claim, Field field, const Value& value) {
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
    case Field::nearest_practitioner_distance:
      claim.travel.nearest_practitioner_km = value.number;
      break;
    case Field::orthopaedic_discharge_date:
      claim.orthopaedic_discharge_date = Date{std::chrono::sys_days(std::chrono::days(value.integer))};
      break;
    case Field::return_home_programme:
      claim.return_home_programme = value.boolean;
      break;
    case Field::line_rank:
    case Field::line_coefficient:
    case Field::line_coefficient_rank:
      break;  // per line, never an example's field
  }
}

}  // namespace

void build_example(Compilation& c, const syntax::Declaration& declaration) {
  Example example;
  example.name = declaration.name.text;
  example.label = declaration.label;
  const auto at = c.parsed.sources.at(declaration.position.file)->position_of(declaration.position.offset);
  example.location = fmt::format("{}:{}", at.file, at.line);
  example.claim.id = example.name;
  std::set<Field> given;
  for (const auto& statement : declaration.statements) {
    if (const auto* line = std::get_if<syntax::ExampleLine>(&statement.node)) {
      ExpectedLine expected{line->code, Decision::accepted, std::nullopt, line->reason};
      expected.decision = line->decision == syntax::ExpectedDecision::accepted  ? Decision::accepted
                          : line->decision == syntax::ExpectedDecision::refused ? Decision::refused
                                                                                : Decision::prior_approval;
      if (line->amount) expected.amount = c.decimal(*line->amount);
      example.claim.lines.push_back(ClaimLine{line->code});
      example.lines.push_back(std::move(expected));
    } else if (const auto* field = std::get_if<syntax::ExampleField>(&statement.node)) {
      const FieldInfo* info = example_field(c, *field);
      if (info == nullptr) continue;
      if (!given.insert(info->field).second) {
        c.report(field->path.front().position, "compile.duplicate_example_field", {joined_path(field->path)});
        continue;
      }
      if (const auto value = example_value(c, *field, *info)) {
        set_claim_field(example.claim, info->field, *value);
        example.fields.push_back(fmt::format("{} {}", joined_path(field->path), written_value(field->value)));
      }
    }
  }
  if (!given.count(Field::date)) c.report(declaration.name.position, "compile.example_without_date", {example.name});
  if (example.lines.empty()) c.report(declaration.name.position, "compile.example_without_line", {example.name});
  c.model->examples.push_back(std::move(example));
}

}  // namespace cotation::compiler
