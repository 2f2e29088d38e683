#include "baseline.hpp"

#include <array>
#include <chrono>
#include <limits>
#include <optional>
#include <string_view>

namespace cotation::bench {
namespace {

using Day = std::int32_t;  // days since 1970-01-01
constexpr Day first_day = std::numeric_limits<Day>::min();
constexpr Day last_day = std::numeric_limits<Day>::max();

constexpr Day day(int y, unsigned m, unsigned d) {
  return static_cast<Day>(
      std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d)).time_since_epoch().count());
}

// rules/titre-xiv/article-1.cot and rules/lettres-cles.cot, amendments applied.
constexpr Day av7 = day(2024, 2, 22);               // new letters, new cotations, AMS 7.5 in transition
constexpr Day transition_end = day(2024, 5, 31);    // last day AMS 7.5 is accepted
constexpr Day revaluation_1 = day(2026, 1, 1);      // +0.6 (2025-07-01 moved by the comité d'alerte)
constexpr Day revaluation_2 = day(2027, 7, 1);      // +0.3
constexpr Day ifs_reform = day(2026, 1, 1);         // IFO, IFR, IFN, IFP end the day before

// The intermediate product of a distance and a rate per km, before rounding to the cent.
__extension__ typedef unsigned __int128 Wide;

enum Letter : std::uint8_t { ams, ram, rao, letter_count };
constexpr std::array<std::string_view, letter_count> letter_codes = {"AMS", "RAM", "RAO"};

// A key letter's value in cents, metropole and outre-mer, over a period (both bounds included).
struct LetterValue {
  Day since;
  Day until;
  std::int64_t cents[2];
};
constexpr LetterValue ams_values[] = {{first_day, av7 - 1, {215, 236}}, {av7, last_day, {221, 243}}};
constexpr LetterValue av7_values[] = {{av7, last_day, {221, 243}}};

// HAS referential thresholds of an act: prior approval beyond so many sessions.
struct Referential {
  std::int32_t per_series;  // 0: none
  std::int32_t per_12_months;
};

enum Act : std::uint8_t { lombalgie, trauma_cervical, lombo_sacre_sans, lombo_sacre_avec };
constexpr Referential referentials[] = {{15, 30}, {10, 0}, {0, 0}, {0, 0}};

// A billed code "LETTER COEFFICIENT" that designates an act over a period.
struct Cotation {
  Letter letter;
  std::int64_t hundredths;
  Day since;
  Day until;
  Act act;
};
// In the engine's lookup order: the acts in declaration order.
constexpr Cotation cotations[] = {
    {ram, 749, av7, revaluation_1 - 1, lombalgie},
    {ram, 809, revaluation_1, revaluation_2 - 1, lombalgie},
    {ram, 839, revaluation_2, last_day, lombalgie},
    {ram, 748, av7, revaluation_1 - 1, trauma_cervical},
    {ram, 808, revaluation_1, revaluation_2 - 1, trauma_cervical},
    {ram, 838, revaluation_2, last_day, trauma_cervical},
    {ram, 751, av7, revaluation_1 - 1, lombo_sacre_sans},
    {ram, 811, revaluation_1, revaluation_2 - 1, lombo_sacre_sans},
    {ram, 841, revaluation_2, last_day, lombo_sacre_sans},
    {rao, 749, av7, revaluation_1 - 1, lombo_sacre_avec},
    {rao, 809, revaluation_1, revaluation_2 - 1, lombo_sacre_avec},
    {rao, 839, revaluation_2, last_day, lombo_sacre_avec},
};

// An old cotation accepted over a period, priced with its own letter. In rules/ AMS 7.5 is
// replaced by many acts (not only the four above), so a line billed with it cannot say
// which act it is: the engine applies none of their thresholds (docs/language.md, `remplace`).
struct OldCotation {
  Letter letter;
  std::int64_t hundredths;
  Day since;
  Day until;
};
// Before avenant 7 the old cotation is the one in force, at the old letter value (ams_values);
// from av7 it stays accepted until the end of the transition.
constexpr OldCotation old_cotations[] = {{ams, 750, first_day, transition_end}};

// rules/deplacements.cot: flat items (cents, metropole and outre-mer, up to a day included).
struct FlatItem {
  std::string_view code;
  Day until;
  std::int64_t cents[2];
  bool travel_only = false;  // due only for a visit at home or in an establishment, not in telehealth
};
constexpr FlatItem flat_items[] = {
    {"IFD", last_day, {250, 250}, true},          {"IFO", ifs_reform - 1, {400, 400}},
    {"IFR", ifs_reform - 1, {400, 400}},     {"IFN", ifs_reform - 1, {400, 400}},
    {"IFP", ifs_reform - 1, {400, 400}},     {"IFS", last_day, {400, 400}},
    {"IFK", last_day, {400, 400}},           {"MAJORATION_NUIT", last_day, {915, 915}},
    {"MAJORATION_DIMANCHE", last_day, {762, 762}}, {"FRD", last_day, {10000, 10000}},
    {"FAD", last_day, {2000, 2000}},
};

// Mileage: cents per km, the distance beyond which it is due and the km deducted each way.
struct Mileage {
  std::string_view code;
  std::int64_t cents_per_km[2];
  std::int64_t minimum_km;
  std::int64_t deducted_km;
};
constexpr Mileage mileages[] = {{"IK", {38, 43}, 2, 2}, {"IKM", {61, 66}, 1, 1}, {"IKS", {335, 335}, 2, 2}};

constexpr std::uint64_t pow10(int n) {
  std::uint64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// value / 10^digits, rounded half away from zero (value >= 0).
constexpr std::int64_t round_half_away(Wide value, int digits) {
  const auto divisor = static_cast<Wide>(pow10(digits));
  auto quotient = value / divisor;
  if (2 * (value % divisor) >= divisor) ++quotient;
  return static_cast<std::int64_t>(quotient);
}

// The coefficient of a billed code in hundredths, as the engine compares it (by value): "7.49",
// "7,49", "+7.490", "07.49". Nothing when the text is not a plain decimal or is not a whole
// number of hundredths (then it matches no cotation anyway).
std::optional<std::int64_t> hundredths(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  std::uint64_t mantissa = 0;
  int digits = 0;
  int decimals = 0;
  bool point = false;
  bool any = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' || c == ',') {
      if (point || !any) return std::nullopt;
      point = true;
      any = false;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    any = true;
    if (mantissa != 0 || c != '0') ++digits;
    if (digits > 19) return std::nullopt;  // beyond a 64-bit mantissa: the engine's parse fails
    mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
    if (point) ++decimals;
  }
  if (!any || decimals > 18) return std::nullopt;
  if (negative && mantissa != 0) return std::nullopt;  // no negative cotation exists
  if (decimals <= 2) return static_cast<std::int64_t>(mantissa * pow10(2 - decimals));
  const std::uint64_t divisor = pow10(decimals - 2);
  if (mantissa % divisor != 0) return std::nullopt;
  return static_cast<std::int64_t>(mantissa / divisor);
}

// A field the decision needs but the claim lacks: the line is refused.
struct Missing {};

template <typename T>
T need(const std::optional<T>& value) {
  if (!value) throw Missing{};
  return *value;
}

std::size_t region_index(const Claim& claim) { return need(claim.region) == Region::metropole ? 0 : 1; }

// Accepts `line` at the value of `letter` in force on `today` times the coefficient; refused
// (left as it is) when the letter has no value then.
void price(const Claim& claim, Letter letter, std::int64_t coefficient, Day today, BaselineLine& line) {
  const std::size_t region = region_index(claim);
  const std::int64_t* value = nullptr;
  if (letter == ams) {
    for (const auto& v : ams_values) {
      if (v.since <= today && today <= v.until) value = &v.cents[region];
    }
  } else if (av7_values[0].since <= today) {
    value = &av7_values[0].cents[region];
  }
  if (value == nullptr) return;  // no value in force: refused
  line = {Decision::accepted, true, round_half_away(static_cast<Wide>(coefficient * *value), 2)};
}

void decide_act(const Claim& claim, const Cotation& cotation, std::int64_t coefficient, Day today, BaselineLine& line) {
  price(claim, cotation.letter, coefficient, today, line);
  if (line.decision != Decision::accepted) return;
  const Referential& referential = referentials[cotation.act];
  if (referential.per_series != 0 && need(claim.series.session_number) > referential.per_series &&
      !need(claim.series.prior_approval)) {
    line.decision = Decision::prior_approval;
    return;
  }
  if (referential.per_12_months != 0 && need(claim.series.sessions_12_months_before) + 1 > referential.per_12_months &&
      !need(claim.series.prior_approval)) {
    line.decision = Decision::prior_approval;
  }
}

// rules/acces-direct-renouvellement.cot, huit_seances_acces_direct: for every act, in direct
// access, at most 8 sessions per series; beyond, refused (over a prior approval too).
constexpr std::int32_t direct_access_sessions = 8;

void apply_act_rules(const Claim& claim, BaselineLine& line) {
  if (line.decision == Decision::refused) return;
  if (need(claim.prescription.kind) == PrescriptionKind::direct_access &&
      need(claim.series.session_number) > direct_access_sessions) {
    line.decision = Decision::refused;
  }
}

// The IFD's condition: `lieu dans {domicile, etablissement} et non télésoin`.
bool travelled(const Claim& claim) {
  const Place place = need(claim.place);
  return (place == Place::domicile || place == Place::etablissement) && !need(claim.telehealth);
}

void decide_code(const Claim& claim, std::string_view code, Day today, BaselineLine& line) {
  const std::size_t space = code.find(' ');
  if (space == std::string_view::npos) {
    for (const auto& item : flat_items) {
      if (item.code != code) continue;
      const std::size_t region = region_index(claim);
      if (today > item.until) return;
      if (item.travel_only && !travelled(claim)) return;
      line = {Decision::accepted, true, item.cents[region]};
      return;
    }
    for (const auto& mileage : mileages) {
      if (mileage.code != code) continue;
      if (need(claim.travel.same_agglomeration)) return;
      const Decimal& distance = need(claim.travel.distance_km);
      const int scale = distance.scale();
      const auto unit = static_cast<Wide>(pow10(scale));
      const Wide km = distance.magnitude();  // the reader refuses negative distances
      if (km <= static_cast<Wide>(mileage.minimum_km) * unit) return;
      const std::size_t region = region_index(claim);
      // (2d - 2a) x rate: km at `scale` decimals times cents, rounded to the cent
      const Wide billed = 2 * km - 2 * static_cast<Wide>(mileage.deducted_km) * unit;
      line = {Decision::accepted, true,
              round_half_away(billed * static_cast<Wide>(mileage.cents_per_km[region]), scale)};
      return;
    }
    return;  // unknown item
  }
  const std::string_view letter_code = code.substr(0, space);
  std::size_t letter = 0;
  while (letter < letter_count && letter_codes[letter] != letter_code) ++letter;
  if (letter == letter_count) return;
  const std::optional<std::int64_t> coefficient = hundredths(code.substr(space + 1));
  if (!coefficient) return;
  for (const auto& cotation : cotations) {
    if (cotation.letter == letter && cotation.hundredths == *coefficient && cotation.since <= today &&
        today <= cotation.until) {
      decide_act(claim, cotation, *coefficient, today, line);
      return apply_act_rules(claim, line);
    }
  }
  for (const auto& old : old_cotations) {
    if (old.letter == letter && old.hundredths == *coefficient && old.since <= today && today <= old.until) {
      price(claim, old.letter, *coefficient, today, line);
      return apply_act_rules(claim, line);
    }
  }
}

}  // namespace

void baseline_evaluate(const Claim& claim, BaselineDecision& out) {
  out.lines.clear();
  out.total_cents = 0;
  if (!claim.date) {
    out.decision = Decision::invalid;
    out.lines.resize(claim.lines.size(), BaselineLine{Decision::invalid, false, 0});
    return;
  }
  if (claim.lines.empty()) {
    out.decision = Decision::invalid;
    return;
  }
  const Day today = static_cast<Day>(std::chrono::sys_days(*claim.date).time_since_epoch().count());
  bool all_accepted = true;
  bool any_refused = false;
  for (const ClaimLine& billed : claim.lines) {
    BaselineLine line;
    try {
      decide_code(claim, billed.code, today, line);
    } catch (const Missing&) {
      line = BaselineLine{};
    }
    if (line.decision == Decision::refused) line.has_amount = false;
    if (line.decision == Decision::accepted) out.total_cents += line.cents;
    all_accepted = all_accepted && line.decision == Decision::accepted;
    any_refused = any_refused || line.decision == Decision::refused;
    out.lines.push_back(line);
  }
  out.decision = all_accepted ? Decision::accepted : any_refused ? Decision::refused : Decision::prior_approval;
}

}  // namespace cotation::bench
