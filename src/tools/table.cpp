#include "tools/table.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>

namespace cotation::tools {

using model::Day;
using model::RegionIndex;

// ---------------------------------------------------------------- shared with timeline

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
  return region == RegionIndex::metropole ? "metropole" : "outre-mer";
}

std::string_view region_name(RegionIndex region, Language language) {
  if (region == RegionIndex::metropole) return say(language, "métropole", "metropolitan France");
  return say(language, "outre-mer", "overseas France");
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
         "</style>\n</head>\n<body>\n";
}

// ---------------------------------------------------------------- building the table

namespace {

std::vector<model::Period> periods_of(const std::vector<model::Cotation>& cotations) {
  std::vector<model::Period> periods;
  for (const auto& c : cotations) periods.push_back(c.period);
  return periods;
}

std::vector<model::Period> periods_of(const std::vector<model::RegionalValue>& values, RegionIndex region) {
  std::vector<model::Period> periods;
  for (const auto& v : values) {
    if (v.by_region[static_cast<std::size_t>(region)]) periods.push_back(v.period);
  }
  return periods;
}

// The old cotations whose transition has begun by `day`, "AMK ou AMC 8" when only the letter
// differs, and the last day any of them is accepted.
std::pair<std::string, std::optional<Day>> old_cotations(const RuleSet::Model& model, const model::Act& act, Day day) {
  std::vector<std::pair<Decimal, std::vector<std::string>>> by_coefficient;
  std::optional<Day> until;
  for (const auto& old : act.replaced) {
    if (old.period.since > day) continue;
    until = std::max(until.value_or(model::first_day), old.period.until);
    const auto same = std::find_if(by_coefficient.begin(), by_coefficient.end(),
                                   [&](const auto& entry) { return entry.first == old.coefficient; });
    const std::string& letter = model.letters.at(old.letter).code;
    if (same == by_coefficient.end()) {
      by_coefficient.push_back({old.coefficient, {letter}});
    } else {
      same->second.push_back(letter);
    }
  }
  std::vector<std::string> parts;
  for (const auto& [coefficient, letters] : by_coefficient) {
    parts.push_back(fmt::format("{} {}", fmt::join(letters, " ou "), coefficient.to_string()));
  }
  if (until == model::last_day) until.reset();
  return {fmt::format("{}", fmt::join(parts, ", ")), until};
}

ActRow act_row(const RuleSet::Model& model, const model::Act& act, Day day, RegionIndex region) {
  ActRow row;
  row.name = act.name;
  row.label = act.label;
  std::tie(row.old_cotation, row.old_until) = old_cotations(model, act, day);
  if (act.pending) row.pending_reason = *act.pending;
  if (act.removed_since && *act.removed_since <= day) {
    row.state = ActState::removed;
    row.state_date = act.removed_since;
    return row;
  }
  row.removed_since = act.removed_since;
  const auto in_force = std::find_if(act.cotations.begin(), act.cotations.end(),
                                     [&](const model::Cotation& c) { return c.period.contains(day); });
  if (in_force == act.cotations.end()) {
    const Validity schedule = validity(periods_of(act.cotations), day);
    row.state = act.pending                                ? ActState::pending
                : schedule.kind == Validity::Kind::not_yet ? ActState::not_yet
                                                           : ActState::over;
    if (schedule.kind == Validity::Kind::not_yet || schedule.kind == Validity::Kind::over)
      row.state_date = schedule.date;
    return row;
  }
  row.cotation = cotation_text(model, *in_force);
  if (const auto priced = price(model, *in_force, day, region)) {
    row.amount = priced->rounded;
    row.state = act.pending ? ActState::pending : ActState::in_force;
  } else {
    row.state = ActState::no_value;
  }
  return row;
}

// "article 2" before "article 10": runs of digits compare as numbers.
bool natural_less(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  const auto is_digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      const std::size_t a_start = i;
      const std::size_t b_start = j;
      while (i < a.size() && is_digit(a[i])) ++i;
      while (j < b.size() && is_digit(b[j])) ++j;
      std::string_view x = a.substr(a_start, i - a_start);
      std::string_view y = b.substr(b_start, j - b_start);
      while (x.size() > 1 && x.front() == '0') x.remove_prefix(1);
      while (y.size() > 1 && y.front() == '0') y.remove_prefix(1);
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i;
    ++j;
  }
  return a.size() - i < b.size() - j;
}

PricedRow priced_row(const std::string& code, const std::string& label, const std::vector<model::RegionalValue>& values,
                     Day day, RegionIndex region) {
  PricedRow row;
  row.code = code;
  row.label = label;
  row.validity = validity(periods_of(values, region), day);
  if (const auto value = value_on(values, day, region)) {
    row.value = value->value;
    row.per_kilometre = value->entry->per_kilometre;
  }
  return row;
}

}  // namespace

Table build_table(const RuleSet::Model& model, Day day, RegionIndex region, Language language) {
  Table table;
  table.day = day;
  table.region = region;
  std::map<std::string, std::size_t> section_of;
  for (const auto& act : model.acts) {
    const std::string& article = act.article_reference.empty() ? act.article.text : act.article_reference;
    const auto [it, inserted] = section_of.try_emplace(article, table.articles.size());
    if (inserted) table.articles.push_back({article, {}});
    table.articles[it->second].acts.push_back(act_row(model, act, day, region));
    if (table.articles[it->second].acts.back().state == ActState::no_value) {
      table.without_value.push_back(table.articles[it->second].acts.back());
    }
  }
  // Acts without an article come last.
  std::stable_sort(table.articles.begin(), table.articles.end(), [](const ArticleSection& a, const ArticleSection& b) {
    if (a.article.empty() != b.article.empty()) return b.article.empty();
    return natural_less(a.article, b.article);
  });
  for (const auto& letter : model.letters) {
    PricedRow row = priced_row(letter.code, letter.label, letter.values, day, region);
    if (letter.rounding) row.rounding = rounding_text(*letter.rounding, language);
    table.letters.push_back(std::move(row));
  }
  for (const auto& item : model.items) {
    PricedRow row = priced_row(item.code, item.label, item.values, day, region);
    row.computed = item.computation.has_value();
    table.items.push_back(std::move(row));
  }
  return table;
}

// ---------------------------------------------------------------- writing it

namespace {

std::string_view state_key(ActState state) {
  switch (state) {
    case ActState::in_force:
      return "in_force";
    case ActState::pending:
      return "pending";
    case ActState::removed:
      return "removed";
    case ActState::not_yet:
      return "not_yet_in_force";
    case ActState::over:
      return "no_longer_in_force";
    case ActState::no_value:
      return "no_value";
  }
  return "";
}

std::string_view validity_key(Validity::Kind kind) {
  switch (kind) {
    case Validity::Kind::in_force:
      return "in_force";
    case Validity::Kind::not_yet:
      return "not_yet_in_force";
    case Validity::Kind::over:
      return "no_longer_in_force";
    case Validity::Kind::never:
      return "no_value";
  }
  return "";
}

// What the "remark" column says of an act: empty for an act simply in force.
std::string act_remark(const ActRow& row, const Table& table, Language language) {
  const auto on = [](const std::optional<Day>& day) { return day ? model::date_text(*day) : std::string("?"); };
  std::string remark;
  switch (row.state) {
    case ActState::in_force:
      break;
    case ActState::pending:
      remark = fmt::format("{}{}{}", say(language, "en attente", "pending"), colon(language), row.pending_reason);
      break;
    case ActState::removed:
      remark = fmt::format("{} {}", say(language, "supprimé depuis le", "removed since"), on(row.state_date));
      break;
    case ActState::not_yet:
      remark = fmt::format("{} {}", say(language, "en vigueur à partir du", "in force from"), on(row.state_date));
      break;
    case ActState::over:
      remark = fmt::format("{} {}", say(language, "plus en vigueur depuis le", "no longer in force since"),
                           on(row.state_date));
      break;
    case ActState::no_value:
      remark = fmt::format("{} {} ({})", say(language, "pas de valeur de la lettre clé le", "no key-letter value on"),
                           model::date_text(table.day), region_name(table.region, language));
      break;
  }
  if (row.removed_since) {
    if (!remark.empty()) remark += " ; ";
    remark += fmt::format("{} {}", say(language, "supprimé à partir du", "removed from"),
                          model::date_text(*row.removed_since));
  }
  return remark;
}

std::string old_cotation_cell(const ActRow& row, const Table& table, Language language) {
  if (row.old_cotation.empty() || !row.old_until) return row.old_cotation;
  const bool accepted = *row.old_until >= table.day;
  return fmt::format("{} ({} {})", row.old_cotation,
                     accepted ? say(language, "admise jusqu'au", "accepted until")
                              : say(language, "plus admise depuis le", "not accepted since"),
                     model::date_text(accepted ? *row.old_until : *row.old_until + 1));
}

std::string value_cell(const PricedRow& row, Language language) {
  if (!row.value) {
    switch (row.validity.kind) {
      case Validity::Kind::not_yet:
        return fmt::format("{} {}", say(language, "à partir du", "from"), model::date_text(row.validity.date));
      case Validity::Kind::over:
        return fmt::format("{} {}", say(language, "plus de valeur depuis le", "no value since"),
                           model::date_text(row.validity.date));
      default:
        return std::string(say(language, "pas de valeur", "no value"));
    }
  }
  std::string text = prose_amount(*row.value, language);
  if (row.per_kilometre) text += say(language, " par km", " per km");
  return text;
}

std::string title(const Table& table, Language language) {
  return fmt::format("{} {} ({})", say(language, "Tarifs au", "Tariffs on"), model::date_text(table.day),
                     region_name(table.region, language));
}

std::string article_title(const ArticleSection& section, Language language) {
  return section.article.empty() ? std::string(say(language, "Actes sans article", "Acts without an article"))
                                 : section.article;
}

// One table for every output but JSON: a heading, column names, rows of cells.
struct Grid {
  std::string heading;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> amount_columns;
  bool acts = false;  // an article's acts, under one heading "Actes"
};

std::vector<Grid> grids(const Table& table, Language language) {
  std::vector<Grid> result;
  for (const auto& section : table.articles) {
    Grid grid{article_title(section, language),
              {std::string(say(language, "Libellé de l'acte", "Act")), std::string(say(language, "Acte", "Name")),
               std::string(say(language, "Ancienne cotation", "Old cotation")),
               std::string(say(language, "Cotation", "Cotation")), std::string(say(language, "Tarif", "Tariff")),
               std::string(say(language, "Remarque", "Remark"))},
              {},
              {false, false, false, false, true, false},
              true};
    for (const auto& row : section.acts) {
      grid.rows.push_back({row.label, row.name, old_cotation_cell(row, table, language), row.cotation,
                           row.amount ? prose_amount(*row.amount, language) : std::string(),
                           act_remark(row, table, language)});
    }
    result.push_back(std::move(grid));
  }
  Grid letters{std::string(say(language, "Lettres clés", "Key letters")),
               {std::string(say(language, "Lettre", "Letter")), std::string(say(language, "Libellé", "Label")),
                std::string(say(language, "Valeur", "Value")),
                std::string(say(language, "Arrondi des actes", "Rounding of acts"))},
               {},
               {false, false, true, false}};
  for (const auto& row : table.letters)
    letters.rows.push_back({row.code, row.label, value_cell(row, language), row.rounding});
  result.push_back(std::move(letters));
  Grid items{std::string(say(language, "Forfaits et indemnités", "Flat-rate items")),
             {std::string(say(language, "Code", "Code")), std::string(say(language, "Libellé", "Label")),
              std::string(say(language, "Valeur", "Value")), std::string(say(language, "Remarque", "Remark"))},
             {},
             {false, false, true, false}};
  for (const auto& row : table.items) {
    items.rows.push_back({row.code, row.label, value_cell(row, language),
                          row.computed ? std::string(say(language, "montant calculé selon la facture (calcul)",
                                                         "amount computed from the claim (calcul)"))
                                       : std::string()});
  }
  result.push_back(std::move(items));
  return result;
}

// The note on acts that have a cotation in force but no value to price it on the date.
std::vector<std::string> missing_value_notes(const Table& table, Language language) {
  std::vector<std::string> notes;
  for (const auto& row : table.without_value) {
    notes.push_back(
        fmt::format("{} ({}) : {} {} ({})", row.name, row.cotation,
                    say(language, "aucune valeur de la lettre clé ne couvre le", "no key-letter value covers"),
                    model::date_text(table.day), region_name(table.region, language)));
  }
  return notes;
}

std::string markdown_cell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '|' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

void write_markdown(const Table& table, Language language, std::ostream& out) {
  out << "# " << title(table, language) << "\n";
  const auto notes = missing_value_notes(table, language);
  if (!notes.empty()) {
    out << "\n"
        << say(language, "**Actes sans tarif à cette date**", "**Acts without a tariff on this date**") << "\n\n";
    for (const auto& note : notes) out << "- " << markdown_cell(note) << "\n";
  }
  bool acts_heading = false;
  for (const Grid& grid : grids(table, language)) {
    if (!acts_heading && grid.acts) {
      out << "\n## " << say(language, "Actes", "Acts") << "\n";
      acts_heading = true;
    }
    out << "\n" << (grid.acts ? "### " : "## ") << markdown_cell(grid.heading) << "\n\n|";
    for (const auto& column : grid.columns) out << ' ' << markdown_cell(column) << " |";
    out << "\n|";
    for (std::size_t c = 0; c < grid.columns.size(); ++c) out << (grid.amount_columns[c] ? "---:|" : "---|");
    out << "\n";
    for (const auto& row : grid.rows) {
      out << "|";
      for (const auto& cell : row) out << ' ' << markdown_cell(cell) << " |";
      out << "\n";
    }
  }
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// One record per act, letter and item; machine-readable values (dates ISO, amounts with a dot).
void write_csv(const Table& table, std::ostream& out) {
  const auto record = [&](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csv_field(fields[i]);
    out << "\r\n";
  };
  const auto date = [](const std::optional<Day>& day) { return day ? model::date_text(*day) : std::string(); };
  record({"section", "article", "code", "label", "old_cotation", "old_cotation_until", "cotation", "amount", "unit",
          "status", "status_date", "removed_since", "note"});
  for (const auto& section : table.articles) {
    for (const auto& row : section.acts) {
      record({"acte", section.article, row.name, row.label, row.old_cotation, date(row.old_until), row.cotation,
              row.amount ? amount_text(*row.amount) : "", "EUR", std::string(state_key(row.state)),
              date(row.state_date), date(row.removed_since), row.pending_reason});
    }
  }
  for (const bool letters : {true, false}) {
    for (const auto& row : letters ? table.letters : table.items) {
      const bool dated = row.validity.kind == Validity::Kind::not_yet || row.validity.kind == Validity::Kind::over;
      record({letters ? "lettre" : "forfait", "", row.code, row.label, "", "", "",
              row.value ? amount_text(*row.value) : "", row.per_kilometre ? "EUR/km" : "EUR",
              std::string(validity_key(row.validity.kind)), dated ? model::date_text(row.validity.date) : "", "",
              letters ? row.rounding : (row.computed ? "calcul" : "")});
    }
  }
}

void write_html(const Table& table, Language language, std::ostream& out) {
  const std::string heading = title(table, language);
  write_html_head(out, heading, language);
  out << "<h1>" << html_escape(heading) << "</h1>\n";
  const auto notes = missing_value_notes(table, language);
  if (!notes.empty()) {
    out << "<p><strong>" << say(language, "Actes sans tarif à cette date", "Acts without a tariff on this date")
        << "</strong></p>\n<ul>\n";
    for (const auto& note : notes) out << "<li>" << html_escape(note) << "</li>\n";
    out << "</ul>\n";
  }
  for (const Grid& grid : grids(table, language)) {
    out << "<h2>" << html_escape(grid.heading) << "</h2>\n<table>\n<thead><tr>";
    for (const auto& column : grid.columns) out << "<th>" << html_escape(column) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
    for (const auto& row : grid.rows) {
      out << "<tr>";
      for (std::size_t c = 0; c < row.size(); ++c) {
        out << (grid.amount_columns[c] ? "<td class=\"amount\">" : "<td>") << html_escape(row[c]) << "</td>";
      }
      out << "</tr>\n";
    }
    out << "</tbody>\n</table>\n";
  }
  out << "</body>\n</html>\n";
}

nlohmann::json optional_date(const std::optional<Day>& day) {
  return day ? nlohmann::json(model::date_text(*day)) : nlohmann::json(nullptr);
}

nlohmann::json optional_amount(const std::optional<Decimal>& amount) {
  return amount ? nlohmann::json(amount_text(*amount)) : nlohmann::json(nullptr);
}

nlohmann::json priced_json(const std::vector<PricedRow>& rows, bool letters) {
  nlohmann::json result = nlohmann::json::array();
  for (const auto& row : rows) {
    const bool dated = row.validity.kind == Validity::Kind::not_yet || row.validity.kind == Validity::Kind::over;
    nlohmann::json entry{
        {"code", row.code},
        {"label", row.label},
        {"value", optional_amount(row.value)},
        {"per_km", row.per_kilometre},
        {"status", validity_key(row.validity.kind)},
        {"status_date", dated ? nlohmann::json(model::date_text(row.validity.date)) : nlohmann::json(nullptr)}};
    if (letters) {
      entry["rounding"] = row.rounding;
    } else {
      entry["computed"] = row.computed;
    }
    result.push_back(std::move(entry));
  }
  return result;
}

void write_json(const Table& table, Language language, std::ostream& out) {
  nlohmann::json articles = nlohmann::json::array();
  for (const auto& section : table.articles) {
    nlohmann::json acts = nlohmann::json::array();
    for (const auto& row : section.acts) {
      acts.push_back(
          {{"act", row.name},
           {"label", row.label},
           {"old_cotation", row.old_cotation.empty() ? nlohmann::json(nullptr) : nlohmann::json(row.old_cotation)},
           {"old_cotation_until", optional_date(row.old_until)},
           {"cotation", row.cotation.empty() ? nlohmann::json(nullptr) : nlohmann::json(row.cotation)},
           {"amount", optional_amount(row.amount)},
           {"status", state_key(row.state)},
           {"status_date", optional_date(row.state_date)},
           {"removed_since", optional_date(row.removed_since)},
           {"pending_reason",
            row.pending_reason.empty() ? nlohmann::json(nullptr) : nlohmann::json(row.pending_reason)},
           {"remark", act_remark(row, table, language)}});
    }
    articles.push_back({{"article", section.article}, {"acts", std::move(acts)}});
  }
  const nlohmann::json document{
      {"date", model::date_text(table.day)},      {"region", region_key(table.region)},
      {"articles", std::move(articles)},          {"letters", priced_json(table.letters, true)},
      {"items", priced_json(table.items, false)}, {"without_value", missing_value_notes(table, language)}};
  out << document.dump(2) << '\n';
}

}  // namespace

void write_table(const Table& table, TableFormat format, Language language, std::ostream& out) {
  switch (format) {
    case TableFormat::markdown:
      write_markdown(table, language, out);
      break;
    case TableFormat::csv:
      write_csv(table, out);
      break;
    case TableFormat::html:
      write_html(table, language, out);
      break;
    case TableFormat::json:
      write_json(table, language, out);
      break;
  }
}

}  // namespace cotation::tools
