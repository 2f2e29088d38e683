// Claims in, decisions out, as JSON Lines: see claim_json.hpp and docs/claim-format.md.
//
// Reading: a hand-written single-pass JSON scanner (iterative, no DOM, strings without escapes
// handed over as views of the line) drives a small state machine, one frame per open object or
// array, that knows the schema of each object of the format. Every
// problem is recorded with the JSON path of the value (lines[2].code, travel.distance_km) and
// the reading goes on, so one pass reports them all; only the limits of ClaimReadLimits stop it.
// Numbers are handed over as their text, and decimal values go to Decimal::parse, never through
// binary floating point. In front of it, a fast path (SchemaReader) reads the lines that follow
// the schema to the letter straight over the bytes, and leaves any other line to it; both hand
// their values to the same conversions (FieldReader).
//
// Writing: one std::string, appended to, with a small escaper that copies runs of plain bytes.
#include "evaluate/claim_json.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <utility>

#include <fmt/core.h>
#include <boost/container/small_vector.hpp>

namespace cotation {

std::string_view to_string(Decision decision) noexcept {
  switch (decision) {
    case Decision::accepted:
      return "accepted";
    case Decision::refused:
      return "refused";
    case Decision::prior_approval:
      return "prior_approval";
    case Decision::invalid:
      return "invalid";
  }
  return "invalid";  // not an enumerator: the record cannot be trusted
}

namespace {

constexpr std::string_view format_rule = "format";
constexpr std::string_view format_source = "docs/claim-format.md";

// The message catalogue of this file, in French: every problem text is one of these patterns.
// The first argument is always the JSON path of the value the problem is about.
namespace msg {
constexpr auto line_too_long = "enregistrement trop long : {} octets, au plus {} acceptés";
constexpr auto empty_line = "ligne vide : un objet JSON est attendu";
constexpr auto not_json = "JSON invalide à l'octet {} : {}";
constexpr auto not_json_near = "JSON invalide à l'octet {} : {}, près de « {} »";
constexpr auto not_object = "l'enregistrement doit être un objet JSON, pas {}";
constexpr auto too_deep = "{} : imbrication trop profonde (plus de {} niveaux)";
constexpr auto too_many_lines = "{} : plus de {} lignes pour une même séance";
constexpr auto too_many_problems = "plus de {} problèmes : lecture de l'enregistrement arrêtée";
constexpr auto unknown_field = "{} : champ inconnu du format v1";
constexpr auto duplicate_field = "{} : champ en double (seule la première valeur est lue)";
constexpr auto missing_field = "{} : champ obligatoire absent";
constexpr auto wrong_type = "{} : on attend {}, pas {}";
constexpr auto empty_id = "{} : l'identifiant est vide";
constexpr auto empty_code = "{} : le code de la ligne est vide";
constexpr auto no_lines = "{} : le tableau est vide, au moins une ligne est attendue";
constexpr auto bad_date = "{} : date attendue au format AAAA-MM-JJ, pas « {} »";
constexpr auto no_such_date = "{} : la date « {} » n'existe pas";
constexpr auto unknown_value = "{} : valeur inconnue « {} » ; valeurs admises : {}";
constexpr auto not_integer = "{} : on attend un nombre entier, pas {}";
constexpr auto integer_out_of_range = "{} : entier hors limites ({})";
constexpr auto negative_distance = "{} : une distance ne peut pas être négative ({})";
constexpr auto negative_age = "{} : un âge ne peut pas être négatif ({})";
constexpr auto negative_count = "{} : un nombre de séances ne peut pas être négatif ({})";
constexpr auto session_below_one = "{} : le rang de la séance commence à 1 ({})";
constexpr auto bad_decimal =
    "{} : nombre décimal illisible « {} » (chiffres, avec un point ou une virgule décimale, sans exposant)";
constexpr auto bad_prescriber_number = "{} : un numéro de prescripteur a 9 chiffres, pas « {} »";
constexpr auto decimal_too_large = "{} : nombre trop grand ou trop précis « {} » (au plus 18 décimales)";
}  // namespace msg

// Why the JSON scanner stopped.
enum class JsonFault : std::uint8_t {
  syntax,        // a well-formed token where it does not belong, or a broken byte order mark
  end_of_input,  // the line ends inside the record
  trailing,      // something after the record's closing brace
  control,       // an unescaped control character inside a string
  utf8,          // a byte that is not valid UTF-8 inside a string
  bad_string,    // a bad escape sequence, a lone surrogate, a missing closing quote
  bad_number,
  bad_literal,  // a word that is not true, false or null, or a byte that starts no token
  overflow,     // a number beyond what JSON readers hold (section 6 of RFC 8259)
};

// The reason of each fault, in the order of JsonFault.
constexpr std::array<std::string_view, 9> fault_reasons = {
    "syntaxe incorrecte",
    "fin de ligne inattendue, l'objet JSON est incomplet",
    "contenu en trop après l'objet JSON",
    "caractère de contrôle non échappé dans une chaîne",
    "octet UTF-8 invalide",
    "chaîne mal formée (séquence d'échappement invalide)",
    "nombre mal écrit",
    "valeur inattendue (ni chaîne, ni nombre, ni true, false, null)",
    "nombre hors limites",
};

std::string_view reason_of(JsonFault fault) noexcept {
  return fault_reasons.at(static_cast<std::size_t>(fault));
}

// ---- UTF-8 -----------------------------------------------------------------------------------

// The valid UTF-8 sequence starting at text[i]: its length (1 to 4), or length 0 when the bytes
// there are not one (stray continuation byte, overlong form, surrogate, beyond U+10FFFF,
// truncated), with `bad` the offset of the first byte that breaks it (text.size() if truncated).
struct Utf8Sequence {
  std::size_t length = 0;
  std::size_t bad = 0;
};

Utf8Sequence utf8_sequence(std::string_view text, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned lead = byte(i);
  if (lead < 0x80U) return {1, 0};
  std::size_t length = 0;
  unsigned low = 0x80U;   // the allowed range of the second byte, which rules out overlong
  unsigned high = 0xBFU;  // forms, surrogates and code points above U+10FFFF
  if (lead >= 0xC2U && lead <= 0xDFU) {
    length = 2;
  } else if (lead >= 0xE0U && lead <= 0xEFU) {
    length = 3;
    if (lead == 0xE0U) low = 0xA0U;
    if (lead == 0xEDU) high = 0x9FU;
  } else if (lead >= 0xF0U && lead <= 0xF4U) {
    length = 4;
    if (lead == 0xF0U) low = 0x90U;
    if (lead == 0xF4U) high = 0x8FU;
  } else {
    return {0, i};
  }
  for (std::size_t k = 1; k < length; ++k) {
    if (i + k >= text.size()) return {0, text.size()};
    const unsigned next = byte(i + k);
    if (k == 1 ? next < low || next > high : (next & 0xC0U) != 0x80U) return {0, i + k};
  }
  return {length, 0};
}

std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept {
  return utf8_sequence(text, i).length;
}

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";  // U+FFFD

// Text from the input, for a message: at most `limit` bytes, cut on a character boundary, each
// invalid UTF-8 byte replaced by U+FFFD, "…" when shortened.
std::string shown(std::string_view text, std::size_t limit = 40) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (out.size() + (length == 0 ? replacement_character.size() : length) > limit) {
      out += "…";
      break;
    }
    if (length == 0) {
      out += replacement_character;
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

// ---- The schema ------------------------------------------------------------------------------

// Which object of the format a frame is in (or the lines array, or a value being skipped).
enum class Context : std::uint8_t {
  record, patient, lines, line, travel, prescription, series, same_day, episode, time, practitioner, skip
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
};

struct Member {
  std::string_view name;
  Field field;
};

constexpr std::array record_members = {
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
    Member{"practitioner", Field::practitioner},
};
constexpr std::array patient_members = {
    Member{"id", Field::patient_id},
    Member{"age", Field::age},
    Member{"birth_date", Field::birth_date},
};
constexpr std::array line_members = {Member{"code", Field::code}, Member{"act", Field::act}};
constexpr std::array travel_members = {
    Member{"distance_km", Field::distance_km},
    Member{"same_agglomeration", Field::same_agglomeration},
    Member{"casf_establishment", Field::casf_establishment},
    Member{"charged_for_another_patient", Field::charged_for_another_patient},
};
constexpr std::array prescription_members = {
    Member{"kind", Field::kind},
    Member{"initial_date", Field::initial_date},
    Member{"renewal_date", Field::renewal_date},
    Member{"prescriber_number", Field::prescriber_number},
    Member{"prior_diagnosis", Field::prior_diagnosis},
    Member{"id", Field::prescription_id},
};
constexpr std::array practitioner_members = {Member{"structure", Field::structure}};
constexpr std::array series_members = {
    Member{"session_number", Field::session_number},
    Member{"sessions_12_months_before", Field::sessions_12_months_before},
    Member{"prior_approval", Field::prior_approval},
};
constexpr std::array same_day_members = {
    Member{"earlier_sessions", Field::earlier_sessions},
    Member{"same_prescription", Field::same_prescription},
    Member{"same_article", Field::same_article},
    Member{"same_body_region", Field::same_body_region},
};
constexpr std::array episode_members = {Member{"id", Field::episode_id}};
constexpr std::array time_members = {
    Member{"night", Field::night},
    Member{"sunday_or_holiday", Field::sunday_or_holiday},
    Member{"urgent", Field::urgent},
};

constexpr std::span<const Member> members_of(Context context) noexcept {
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
    case Context::lines:
    case Context::skip:
      break;
  }
  return {};
}

// The object or array a member holds, or Context::skip for a scalar member.
Context container_of(Field field) noexcept {
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
    default:
      return Context::skip;
  }
}

enum class JsonType : std::uint8_t { null, boolean, number, string, object, array };

std::string_view describe(JsonType type) noexcept {
  switch (type) {
    case JsonType::null:
      return "null";
    case JsonType::boolean:
      return "un booléen";
    case JsonType::number:
      return "un nombre";
    case JsonType::string:
      return "une chaîne";
    case JsonType::object:
      return "un objet";
    case JsonType::array:
      return "un tableau";
  }
  return "une valeur";
}

// What a member must hold, in the words of a message ("on attend ...").
std::string_view expected_of(Field field) noexcept {
  switch (field) {
    case Field::id:
    case Field::patient_id:
    case Field::code:
    case Field::prescription_id:
    case Field::episode_id:
    case Field::act:
      return "une chaîne";
    case Field::prescriber_number:
      return "une chaîne de 9 chiffres";
    case Field::date:
    case Field::birth_date:
    case Field::initial_date:
    case Field::renewal_date:
      return "une date (chaîne AAAA-MM-JJ)";
    case Field::region:
    case Field::place:
    case Field::kind:
    case Field::structure:
      return "une chaîne (valeur énumérée)";
    case Field::lines:
      return "un tableau de lignes";
    case Field::patient:
    case Field::travel:
    case Field::prescription:
    case Field::series:
    case Field::same_day:
    case Field::episode:
    case Field::time:
    case Field::practitioner:
      return "un objet";
    case Field::age:
    case Field::session_number:
    case Field::sessions_12_months_before:
    case Field::earlier_sessions:
      return "un nombre entier";
    case Field::distance_km:
      return "un nombre décimal (nombre ou chaîne)";
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
      return "un booléen";
    case Field::none:
    case Field::ignored:
      break;
  }
  return "une valeur";
}

// The members whose absence is a problem at this stage; every other member may be absent or null.
constexpr bool is_required(Field field) noexcept {
  return field == Field::id || field == Field::lines || field == Field::code;
}

template <class Enum>
struct EnumValue {
  std::string_view name;
  Enum value;
};

constexpr std::array region_values = {
    EnumValue<Region>{"metropole", Region::metropole},
    EnumValue<Region>{"drom", Region::drom},
};
constexpr std::array place_values = {
    EnumValue<Place>{"cabinet", Place::cabinet},
    EnumValue<Place>{"domicile", Place::domicile},
    EnumValue<Place>{"etablissement", Place::etablissement},
};
constexpr std::array kind_values = {
    EnumValue<PrescriptionKind>{"medical", PrescriptionKind::medical},
    EnumValue<PrescriptionKind>{"renewal", PrescriptionKind::renewal},
    EnumValue<PrescriptionKind>{"direct_access", PrescriptionKind::direct_access},
};

constexpr std::array structure_values = {
    EnumValue<PracticeStructure>{"health_facility", PracticeStructure::health_facility},
    EnumValue<PracticeStructure>{"social_medico_social", PracticeStructure::social_medico_social},
    EnumValue<PracticeStructure>{"primary_care_team", PracticeStructure::primary_care_team},
    EnumValue<PracticeStructure>{"specialised_care_team", PracticeStructure::specialised_care_team},
    EnumValue<PracticeStructure>{"health_centre", PracticeStructure::health_centre},
    EnumValue<PracticeStructure>{"health_home", PracticeStructure::health_home},
    EnumValue<PracticeStructure>{"none", PracticeStructure::none},
};

// Whether two short texts are equal: string_view's == calls an out-of-line compare, then
// memcmp, for the few bytes of an enumerated value or a member's name.
constexpr bool same_text(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

template <class Enum, std::size_t N>
std::string allowed_values(const std::array<EnumValue<Enum>, N>& values) {
  std::string out;
  for (const auto& value : values) {
    if (!out.empty()) out += ", ";
    out += value.name;
  }
  return out;
}

// ---- Text of numbers and dates ---------------------------------------------------------------

bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

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

// The number the `count` digits of `text` from `at` write, or -1 when one of them is not a digit.
int digits_value(std::string_view text, std::size_t at, std::size_t count) noexcept {
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    const auto digit = static_cast<unsigned char>(text[i] - '0');
    if (digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

// The year, month and day of a text YYYY-MM-DD, exactly ten characters; nothing for another text.
std::optional<std::array<int, 3>> date_fields(std::string_view text) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::array<int, 3> fields = {digits_value(text, 0, 4), digits_value(text, 5, 2), digits_value(text, 8, 2)};
  if (std::ranges::any_of(fields, [](int field) { return field < 0; })) return std::nullopt;
  return fields;
}

// ---- The JSON scanner ------------------------------------------------------------------------

// Whether a JSON number is beyond the largest double (about 1.8e308). RFC 8259 (section 6)
// expects no more of a reader; such a number is a JSON error, whatever field holds it.
bool beyond_json_range(std::string_view number) noexcept {
  if (!number.empty() && number.front() == '-') number.remove_prefix(1);
  // The largest double has 309 digits: a number without exponent and with fewer is below it.
  constexpr std::int64_t double_magnitude = 309;
  const auto is_exponent = [](char c) { return c == 'e' || c == 'E'; };
  if (number.size() < static_cast<std::size_t>(double_magnitude) && std::ranges::none_of(number, is_exponent)) {
    return false;
  }
  const std::size_t e = number.find_first_of("eE");
  const std::string_view mantissa = number.substr(0, e);
  std::int64_t exponent = 0;
  if (e != std::string_view::npos) {
    std::string_view text = number.substr(e + 1);
    const bool negative = !text.empty() && text.front() == '-';
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
    constexpr std::int64_t saturated = 1'000'000;  // far beyond any order of magnitude that matters
    for (const char c : text) exponent = std::min(saturated, exponent * 10 + (c - '0'));
    if (negative) exponent = -exponent;
  }
  // The value is 0.ddd × 10^magnitude, with ddd its significant digits.
  const std::size_t point = std::min(mantissa.find('.'), mantissa.size());
  std::string significant;
  std::int64_t magnitude = static_cast<std::int64_t>(point) + exponent;
  for (std::size_t i = 0; i < mantissa.size(); ++i) {
    if (i == point) continue;
    if (significant.empty() && mantissa[i] == '0') {
      --magnitude;
      continue;
    }
    significant += mantissa[i];
  }
  if (significant.empty()) return false;  // zero
  if (magnitude != double_magnitude) return magnitude > double_magnitude;
  return significant >= std::string_view("17976931348623158");
}

// One token of the line: its kind, its bytes [begin, end), and for strings and numbers the text
// (a string's content, escapes decoded; a number as written).
struct Token {
  enum class Kind : std::uint8_t {
    end,
    begin_object,
    end_object,
    begin_array,
    end_array,
    colon,
    comma,
    string,
    number,
    literal_true,
    literal_false,
    literal_null,
    fault,
  };
  Kind kind = Kind::end;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view text;
  JsonFault fault = JsonFault::syntax;  // Kind::fault: why, at byte `end`
};

// A JSON text read in one pass, each value handed to `Handler` as it comes (the interface of
// ClaimReader below); a false from the handler stops the reading. Iterative: nesting costs one
// byte of `open_` per level, and the handler bounds the depth. Every fault is reported once,
// with the offset of the byte where the reading could not go on (the line's length when it
// ended too early).
// What a byte starts, outside strings.
enum class ByteClass : std::uint8_t { other, single, quote, number, literal };

constexpr std::array<ByteClass, 256> byte_classes = [] {
  std::array<ByteClass, 256> classes{};
  for (const char c : std::string_view("{}[]:,")) classes[static_cast<unsigned char>(c)] = ByteClass::single;
  for (const char c : std::string_view("-0123456789")) classes[static_cast<unsigned char>(c)] = ByteClass::number;
  for (const char c : std::string_view("tfn")) classes[static_cast<unsigned char>(c)] = ByteClass::literal;
  classes['"'] = ByteClass::quote;
  return classes;
}();

// The token of each ByteClass::single byte.
constexpr std::array<Token::Kind, 256> single_byte_kinds = [] {
  std::array<Token::Kind, 256> kinds{};
  kinds['{'] = Token::Kind::begin_object;
  kinds['}'] = Token::Kind::end_object;
  kinds['['] = Token::Kind::begin_array;
  kinds[']'] = Token::Kind::end_array;
  kinds[':'] = Token::Kind::colon;
  kinds[','] = Token::Kind::comma;
  return kinds;
}();

// The 8 bytes at `bytes` as one number whose lowest byte is bytes[0], whatever the byte order.
std::uint64_t load_little(const char* bytes) noexcept {
  std::uint64_t word = 0;
  std::memcpy(&word, bytes, sizeof word);
  if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
  return word;
}

// Vectors of signed bytes, in the compiler's vector extension (SSE2 on x86-64). The size is not
// a template parameter: clang ignores a dependent vector_size.
using Bytes16 = signed char __attribute__((vector_size(16)));
using Bytes8 = signed char __attribute__((vector_size(8)));

// The bytes of the vector at `bytes` that end a run of plain bytes (see skip_plain_bytes), all
// ones, the others zero, as 64-bit words. "Below 0x20", signed, also takes every byte from 0x80.
template <class Vector>
std::array<std::uint64_t, sizeof(Vector) / 8> special_bytes(const char* bytes) noexcept {
  Vector vector;
  std::memcpy(&vector, bytes, sizeof vector);
  const Vector special = (vector < 0x20) | (vector == '"') | (vector == '\\');
  std::array<std::uint64_t, sizeof(Vector) / 8> flags{};
  static_assert(sizeof flags == sizeof special);
  std::memcpy(flags.data(), &special, sizeof special);
  return flags;
}

// The offset of the first byte flagged in a word of special_bytes.
std::size_t first_flagged(std::uint64_t flags) noexcept {
  if constexpr (std::endian::native == std::endian::big) flags = __builtin_bswap64(flags);
  return static_cast<std::size_t>(std::countr_zero(flags)) / 8;
}

// The end of the run of printable ASCII bytes from `i`, other than '"' and '\\'. Sixteen bytes at
// a time, then eight (strings are most of a claim line), the first byte to look at found
// exactly, without going back byte by byte.
std::size_t skip_plain_ascii(std::string_view text, std::size_t i) noexcept {
  for (; i + 16 <= text.size(); i += 16) {
    const auto flags = special_bytes<Bytes16>(text.data() + i);
    if (flags[0] != 0) return i + first_flagged(flags[0]);
    if (flags[1] != 0) return i + 8 + first_flagged(flags[1]);
  }
  if (i + 8 <= text.size()) {
    const std::uint64_t flags = special_bytes<Bytes8>(text.data() + i)[0];
    if (flags != 0) return i + first_flagged(flags);
    i += 8;
  }
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20U || c >= 0x80U || c == '"' || c == '\\') break;
    ++i;
  }
  return i;
}

// The end of the run of bytes from `i` that a string holds as they are: plain ASCII and valid
// UTF-8 sequences. It stops at a quote, a backslash, a control character or a byte that is not
// valid UTF-8, for every caller alike.
std::size_t skip_plain_bytes(std::string_view text, std::size_t i) noexcept {
  i = skip_plain_ascii(text, i);
  while (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x80U) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) break;
    i = skip_plain_ascii(text, i + length);
  }
  return i;
}

std::size_t skip_whitespace(std::string_view input, std::size_t i) noexcept {
  // Most tokens are followed by no whitespace: one comparison tells.
  while (i < input.size() && static_cast<unsigned char>(input[i]) <= ' ' &&
         (input[i] == ' ' || input[i] == '\t' || input[i] == '\n' || input[i] == '\r')) {
    ++i;
  }
  return i;
}

// A number or literal from `begin`: where it ends, or the byte that breaks it (`whole` false).
// Both readers lex with these, so that they agree on what a number is.
struct Lexeme {
  std::size_t end = 0;
  bool whole = false;
};

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
Lexeme lex_number(std::string_view input, std::size_t begin) noexcept {
  const auto at = [input](std::size_t i) { return i < input.size() ? input[i] : '\0'; };
  const auto digit_at = [input](std::size_t i) { return i < input.size() && is_digit(input[i]); };
  const auto broken = [input](std::size_t i) { return Lexeme{std::min(i, input.size()), false}; };
  std::size_t i = begin;
  if (at(i) == '-') ++i;
  if (!digit_at(i)) return broken(i);
  if (at(i) == '0') {
    ++i;
  } else {
    while (digit_at(i)) ++i;
  }
  if (at(i) == '.') {
    ++i;
    if (!digit_at(i)) return broken(i);
    while (digit_at(i)) ++i;
  }
  if (at(i) == 'e' || at(i) == 'E') {
    ++i;
    if (at(i) == '+' || at(i) == '-') ++i;
    if (!digit_at(i)) return broken(i);
    while (digit_at(i)) ++i;
  }
  return {i, true};
}

// true, false or null, told apart by their first letter.
Lexeme lex_literal(std::string_view input, std::size_t begin) noexcept {
  const char first = input[begin];
  const std::string_view word = first == 't' ? "true" : first == 'f' ? "false" : "null";
  // Most often the whole word is there: its first four bytes compared at once ("fals" then 'e').
  if (input.size() - begin >= word.size()) {
    std::uint32_t found = 0;
    std::uint32_t wanted = 0;
    std::memcpy(&found, input.data() + begin, sizeof found);
    std::memcpy(&wanted, word.data(), sizeof wanted);
    if (found == wanted && (word.size() == sizeof found || input[begin + sizeof found] == 'e')) {
      return {begin + word.size(), true};
    }
  }
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (begin + k >= input.size() || input[begin + k] != word[k]) return {std::min(begin + k, input.size()), false};
  }
  return {begin + word.size(), true};
}

// The token of each literal's first letter.
constexpr std::array<Token::Kind, 256> literal_kinds = [] {
  std::array<Token::Kind, 256> kinds{};
  kinds['t'] = Token::Kind::literal_true;
  kinds['f'] = Token::Kind::literal_false;
  kinds['n'] = Token::Kind::literal_null;
  return kinds;
}();

template <class Handler>
class JsonScanner {
 public:
  JsonScanner(std::string_view input, Handler& handler, std::string& buffer)
      : input_(input), handler_(handler), buffer_(buffer) {}

  void run() {
    if (!skip_byte_order_mark()) return;
    Token token = next();
    for (;;) {
      if (!value(token)) return;
      // After a value: close the containers it ends, then move on to the next value.
      for (;;) {
        token = next();
        if (open_.empty()) {
          if (token.kind != Token::Kind::end) unexpected(token, true);
          return;
        }
        const bool in_object = open_.back() == '{';
        if (token.kind == Token::Kind::comma) {
          token = next();
          if (in_object && !member_name(token)) return;
          if (in_object) token = next();
          break;
        }
        if (token.kind != (in_object ? Token::Kind::end_object : Token::Kind::end_array)) {
          unexpected(token, false);
          return;
        }
        open_.pop_back();
        if (!(in_object ? handler_.end_object() : handler_.end_array())) return;
      }
    }
  }

 private:
  // The value starting with `token`: a scalar, or the opening of a container, in which case
  // `token` becomes its first value (or the value after its first member's name). False when
  // the reading stops; true with an empty container just closed counts as a value read.
  bool value(Token& token) {
    for (;;) {
      switch (token.kind) {
        case Token::Kind::begin_object:
          if (!handler_.start_object()) return false;
          token = next();
          if (token.kind == Token::Kind::end_object) return handler_.end_object();
          open_ += '{';
          if (!member_name(token)) return false;
          token = next();
          continue;
        case Token::Kind::begin_array:
          if (!handler_.start_array()) return false;
          token = next();
          if (token.kind == Token::Kind::end_array) return handler_.end_array();
          open_ += '[';
          continue;
        case Token::Kind::string:
          return handler_.string(token.text);
        case Token::Kind::number:
          if (beyond_json_range(token.text)) return fail(JsonFault::overflow, token.end - 1);
          return handler_.number(token.text);
        case Token::Kind::literal_true:
        case Token::Kind::literal_false:
          return handler_.boolean(token.kind == Token::Kind::literal_true);
        case Token::Kind::literal_null:
          return handler_.null();
        default:
          return unexpected(token, false);
      }
    }
  }

  // A member's name and the colon after it.
  bool member_name(const Token& token) {
    if (token.kind != Token::Kind::string) return unexpected(token, false);
    if (!handler_.key(token.text)) return false;
    const Token colon = next();
    if (colon.kind != Token::Kind::colon) return unexpected(colon, false);
    return true;
  }

  // A token where it does not belong: a broken one at its fault, a whole one at its last byte.
  bool unexpected(const Token& token, bool after_record) {
    if (token.kind == Token::Kind::end) return fail(JsonFault::end_of_input, input_.size());
    if (token.kind != Token::Kind::fault) {
      return fail(after_record ? JsonFault::trailing : JsonFault::syntax, token.end - 1);
    }
    // After the record, a broken string keeps its own reason; anything else is "too much".
    const bool keeps_reason = token.fault == JsonFault::control || token.fault == JsonFault::utf8;
    return fail(after_record && !keeps_reason ? JsonFault::trailing : token.fault, token.end);
  }

  bool fail(JsonFault fault, std::size_t offset) {
    handler_.parse_error(offset, fault);
    return false;
  }

  bool skip_byte_order_mark() {
    static constexpr std::string_view mark = "\xEF\xBB\xBF";
    if (input_.empty() || input_.front() != mark.front()) return true;
    for (std::size_t i = 1; i < mark.size(); ++i) {
      if (i >= input_.size() || input_[i] != mark[i]) return fail(JsonFault::syntax, std::min(i, input_.size()));
    }
    position_ = mark.size();
    return true;
  }

  [[nodiscard]] char at(std::size_t i) const noexcept { return i < input_.size() ? input_[i] : '\0'; }

  static Token faulty(JsonFault fault, std::size_t begin, std::size_t at) {
    Token token;
    token.kind = Token::Kind::fault;
    token.begin = begin;
    token.end = at;
    token.fault = fault;
    return token;
  }

  Token next() {
    const std::size_t begin = skip_whitespace(input_, position_);
    Token token;
    token.begin = begin;
    token.end = begin + 1;
    if (begin >= input_.size()) {
      token.end = begin;
      return token;
    }
    switch (byte_classes[static_cast<unsigned char>(input_[begin])]) {
      case ByteClass::single:
        token.kind = single_byte_kinds[static_cast<unsigned char>(input_[begin])];
        break;
      case ByteClass::quote:
        token = string(begin);
        break;
      case ByteClass::number:
        token = number(begin);
        break;
      case ByteClass::literal:
        token = literal(begin);
        break;
      case ByteClass::other:
        token = faulty(JsonFault::bad_literal, begin, begin);
        break;
    }
    position_ = token.end;
    return token;
  }

  Token literal(std::size_t begin) const {
    const Lexeme lexeme = lex_literal(input_, begin);
    if (!lexeme.whole) return faulty(JsonFault::bad_literal, begin, lexeme.end);
    Token token;
    token.kind = literal_kinds[static_cast<unsigned char>(input_[begin])];
    token.begin = begin;
    token.end = lexeme.end;
    return token;
  }

  Token number(std::size_t begin) const {
    const Lexeme lexeme = lex_number(input_, begin);
    if (!lexeme.whole) return faulty(JsonFault::bad_number, begin, lexeme.end);
    Token token;
    token.kind = Token::Kind::number;
    token.begin = begin;
    token.end = lexeme.end;
    token.text = input_.substr(begin, lexeme.end - begin);
    return token;
  }

  // A string without escapes is a view of the line; with escapes, it is decoded into buffer_.
  Token string(std::size_t begin) {
    const std::size_t first = begin + 1;
    bool decoded = false;
    std::size_t i = first;
    for (;;) {
      const std::size_t plain_end = skip_plain_bytes(input_, i);
      if (decoded) buffer_.append(input_.substr(i, plain_end - i));
      i = plain_end;
      if (i >= input_.size()) return faulty(JsonFault::bad_string, begin, input_.size());
      const auto c = static_cast<unsigned char>(input_[i]);
      if (c == '"') {
        Token token;
        token.kind = Token::Kind::string;
        token.begin = begin;
        token.end = i + 1;
        token.text = decoded ? std::string_view(buffer_) : input_.substr(first, i - first);
        return token;
      }
      if (c < 0x20U) return faulty(JsonFault::control, begin, i);
      if (c == '\\') {
        if (!decoded) buffer_.assign(input_.substr(first, i - first));
        decoded = true;
        const std::size_t fault = escape(i);
        if (fault != 0) return faulty(JsonFault::bad_string, begin, fault);
        continue;  // escape() moved i past the sequence
      }
      // skip_plain_bytes stops at no valid UTF-8: this byte starts none.
      return faulty(JsonFault::utf8, begin, utf8_sequence(input_, i).bad);
    }
  }

  // The four hex digits at i, or -1 with `fault` set to the first byte that is not one.
  std::int32_t hex4(std::size_t i, std::size_t& fault) const {
    std::int32_t value = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const char c = at(i + k);
      std::int32_t digit = -1;
      if (is_digit(c)) digit = c - '0';
      if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
      if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
      if (digit < 0 || i + k >= input_.size()) {
        fault = std::min(i + k, input_.size());
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }

  // The escape sequence at i (a backslash), decoded onto buffer_; i moves past it. Returns 0,
  // or the offset of the byte that breaks the sequence.
  std::size_t escape(std::size_t& i) {
    const char kind = at(i + 1);
    static constexpr std::string_view simple = "\"\\/bfnrt";
    static constexpr std::string_view meaning = "\"\\/\b\f\n\r\t";
    if (i + 1 < input_.size() && simple.find(kind) != std::string_view::npos) {
      buffer_ += meaning[simple.find(kind)];
      i += 2;
      return 0;
    }
    if (kind != 'u' || i + 1 >= input_.size()) return std::min(i + 1, input_.size());
    std::size_t fault = 0;
    std::int32_t code_point = hex4(i + 2, fault);
    if (code_point < 0) return fault;
    i += 6;
    if (code_point >= 0xDC00 && code_point <= 0xDFFF) return i - 1;  // a low surrogate alone
    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
      if (at(i) != '\\' || i >= input_.size()) return std::min(i, input_.size());
      if (at(i + 1) != 'u' || i + 1 >= input_.size()) return std::min(i + 1, input_.size());
      const std::int32_t low = hex4(i + 2, fault);
      if (low < 0) return fault;
      i += 6;
      if (low < 0xDC00 || low > 0xDFFF) return i - 1;
      code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(static_cast<std::uint32_t>(code_point));
    return 0;
  }

  void append_utf8(std::uint32_t code_point) {
    const auto byte = [](std::uint32_t bits) { return static_cast<char>(static_cast<unsigned char>(bits)); };
    if (code_point < 0x80U) {
      buffer_ += byte(code_point);
    } else if (code_point < 0x800U) {
      buffer_ += byte(0xC0U | (code_point >> 6U));
      buffer_ += byte(0x80U | (code_point & 0x3FU));
    } else if (code_point < 0x10000U) {
      buffer_ += byte(0xE0U | (code_point >> 12U));
      buffer_ += byte(0x80U | ((code_point >> 6U) & 0x3FU));
      buffer_ += byte(0x80U | (code_point & 0x3FU));
    } else {
      buffer_ += byte(0xF0U | (code_point >> 18U));
      buffer_ += byte(0x80U | ((code_point >> 12U) & 0x3FU));
      buffer_ += byte(0x80U | ((code_point >> 6U) & 0x3FU));
      buffer_ += byte(0x80U | (code_point & 0x3FU));
    }
  }

  std::string_view input_;
  Handler& handler_;
  std::string& buffer_;  // decoded strings with escapes
  std::string open_;     // '{' or '[' per open container (a handful: no allocation)
  std::size_t position_ = 0;
};

// ---- From JSON values to claim fields --------------------------------------------------------

// A scalar value as the parser hands it over; numbers and strings by their text.
struct Scalar {
  JsonType type = JsonType::null;
  bool boolean = false;
  std::string_view text;
};

// An empty claim in `result`, with the lines' capacity of the claim it held: a result reused
// from line to line allocates no lines.
Claim& fresh_claim(ClaimReadResult& result) {
  std::vector<ClaimLine> lines;
  if (result.claim) lines = std::move(result.claim->lines);
  lines.clear();
  Claim& claim = result.claim.emplace();
  claim.lines = std::move(lines);
  return claim;
}

// Turns scalar values into the claim's fields, for both readers (ClaimReader, and SchemaReader
// its fast path), so that a JSON value becomes a field in one place. The claim is built in the
// result; a problem goes to the reader, with the path of the value.
class FieldReader {
 public:
  FieldReader(const FieldReader&) = delete;
  FieldReader& operator=(const FieldReader&) = delete;

  void assign(Field field, const Scalar& value);

 protected:
  explicit FieldReader(ClaimReadResult& result) : result_(result), claim_(fresh_claim(result)) {}
  ~FieldReader() = default;

  // The JSON path of the value being read ("lines[2].code").
  [[nodiscard]] virtual std::string path() const = 0;
  virtual void problem(std::string message) = 0;
  void wrong_type(Field field, JsonType found) {
    problem(fmt::format(msg::wrong_type, path(), expected_of(field), describe(found)));
  }

  ClaimReadResult& result_;
  Claim& claim_;

 private:
  // The text, as a view: assigned into the claim's strings, it allocates only when they must grow.
  std::optional<std::string_view> read_string(Field field, const Scalar& value);
  // An optional identifier (prescription.id, episode.id): empty is a problem, not "absent".
  void read_identifier(Field field, const Scalar& value, std::string& out);
  std::optional<Date> read_date(Field field, const Scalar& value);
  std::optional<bool> read_bool(Field field, const Scalar& value);
  std::optional<std::int32_t> read_int(Field field, const Scalar& value);
  std::optional<Decimal> read_decimal(Field field, const Scalar& value);
  template <class Enum, std::size_t N>
  std::optional<Enum> read_enum(Field field, const Scalar& value, const std::array<EnumValue<Enum>, N>& values);

  std::string scratch_;  // the plain text of a number in exponent form
  bool have_id_ = false;
};

// The entry of `members` named `name`, or members.size(), looked for from entry `from` on and
// around. Records mostly list their members in the table's order: starting after the last one
// met finds a member at the first comparison. The names of a table are distinct, so where the
// search starts changes nothing but its length.
std::size_t find_member(std::span<const Member> members, std::string_view name, std::size_t from) noexcept {
  std::size_t i = from;
  for (std::size_t k = 0; k < members.size(); ++k) {
    if (same_text(members[i].name, name)) return i;
    i = i + 1 == members.size() ? 0 : i + 1;
  }
  return members.size();
}

// The required members of each context's table, one bit per entry.
constexpr auto required_members = [] {
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
std::uint32_t missing_required(Context context, std::uint32_t seen) noexcept {
  return required_members.at(static_cast<std::size_t>(context)) & ~seen;
}

// ---- The SAX handler -------------------------------------------------------------------------

struct Frame {
  Context context = Context::skip;
  bool is_array = false;
  Field field = Field::none;  // object: the member whose value comes next
  Member member{};            // object: its name (for paths), when known
  std::string unknown_key;    // object: the name of an unknown member, for its path
  std::size_t index = 0;      // array: elements already read
  std::uint32_t seen = 0;     // object: the members met so far, one bit per entry of its table
  std::uint8_t expected = 0;  // object: the entry after the last member met, looked at first
};

class ClaimReader final : public FieldReader {
 public:
  ClaimReader(const ClaimReadLimits& limits, ClaimReadResult& result) : FieldReader(result), limits_(limits) {}

  // True when the whole line was read: no syntax error and no limit reached.
  [[nodiscard]] bool complete() const noexcept { return !stopped_; }

  // What JsonScanner calls; false stops the reading.
  bool null() { return scalar({JsonType::null, false, {}}); }
  bool boolean(bool value) { return scalar({JsonType::boolean, value, {}}); }
  bool number(std::string_view text) { return scalar({JsonType::number, false, text}); }
  bool string(std::string_view value) { return scalar({JsonType::string, false, value}); }
  bool start_object() { return open(JsonType::object); }
  bool start_array() { return open(JsonType::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string_view name);
  void parse_error(std::size_t offset, JsonFault fault);

  // Reads `input` (the whole line, or the head of a line too long).
  void read(std::string_view input) {
    input_ = input;
    JsonScanner<ClaimReader>(input, *this, strings_).run();
  }

 private:
  bool scalar(const Scalar& value);
  bool open(JsonType type);
  bool close();
  void after_value();

  [[nodiscard]] std::string path() const override { return path_of({}); }
  // The path of the value about to be read, or of `member` inside the innermost object when given.
  [[nodiscard]] std::string path_of(std::string_view member) const;
  void problem(std::string message) override;
  void push(Context context, bool is_array) {
    Frame& frame = frames_.emplace_back();
    frame.context = context;
    frame.is_array = is_array;
  }
  bool stop() {
    stopped_ = true;
    return false;
  }

  const ClaimReadLimits& limits_;
  // The format nests three levels; deeper input is a problem long before this spills over.
  boost::container::small_vector<Frame, 8> frames_;
  std::string_view input_;
  std::string strings_;  // the last string with escapes, decoded
  bool stopped_ = false;
};

void append_key(std::string& out, std::string_view name) {
  bool plain = !name.empty();
  for (const char c : name) {
    plain = plain && (is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_');
  }
  if (plain) {
    if (!out.empty()) out += '.';
    out += name;
  } else {
    out += "[\"";
    out += shown(name);
    out += "\"]";
  }
}

std::string ClaimReader::path_of(std::string_view member) const {
  std::string out;
  for (const Frame& frame : frames_) {
    if (frame.is_array) {
      out += '[';
      out += std::to_string(frame.index);
      out += ']';
    } else if (frame.field == Field::ignored && frame.member.name.empty()) {
      append_key(out, frame.unknown_key);
    } else if (frame.field != Field::none) {
      append_key(out, frame.member.name);
    }
  }
  if (!member.empty()) append_key(out, member);
  if (out.empty()) out = "(enregistrement)";
  return out;
}

void ClaimReader::problem(std::string message) {
  if (stopped_) return;
  if (result_.problems.size() >= limits_.max_problems) {
    result_.problems.push_back({std::string(format_rule), fmt::format(msg::too_many_problems, limits_.max_problems),
                                std::string(format_source)});
    stopped_ = true;
    return;
  }
  result_.problems.push_back({std::string(format_rule), std::move(message), std::string(format_source)});
}

bool ClaimReader::key(std::string_view name) {
  Frame& frame = frames_.back();
  if (frame.context == Context::skip) return true;
  const auto members = members_of(frame.context);
  const std::size_t i = find_member(members, name, frame.expected);
  if (i < members.size()) {
    frame.expected = static_cast<std::uint8_t>(i + 1 == members.size() ? 0 : i + 1);
    frame.member = members[i];
    const std::uint32_t bit = std::uint32_t{1} << i;
    if ((frame.seen & bit) != 0) {
      frame.field = Field::ignored;
      problem(fmt::format(msg::duplicate_field, path()));
    } else {
      frame.seen |= bit;
      frame.field = members[i].field;
    }
    return !stopped_;
  }
  frame.field = Field::ignored;
  frame.member = {};
  frame.unknown_key = name;
  problem(fmt::format(msg::unknown_field, path()));
  return !stopped_;
}

bool ClaimReader::open(JsonType type) {
  const bool is_array = type == JsonType::array;
  if (frames_.size() >= limits_.max_depth) {
    problem(fmt::format(msg::too_deep, path(), limits_.max_depth));
    return stop();
  }
  if (frames_.empty()) {
    if (is_array) {
      problem(fmt::format(msg::not_object, describe(type)));
      return stop();
    }
    push(Context::record, false);
    return true;
  }
  Frame& parent = frames_.back();
  Context context = Context::skip;
  if (parent.context == Context::lines) {
    if (parent.index >= limits_.max_claim_lines) {
      problem(fmt::format(msg::too_many_lines, path(), limits_.max_claim_lines));
      return stop();
    }
    if (is_array) {
      problem(fmt::format(msg::wrong_type, path(), "un objet (une ligne)", describe(type)));
    } else {
      context = Context::line;
      claim_.lines.emplace_back();
    }
  } else if (parent.context != Context::skip && parent.field != Field::ignored) {
    const Context wanted = container_of(parent.field);
    if (wanted != Context::skip && (wanted == Context::lines) == is_array) {
      context = wanted;
    } else {
      wrong_type(parent.field, type);
    }
  }
  push(context, is_array);
  return !stopped_;
}

bool ClaimReader::close() {
  // Once the frame is gone, the parent still points at it: path() is the path of what closed.
  const Context context = frames_.back().context;
  const std::size_t elements = frames_.back().index;
  const std::uint32_t seen = frames_.back().seen;
  frames_.pop_back();
  if (context == Context::lines && elements == 0) problem(fmt::format(msg::no_lines, path()));
  const auto members = members_of(context);
  const std::uint32_t missing = missing_required(context, seen);
  for (std::size_t i = 0; i < members.size(); ++i) {
    if ((missing & (std::uint32_t{1} << i)) != 0) problem(fmt::format(msg::missing_field, path_of(members[i].name)));
  }
  after_value();
  return !stopped_;
}

void ClaimReader::after_value() {
  if (frames_.empty()) return;
  Frame& parent = frames_.back();
  if (parent.is_array) {
    ++parent.index;
  } else {
    parent.field = Field::none;
  }
}

bool ClaimReader::scalar(const Scalar& value) {
  if (frames_.empty()) {
    problem(fmt::format(msg::not_object, describe(value.type)));
    return stop();
  }
  const Frame& frame = frames_.back();
  if (frame.context == Context::lines) {
    if (frame.index >= limits_.max_claim_lines) {
      problem(fmt::format(msg::too_many_lines, path(), limits_.max_claim_lines));
      return stop();
    }
    problem(fmt::format(msg::wrong_type, path(), "un objet (une ligne)", describe(value.type)));
  } else if (frame.context != Context::skip && frame.field != Field::ignored) {
    assign(frame.field, value);
  }
  after_value();
  return !stopped_;
}

void FieldReader::assign(Field field, const Scalar& value) {
  switch (field) {
    case Field::id:
      if (auto text = read_string(field, value)) {
        if (text->empty()) problem(fmt::format(msg::empty_id, path()));
        if (!have_id_) result_.id = *text;
        have_id_ = true;
        claim_.id = *text;
      }
      return;
    case Field::code:
      if (auto text = read_string(field, value)) {
        if (text->find_first_not_of(" \t") == std::string_view::npos) problem(fmt::format(msg::empty_code, path()));
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
          problem(fmt::format(msg::bad_prescriber_number, path(), shown(*text)));
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
        problem(fmt::format(msg::negative_age, path(), *claim_.patient.age));
      }
      return;
    case Field::session_number:
      claim_.series.session_number = read_int(field, value);
      if (claim_.series.session_number && *claim_.series.session_number < 1) {
        problem(fmt::format(msg::session_below_one, path(), *claim_.series.session_number));
      }
      return;
    case Field::sessions_12_months_before:
      claim_.series.sessions_12_months_before = read_int(field, value);
      if (claim_.series.sessions_12_months_before && *claim_.series.sessions_12_months_before < 0) {
        problem(fmt::format(msg::negative_count, path(), *claim_.series.sessions_12_months_before));
      }
      return;
    case Field::earlier_sessions:
      claim_.same_day.earlier_sessions = read_int(field, value);
      if (claim_.same_day.earlier_sessions && *claim_.same_day.earlier_sessions < 0) {
        problem(fmt::format(msg::negative_count, path(), *claim_.same_day.earlier_sessions));
      }
      return;
    case Field::distance_km:
      claim_.travel.distance_km = read_decimal(field, value);
      if (claim_.travel.distance_km && claim_.travel.distance_km->is_negative()) {
        problem(fmt::format(msg::negative_distance, path(), claim_.travel.distance_km->to_string()));
      }
      return;
    case Field::telehealth:
      claim_.telehealth = read_bool(field, value);
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
    case Field::patient:
    case Field::lines:
    case Field::travel:
    case Field::prescription:
    case Field::series:
    case Field::same_day:
    case Field::episode:
    case Field::time:
    case Field::practitioner:
      // A scalar where an object or array belongs; null means absent, except for lines.
      if (value.type != JsonType::null || is_required(field)) wrong_type(field, value.type);
      return;
    case Field::none:
    case Field::ignored:
      return;
  }
}

// Each reader: the value, nothing when absent (null) or wrong (the problem is then recorded).

void FieldReader::read_identifier(Field field, const Scalar& value, std::string& out) {
  if (auto text = read_string(field, value)) {
    if (text->empty()) problem(fmt::format(msg::empty_id, path()));
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
    problem(fmt::format(msg::bad_date, path(), shown(value.text)));
    return std::nullopt;
  }
  const Date date{std::chrono::year{(*fields)[0]}, std::chrono::month{static_cast<unsigned>((*fields)[1])},
                  std::chrono::day{static_cast<unsigned>((*fields)[2])}};
  if (!date.ok()) {
    problem(fmt::format(msg::no_such_date, path(), value.text));
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
      problem(fmt::format(msg::not_integer, path(), shown(text)));
      return std::nullopt;
    }
    magnitude = std::min(beyond, magnitude * 10 + (c - '0'));
  }
  const std::int64_t result = negative ? -magnitude : magnitude;
  if (result < std::numeric_limits<std::int32_t>::min() || result > std::numeric_limits<std::int32_t>::max()) {
    problem(fmt::format(msg::integer_out_of_range, path(), shown(text)));
    return std::nullopt;
  }
  return static_cast<std::int32_t>(result);
}

std::optional<Decimal> FieldReader::read_decimal(Field field, const Scalar& value) {
  std::string_view text = value.text;
  if (value.type == JsonType::number) {
    if (!plain_decimal_text(value.text, scratch_)) {
      problem(fmt::format(msg::decimal_too_large, path(), shown(value.text)));
      return std::nullopt;
    }
    text = scratch_;
  } else if (value.type != JsonType::string) {
    if (value.type != JsonType::null) wrong_type(field, value.type);
    return std::nullopt;
  }
  try {
    return Decimal::parse(text);
  } catch (const DecimalError& error) {
    const bool too_large = error.kind() == DecimalErrorKind::too_many_digits ||
                           error.kind() == DecimalErrorKind::overflow ||
                           error.kind() == DecimalErrorKind::too_many_decimals;
    if (too_large) {
      problem(fmt::format(msg::decimal_too_large, path(), shown(value.text)));
    } else {
      problem(fmt::format(msg::bad_decimal, path(), shown(value.text)));
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
  problem(fmt::format(msg::unknown_value, path(), shown(value.text), allowed_values(values)));
  return std::nullopt;
}

void ClaimReader::parse_error(std::size_t offset, JsonFault fault) {
  const std::string_view reason = reason_of(fault);
  if (offset < input_.size()) {
    problem(fmt::format(msg::not_json_near, offset, reason, shown(input_.substr(offset), 20)));
  } else {
    problem(fmt::format(msg::not_json, offset, reason));
  }
  stop();
}

// ---- The fast path ---------------------------------------------------------------------------

// A member's name as a record usually writes it, quotes and colon included ("id":), in the
// 8-byte words load_little reads: the fast path checks the expected member in a word or two.
struct Key {
  std::array<std::uint64_t, 4> words{};
  std::uint64_t last_mask = 0;  // the bytes of the last word that belong to the key
  std::size_t length = 0;
  std::size_t word_count = 0;
};

constexpr Key key_of(std::string_view name) {
  Key key;
  key.length = name.size() + 3;
  key.word_count = (key.length + 7) / 8;
  const auto put = [&key](std::size_t at, char c) {
    key.words.at(at / 8) |= std::uint64_t{static_cast<unsigned char>(c)} << (at % 8 * 8);
  };
  put(0, '"');
  for (std::size_t i = 0; i < name.size(); ++i) put(i + 1, name[i]);
  put(name.size() + 1, '"');
  put(name.size() + 2, ':');
  const std::size_t tail = key.length % 8;
  key.last_mask = tail == 0 ? ~std::uint64_t{0} : (std::uint64_t{1} << (tail * 8)) - 1;
  return key;
}

// The key of each entry of each context's table (the record's, of 14 members, is the longest).
constexpr auto member_keys = [] {
  std::array<std::array<Key, record_members.size()>, static_cast<std::size_t>(Context::skip) + 1> keys{};
  for (std::size_t context = 0; context < keys.size(); ++context) {
    const auto members = members_of(static_cast<Context>(context));
    for (std::size_t i = 0; i < members.size(); ++i) keys.at(context).at(i) = key_of(members[i].name);
  }
  return keys;
}();

// Reads a line that follows the format's schema to the letter, straight over its bytes: at
// each member it expects a known, new name, then a value of that member's kind. It gives up
// (false) at anything else (an escape or invalid UTF-8 in a string, an unknown or repeated
// member, a wrong type, a limit, any problem the conversions find), and the line is then read
// again by ClaimReader, which reports it. So it only accepts lines that ClaimReader reads without
// a problem, and hands the same values to the same conversions in the same order.
class SchemaReader final : public FieldReader {
 public:
  SchemaReader(std::string_view input, const ClaimReadLimits& limits, ClaimReadResult& result)
      : FieldReader(result), input_(input), limits_(limits) {}

  // True when the whole line was read into the result's claim, without a problem.
  bool read() { return object(Context::record, 1) && skip_whitespace(input_, position_) == input_.size(); }

 private:
  // Messages are ClaimReader's business: here a problem only means giving up.
  [[nodiscard]] std::string path() const override { return {}; }
  void problem(std::string /*message*/) override { failed_ = true; }

  // The input's bytes [begin, end), within it already: substr's range check is not inlined.
  [[nodiscard]] std::string_view bytes(std::size_t begin, std::size_t end) const noexcept {
    return {input_.data() + begin, end - begin};
  }
  // Whitespace is skipped where a token was expected and not found: most lines have none.
  // Moves past `c` when it comes next, after any whitespace; the whitespace apart, so that the
  // usual case stays small enough to be inlined.
  bool consume(char c) noexcept {
    if (position_ < input_.size() && input_[position_] == c) {
      ++position_;
      return true;
    }
    return consume_after_whitespace(c);
  }
  bool consume_after_whitespace(char c) noexcept {
    position_ = skip_whitespace(input_, position_);
    if (position_ >= input_.size() || input_[position_] != c) return false;
    ++position_;
    return true;
  }
  // Moves past `key` when it comes next, without whitespace: the member expected is compared in
  // place, a word at a time, without looking for the name's end first. False near the line's
  // end, where the words would go past it.
  bool consume_key(const Key& key) noexcept {
    const std::size_t last = key.word_count - 1;
    if (input_.size() - position_ < key.word_count * 8) return false;
    const char* at = input_.data() + position_;
    std::uint64_t differ = (load_little(at + last * 8) ^ key.words[last]) & key.last_mask;
    for (std::size_t k = 0; k < last; ++k) differ |= load_little(at + k * 8) ^ key.words[k];
    if (differ != 0) return false;
    position_ += key.length;
    return true;
  }
  // The object of `context` at position_, the `depth`th level of nesting (the record is the first).
  bool object(Context context, std::size_t depth);
  bool lines(std::size_t depth);
  bool value(Field field, std::size_t depth);
  // A string of printable ASCII and valid UTF-8, without escapes: its bytes between the quotes.
  bool string(std::string_view& text);

  std::string_view input_;
  const ClaimReadLimits& limits_;
  std::size_t position_ = 0;
  bool failed_ = false;
};

bool SchemaReader::object(Context context, std::size_t depth) {
  if (depth > limits_.max_depth || !consume('{')) return false;
  const auto members = members_of(context);
  const auto& keys = member_keys[static_cast<std::size_t>(context)];
  std::uint32_t seen = 0;
  std::size_t expected = 0;
  if (!consume('}')) {
    do {
      std::size_t i = expected;
      if (!consume_key(keys[i])) {
        position_ = skip_whitespace(input_, position_);
        std::string_view name;
        if (!string(name)) return false;
        i = find_member(members, name, expected);
        if (i == members.size() || !consume(':')) return false;
      }
      if ((seen & (std::uint32_t{1} << i)) != 0) return false;
      seen |= std::uint32_t{1} << i;
      expected = i + 1 == members.size() ? 0 : i + 1;
      if (!value(members[i].field, depth)) return false;
    } while (consume(','));
    if (!consume('}')) return false;
  }
  return missing_required(context, seen) == 0;
}

bool SchemaReader::lines(std::size_t depth) {
  if (depth > limits_.max_depth || !consume('[')) return false;
  do {
    if (claim_.lines.size() >= limits_.max_claim_lines) return false;
    claim_.lines.emplace_back();
    if (!object(Context::line, depth + 1)) return false;
  } while (consume(','));
  return consume(']');
}

bool SchemaReader::value(Field field, std::size_t depth) {
  if (position_ < input_.size() && byte_classes[static_cast<unsigned char>(input_[position_])] == ByteClass::other) {
    position_ = skip_whitespace(input_, position_);  // whitespace before the value, or a byte that starts none
  }
  if (position_ >= input_.size()) return false;
  Scalar scalar;
  switch (byte_classes[static_cast<unsigned char>(input_[position_])]) {
    case ByteClass::single: {
      const Context context = container_of(field);
      if (context == Context::lines) return lines(depth + 1);
      return context != Context::skip && object(context, depth + 1);
    }
    case ByteClass::quote:
      scalar.type = JsonType::string;
      if (!string(scalar.text)) return false;
      break;
    case ByteClass::number: {
      const Lexeme number = lex_number(input_, position_);
      scalar.type = JsonType::number;
      scalar.text = bytes(position_, number.end);
      // Beyond a double's range is a JSON error to the general reader, whatever member holds it.
      if (!number.whole || beyond_json_range(scalar.text)) return false;
      position_ = number.end;
      break;
    }
    case ByteClass::literal: {
      const Lexeme literal = lex_literal(input_, position_);
      if (!literal.whole) return false;
      scalar.type = input_[position_] == 'n' ? JsonType::null : JsonType::boolean;
      scalar.boolean = input_[position_] == 't';
      position_ = literal.end;
      break;
    }
    case ByteClass::other:
      return false;
  }
  assign(field, scalar);
  return !failed_;
}

bool SchemaReader::string(std::string_view& text) {
  if (position_ >= input_.size() || input_[position_] != '"') return false;
  std::size_t end = skip_plain_ascii(input_, position_ + 1);
  // Non-ASCII is rare: looked at only where the ASCII run does not end the string.
  if (end >= input_.size() || input_[end] != '"') end = skip_plain_bytes(input_, end);
  if (end >= input_.size() || input_[end] != '"') return false;
  text = bytes(position_ + 1, end);
  position_ = end + 1;
  return true;
}

// ---- Reading a line --------------------------------------------------------------------------

bool is_blank(std::string_view text) noexcept {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

Reason format_problem(std::string message) {
  return {std::string(format_rule), std::move(message), std::string(format_source)};
}

void read_in_general(std::string_view json_line, const ClaimReadLimits& limits, ClaimReadResult& result) {
  result.id.clear();
  result.problems.clear();
  if (is_blank(json_line)) {
    result.claim.reset();
    result.problems.push_back(format_problem(msg::empty_line));
    return;
  }
  if (json_line.size() > limits.max_line_bytes) {
    // Only the id is wanted from a line this long: read the head of it, where the id usually
    // is, and drop whatever else that partial reading finds.
    ClaimReadResult head;
    ClaimReader reader(limits, head);
    reader.read(json_line.substr(0, limits.max_line_bytes));
    result.claim.reset();
    result.id = std::move(head.id);
    result.problems.push_back(format_problem(fmt::format(msg::line_too_long, json_line.size(), limits.max_line_bytes)));
    return;
  }
  ClaimReader reader(limits, result);
  reader.read(json_line);
  if (!reader.complete() || !result.problems.empty()) result.claim.reset();
}

}  // namespace

ClaimReadResult read_claim(std::string_view json_line) {
  return read_claim(json_line, ClaimReadLimits{});
}

ClaimReadResult read_claim(std::string_view json_line, const ClaimReadLimits& limits) {
  ClaimReadResult result;
  read_claim(json_line, limits, result);
  return result;
}

void read_claim(std::string_view json_line, const ClaimReadLimits& limits, ClaimReadResult& result) {
  if (!read_claim_by_schema(json_line, limits, result)) read_in_general(json_line, limits, result);
}

bool read_claim_by_schema(std::string_view json_line, const ClaimReadLimits& limits, ClaimReadResult& result) {
  result.id.clear();
  result.problems.clear();
  return json_line.size() <= limits.max_line_bytes && SchemaReader(json_line, limits, result).read();
}

ClaimReadResult read_claim_in_general(std::string_view json_line, const ClaimReadLimits& limits) {
  ClaimReadResult result;
  read_in_general(json_line, limits, result);
  return result;
}

// ---- Writing ---------------------------------------------------------------------------------

namespace {

// Writes JSON into a string from `start` on, through a moving pointer, without a capacity check
// per piece: the string first holds at least the size of the output with every text plain
// (counted by the caller, fixed parts included: plain_size), and only an escape, which writes
// more than the byte it stands for, makes room for its extra bytes. A piece of fixed text is a
// move or two. A string reused from record to record is zero-filled only where it grows.
class JsonWriter {
 public:
  JsonWriter(std::string& out, std::size_t start, std::size_t plain_size) : out_(out) {
    if (out.size() < start + plain_size) out.resize(start + plain_size);
    at_ = out.data() + start;
    slack_ = out.size() - start - plain_size;
  }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;
  // Cuts the string after what was written.
  ~JsonWriter() { out_.resize(static_cast<std::size_t>(at_ - out_.data())); }

  // The bytes string() writes for `text` when no byte of it is escaped.
  static constexpr std::size_t plain_size(std::string_view text) noexcept { return text.size() + 2; }
  static constexpr std::size_t amount_size = Decimal::max_chars + 2;

  template <std::size_t N>
  void literal(const char (&text)[N]) noexcept {
    std::memcpy(at_, text, N - 1);
    at_ += N - 1;
  }
  void raw(std::string_view text) noexcept {
    std::memcpy(at_, text.data(), text.size());
    at_ += text.size();
  }
  void byte(char c) noexcept { *at_++ = c; }
  // `text` as a JSON string, quotes included: see append_json_string.
  void string(std::string_view text);
  // A two-decimal amount as a JSON string ("17.88").
  void amount(const Decimal& amount) {
    *at_++ = '"';
    at_ = amount.to_chars(at_, 2);
    *at_++ = '"';
  }

 private:
  // Room for `extra` bytes beyond the plain size counted.
  void widen(std::size_t extra) {
    if (slack_ < extra) {
      const auto offset = static_cast<std::size_t>(at_ - out_.data());
      const std::size_t more = std::max<std::size_t>(64, out_.size());
      out_.resize(out_.size() + more);
      at_ = out_.data() + offset;
      slack_ += more;
    }
    slack_ -= extra;
  }

  std::string& out_;
  char* at_ = nullptr;
  std::size_t slack_ = 0;  // bytes of the string beyond the plain size, not used yet
};

void JsonWriter::string(std::string_view text) {
  static constexpr std::string_view hex = "0123456789abcdef";
  static constexpr std::size_t escaped = 6;  // \u00XX
  *at_++ = '"';
  std::size_t run = 0;  // start of the bytes not yet copied, which need no escaping
  for (std::size_t i = skip_plain_bytes(text, 0); i < text.size(); i = skip_plain_bytes(text, i)) {
    raw({text.data() + run, i - run});
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      widen(1);
      *at_++ = '\\';
      *at_++ = static_cast<char>(c);
    } else if (c < 0x20U) {
      widen(escaped - 1);
      literal("\\u00");
      *at_++ = hex[c >> 4U];
      *at_++ = hex[c & 0xFU];
    } else {
      widen(replacement_character.size() - 1);
      raw(replacement_character);  // a byte that is not valid UTF-8
    }
    run = ++i;
  }
  raw({text.data() + run, text.size() - run});
  *at_++ = '"';
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  JsonWriter(out, out.size(), JsonWriter::plain_size(text)).string(text);
}

namespace {

void write_reasons(JsonWriter& out, const std::vector<Reason>& reasons) {
  out.byte('[');
  bool first = true;
  for (const Reason& reason : reasons) {
    if (!first) out.byte(',');
    first = false;
    out.literal("{\"rule\":");
    out.string(reason.rule);
    out.literal(",\"message\":");
    out.string(reason.message);
    out.literal(",\"source\":");
    out.string(reason.source);
    out.byte('}');
  }
  out.byte(']');
}

std::size_t reasons_size(const std::vector<Reason>& reasons) noexcept {
  std::size_t size = 2;
  for (const Reason& reason : reasons) {
    size += 40 + JsonWriter::plain_size(reason.rule) + JsonWriter::plain_size(reason.message) +
            JsonWriter::plain_size(reason.source);
  }
  return size;
}

}  // namespace

void set_unreadable(ClaimDecision& decision, ClaimReadResult& read, const std::string& rule_set_hash) {
  decision.id = read.id;
  decision.decision = Decision::invalid;
  decision.total = Decimal();
  decision.lines.clear();
  decision.reasons = std::move(read.problems);
  decision.rule_set = rule_set_hash;
}

ClaimDecision engine_failure(std::string id, const std::exception& error, const std::string& rule_set_hash) {
  ClaimDecision failed;
  failed.id = std::move(id);
  failed.decision = Decision::invalid;
  failed.reasons.push_back(Reason{"moteur", std::string("erreur interne du moteur : ") + error.what(), ""});
  failed.rule_set = rule_set_hash;
  return failed;
}

std::string write_decision(const ClaimDecision& decision) {
  std::string out;
  write_decision(decision, out);
  return out;
}

namespace {

// The record written into `out` from `start` on, what follows it cut.
void write_decision_at(const ClaimDecision& decision, std::string& out, std::size_t start) {
  // The fixed parts of the record and of a line are under 96 and 80 bytes.
  std::size_t size = 96 + JsonWriter::amount_size + JsonWriter::plain_size(decision.id) +
                     JsonWriter::plain_size(decision.rule_set) + reasons_size(decision.reasons);
  for (const LineDecision& line : decision.lines) {
    size += 80 + JsonWriter::amount_size + JsonWriter::plain_size(line.code) + reasons_size(line.reasons);
  }
  JsonWriter writer(out, start, size);

  writer.literal("{\"id\":");
  writer.string(decision.id);
  writer.literal(",\"decision\":\"");
  writer.raw(to_string(decision.decision));
  writer.literal("\",\"total\":");
  writer.amount(decision.total);
  writer.literal(",\"lines\":[");
  bool first = true;
  for (const LineDecision& line : decision.lines) {
    if (!first) writer.byte(',');
    first = false;
    writer.literal("{\"code\":");
    writer.string(line.code);
    writer.literal(",\"decision\":\"");
    writer.raw(to_string(line.decision));
    writer.literal("\",\"amount\":");
    if (line.amount) {
      writer.amount(*line.amount);
    } else {
      writer.literal("null");
    }
    writer.literal(",\"reasons\":");
    write_reasons(writer, line.reasons);
    writer.byte('}');
  }
  writer.literal("],\"reasons\":");
  write_reasons(writer, decision.reasons);
  writer.literal(",\"rule_set\":");
  writer.string(decision.rule_set);
  writer.byte('}');
}

}  // namespace

void write_decision(const ClaimDecision& decision, std::string& out) {
  write_decision_at(decision, out, 0);
}

void append_decision(const ClaimDecision& decision, std::string& out) {
  write_decision_at(decision, out, out.size());
}

}  // namespace cotation
