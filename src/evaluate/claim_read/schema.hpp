// The schema of a claim line (docs/claim-format.md sections 2 and 3): its objects (Context), their
// members (Field) with their names, what each member holds, which are required, and the values
// of each enumeration. In: nothing; out: the tables the reader follows.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "cotation/claim.hpp"
#include "evaluate/wordings.hpp"

namespace cotation::claim_read {

// Which object of the format a frame is in (or the lines array, or a value being skipped).
enum class Context : std::uint8_t {
  record,
  patient,
  lines,
  line,
  travel,
  prescription,
  series,
  same_day,
  episode,
  time,
  practitioner,
  meta,           // the caller's object, kept as written and not read
  history,        // the array of earlier sessions a claim carries
  session,        // one of them
  session_lines,  // its lines
  session_line,
  skip
};

enum class Field : std::uint8_t {
  none,     // between two members
  ignored,  // an unknown or repeated member, reported: its value is skipped
  id,
  date,
  region,
  place,
  patient,
  lines,
  travel,
  prescription,
  series,
  same_day,
  episode,
  time,
  telehealth,
  patient_id,
  age,
  birth_date,
  code,
  act,
  distance_km,
  same_agglomeration,
  kind,
  session_number,
  sessions_12_months_before,
  prior_approval,
  night,
  sunday_or_holiday,
  urgent,
  initial_date,
  renewal_date,
  prescriber_number,
  prior_diagnosis,
  practitioner,
  structure,
  prescription_id,
  casf_establishment,
  charged_for_another_patient,
  earlier_sessions,
  same_prescription,
  same_article,
  same_body_region,
  episode_id,
  meta,
  history,
  session_date,
  session_lines,
  session_prescription_id,
  session_episode_id,
  session_code,
  session_act,
  accepted,
  orthopaedic_discharge_date,
  return_home_programme,
  nearest_practitioner_km,
};

struct Member {
  std::string_view name;
  Field field;
};

inline constexpr std::array record_members = {
    Member{"id", Field::id},
    Member{"date", Field::date},
    Member{"region", Field::region},
    Member{"place", Field::place},
    Member{"patient", Field::patient},
    Member{"lines", Field::lines},
    Member{"travel", Field::travel},
    Member{"prescription", Field::prescription},
    Member{"series", Field::series},
    Member{"same_day", Field::same_day},
    Member{"episode", Field::episode},
    Member{"time", Field::time},
    Member{"telehealth", Field::telehealth},
    Member{"orthopaedic_discharge_date", Field::orthopaedic_discharge_date},
    Member{"return_home_programme", Field::return_home_programme},
    Member{"practitioner", Field::practitioner},
    Member{"meta", Field::meta},
    Member{"history", Field::history},
};
inline constexpr std::array patient_members = {
    Member{"id", Field::patient_id},
    Member{"age", Field::age},
    Member{"birth_date", Field::birth_date},
};
inline constexpr std::array line_members = {Member{"code", Field::code}, Member{"act", Field::act}};
inline constexpr std::array travel_members = {
    Member{"distance_km", Field::distance_km},
    Member{"same_agglomeration", Field::same_agglomeration},
    Member{"casf_establishment", Field::casf_establishment},
    Member{"charged_for_another_patient", Field::charged_for_another_patient},
    Member{"nearest_practitioner_km", Field::nearest_practitioner_km},
};
inline constexpr std::array prescription_members = {
    Member{"kind", Field::kind},
    Member{"initial_date", Field::initial_date},
    Member{"renewal_date", Field::renewal_date},
    Member{"prescriber_number", Field::prescriber_number},
    Member{"prior_diagnosis", Field::prior_diagnosis},
    Member{"id", Field::prescription_id},
};
inline constexpr std::array practitioner_members = {Member{"structure", Field::structure}};
inline constexpr std::array series_members = {
    Member{"session_number", Field::session_number},
    Member{"sessions_12_months_before", Field::sessions_12_months_before},
    Member{"prior_approval", Field::prior_approval},
};
inline constexpr std::array same_day_members = {
    Member{"earlier_sessions", Field::earlier_sessions},
    Member{"same_prescription", Field::same_prescription},
    Member{"same_article", Field::same_article},
    Member{"same_body_region", Field::same_body_region},
};
inline constexpr std::array episode_members = {Member{"id", Field::episode_id}};
inline constexpr std::array session_members = {
    Member{"date", Field::session_date},
    Member{"lines", Field::session_lines},
    Member{"prescription_id", Field::session_prescription_id},
    Member{"episode_id", Field::session_episode_id},
};
inline constexpr std::array session_line_members = {
    Member{"code", Field::session_code},
    Member{"act", Field::session_act},
    Member{"accepted", Field::accepted},
};
inline constexpr std::array time_members = {
    Member{"night", Field::night},
    Member{"sunday_or_holiday", Field::sunday_or_holiday},
    Member{"urgent", Field::urgent},
};

// The table of each context's members (empty for an array or an object not of the format).
constexpr std::span<const Member> table_of(Context context) noexcept {
  switch (context) {
    case Context::record:
      return record_members;
    case Context::patient:
      return patient_members;
    case Context::line:
      return line_members;
    case Context::travel:
      return travel_members;
    case Context::prescription:
      return prescription_members;
    case Context::series:
      return series_members;
    case Context::same_day:
      return same_day_members;
    case Context::episode:
      return episode_members;
    case Context::time:
      return time_members;
    case Context::practitioner:
      return practitioner_members;
    case Context::session:
      return session_members;
    case Context::session_line:
      return session_line_members;
    case Context::lines:
    case Context::meta:
    case Context::history:
    case Context::session_lines:
    case Context::skip:
      break;
  }
  return {};
}

// table_of, looked up rather than switched on: the reader asks at each object.
inline constexpr auto member_tables = [] {
  std::array<std::span<const Member>, static_cast<std::size_t>(Context::skip) + 1> tables{};
  for (std::size_t context = 0; context < tables.size(); ++context)
    tables.at(context) = table_of(static_cast<Context>(context));
  return tables;
}();
constexpr std::span<const Member> members_of(Context context) noexcept {
  return member_tables[static_cast<std::size_t>(context)];
}

// The object or array a member holds, or Context::skip for a scalar member.
inline Context container_of(Field field) noexcept {
  switch (field) {
    case Field::patient:
      return Context::patient;
    case Field::lines:
      return Context::lines;
    case Field::travel:
      return Context::travel;
    case Field::prescription:
      return Context::prescription;
    case Field::series:
      return Context::series;
    case Field::same_day:
      return Context::same_day;
    case Field::episode:
      return Context::episode;
    case Field::time:
      return Context::time;
    case Field::practitioner:
      return Context::practitioner;
    case Field::meta:
      return Context::meta;
    case Field::history:
      return Context::history;
    case Field::session_lines:
      return Context::session_lines;
    default:
      return Context::skip;
  }
}

// The object each element of an array holds (the arrays: lines, history, a session's lines), or
// Context::skip for a context that is no array.
constexpr Context element_of(Context array) noexcept {
  switch (array) {
    case Context::lines:
      return Context::line;
    case Context::history:
      return Context::session;
    case Context::session_lines:
      return Context::session_line;
    default:
      return Context::skip;
  }
}
constexpr bool is_array(Context context) noexcept {
  return element_of(context) != Context::skip;
}

enum class JsonType : std::uint8_t { null, boolean, number, string, object, array };

inline evaluation::Wording describe(JsonType type) noexcept {
  switch (type) {
    case JsonType::null:
      return evaluation::Wording::json_null;
    case JsonType::boolean:
      return evaluation::Wording::a_boolean;
    case JsonType::number:
      return evaluation::Wording::a_number;
    case JsonType::string:
      return evaluation::Wording::a_string;
    case JsonType::object:
      return evaluation::Wording::an_object;
    case JsonType::array:
      return evaluation::Wording::an_array;
  }
  return evaluation::Wording::a_value;
}

// What a member must hold, in the words of a message ("on attend ...").
inline evaluation::Wording expected_of(Field field) noexcept {
  switch (field) {
    case Field::id:
    case Field::patient_id:
    case Field::code:
    case Field::prescription_id:
    case Field::episode_id:
    case Field::act:
    case Field::session_code:
    case Field::session_act:
    case Field::session_prescription_id:
    case Field::session_episode_id:
      return evaluation::Wording::a_string;
    case Field::prescriber_number:
      return evaluation::Wording::a_prescriber_number;
    case Field::date:
    case Field::birth_date:
    case Field::initial_date:
    case Field::renewal_date:
    case Field::session_date:
    case Field::orthopaedic_discharge_date:
      return evaluation::Wording::a_date;
    case Field::region:
    case Field::place:
    case Field::kind:
    case Field::structure:
      return evaluation::Wording::an_enumerated_value;
    case Field::lines:
    case Field::session_lines:
      return evaluation::Wording::an_array_of_lines;
    case Field::history:
      return evaluation::Wording::an_array_of_sessions;
    case Field::patient:
    case Field::travel:
    case Field::prescription:
    case Field::series:
    case Field::same_day:
    case Field::episode:
    case Field::time:
    case Field::practitioner:
    case Field::meta:
      return evaluation::Wording::an_object;
    case Field::age:
    case Field::session_number:
    case Field::sessions_12_months_before:
    case Field::earlier_sessions:
      return evaluation::Wording::an_integer;
    case Field::distance_km:
    case Field::nearest_practitioner_km:
      return evaluation::Wording::a_decimal;
    case Field::telehealth:
    case Field::same_agglomeration:
    case Field::prior_approval:
    case Field::night:
    case Field::sunday_or_holiday:
    case Field::urgent:
    case Field::prior_diagnosis:
    case Field::casf_establishment:
    case Field::charged_for_another_patient:
    case Field::same_prescription:
    case Field::same_article:
    case Field::same_body_region:
    case Field::accepted:
    case Field::return_home_programme:
      return evaluation::Wording::a_boolean;
    case Field::none:
    case Field::ignored:
      break;
  }
  return evaluation::Wording::a_value;
}

// The members whose absence is a problem at this stage; every other member may be absent or null.
constexpr bool is_required(Field field) noexcept {
  return field == Field::id || field == Field::lines || field == Field::code || field == Field::session_date ||
         field == Field::session_lines || field == Field::session_code;
}

template <class Enum>
struct EnumValue {
  std::string_view name;
  Enum value;
};

inline constexpr std::array region_values = {
    EnumValue<Region>{"metropole", Region::metropole},
    EnumValue<Region>{"drom", Region::drom},
};
inline constexpr std::array place_values = {
    EnumValue<Place>{"cabinet", Place::cabinet},
    EnumValue<Place>{"domicile", Place::domicile},
    EnumValue<Place>{"etablissement", Place::etablissement},
};
inline constexpr std::array kind_values = {
    EnumValue<PrescriptionKind>{"medical", PrescriptionKind::medical},
    EnumValue<PrescriptionKind>{"renewal", PrescriptionKind::renewal},
    EnumValue<PrescriptionKind>{"direct_access", PrescriptionKind::direct_access},
};

inline constexpr std::array structure_values = {
    EnumValue<PracticeStructure>{"health_facility", PracticeStructure::health_facility},
    EnumValue<PracticeStructure>{"social_medico_social", PracticeStructure::social_medico_social},
    EnumValue<PracticeStructure>{"primary_care_team", PracticeStructure::primary_care_team},
    EnumValue<PracticeStructure>{"specialised_care_team", PracticeStructure::specialised_care_team},
    EnumValue<PracticeStructure>{"health_centre", PracticeStructure::health_centre},
    EnumValue<PracticeStructure>{"health_home", PracticeStructure::health_home},
    EnumValue<PracticeStructure>{"none", PracticeStructure::none},
};

// Whether two short texts are equal, the few bytes of an enumerated value or a member's name:
// string_view's == calls an out-of-line compare, then memcmp, and a loop costs four instructions a
// byte. Here a word at a time, the last word overlapping the one before (both are in the texts).
inline bool same_text(std::string_view a, std::string_view b) noexcept {
  const std::size_t size = a.size();
  if (size != b.size()) return false;
  const auto word = [](const char* at) {
    std::uint64_t bytes = 0;
    std::memcpy(&bytes, at, sizeof bytes);
    return bytes;
  };
  const auto half = [](const char* at) {
    std::uint32_t bytes = 0;
    std::memcpy(&bytes, at, sizeof bytes);
    return bytes;
  };
  if (size >= 8) {
    std::uint64_t differ = word(a.data() + size - 8) ^ word(b.data() + size - 8);
    for (std::size_t i = 0; i + 8 < size; i += 8) differ |= word(a.data() + i) ^ word(b.data() + i);
    return differ == 0;
  }
  if (size >= 4) {
    return ((half(a.data()) ^ half(b.data())) | (half(a.data() + size - 4) ^ half(b.data() + size - 4))) == 0;
  }
  for (std::size_t i = 0; i < size; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

template <class Enum, std::size_t N>
inline std::string allowed_values(const std::array<EnumValue<Enum>, N>& values) {
  std::string out;
  for (const auto& value : values) {
    if (!out.empty()) out += ", ";
    out += value.name;
  }
  return out;
}

// The entry of `members` named `name`, or members.size(), looked for from entry `from` on (the
// first when `from` is members.size()) and around. Records mostly list their members in the table's order: starting
// after the last one met finds a member at the first comparison. The names of a table are distinct, so where the search
// starts changes nothing but its length.
inline std::size_t find_member(std::span<const Member> members, std::string_view name, std::size_t from) noexcept {
  std::size_t i = from == members.size() ? 0 : from;
  for (std::size_t k = 0; k < members.size(); ++k) {
    if (same_text(members[i].name, name)) return i;
    i = i + 1 == members.size() ? 0 : i + 1;
  }
  return members.size();
}

// The required members of each context's table, one bit per entry.
inline constexpr auto required_members = [] {
  std::array<std::uint32_t, static_cast<std::size_t>(Context::skip) + 1> masks{};
  for (std::size_t context = 0; context < masks.size(); ++context) {
    const auto members = members_of(static_cast<Context>(context));
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (is_required(members[i].field)) masks.at(context) |= std::uint32_t{1} << i;
    }
  }
  return masks;
}();

// The required members of the context's table missing from `seen`, one bit per entry.
inline std::uint32_t missing_required(Context context, std::uint32_t seen) noexcept {
  return required_members.at(static_cast<std::size_t>(context)) & ~seen;
}

}  // namespace cotation::claim_read
