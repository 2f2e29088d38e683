// The conversions of FieldReader (fields.hpp): a JSON value to a claim field, or a problem.
#include "evaluate/claim_read/fields.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <utility>
#include <vector>

#include "evaluate/claim_read/json_text.hpp"

namespace cotation::claim_read {

using evaluation::Wording;

namespace {

// A JSON number (already checked by the lexer: -?int(.frac)?([eE][+-]?digits)?) as the plain text
// Decimal::parse reads: "7.5e1" -> "75", "-1.25E-3" -> "-0.00125". Exact, digit by digit. False
// when the exponent is so large that no Decimal could hold the value anyway.
bool plain_decimal_text(std::string_view number, std::string& out) {
  const std::size_t e = number.find_first_of("eE");
  if (e == std::string_view::npos) {
    out.assign(number);
    return true;
  }
  const bool negative = !number.empty() && number.front() == '-';
  const std::string_view mantissa = number.substr(negative ? 1 : 0, e - (negative ? 1 : 0));
  std::string_view exponent_text = number.substr(e + 1);
  bool exponent_negative = false;
  if (!exponent_text.empty() && (exponent_text.front() == '+' || exponent_text.front() == '-')) {
    exponent_negative = exponent_text.front() == '-';
    exponent_text.remove_prefix(1);
  }
  while (exponent_text.size() > 1 && exponent_text.front() == '0') exponent_text.remove_prefix(1);
  constexpr std::size_t max_exponent_digits = 3;  // |exponent| <= 999: far beyond any Decimal
  if (exponent_text.empty() || exponent_text.size() > max_exponent_digits) return false;
  std::int64_t exponent = 0;
  for (const char c : exponent_text) exponent = exponent * 10 + (c - '0');
  if (exponent_negative) exponent = -exponent;

  const std::size_t point_at = mantissa.find('.');
  std::string digits(mantissa.substr(0, point_at));
  const auto integer_digits = static_cast<std::int64_t>(digits.size());
  if (point_at != std::string_view::npos) digits.append(mantissa.substr(point_at + 1));
  const std::int64_t point = integer_digits + exponent;  // digits before the decimal point
  const auto digit_count = static_cast<std::int64_t>(digits.size());

  out.clear();
  if (negative) out += '-';
  if (point <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-point), '0');
    out += digits;
  } else if (point >= digit_count) {
    out += digits;
    out.append(static_cast<std::size_t>(point - digit_count), '0');
  } else {
    out.append(digits, 0, static_cast<std::size_t>(point));
    out += '.';
    out.append(digits, static_cast<std::size_t>(point));
  }
  // Leading zeros of the integer part ("007.5" from "0.075e2"), which JSON never has.
  const std::size_t first = negative ? 1 : 0;
  std::size_t zeros = 0;
  while (first + zeros + 1 < out.size() && out[first + zeros] == '0' && is_digit(out[first + zeros + 1])) ++zeros;
  out.erase(first, zeros);
  return true;
}

// The year, month and day of a text YYYY-MM-DD, exactly ten characters; nothing for another text.
// Its eight digits are checked together, without a branch per digit.
std::optional<std::array<int, 3>> date_fields(std::string_view text) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  constexpr std::array<std::size_t, 8> digit_at = {0, 1, 2, 3, 5, 6, 8, 9};
  std::array<int, 8> digits{};
  unsigned char largest = 0;  // a byte that is no digit is above 9 once '0' is taken from it
  for (std::size_t i = 0; i < digits.size(); ++i) {
    const auto digit = static_cast<unsigned char>(text[digit_at[i]] - '0');
    largest = std::max(largest, digit);
    digits[i] = digit;
  }
  if (largest > 9) return std::nullopt;
  return std::array<int, 3>{((digits[0] * 10 + digits[1]) * 10 + digits[2]) * 10 + digits[3],
                            digits[4] * 10 + digits[5], digits[6] * 10 + digits[7]};
}

}  // namespace

Claim& fresh_claim(ClaimReadResult& result) {
  std::vector<ClaimLine> lines;
  if (result.claim) lines = std::move(result.claim->lines);
  lines.clear();
  Claim& claim = result.claim.emplace();
  claim.lines = std::move(lines);
  return claim;
}

void FieldReader::assign(Field field, const Scalar& value) {
  switch (field) {
    case Field::id:
      if (auto text = read_string(field, value)) {
        if (text->empty()) problem(ReasonCode::empty_value, Wording::empty_id);
        if (!have_id_) result_.id = *text;
        have_id_ = true;
        claim_.id = *text;
      }
      return;
    case Field::code:
      if (auto text = read_string(field, value)) {
        if (text->find_first_not_of(" \t") == std::string_view::npos)
          problem(ReasonCode::empty_value, Wording::empty_code);
        claim_.lines.back().code = *text;
      }
      return;
    case Field::act:
      if (auto text = read_string(field, value)) claim_.lines.back().act = *text;
      return;
    case Field::patient_id:
      if (auto text = read_string(field, value)) claim_.patient.id = *text;
      return;
    case Field::prescription_id:
      read_identifier(field, value, claim_.prescription.id);
      return;
    case Field::episode_id:
      read_identifier(field, value, claim_.episode_id);
      return;
    case Field::date:
      claim_.date = read_date(field, value);
      return;
    case Field::birth_date:
      claim_.patient.birth_date = read_date(field, value);
      return;
    case Field::orthopaedic_discharge_date:
      claim_.orthopaedic_discharge_date = read_date(field, value);
      return;
    case Field::region:
      claim_.region = read_enum(field, value, region_values);
      return;
    case Field::place:
      claim_.place = read_enum(field, value, place_values);
      return;
    case Field::kind:
      claim_.prescription.kind = read_enum(field, value, kind_values);
      return;
    case Field::initial_date:
      claim_.prescription.initial_date = read_date(field, value);
      return;
    case Field::renewal_date:
      claim_.prescription.renewal_date = read_date(field, value);
      return;
    case Field::prescriber_number:
      if (auto text = read_string(field, value)) {
        if (text->size() != 9 || !std::all_of(text->begin(), text->end(), is_digit)) {
          problem(ReasonCode::bad_prescriber_number, Wording::bad_prescriber_number, shown(*text));
        } else {
          claim_.prescription.prescriber_number.emplace(*text);
        }
      }
      return;
    case Field::prior_diagnosis:
      claim_.prescription.prior_diagnosis = read_bool(field, value);
      return;
    case Field::structure:
      claim_.practitioner.structure = read_enum(field, value, structure_values);
      return;
    case Field::age:
      claim_.patient.age = read_int(field, value);
      if (claim_.patient.age && *claim_.patient.age < 0) {
        problem(ReasonCode::negative_number, Wording::negative_age, *claim_.patient.age);
      }
      return;
    case Field::session_number:
      claim_.series.session_number = read_int(field, value);
      if (claim_.series.session_number && *claim_.series.session_number < 1) {
        problem(ReasonCode::session_below_one, Wording::session_below_one, *claim_.series.session_number);
      }
      return;
    case Field::sessions_12_months_before:
      claim_.series.sessions_12_months_before = read_int(field, value);
      if (claim_.series.sessions_12_months_before && *claim_.series.sessions_12_months_before < 0) {
        problem(ReasonCode::negative_number, Wording::negative_count, *claim_.series.sessions_12_months_before);
      }
      return;
    case Field::earlier_sessions:
      claim_.same_day.earlier_sessions = read_int(field, value);
      if (claim_.same_day.earlier_sessions && *claim_.same_day.earlier_sessions < 0) {
        problem(ReasonCode::negative_number, Wording::negative_count, *claim_.same_day.earlier_sessions);
      }
      return;
    case Field::distance_km:
      claim_.travel.distance_km = read_decimal(field, value);
      return;
    case Field::nearest_practitioner_km:
      claim_.travel.nearest_practitioner_km = read_decimal(field, value);
      return;
    case Field::telehealth:
      claim_.telehealth = read_bool(field, value);
      return;
    case Field::return_home_programme:
      claim_.return_home_programme = read_bool(field, value);
      return;
    case Field::same_agglomeration:
      claim_.travel.same_agglomeration = read_bool(field, value);
      return;
    case Field::prior_approval:
      claim_.series.prior_approval = read_bool(field, value);
      return;
    case Field::night:
      claim_.time.night = read_bool(field, value);
      return;
    case Field::sunday_or_holiday:
      claim_.time.sunday_or_holiday = read_bool(field, value);
      return;
    case Field::urgent:
      claim_.time.urgent = read_bool(field, value);
      return;
    case Field::casf_establishment:
      claim_.travel.casf_establishment = read_bool(field, value);
      return;
    case Field::charged_for_another_patient:
      claim_.travel.charged_for_another_patient = read_bool(field, value);
      return;
    case Field::same_prescription:
      claim_.same_day.same_prescription = read_bool(field, value);
      return;
    case Field::same_article:
      claim_.same_day.same_article = read_bool(field, value);
      return;
    case Field::same_body_region:
      claim_.same_day.same_body_region = read_bool(field, value);
      return;
    case Field::session_date:
      if (value.type == JsonType::null) wrong_type(field, value.type);  // required
      claim_.history->back().date = read_date(field, value);
      return;
    case Field::session_code:
      if (auto text = read_string(field, value)) {
        if (text->find_first_not_of(" \t") == std::string_view::npos)
          problem(ReasonCode::empty_value, Wording::empty_code);
        claim_.history->back().lines.back().code = *text;
      }
      return;
    case Field::session_act:
      if (auto text = read_string(field, value)) claim_.history->back().lines.back().act = *text;
      return;
    case Field::accepted:
      if (auto accepted = read_bool(field, value)) claim_.history->back().lines.back().accepted = *accepted;
      return;
    case Field::session_prescription_id:
      read_identifier(field, value, claim_.history->back().prescription_id);
      return;
    case Field::session_episode_id:
      read_identifier(field, value, claim_.history->back().episode_id);
      return;
    case Field::history:
    case Field::session_lines:
    case Field::patient:
    case Field::lines:
    case Field::travel:
    case Field::prescription:
    case Field::series:
    case Field::same_day:
    case Field::episode:
    case Field::time:
    case Field::practitioner:
    case Field::meta:
      // A scalar where an object or array belongs; null means absent, except for lines.
      if (value.type != JsonType::null || is_required(field)) wrong_type(field, value.type);
      return;
    case Field::none:
    case Field::ignored:
      return;
  }
}

bool FieldReader::add_element(Context array, const ClaimReadLimits& limits) {
  switch (array) {
    case Context::lines:
      if (claim_.lines.size() >= limits.max_claim_lines) return false;
      claim_.lines.emplace_back();
      return true;
    case Context::history:
      if (claim_.history->size() >= limits.max_history_sessions) return false;
      claim_.history->emplace_back();
      return true;
    case Context::session_lines:
      if (claim_.history->back().lines.size() >= limits.max_claim_lines) return false;
      claim_.history->back().lines.emplace_back();
      return true;
    default:
      return true;
  }
}

// Each reader: the value, nothing when absent (null) or wrong (the problem is then recorded).

void FieldReader::read_identifier(Field field, const Scalar& value, std::string& out) {
  if (auto text = read_string(field, value)) {
    if (text->empty()) problem(ReasonCode::empty_value, Wording::empty_id);
    out = *text;
  }
}

std::optional<std::string_view> FieldReader::read_string(Field field, const Scalar& value) {
  if (value.type == JsonType::string) return value.text;
  if (value.type != JsonType::null || is_required(field)) wrong_type(field, value.type);
  return std::nullopt;
}

std::optional<Date> FieldReader::read_date(Field field, const Scalar& value) {
  if (value.type != JsonType::string) {
    if (value.type != JsonType::null) wrong_type(field, value.type);
    return std::nullopt;
  }
  const auto fields = date_fields(value.text);
  if (!fields) {
    problem(ReasonCode::bad_date, Wording::bad_date, shown(value.text));
    return std::nullopt;
  }
  const Date date{std::chrono::year{(*fields)[0]}, std::chrono::month{static_cast<unsigned>((*fields)[1])},
                  std::chrono::day{static_cast<unsigned>((*fields)[2])}};
  // Year 0000 does not exist (1 BC is followed by AD 1), though std::chrono's calendar has one.
  if (!date.ok() || (*fields)[0] == 0) {
    problem(ReasonCode::no_such_date, Wording::no_such_date, value.text);
    return std::nullopt;
  }
  return date;
}

std::optional<bool> FieldReader::read_bool(Field field, const Scalar& value) {
  if (value.type == JsonType::boolean) return value.boolean;
  if (value.type != JsonType::null) wrong_type(field, value.type);
  return std::nullopt;
}

std::optional<std::int32_t> FieldReader::read_int(Field field, const Scalar& value) {
  if (value.type != JsonType::number) {
    if (value.type != JsonType::null) wrong_type(field, value.type);
    return std::nullopt;
  }
  // A JSON number (the lexer checked it): -?digits, then maybe a fraction or an exponent.
  const std::string_view text = value.text;
  const bool negative = text.front() == '-';
  constexpr std::int64_t beyond = std::int64_t{1} << 32U;  // out of range either way: stop there
  std::int64_t magnitude = 0;
  for (const char c : text.substr(negative ? 1 : 0)) {
    if (!is_digit(c)) {
      problem(ReasonCode::not_integer, Wording::not_integer, shown(text));
      return std::nullopt;
    }
    magnitude = std::min(beyond, magnitude * 10 + (c - '0'));
  }
  const std::int64_t result = negative ? -magnitude : magnitude;
  if (result < std::numeric_limits<std::int32_t>::min() || result > std::numeric_limits<std::int32_t>::max()) {
    problem(ReasonCode::integer_out_of_range, Wording::integer_out_of_range, shown(text));
    return std::nullopt;
  }
  return static_cast<std::int32_t>(result);
}

std::optional<Decimal> FieldReader::read_decimal(Field field, const Scalar& value) {
  std::string_view text = value.text;
  if (value.type == JsonType::number) {
    if (!plain_decimal_text(value.text, scratch_)) {
      problem(ReasonCode::decimal_too_large, Wording::decimal_too_large, shown(value.text));
      return std::nullopt;
    }
    text = scratch_;
  } else if (value.type != JsonType::string) {
    if (value.type != JsonType::null) wrong_type(field, value.type);
    return std::nullopt;
  }
  try {
    // A distance is read to the millimetre (docs/claim-format.md §3): the rules multiply it by
    // values per km and rates, and the exact amount keeps 18 decimals at most. Zeros beyond
    // the sixth decimal are dropped; any other digit is a problem.
    constexpr int max_decimals = 6;
    const Decimal read = Decimal::parse(text);
    Decimal kept = read.scale() > max_decimals ? read.with_scale(max_decimals) : read;
    // Every decimal of the format is a distance: never negative.
    if (kept.is_negative()) {
      problem(ReasonCode::negative_number, Wording::negative_distance, kept.to_string());
    }
    return kept;
  } catch (const DecimalError& error) {
    const bool too_large =
        error.kind() == DecimalErrorKind::too_many_digits || error.kind() == DecimalErrorKind::overflow ||
        error.kind() == DecimalErrorKind::too_many_decimals || error.kind() == DecimalErrorKind::inexact;
    if (too_large) {
      problem(ReasonCode::decimal_too_large, Wording::decimal_too_large, shown(value.text));
    } else {
      problem(ReasonCode::bad_decimal, Wording::bad_decimal, shown(value.text));
    }
  }
  return std::nullopt;
}

template <class Enum, std::size_t N>
std::optional<Enum> FieldReader::read_enum(Field field, const Scalar& value,
                                           const std::array<EnumValue<Enum>, N>& values) {
  if (value.type != JsonType::string) {
    if (value.type != JsonType::null) wrong_type(field, value.type);
    return std::nullopt;
  }
  for (const auto& candidate : values) {
    if (same_text(candidate.name, value.text)) return candidate.value;
  }
  problem(ReasonCode::unknown_value, Wording::unknown_value, shown(value.text), allowed_values(values));
  return std::nullopt;
}

}  // namespace cotation::claim_read
