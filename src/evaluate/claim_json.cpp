// Claims in, decisions out, as JSON Lines: see claim_json.hpp and docs/claim-format.md.
//
// Reading: nlohmann's SAX parser (iterative, no recursion) drives a small state machine, one
// frame per open object or array, that knows the schema of each object of the format. Every
// problem is recorded with the JSON path of the value (lines[2].code, travel.distance_km) and
// the reading goes on, so one pass reports them all; only the limits of ClaimReadLimits stop it.
// Numbers are read from their text (number_float gives it; integers are printed back exactly),
// and decimal values go to Decimal::parse, never through binary floating point.
//
// Writing: one std::string, appended to, with a small escaper that copies runs of plain bytes.
#include "evaluate/claim_json.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <span>
#include <system_error>
#include <utility>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

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
constexpr auto decimal_too_large = "{} : nombre trop grand ou trop précis « {} » (au plus 18 décimales)";
}  // namespace msg

// Why nlohmann stopped, in French. Its messages are English sentences; these fragments of them
// have been stable across 3.x. Anything else is a plain syntax error.
std::string_view json_error_reason(const nlohmann::detail::exception& error) {
  const std::string_view what = error.what();
  const auto has = [what](std::string_view part) { return what.find(part) != std::string_view::npos; };
  if (error.id == 406 || has("number overflow")) return "nombre hors limites";
  if (has("control character")) return "caractère de contrôle non échappé dans une chaîne";
  if (has("UTF-8") || has("utf-8")) return "octet UTF-8 invalide";
  // Before "expected end of input", which it contains.
  if (has("unexpected end of input")) return "fin de ligne inattendue, l'objet JSON est incomplet";
  if (has("expected end of input")) return "contenu en trop après l'objet JSON";
  if (has("invalid string")) return "chaîne mal formée (séquence d'échappement invalide)";
  if (has("invalid number")) return "nombre mal écrit";
  if (has("invalid literal")) return "valeur inattendue (ni chaîne, ni nombre, ni true, false, null)";
  return "syntaxe incorrecte";
}

// ---- UTF-8 -----------------------------------------------------------------------------------

// The length of the valid UTF-8 sequence starting at text[i] (1 to 4), or 0 when the bytes there
// are not one (stray continuation byte, overlong form, surrogate, beyond U+10FFFF, truncated).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned lead = byte(i);
  if (lead < 0x80U) return 1;
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
    return 0;
  }
  if (text.size() - i < length) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if ((byte(i + k) & 0xC0U) != 0x80U) return 0;
  }
  return length;
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
enum class Context : std::uint8_t { record, patient, lines, line, travel, prescription, series, time, skip };

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
  time,
  telehealth,
  patient_id,
  age,
  birth_date,
  code,
  distance_km,
  same_agglomeration,
  kind,
  session_number,
  sessions_12_months_before,
  prior_approval,
  night,
  sunday_or_holiday,
  urgent,
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
    Member{"time", Field::time},
    Member{"telehealth", Field::telehealth},
};
constexpr std::array patient_members = {
    Member{"id", Field::patient_id},
    Member{"age", Field::age},
    Member{"birth_date", Field::birth_date},
};
constexpr std::array line_members = {Member{"code", Field::code}};
constexpr std::array travel_members = {
    Member{"distance_km", Field::distance_km},
    Member{"same_agglomeration", Field::same_agglomeration},
};
constexpr std::array prescription_members = {Member{"kind", Field::kind}};
constexpr std::array series_members = {
    Member{"session_number", Field::session_number},
    Member{"sessions_12_months_before", Field::sessions_12_months_before},
    Member{"prior_approval", Field::prior_approval},
};
constexpr std::array time_members = {
    Member{"night", Field::night},
    Member{"sunday_or_holiday", Field::sunday_or_holiday},
    Member{"urgent", Field::urgent},
};

std::span<const Member> members_of(Context context) noexcept {
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
    case Context::time:
      return time_members;
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
    case Field::time:
      return Context::time;
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
      return "une chaîne";
    case Field::date:
    case Field::birth_date:
      return "une date (chaîne AAAA-MM-JJ)";
    case Field::region:
    case Field::place:
    case Field::kind:
      return "une chaîne (valeur énumérée)";
    case Field::lines:
      return "un tableau de lignes";
    case Field::patient:
    case Field::travel:
    case Field::prescription:
    case Field::series:
    case Field::time:
      return "un objet";
    case Field::age:
    case Field::session_number:
    case Field::sessions_12_months_before:
      return "un nombre entier";
    case Field::distance_km:
      return "un nombre décimal (nombre ou chaîne)";
    case Field::telehealth:
    case Field::same_agglomeration:
    case Field::prior_approval:
    case Field::night:
    case Field::sunday_or_holiday:
    case Field::urgent:
      return "un booléen";
    case Field::none:
    case Field::ignored:
      break;
  }
  return "une valeur";
}

// The members whose absence is a problem at this stage; every other member may be absent or null.
bool is_required(Field field) noexcept {
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

// YYYY-MM-DD, exactly ten characters.
bool has_date_shape(std::string_view text) noexcept {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  constexpr std::array<std::size_t, 8> digit_positions = {0, 1, 2, 3, 5, 6, 8, 9};
  return std::ranges::all_of(digit_positions, [text](std::size_t i) { return is_digit(text[i]); });
}

int digits_value(std::string_view text) noexcept {
  int value = 0;
  for (const char c : text) value = value * 10 + (c - '0');
  return value;
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
};

// A scalar value as the parser hands it over; numbers and strings by their text.
struct Scalar {
  JsonType type = JsonType::null;
  bool boolean = false;
  std::string_view text;
};

class ClaimReader {
 public:
  using json = nlohmann::json;

  ClaimReader(const ClaimReadLimits& limits, ClaimReadResult& result) : limits_(limits), result_(result) {
    frames_.reserve(8);
  }

  // True when the whole line was read: no syntax error and no limit reached.
  [[nodiscard]] bool complete() const noexcept { return !stopped_; }
  Claim& claim() noexcept { return claim_; }

  // The SAX interface of nlohmann::json (sax_parse calls these; false stops the parser).
  bool null() { return scalar({JsonType::null, false, {}}); }
  bool boolean(bool value) { return scalar({JsonType::boolean, value, {}}); }
  bool number_integer(json::number_integer_t value) { return integer(value); }
  bool number_unsigned(json::number_unsigned_t value) { return integer(value); }
  // The binary value is never looked at: the text is what the line says.
  bool number_float(json::number_float_t /*unused*/, const std::string& text) {
    return scalar({JsonType::number, false, text});
  }
  bool string(std::string& value) { return scalar({JsonType::string, false, value}); }
  bool binary(json::binary_t& /*unused*/) { return stop(); }  // never produced from JSON text
  bool start_object(std::size_t /*unknown size*/) { return open(JsonType::object); }
  bool start_array(std::size_t /*unknown size*/) { return open(JsonType::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& name);
  bool parse_error(std::size_t position, const std::string& /*last token*/, const nlohmann::detail::exception& error);

  void set_input(std::string_view input) noexcept { input_ = input; }

 private:
  template <class Integer>
  bool integer(Integer value) {
    std::array<char, 24> buffer{};
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    (void)ec;  // 24 characters hold any 64-bit integer
    return scalar(
        {JsonType::number, false, std::string_view(buffer.data(), static_cast<std::size_t>(end - buffer.data()))});
  }

  bool scalar(const Scalar& value);
  bool open(JsonType type);
  bool close();
  void assign(Field field, const Scalar& value);
  void after_value();

  std::optional<std::string> read_string(Field field, const Scalar& value);
  std::optional<Date> read_date(Field field, const Scalar& value);
  std::optional<bool> read_bool(Field field, const Scalar& value);
  std::optional<std::int32_t> read_int(Field field, const Scalar& value);
  std::optional<Decimal> read_decimal(Field field, const Scalar& value);
  template <class Enum, std::size_t N>
  std::optional<Enum> read_enum(Field field, const Scalar& value, const std::array<EnumValue<Enum>, N>& values);

  // The JSON path of the value about to be read ("lines[2].code"), or of `member` inside the
  // innermost object when given.
  [[nodiscard]] std::string path(std::string_view member = {}) const;
  void wrong_type(Field field, JsonType found) {
    problem(fmt::format(msg::wrong_type, path(), expected_of(field), describe(found)));
  }
  void problem(std::string message);
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
  ClaimReadResult& result_;
  Claim claim_;
  std::vector<Frame> frames_;
  std::string_view input_;
  std::string scratch_;  // the plain text of a number in exponent form
  bool stopped_ = false;
  bool have_id_ = false;
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

std::string ClaimReader::path(std::string_view member) const {
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

bool ClaimReader::key(std::string& name) {
  Frame& frame = frames_.back();
  if (frame.context == Context::skip) return true;
  const auto members = members_of(frame.context);
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (members[i].name != name) continue;
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
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (is_required(members[i].field) && (seen & (std::uint32_t{1} << i)) == 0) {
      problem(fmt::format(msg::missing_field, path(members[i].name)));
    }
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

void ClaimReader::assign(Field field, const Scalar& value) {
  switch (field) {
    case Field::id:
      if (auto text = read_string(field, value)) {
        if (text->empty()) problem(fmt::format(msg::empty_id, path()));
        if (!have_id_) result_.id = *text;
        have_id_ = true;
        claim_.id = std::move(*text);
      }
      return;
    case Field::code:
      if (auto text = read_string(field, value)) {
        if (text->find_first_not_of(" \t") == std::string::npos) problem(fmt::format(msg::empty_code, path()));
        claim_.lines.back().code = std::move(*text);
      }
      return;
    case Field::patient_id:
      if (auto text = read_string(field, value)) claim_.patient.id = std::move(*text);
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
    case Field::patient:
    case Field::lines:
    case Field::travel:
    case Field::prescription:
    case Field::series:
    case Field::time:
      // A scalar where an object or array belongs; null means absent, except for lines.
      if (value.type != JsonType::null || is_required(field)) wrong_type(field, value.type);
      return;
    case Field::none:
    case Field::ignored:
      return;
  }
}

// Each reader: the value, nothing when absent (null) or wrong (the problem is then recorded).

std::optional<std::string> ClaimReader::read_string(Field field, const Scalar& value) {
  if (value.type == JsonType::string) return std::string(value.text);
  if (value.type != JsonType::null || is_required(field)) wrong_type(field, value.type);
  return std::nullopt;
}

std::optional<Date> ClaimReader::read_date(Field field, const Scalar& value) {
  if (value.type != JsonType::string) {
    if (value.type != JsonType::null) wrong_type(field, value.type);
    return std::nullopt;
  }
  if (!has_date_shape(value.text)) {
    problem(fmt::format(msg::bad_date, path(), shown(value.text)));
    return std::nullopt;
  }
  const Date date{std::chrono::year{digits_value(value.text.substr(0, 4))},
                  std::chrono::month{static_cast<unsigned>(digits_value(value.text.substr(5, 2)))},
                  std::chrono::day{static_cast<unsigned>(digits_value(value.text.substr(8, 2)))}};
  if (!date.ok()) {
    problem(fmt::format(msg::no_such_date, path(), value.text));
    return std::nullopt;
  }
  return date;
}

std::optional<bool> ClaimReader::read_bool(Field field, const Scalar& value) {
  if (value.type == JsonType::boolean) return value.boolean;
  if (value.type != JsonType::null) wrong_type(field, value.type);
  return std::nullopt;
}

std::optional<std::int32_t> ClaimReader::read_int(Field field, const Scalar& value) {
  if (value.type != JsonType::number) {
    if (value.type != JsonType::null) wrong_type(field, value.type);
    return std::nullopt;
  }
  const std::string_view text = value.text;
  if (text.find_first_of(".eE") != std::string_view::npos) {
    problem(fmt::format(msg::not_integer, path(), shown(text)));
    return std::nullopt;
  }
  std::int32_t result = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), result);
  if (ec != std::errc{} || end != text.data() + text.size()) {
    problem(fmt::format(msg::integer_out_of_range, path(), shown(text)));
    return std::nullopt;
  }
  return result;
}

std::optional<Decimal> ClaimReader::read_decimal(Field field, const Scalar& value) {
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
std::optional<Enum> ClaimReader::read_enum(Field field, const Scalar& value,
                                           const std::array<EnumValue<Enum>, N>& values) {
  if (value.type != JsonType::string) {
    if (value.type != JsonType::null) wrong_type(field, value.type);
    return std::nullopt;
  }
  for (const auto& candidate : values) {
    if (candidate.name == value.text) return candidate.value;
  }
  problem(fmt::format(msg::unknown_value, path(), shown(value.text), allowed_values(values)));
  return std::nullopt;
}

bool ClaimReader::parse_error(std::size_t position, const std::string& /*last token*/,
                              const nlohmann::detail::exception& error) {
  // nlohmann counts the bytes read, the offending one included: the offset is one less.
  const std::size_t offset = std::min(position == 0 ? 0 : position - 1, input_.size());
  const std::string_view reason = json_error_reason(error);
  if (offset < input_.size()) {
    problem(fmt::format(msg::not_json_near, offset, reason, shown(input_.substr(offset), 20)));
  } else {
    problem(fmt::format(msg::not_json, offset, reason));
  }
  return stop();
}

bool is_blank(std::string_view text) noexcept {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

Reason format_problem(std::string message) {
  return {std::string(format_rule), std::move(message), std::string(format_source)};
}

}  // namespace

ClaimReadResult read_claim(std::string_view json_line) {
  return read_claim(json_line, ClaimReadLimits{});
}

ClaimReadResult read_claim(std::string_view json_line, const ClaimReadLimits& limits) {
  ClaimReadResult result;
  if (is_blank(json_line)) {
    result.problems.push_back(format_problem(msg::empty_line));
    return result;
  }
  if (json_line.size() > limits.max_line_bytes) {
    // Only the id is wanted from a line this long: read the head of it, where the id usually
    // is, and drop whatever else that partial reading finds.
    ClaimReadResult head;
    ClaimReader reader(limits, head);
    const std::string_view prefix = json_line.substr(0, limits.max_line_bytes);
    reader.set_input(prefix);
    nlohmann::json::sax_parse(prefix.begin(), prefix.end(), &reader);
    result.id = std::move(head.id);
    result.problems.push_back(format_problem(fmt::format(msg::line_too_long, json_line.size(), limits.max_line_bytes)));
    return result;
  }
  ClaimReader reader(limits, result);
  reader.set_input(json_line);
  nlohmann::json::sax_parse(json_line.begin(), json_line.end(), &reader);
  if (reader.complete() && result.problems.empty()) result.claim = std::move(reader.claim());
  return result;
}

// ---- Writing ---------------------------------------------------------------------------------

void append_json_string(std::string& out, std::string_view text) {
  static constexpr std::string_view hex = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied, which need no escaping
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20U && c < 0x80U && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80U) {
      const std::size_t length = utf8_sequence_length(text, i);
      if (length != 0) {
        i += length;
        continue;
      }
    }
    out.append(text.substr(run, i - run));
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20U) {
      out += "\\u00";
      out += hex[c >> 4U];
      out += hex[c & 0xFU];
    } else {
      out += replacement_character;  // a byte that is not valid UTF-8
    }
    run = ++i;
  }
  out.append(text.substr(run));
  out += '"';
}

namespace {

void append_amount(std::string& out, const Decimal& amount) {
  out += '"';
  out += amount.to_string(2);
  out += '"';
}

void append_reasons(std::string& out, const std::vector<Reason>& reasons) {
  out += '[';
  bool first = true;
  for (const Reason& reason : reasons) {
    if (!first) out += ',';
    first = false;
    out += "{\"rule\":";
    append_json_string(out, reason.rule);
    out += ",\"message\":";
    append_json_string(out, reason.message);
    out += ",\"source\":";
    append_json_string(out, reason.source);
    out += '}';
  }
  out += ']';
}

std::size_t reasons_size(const std::vector<Reason>& reasons) noexcept {
  std::size_t size = 0;
  for (const Reason& reason : reasons) size += 40 + reason.rule.size() + reason.message.size() + reason.source.size();
  return size;
}

}  // namespace

std::string write_decision(const ClaimDecision& decision) {
  // One allocation in the common case: the fixed parts plus every text, a little over.
  std::size_t size = 96 + decision.id.size() + decision.rule_set.size() + reasons_size(decision.reasons);
  for (const LineDecision& line : decision.lines) size += 80 + line.code.size() + reasons_size(line.reasons);
  std::string out;
  out.reserve(size);

  out += "{\"id\":";
  append_json_string(out, decision.id);
  out += ",\"decision\":\"";
  out += to_string(decision.decision);
  out += "\",\"total\":";
  append_amount(out, decision.total);
  out += ",\"lines\":[";
  bool first = true;
  for (const LineDecision& line : decision.lines) {
    if (!first) out += ',';
    first = false;
    out += "{\"code\":";
    append_json_string(out, line.code);
    out += ",\"decision\":\"";
    out += to_string(line.decision);
    out += "\",\"amount\":";
    if (line.amount) {
      append_amount(out, *line.amount);
    } else {
      out += "null";
    }
    out += ",\"reasons\":";
    append_reasons(out, line.reasons);
    out += '}';
  }
  out += "],\"reasons\":";
  append_reasons(out, decision.reasons);
  out += ",\"rule_set\":";
  append_json_string(out, decision.rule_set);
  out += '}';
  return out;
}

}  // namespace cotation
