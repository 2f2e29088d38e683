// The pieces `table`, `timeline` and `scheme` share (table.hpp): dates read from the command
// line, region names, amounts, cotations, periods and roundings as text, a letter's value and an
// act's price on a day, and the escaping and head of a standalone HTML page.
#include "tools/table.hpp"

#include <fmt/format.h>

#include <ostream>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <exception>

namespace cotation::tools {

using model::Day;
using model::RegionIndex;

std::optional<Day> parse_day(std::string_view text) {
  const auto digits = [&](std::size_t from, std::size_t count) -> std::optional<int> {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = digits(0, 4);
  const auto month = digits(5, 2);
  const auto day = digits(8, 2);
  if (!year || !month || !day) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(*month)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  return model::day_of(date);
}

std::string invalid_date_message(std::string_view text, Language language) {
  return fmt::format("{}{}{} ({})", say(language, "date invalide", "invalid date"), colon(language), text,
                     say(language, "attendu : une date du calendrier AAAA-MM-JJ, par exemple 2024-02-22",
                         "expected: a calendar date YYYY-MM-DD, for example 2024-02-22"));
}

std::string_view region_key(RegionIndex region) {
  return region == RegionIndex::metropole ? "metropole" : "drom";
}

RegionIndex region_of_option(std::string_view option, Language language, std::ostream& notes) {
  if (option == "metropole") return RegionIndex::metropole;
  if (option != "drom") {
    notes << fmt::format(fmt::runtime(say(language,
                                          "note : « {} » se lit « drom », le nom de la région dans les factures et "
                                          "les options ; écrivez --region drom",
                                          "note: \"{}\" is read as \"drom\", the region's name in claims and "
                                          "options; write --region drom")),
                         option)
          << '\n';
  }
  return RegionIndex::outre_mer;
}

std::string_view region_name(RegionIndex region, Language language) {
  if (region == RegionIndex::metropole) return say(language, "métropole", "metropolitan France");
  return say(language, "outre-mer (drom)", "overseas France (drom)");
}

std::string_view decision_word(Decision decision, Language language) {
  const bool fr = language == Language::french;
  switch (decision) {
    case Decision::accepted:
      return fr ? "acceptée" : "accepted";
    case Decision::refused:
      return fr ? "refusée" : "refused";
    case Decision::prior_approval:
      return fr ? "accord préalable" : "prior approval";
    case Decision::invalid:
      return fr ? "invalide" : "invalid";
  }
  return "";
}

std::string amount_text(const Decimal& amount) {
  // A product's scale is the sum of its operands' (300 € × 2.5 × 50 % has three decimals):
  // zeros beyond the cent are not digits of the amount, any other digit is.
  int decimals = amount.scale();
  for (std::uint64_t magnitude = amount.magnitude(); decimals > 2 && magnitude % 10 == 0; magnitude /= 10) --decimals;
  return amount.to_string(std::max(2, decimals));
}

std::string prose_amount(const Decimal& amount, Language language) {
  std::string text = amount_text(amount);
  if (language == Language::french) std::replace(text.begin(), text.end(), '.', ',');
  return text + " €";
}

std::string cotation_text(const RuleSet::Model& model, const model::Cotation& cotation) {
  return fmt::format("{} {}", model.letters.at(cotation.letter).code, cotation.coefficient.to_string());
}

std::string period_text(const model::Period& period, Language language) {
  const bool open_start = period.since == model::first_day;
  const bool open_end = period.until == model::last_day;
  if (open_start && open_end) return std::string(say(language, "sans limite de date", "at any date"));
  if (open_start) return fmt::format("{} {}", say(language, "jusqu'au", "until"), model::date_text(period.until));
  if (open_end) return fmt::format("{} {}", say(language, "depuis", "since"), model::date_text(period.since));
  return fmt::format("{} → {}", model::date_text(period.since), model::date_text(period.until));
}

std::string rounding_text(const model::Rounding& rounding, Language language) {
  const std::string_view unit =
      rounding.decimals == 0 ? say(language, "à l'euro", "to the euro") : say(language, "au centime", "to the cent");
  std::string_view mode;
  switch (rounding.mode) {
    case RoundingMode::half_away_from_zero:
      mode = say(language, "demi loin de zéro", "half away from zero");
      break;
    case RoundingMode::half_even:
      mode = say(language, "demi pair", "half even");
      break;
    case RoundingMode::toward_zero:
      mode = say(language, "vers zéro", "toward zero");
      break;
    case RoundingMode::away_from_zero:
      mode = say(language, "loin de zéro", "away from zero");
      break;
  }
  return fmt::format("{}, {}", unit, mode);
}

std::optional<ValueOnDay> value_on(const std::vector<model::RegionalValue>& values, Day day, RegionIndex region) {
  for (const auto& entry : values) {
    const auto& value = entry.by_region[static_cast<std::size_t>(region)];
    if (value && entry.period.contains(day)) return ValueOnDay{*value, &entry};
  }
  return std::nullopt;
}

std::optional<Price> price(const RuleSet::Model& model, const model::Cotation& cotation, Day day, RegionIndex region) {
  const model::Letter& letter = model.letters.at(cotation.letter);
  const auto value = value_on(letter.values, day, region);
  // The compiler requires a rounding of every letter an act uses.
  if (!value || !letter.rounding) return std::nullopt;
  const Decimal exact = cotation.coefficient * value->value;
  return Price{cotation.coefficient, value->value, exact,
               exact.round(letter.rounding->decimals, letter.rounding->mode)};
}

Validity validity(const std::vector<model::Period>& periods, Day day) {
  Validity result;
  for (const auto& period : periods) {
    if (period.contains(day)) return {Validity::Kind::in_force, period.since};
    if (period.since > day && (result.kind != Validity::Kind::not_yet || period.since < result.date)) {
      result = {Validity::Kind::not_yet, period.since};
    } else if (period.until < day && result.kind != Validity::Kind::not_yet &&
               (result.kind != Validity::Kind::over || period.until + 1 > result.date)) {
      result = {Validity::Kind::over, period.until + 1};
    }
  }
  return result;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string generation_date() {
  std::int64_t seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    try {
      seconds = std::stoll(epoch);
    } catch (const std::exception&) {
      // not a number: today
    }
  }
  return model::date_text(static_cast<Day>(seconds / 86400));  // days since 1970-01-01, as Day counts them
}

void write_html_head(std::ostream& out, std::string_view title, Language language) {
  out << "<!DOCTYPE html>\n<html lang=\"" << say(language, "fr", "en") << "\">\n<head>\n<meta charset=\"utf-8\"/>\n"
      << "<title>" << html_escape(title) << "</title>\n"
      << "<style>\n"
         "body { font-family: sans-serif; margin: 2em; color: #222; }\n"
         "table { border-collapse: collapse; margin-bottom: 1.5em; }\n"
         "th, td { border: 1px solid #bbb; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }\n"
         "th { background: #eee; }\n"
         "td.amount { text-align: right; white-space: nowrap; }\n"
         ".note { color: #555; }\n"
         "nav ul, ul.sources { line-height: 1.5; }\n"
         "</style>\n</head>\n<body>\n";
}

}  // namespace cotation::tools
