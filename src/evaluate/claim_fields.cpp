// Reading a claim's fields for the rules (claim_fields.hpp): their names, the fields derived
// from others (the age on the day, the same-day article or body region), the explanation of
// each field read.
#include "evaluate/claim_fields.hpp"

#include <charconv>
#include <chrono>
#include <utility>

namespace cotation::evaluation {

using namespace model;

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
    case Field::line_coefficient_rank:
      return "ligne.rang_coefficient";
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
    case Field::nearest_practitioner_distance:
      return "travel.nearest_practitioner_km";
    case Field::orthopaedic_discharge_date:
      return "orthopaedic_discharge_date";
    case Field::return_home_programme:
      return "return_home_programme";
  }
  return "";
}

namespace {

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

}  // namespace

Value ClaimFields::field(Field field, Type type) {
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
  explainer_.explain([&] { return steps::claim_field(field, v); });
  return v;
}

bool ClaimFields::prior_approval_granted() {
  if (!series_.prior_approval) {
    explainer_.explain([&] { return steps::prior_approval_absent(); });
    return false;
  }
  return field(Field::prior_approval, Type::boolean).boolean;
}

std::optional<std::int64_t> ClaimFields::read_whole_field(Field field) const {
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
    // Circumstances: a claim that does not say one occurred says it did not (docs/claim-format.md).
    case Field::night:
      return claim_.time.night.value_or(false) ? 1 : 0;
    case Field::sunday_or_holiday:
      return claim_.time.sunday_or_holiday.value_or(false) ? 1 : 0;
    case Field::urgent:
      return claim_.time.urgent.value_or(false) ? 1 : 0;
    case Field::telehealth:
      return claim_.telehealth.value_or(false) ? 1 : 0;
    case Field::return_home_programme:
      return claim_.return_home_programme.value_or(false) ? 1 : 0;
    case Field::line_rank:
      return static_cast<std::int64_t>(line_rank_);
    case Field::line_coefficient_rank:
      return coefficient_rank();
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
    case Field::orthopaedic_discharge_date:
      if (!claim_.orthopaedic_discharge_date) return std::nullopt;
      return day_of(*claim_.orthopaedic_discharge_date);
    case Field::travel_distance:
    case Field::nearest_practitioner_distance:
    case Field::line_coefficient:
      break;  // decimals: field() reads them
  }
  return std::nullopt;
}

std::int64_t ClaimFields::coefficient_rank() const {
  const auto is_act = [](const Subject& subject) { return subject.is_act && subject.index != evaluation::none; };
  const Subject& line = subjects_[line_index_];
  if (!is_act(line)) return 0;
  std::int64_t rank = 1;
  for (std::size_t j = 0; j < subjects_.size(); ++j) {
    const Subject& other = subjects_[j];
    if (j == line_index_ || !is_act(other)) continue;
    if (other.coefficient > line.coefficient || (other.coefficient == line.coefficient && j < line_index_)) ++rank;
  }
  return rank;
}

// Whether an act of this claim has the same `key` (article, anatomical region) as an act
// accepted in one of the patient's earlier sessions of the same day; unknown (nullopt) when
// the claim is decided alone or when, no two being equal, some act has no such key.
std::optional<bool> ClaimFields::shared_with_same_day(std::string_view (*key)(const Act&)) const {
  if (history_ == nullptr || day_ < history_->kept_from()) return std::nullopt;
  bool unknown = false;
  for (const Subject& subject : subjects_) {
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

}  // namespace cotation::evaluation
