// `cotation table`: the tariff table in force on a date, built from the compiled model and
// written as Markdown, CSV, HTML or JSON. The pieces shared with `cotation timeline` (prices,
// periods, escaping) are declared here too.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "compile/model.hpp"
#include "cotation/decimal.hpp"
#include "cotation/diagnostic.hpp"

namespace cotation::tools {

// ---------------------------------------------------------------- shared with timeline

// The text of the language asked for.
[[nodiscard]] inline std::string_view say(Language language, std::string_view french, std::string_view english) {
  return language == Language::french ? french : english;
}

// " : " in French typography, ": " in English.
[[nodiscard]] inline std::string_view colon(Language language) {
  return say(language, " : ", ": ");
}

// "2024-02-22" -> the day; nullopt when the text is not a date of the calendar.
[[nodiscard]] std::optional<model::Day> parse_day(std::string_view text);
// "date invalide : 2024-02-30 (attendu : une date AAAA-MM-JJ du calendrier)".
[[nodiscard]] std::string invalid_date_message(std::string_view text, Language language);

// "metropole" / "drom" (the words of claims and of the command line), as the model indexes
// regions; `outre-mer` and `outre_mer` are read as `drom`, with a note (region_of_option).
[[nodiscard]] std::string_view region_key(model::RegionIndex region);
[[nodiscard]] std::string_view region_name(model::RegionIndex region, Language language);
// A --region option as typed: the region, and a note for an alias ("outre-mer" -> "drom").
[[nodiscard]] model::RegionIndex region_of_option(std::string_view option, Language language, std::ostream& notes);
// The words --region accepts.
inline const std::vector<std::string> region_options{"metropole", "drom", "outre-mer", "outre_mer"};

// A decision as the analyst reads it: "acceptée", "refusée"... ("accepted" in English).
[[nodiscard]] std::string_view decision_word(Decision decision, Language language);

// An amount, exact, with at least two decimals and no trailing zero beyond them: "16.55",
// "0.275"; with a decimal comma in French prose.
[[nodiscard]] std::string amount_text(const Decimal& amount);
[[nodiscard]] std::string prose_amount(const Decimal& amount, Language language);

// "RAM 7.49", as a claim line bills it.
[[nodiscard]] std::string cotation_text(const RuleSet::Model& model, const model::Cotation& cotation);

// "2024-02-22 → 2025-12-31", "depuis 2024-02-22", "jusqu'au 2024-02-21", "sans limite de date".
[[nodiscard]] std::string period_text(const model::Period& period, Language language);

// "au centime, demi loin de zéro".
[[nodiscard]] std::string rounding_text(const model::Rounding& rounding, Language language);

// The value of a letter or item on a day in a region, and the entry that gives it.
struct ValueOnDay {
  Decimal value;
  const model::RegionalValue* entry = nullptr;
};
[[nodiscard]] std::optional<ValueOnDay> value_on(const std::vector<model::RegionalValue>& values, model::Day day,
                                                 model::RegionIndex region);

// coefficient × letter value, exact, then rounded as the letter declares.
struct Price {
  Decimal coefficient;
  Decimal value;
  Decimal exact;
  Decimal rounded;
};
[[nodiscard]] std::optional<Price> price(const RuleSet::Model& model, const model::Cotation& cotation, model::Day day,
                                         model::RegionIndex region);

// Where a dated schedule stands on a day: in force, not yet (from `date`), over (since `date`),
// or with no entry at all.
struct Validity {
  enum class Kind { in_force, not_yet, over, never } kind = Kind::never;
  model::Day date = 0;
};
[[nodiscard]] Validity validity(const std::vector<model::Period>& periods, model::Day day);

// Text escaped for HTML content and attribute values.
[[nodiscard]] std::string html_escape(std::string_view text);

// The head of a standalone HTML page (well-formed XML too), up to and including <body>.
void write_html_head(std::ostream& out, std::string_view title, Language language);

// The day a page is generated: SOURCE_DATE_EPOCH (seconds) when set, so that a build or a test
// gives the same page every time; otherwise today (UTC).
[[nodiscard]] std::string generation_date();

// ---------------------------------------------------------------- the table

enum class ActState { in_force, pending, removed, not_yet, over, no_value };

struct ActRow {
  std::string name;
  std::string label;
  std::string old_cotation;             // "AMS 7.5", "AMK ou AMC 8"; empty when it replaces none
  std::optional<model::Day> old_until;  // the last day the old cotation is accepted
  std::string cotation;                 // the cotation in force; empty when none
  std::optional<Decimal> amount;        // rounded as the letter declares
  ActState state = ActState::in_force;
  std::optional<model::Day> state_date;     // removed since, in force from, over since
  std::optional<model::Day> removed_since;  // a removal to come, for an act still in force
  std::string pending_reason;
};

struct ArticleSection {
  std::string article;  // as written in the act's `article`; empty for acts without one
  std::vector<ActRow> acts;
};

struct PricedRow {  // a key letter or a flat-rate item
  std::string code;
  std::string label;
  std::optional<Decimal> value;
  bool per_kilometre = false;
  bool computed = false;  // an item whose amount a `calcul` gives from the claim
  Validity validity;
  std::string rounding;  // letters: how the amounts of their acts are rounded
};

struct Table {
  model::Day day = 0;
  model::RegionIndex region = model::RegionIndex::metropole;
  std::vector<ArticleSection> articles;  // in the natural order of their articles
  std::vector<PricedRow> letters;
  std::vector<PricedRow> items;
  std::vector<ActRow> without_value;   // acts with a cotation in force but no value to price it
  std::string hash;                    // the rule set's, as every decision carries it
  std::vector<model::Source> sources;  // the texts the rule set cites, for the HTML page
  // When the page was made, "2026-12-07"; HTML only, SOURCE_DATE_EPOCH when set, else today.
  std::string generated_on;
};

// Language only affects the rounding texts kept in the rows.
[[nodiscard]] Table build_table(const RuleSet::Model& model, model::Day day, model::RegionIndex region,
                                Language language);

// csv: RFC 4180 for programs (`,`, amounts with a dot); csv_fr: for a French spreadsheet
// (`;`, decimal comma, a UTF-8 byte order mark so that the accents are read as UTF-8).
enum class TableFormat { markdown, csv, csv_fr, html, json };

void write_table(const Table& table, TableFormat format, Language language, std::ostream& out);

}  // namespace cotation::tools
