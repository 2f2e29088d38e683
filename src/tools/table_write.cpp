// `cotation table`, writing: a built Table in, Markdown, CSV, HTML or JSON out, in the language
// asked for (CSV and JSON keep machine-readable keys, dates and amounts).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "tools/table.hpp"

namespace cotation::tools {

using model::Day;

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
      remark = fmt::format("{} {} {} {}", say(language, "pas de valeur de la lettre clé le", "no key-letter value on"),
                           model::date_text(table.day), say(language, "en", "in"), region_name(table.region, language));
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
  return fmt::format("{} {}, {}", say(language, "Tarifs au", "Tariffs on"), model::date_text(table.day),
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
        fmt::format("{} ({}) : {} {} {} {}", row.name, row.cotation,
                    say(language, "aucune valeur de la lettre clé ne couvre le", "no key-letter value covers"),
                    model::date_text(table.day), say(language, "en", "in"), region_name(table.region, language)));
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

std::string csv_field(std::string_view text, char separator) {
  if (text.find_first_of("\"\r\n") == std::string_view::npos && text.find(separator) == std::string_view::npos)
    return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// One record per act, letter and item; machine-readable values (dates ISO, amounts with a dot),
// or, for a French spreadsheet, `;` between fields, amounts with a decimal comma, and a UTF-8
// byte order mark first.
void write_csv(const Table& table, bool french_spreadsheet, std::ostream& out) {
  const char separator = french_spreadsheet ? ';' : ',';
  if (french_spreadsheet) out << "\xEF\xBB\xBF";
  const auto record = [&](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i != 0) out << separator;
      out << csv_field(fields[i], separator);
    }
    out << "\r\n";
  };
  const auto amount = [&](const std::optional<Decimal>& value) {
    if (!value) return std::string();
    std::string text = amount_text(*value);
    if (french_spreadsheet) std::replace(text.begin(), text.end(), '.', ',');
    return text;
  };
  const auto date = [](const std::optional<Day>& day) { return day ? model::date_text(*day) : std::string(); };
  record({"section", "article", "code", "label", "old_cotation", "old_cotation_until", "cotation", "amount", "unit",
          "status", "status_date", "removed_since", "note"});
  for (const auto& section : table.articles) {
    for (const auto& row : section.acts) {
      record({"acte", section.article, row.name, row.label, row.old_cotation, date(row.old_until), row.cotation,
              amount(row.amount), "EUR", std::string(state_key(row.state)), date(row.state_date),
              date(row.removed_since), row.pending_reason});
    }
  }
  for (const bool letters : {true, false}) {
    for (const auto& row : letters ? table.letters : table.items) {
      const bool dated = row.validity.kind == Validity::Kind::not_yet || row.validity.kind == Validity::Kind::over;
      record({letters ? "lettre" : "forfait", "", row.code, row.label, "", "", "", amount(row.value),
              row.per_kilometre ? "EUR/km" : "EUR", std::string(validity_key(row.validity.kind)),
              dated ? model::date_text(row.validity.date) : "", "",
              letters ? row.rounding : (row.computed ? "calcul" : "")});
    }
  }
}

// An anchor for a section of the page: "section-3".
std::string anchor(std::size_t index) {
  return fmt::format("section-{}", index);
}

void write_html_sources(const Table& table, Language language, std::ostream& out) {
  out << "<h2 id=\"sources\">" << say(language, "Sources", "Sources") << "</h2>\n<ul class=\"sources\">\n";
  for (const auto& source : table.sources) {
    out << "<li><strong>" << html_escape(source.name) << "</strong>" << colon(language) << html_escape(source.label);
    std::vector<std::string> dates;
    if (source.signed_on)
      dates.push_back(
          fmt::format("{} {}", say(language, "signé le", "signed on"), model::date_text(*source.signed_on)));
    if (source.in_force_on)
      dates.push_back(
          fmt::format("{} {}", say(language, "en vigueur le", "in force on"), model::date_text(*source.in_force_on)));
    if (!dates.empty()) out << " (" << html_escape(fmt::format("{}", fmt::join(dates, ", "))) << ")";
    out << "</li>\n";
  }
  out << "</ul>\n";
}

// A standalone page: what it is made from (rule-set hash, date generated), a table of contents,
// the tables, then the sources the rule set cites.
void write_html(const Table& table, Language language, std::ostream& out) {
  const std::string heading = title(table, language);
  write_html_head(out, heading, language);
  out << "<h1>" << html_escape(heading) << "</h1>\n";
  out << "<p class=\"note\">" << say(language, "Jeu de règles", "Rule set") << colon(language) << "<code>"
      << html_escape(table.hash) << "</code> ; " << say(language, "généré le", "generated on") << ' '
      << html_escape(table.generated_on) << "</p>\n";
  const auto notes = missing_value_notes(table, language);
  const std::vector<Grid> tables = grids(table, language);
  out << "<nav>\n<h2>" << say(language, "Sommaire", "Contents") << "</h2>\n<ul>\n";
  if (!notes.empty()) {
    out << "<li><a href=\"#sans-tarif\">"
        << say(language, "Actes sans tarif à cette date", "Acts without a tariff on this date") << "</a></li>\n";
  }
  for (std::size_t i = 0; i < tables.size(); ++i) {
    out << "<li><a href=\"#" << anchor(i) << "\">" << html_escape(tables[i].heading) << "</a></li>\n";
  }
  out << "<li><a href=\"#sources\">" << say(language, "Sources", "Sources") << "</a></li>\n</ul>\n</nav>\n";
  if (!notes.empty()) {
    out << "<p id=\"sans-tarif\"><strong>"
        << say(language, "Actes sans tarif à cette date", "Acts without a tariff on this date")
        << "</strong></p>\n<ul>\n";
    for (const auto& note : notes) out << "<li>" << html_escape(note) << "</li>\n";
    out << "</ul>\n";
  }
  for (std::size_t i = 0; i < tables.size(); ++i) {
    const Grid& grid = tables[i];
    out << "<h2 id=\"" << anchor(i) << "\">" << html_escape(grid.heading) << "</h2>\n<table>\n<thead><tr>";
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
  write_html_sources(table, language, out);
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
    case TableFormat::csv_fr:
      write_csv(table, format == TableFormat::csv_fr, out);
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
