#include "tools/timeline.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <limits>

#include "tools/table.hpp"

namespace cotation::tools {

using model::Day;
using model::Period;
using model::RegionIndex;

namespace {

// One dated line of a history: a cotation, an old cotation or a value.
struct Entry {
  Period period;
  std::string what;                // "RAM 8.09", "2.21 € en métropole, 2.43 € en outre-mer (drom)"
  std::string source;              // the `selon` citation
  std::string revaluation;         // the revaluation that made a cotation, with its step
  std::vector<std::string> moves;  // what amendments did to its dates
  std::string act;                 // in a key letter's history, the act of a cotation
  // The same as data, for JSON: one of the two, and the postponements behind `moves`.
  const model::Cotation* cotation = nullptr;
  const model::RegionalValue* value = nullptr;
  std::optional<Decimal> step;
  std::vector<const model::Postponement*> postponements;
};

struct Section {
  std::string key;      // for JSON: "cotations", "old_cotations", "values:RAM"
  std::string heading;  // for people
  std::vector<Entry> entries;
};

// A period over which the tariff does not change, with its amount in each region.
struct Step {
  Period period;
  std::string cotation;  // acts: "RAM 7.49"
  bool old = false;      // an old cotation, during its transition
  std::array<std::optional<Decimal>, model::region_count> amount;
  std::array<std::string, model::region_count> computation;  // "7.49 × 2.21 = 16.5529 → 16.55"
};

struct History {
  Subject::Kind kind = Subject::Kind::act;
  std::string code;
  std::string label;
  std::string article;
  std::vector<std::string> notes;  // pending, removed, rounding, computation
  std::vector<Section> sections;
  std::vector<Step> steps;
  bool per_kilometre = false;
};

// The postponements that moved the statement at `origin`, as data and as text.
void add_moves(const RuleSet::Model& model, const model::Origin& origin, Language language, Entry& entry) {
  for (const auto& p : model.postponements) {
    if (!(p.moved == origin)) continue;
    entry.postponements.push_back(&p);
    entry.moves.push_back(fmt::format("{} {} {} {} {} {} ({})", say(language, "date reportée du", "date moved from"),
                                      model::date_text(p.from), say(language, "au", "to"), model::date_text(p.to),
                                      say(language, "par l'amendement", "by the amendment"), p.amendment,
                                      p.citation.text));
  }
}

std::string values_text(const model::RegionalValue& value, Language language) {
  std::vector<std::string> parts;
  for (std::size_t r = 0; r < model::region_count; ++r) {
    if (!value.by_region[r]) continue;
    parts.push_back(fmt::format("{}{} {} {}", prose_amount(*value.by_region[r], language),
                                value.per_kilometre ? say(language, " par km", " per km") : "",
                                say(language, "en", "in"), region_name(static_cast<RegionIndex>(r), language)));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

Section values_section(const RuleSet::Model& model, const std::vector<model::RegionalValue>& values, std::string key,
                       std::string heading, Language language) {
  Section section{std::move(key), std::move(heading), {}};
  for (const auto& value : values) {
    Entry entry{value.period, values_text(value, language), value.citation.text, {}, {}, {}, nullptr, &value, {}, {}};
    add_moves(model, value.origin, language, entry);
    section.entries.push_back(std::move(entry));
  }
  return section;
}

// "0.6" for 0.60: a coefficient step as the rules write it.
std::string short_decimal(const Decimal& value) {
  std::string text = value.to_string();
  if (text.find('.') == std::string::npos) return text;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

// The entries of `cotations`, only those of `letter` when given, each naming `act` when given.
void add_cotations(const RuleSet::Model& model, const std::vector<model::Cotation>& cotations, Language language,
                   Section& section, std::optional<std::uint32_t> letter = {}, std::string_view act = {}) {
  for (std::size_t i = 0; i < cotations.size(); ++i) {
    const model::Cotation& c = cotations[i];
    if (letter && c.letter != *letter) continue;
    Entry entry{c.period, cotation_text(model, c), c.citation.text, {}, {}, std::string(act), &c, nullptr, {}, {}};
    add_moves(model, c.origin, language, entry);
    if (!c.revaluation.empty()) {
      entry.revaluation = fmt::format("{} {}", say(language, "revalorisation", "revaluation"), c.revaluation);
      if (i > 0 && cotations[i - 1].letter == c.letter) {
        entry.step = c.coefficient - cotations[i - 1].coefficient;
        entry.revaluation += fmt::format(" ({}{})", entry.step->is_negative() ? "" : "+", short_decimal(*entry.step));
      }
    }
    section.entries.push_back(std::move(entry));
  }
}

Section cotations_section(const RuleSet::Model& model, const std::vector<model::Cotation>& cotations, std::string key,
                          std::string heading, Language language) {
  Section section{std::move(key), std::move(heading), {}};
  add_cotations(model, cotations, language, section);
  return section;
}

std::optional<Period> intersection(const Period& a, const Period& b) {
  const Period both{std::max(a.since, b.since), std::min(a.until, b.until)};
  if (both.since > both.until) return std::nullopt;
  return both;
}

// The tariff of each cotation over the periods of its letter's values, per region.
void add_act_steps(const RuleSet::Model& model, const std::vector<model::Cotation>& cotations, bool old,
                   std::optional<Day> removed_since, History& history) {
  for (const auto& c : cotations) {
    Period billable = c.period;
    if (removed_since) billable.until = std::min(billable.until, *removed_since - 1);
    const model::Letter& letter = model.letters.at(c.letter);
    for (const auto& value : letter.values) {
      const auto period = intersection(billable, value.period);
      if (!period) continue;
      auto same = std::find_if(history.steps.begin(), history.steps.end(), [&](const Step& s) {
        return s.period.since == period->since && s.period.until == period->until && s.old == old &&
               s.cotation == cotation_text(model, c);
      });
      if (same == history.steps.end()) {
        history.steps.push_back(Step{*period, cotation_text(model, c), old, {}, {}});
        same = history.steps.end() - 1;
      }
      for (std::size_t r = 0; r < model::region_count; ++r) {
        if (!value.by_region[r]) continue;
        const auto priced = price(model, c, period->since, static_cast<RegionIndex>(r));
        if (!priced) continue;
        same->amount[r] = priced->rounded;
        same->computation[r] =
            fmt::format("{} × {} = {} → {}", priced->coefficient.to_string(), amount_text(priced->value),
                        priced->exact.to_string(), amount_text(priced->rounded));
      }
    }
  }
}

void add_value_steps(const std::vector<model::RegionalValue>& values, History& history) {
  for (const auto& value : values) {
    Step step{value.period, {}, false, {}, {}};
    for (std::size_t r = 0; r < model::region_count; ++r) step.amount[r] = value.by_region[r];
    history.steps.push_back(std::move(step));
    history.per_kilometre = history.per_kilometre || value.per_kilometre;
  }
}

// "arrondi de RAM : au centime, demi loin de zéro (source)"; the letter is named in an act's history.
std::string rounding_note(const model::Rounding& rounding, std::string_view letter, Language language) {
  const std::string what = letter.empty() ? std::string(say(language, "arrondi", "rounding"))
                                          : fmt::format("{} {}", say(language, "arrondi de", "rounding of"), letter);
  return fmt::format("{}{}{} ({})", what, colon(language), rounding_text(rounding, language), rounding.citation.text);
}

History act_history(const RuleSet::Model& model, const model::Act& act, Language language) {
  History history{Subject::Kind::act, act.name, act.label, act.article.text, {}, {}, {}, false};
  if (act.pending) {
    history.notes.push_back(
        fmt::format("{}{}{}{}", say(language, "en attente", "pending"), colon(language), *act.pending,
                    act.pending_citation.text.empty() ? "" : " (" + act.pending_citation.text + ")"));
  }
  if (act.removed_since) {
    history.notes.push_back(fmt::format(
        "{} {}{}", say(language, "supprimé depuis le", "removed since"), model::date_text(*act.removed_since),
        act.removed_citation.text.empty() ? "" : " (" + act.removed_citation.text + ")"));
  }
  history.sections.push_back(cotations_section(model, act.cotations, "cotations",
                                               std::string(say(language, "Cotations", "Cotations")), language));
  if (!act.replaced.empty()) {
    history.sections.push_back(cotations_section(
        model, act.replaced, "old_cotations",
        std::string(say(language, "Ancienne cotation (période de transition)", "Old cotation (transition period)")),
        language));
  }
  // The values of every letter the act is priced with, each once.
  std::vector<std::uint32_t> letters;
  for (const bool old : {false, true}) {
    for (const auto& c : old ? act.replaced : act.cotations) {
      if (std::find(letters.begin(), letters.end(), c.letter) == letters.end()) letters.push_back(c.letter);
    }
  }
  for (const std::uint32_t l : letters) {
    const model::Letter& letter = model.letters[l];
    history.sections.push_back(values_section(
        model, letter.values, "values:" + letter.code,
        fmt::format("{} {}", say(language, "Valeurs de la lettre clé", "Values of the key letter"), letter.code),
        language));
    if (letter.rounding) history.notes.push_back(rounding_note(*letter.rounding, letter.code, language));
  }
  add_act_steps(model, act.cotations, false, act.removed_since, history);
  add_act_steps(model, act.replaced, true, act.removed_since, history);
  std::stable_sort(history.steps.begin(), history.steps.end(), [](const Step& a, const Step& b) {
    return std::tie(a.old, a.period.since) < std::tie(b.old, b.period.since);
  });
  return history;
}

History letter_history(const RuleSet::Model& model, std::uint32_t index, Language language) {
  const model::Letter& letter = model.letters.at(index);
  History history{Subject::Kind::letter, letter.code, letter.label, {}, {}, {}, {}, false};
  if (letter.rounding) history.notes.push_back(rounding_note(*letter.rounding, {}, language));
  history.sections.push_back(
      values_section(model, letter.values, "values", std::string(say(language, "Valeurs", "Values")), language));
  Section acts{"acts", std::string(say(language, "Actes cotés avec cette lettre", "Acts priced with this letter")), {}};
  for (const auto& act : model.acts) add_cotations(model, act.cotations, language, acts, index, act.name);
  history.sections.push_back(std::move(acts));
  add_value_steps(letter.values, history);
  return history;
}

History item_history(const RuleSet::Model& model, const model::Item& item, Language language) {
  History history{Subject::Kind::item, item.code, item.label, {}, {}, {}, {}, false};
  if (item.computation) {
    history.notes.push_back(
        fmt::format("{} ({})", say(language, "montant calculé selon la facture", "amount computed from the claim"),
                    item.computation_citation.text));
  }
  history.sections.push_back(
      values_section(model, item.values, "values", std::string(say(language, "Valeurs", "Values")), language));
  add_value_steps(item.values, history);
  return history;
}

History history_of(const RuleSet::Model& model, const Subject& subject, Language language) {
  switch (subject.kind) {
    case Subject::Kind::act:
      return act_history(model, model.acts.at(subject.index), language);
    case Subject::Kind::letter:
      return letter_history(model, subject.index, language);
    case Subject::Kind::item:
      return item_history(model, model.items.at(subject.index), language);
  }
  return {};
}

std::string step_text(const Step& step, std::size_t region, bool per_kilometre, Language language) {
  if (!step.amount[region]) return std::string(say(language, "pas de valeur", "no value"));
  std::string text =
      step.computation[region].empty() ? prose_amount(*step.amount[region], language) : step.computation[region] + " €";
  if (per_kilometre) text += say(language, " par km", " per km");
  return text;
}

std::string heading_of(const History& history, Language language) {
  std::string_view kind;
  switch (history.kind) {
    case Subject::Kind::act:
      kind = say(language, "acte", "act");
      break;
    case Subject::Kind::letter:
      kind = say(language, "lettre clé", "key letter");
      break;
    case Subject::Kind::item:
      kind = say(language, "forfait", "item");
      break;
  }
  return fmt::format("{} {} {}{}{}", kind, history.code, say(language, "« ", "\""), history.label,
                     say(language, " »", "\""));
}

// ---------------------------------------------------------------- text

void write_text(const History& history, Language language, std::ostream& out) {
  out << heading_of(history, language) << '\n';
  if (!history.article.empty()) out << say(language, "article : ", "article: ") << history.article << '\n';
  for (const auto& note : history.notes) out << note << '\n';
  for (const auto& section : history.sections) {
    out << '\n' << section.heading << say(language, " :", ":") << '\n';
    if (section.entries.empty()) out << "  " << say(language, "aucune", "none") << '\n';
    for (const auto& entry : section.entries) {
      out << "  " << period_text(entry.period, language) << colon(language);
      if (!entry.act.empty()) out << entry.act << ", ";
      out << entry.what;
      if (!entry.revaluation.empty()) out << ", " << entry.revaluation;
      out << '\n' << "    " << say(language, "selon ", "source: ") << entry.source << '\n';
      for (const auto& move : entry.moves) out << "    " << move << '\n';
    }
  }
  out << '\n' << say(language, "Tarifs :", "Tariffs:") << '\n';
  if (history.steps.empty()) out << "  " << say(language, "aucun", "none") << '\n';
  for (const auto& step : history.steps) {
    out << "  " << period_text(step.period, language);
    if (!step.cotation.empty()) {
      out << ", " << step.cotation << (step.old ? say(language, " (ancienne cotation)", " (old cotation)") : "");
    }
    out << '\n';
    for (std::size_t r = 0; r < model::region_count; ++r) {
      out << "    " << region_name(static_cast<RegionIndex>(r), language) << colon(language)
          << step_text(step, r, history.per_kilometre, language) << '\n';
    }
  }
}

// ---------------------------------------------------------------- JSON

nlohmann::json date_json(Day day, Day open) {
  return day == open ? nlohmann::json(nullptr) : nlohmann::json(model::date_text(day));
}

void write_json(const History& history, std::ostream& out) {
  nlohmann::json sections = nlohmann::json::object();
  for (const auto& section : history.sections) {
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& entry : section.entries) {
      nlohmann::json moved = nlohmann::json::array();
      for (const model::Postponement* p : entry.postponements) {
        moved.push_back({{"from", model::date_text(p->from)},
                         {"to", model::date_text(p->to)},
                         {"amendment", p->amendment},
                         {"source", p->citation.text}});
      }
      nlohmann::json item{{"since", date_json(entry.period.since, model::first_day)},
                          {"until", date_json(entry.period.until, model::last_day)},
                          {"text", entry.what},
                          {"source", entry.source},
                          {"moved", std::move(moved)}};
      if (entry.cotation != nullptr) {
        item["cotation"] = entry.what;
        if (!entry.act.empty()) item["act"] = entry.act;
        item["coefficient"] = entry.cotation->coefficient.to_string();
        item["revaluation"] = entry.cotation->revaluation.empty()
                                  ? nlohmann::json(nullptr)
                                  : nlohmann::json{{"name", entry.cotation->revaluation},
                                                   {"step", entry.step ? nlohmann::json(short_decimal(*entry.step))
                                                                       : nlohmann::json(nullptr)}};
      }
      if (entry.value != nullptr) {
        nlohmann::json values = nlohmann::json::object();
        for (std::size_t r = 0; r < model::region_count; ++r) {
          const auto& amount = entry.value->by_region[r];
          values[std::string(region_key(static_cast<RegionIndex>(r)))] =
              amount ? nlohmann::json(amount_text(*amount)) : nlohmann::json(nullptr);
        }
        item["values"] = std::move(values);
        item["per_km"] = entry.value->per_kilometre;
      }
      entries.push_back(std::move(item));
    }
    sections[section.key] = std::move(entries);
  }
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& step : history.steps) {
    nlohmann::json amounts = nlohmann::json::object();
    for (std::size_t r = 0; r < model::region_count; ++r) {
      const std::string key(region_key(static_cast<RegionIndex>(r)));
      amounts[key] = step.amount[r] ? nlohmann::json(amount_text(*step.amount[r])) : nlohmann::json(nullptr);
    }
    steps.push_back({{"since", date_json(step.period.since, model::first_day)},
                     {"until", date_json(step.period.until, model::last_day)},
                     {"cotation", step.cotation.empty() ? nlohmann::json(nullptr) : nlohmann::json(step.cotation)},
                     {"old_cotation", step.old},
                     {"amounts", std::move(amounts)},
                     {"per_km", history.per_kilometre}});
  }
  const nlohmann::json document{{"kind", history.kind == Subject::Kind::act      ? "act"
                                         : history.kind == Subject::Kind::letter ? "letter"
                                                                                 : "item"},
                                {"code", history.code},
                                {"label", history.label},
                                {"article", history.article},
                                {"notes", history.notes},
                                {"history", std::move(sections)},
                                {"tariffs", std::move(steps)}};
  out << document.dump(2) << '\n';
}

// ---------------------------------------------------------------- HTML and its chart

// Thousandths of a euro: chart coordinates are integers, amounts never pass through floating point.
std::int64_t mills(const Decimal& amount) {
  return static_cast<std::int64_t>(amount.round(3, RoundingMode::half_even).with_scale(3).magnitude()) *
         (amount.is_negative() ? -1 : 1);
}

// A step chart of the tariff in each region (old cotations left out), drawn in SVG by hand.
void write_chart(const History& history, Language language, std::ostream& out) {
  std::vector<const Step*> steps;
  for (const auto& step : history.steps) {
    if (!step.old) steps.push_back(&step);
  }
  if (steps.empty()) return;
  constexpr std::int64_t width = 760, height = 300, left = 70, right = 20, top = 20, bottom = 90;
  constexpr std::int64_t label_gap = 54;  // the width of "100,00 €" in pixels, at 11 px
  constexpr std::int64_t plot_width = width - left - right, plot_height = height - top - bottom;
  // Dates: open ends drawn one year beyond the known dates.
  std::vector<Day> dates;
  for (const Step* step : steps) {
    if (step->period.since != model::first_day) dates.push_back(step->period.since);
    if (step->period.until != model::last_day) dates.push_back(step->period.until + 1);
  }
  std::sort(dates.begin(), dates.end());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  const Day start = dates.empty() ? 0 : dates.front() - 365;
  const Day end = dates.empty() ? 365 : dates.back() + 365;
  // The axis fitted to the amounts: from a round value under the lowest to one over the highest.
  std::int64_t lowest = std::numeric_limits<std::int64_t>::max();
  std::int64_t highest = 0;
  for (const Step* step : steps) {
    for (const auto& amount : step->amount) {
      if (amount) {
        lowest = std::min(lowest, mills(*amount));
        highest = std::max(highest, mills(*amount));
      }
    }
  }
  if (lowest > highest) lowest = highest = 0;
  const std::int64_t span = std::max<std::int64_t>(highest - lowest, 10);
  // Guides at a round step (1, 2 or 5 times a power of ten), five at most over the span.
  std::int64_t guide = 10;
  for (std::int64_t power = 10; span / guide > 4; power *= 10) {
    for (const std::int64_t factor : {1, 2, 5}) {
      guide = factor * power;
      if (span / guide <= 4) break;
    }
  }
  const std::int64_t base = lowest / guide * guide;
  const std::int64_t guides = (highest - base) / guide + 1;
  const std::int64_t ceiling = base + guides * guide;
  const auto x = [&](Day day) {
    const Day clamped = std::clamp(day, start, end);
    return left + static_cast<std::int64_t>(clamped - start) * plot_width / (end - start);
  };
  const auto y = [&](const Decimal& amount) {
    return top + plot_height - (mills(amount) - base) * plot_height / (ceiling - base);
  };
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" viewBox=\"0 0 " << width << ' ' << height << "\" role=\"img\" aria-label=\""
      << html_escape(fmt::format("{} {}", say(language, "Tarif dans le temps :", "Tariff over time:"), history.code))
      << "\">\n";
  out << "<rect x=\"" << left << "\" y=\"" << top << "\" width=\"" << plot_width << "\" height=\"" << plot_height
      << "\" fill=\"#fafafa\" stroke=\"#999\"/>\n";
  for (std::int64_t level = 0; level <= guides; ++level) {
    const Decimal amount = Decimal::from_scaled(base + level * guide, 3).round(2, RoundingMode::half_away_from_zero);
    const std::int64_t at = y(amount);
    out << "<line x1=\"" << left << "\" y1=\"" << at << "\" x2=\"" << left + plot_width << "\" y2=\"" << at
        << "\" stroke=\"#ddd\"/>\n<text x=\"" << left - 6 << "\" y=\"" << at + 4
        << "\" font-size=\"11\" text-anchor=\"end\">" << html_escape(prose_amount(amount, language)) << "</text>\n";
  }
  // A tick under each change; its date unless the previous date written is too close to read.
  std::int64_t last_date_x = -label_gap;
  for (const Day day : dates) {
    out << "<line x1=\"" << x(day) << "\" y1=\"" << top + plot_height << "\" x2=\"" << x(day) << "\" y2=\""
        << top + plot_height + 5 << "\" stroke=\"#999\"/>\n";
    if (x(day) - last_date_x < label_gap / 3) continue;
    last_date_x = x(day);
    out << "<text x=\"" << x(day) << "\" y=\"" << top + plot_height + 16
        << "\" font-size=\"11\" text-anchor=\"end\" transform=\"rotate(-35 " << x(day) << ' ' << top + plot_height + 16
        << ")\">" << model::date_text(day) << "</text>\n";
  }
  static constexpr std::array<std::string_view, model::region_count> colours{"#1f5fa8", "#c0601a"};
  static constexpr std::array<std::string_view, model::region_count> dashes{"", " stroke-dasharray=\"6 3\""};
  for (std::size_t r = 0; r < model::region_count; ++r) {
    std::string path;
    const Step* previous = nullptr;
    std::int64_t last_label_x = -label_gap;
    for (const Step* step : steps) {
      if (!step->amount[r]) {
        previous = nullptr;
        continue;
      }
      const std::int64_t at = y(*step->amount[r]);
      const bool joined = previous != nullptr && previous->period.until != model::last_day &&
                          previous->period.until + 1 == step->period.since;
      path += joined ? fmt::format("V {} ", at) : fmt::format("M {} {} ", x(step->period.since), at);
      path += fmt::format("H {} ", step->period.until == model::last_day ? x(end) : x(step->period.until + 1));
      // Amounts above the line in metropolitan France, below it overseas, where the two lines
      // do not cross; an amount too close to the previous one of its line is left to the table.
      if (x(step->period.since) - last_label_x >= label_gap) {
        last_label_x = x(step->period.since);
        out << "<text x=\"" << x(step->period.since) + 3 << "\" y=\"" << (r == 0 ? at - 5 : at + 14)
            << "\" font-size=\"11\" fill=\"" << colours[r] << "\">"
            << html_escape(prose_amount(*step->amount[r], language)) << "</text>\n";
      }
      previous = step;
    }
    if (path.empty()) continue;
    path.pop_back();
    out << "<path d=\"" << path << "\" fill=\"none\" stroke=\"" << colours[r] << "\" stroke-width=\"2\"" << dashes[r]
        << "/>\n";
    const std::int64_t legend_y = height - 14;
    const std::int64_t legend_x = left + static_cast<std::int64_t>(r) * 180;
    out << "<line x1=\"" << legend_x << "\" y1=\"" << legend_y << "\" x2=\"" << legend_x + 30 << "\" y2=\"" << legend_y
        << "\" stroke=\"" << colours[r] << "\" stroke-width=\"2\"" << dashes[r] << "/>\n<text x=\"" << legend_x + 36
        << "\" y=\"" << legend_y + 4 << "\" font-size=\"12\">"
        << html_escape(region_name(static_cast<RegionIndex>(r), language)) << "</text>\n";
  }
  out << "</svg>\n";
}

void write_html(const History& history, Language language, std::ostream& out) {
  const std::string heading = heading_of(history, language);
  write_html_head(out, heading, language);
  out << "<h1>" << html_escape(heading) << "</h1>\n";
  if (!history.article.empty()) {
    out << "<p>" << say(language, "Article : ", "Article: ") << html_escape(history.article) << "</p>\n";
  }
  for (const auto& note : history.notes) out << "<p class=\"note\">" << html_escape(note) << "</p>\n";
  out << "<h2>" << say(language, "Tarif dans le temps", "Tariff over time") << "</h2>\n";
  write_chart(history, language, out);
  out << "<table>\n<thead><tr><th>" << say(language, "Période", "Period") << "</th><th>"
      << say(language, "Cotation", "Cotation") << "</th>";
  for (std::size_t r = 0; r < model::region_count; ++r) {
    out << "<th>" << html_escape(region_name(static_cast<RegionIndex>(r), language)) << "</th>";
  }
  out << "</tr></thead>\n<tbody>\n";
  for (const auto& step : history.steps) {
    out << "<tr><td>" << html_escape(period_text(step.period, language)) << "</td><td>" << html_escape(step.cotation)
        << (step.old ? html_escape(std::string(say(language, " (ancienne cotation)", " (old cotation)"))) : "")
        << "</td>";
    for (std::size_t r = 0; r < model::region_count; ++r) {
      out << "<td class=\"amount\">" << html_escape(step_text(step, r, history.per_kilometre, language)) << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n";
  for (const auto& section : history.sections) {
    out << "<h2>" << html_escape(section.heading) << "</h2>\n<table>\n<thead><tr><th>"
        << say(language, "Période", "Period") << "</th><th>" << say(language, "Valeur", "Value") << "</th><th>"
        << say(language, "Source", "Source") << "</th></tr></thead>\n<tbody>\n";
    for (const auto& entry : section.entries) {
      out << "<tr><td>" << html_escape(period_text(entry.period, language)) << "</td><td>";
      if (!entry.act.empty()) out << html_escape(entry.act) << ", ";
      out << html_escape(entry.what);
      if (!entry.revaluation.empty()) out << "<br/>" << html_escape(entry.revaluation);
      out << "</td><td>" << html_escape(entry.source);
      for (const auto& move : entry.moves) out << "<br/>" << html_escape(move);
      out << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";
  }
  out << "</body>\n</html>\n";
}

}  // namespace

void write_timeline(const RuleSet::Model& model, const Subject& subject, TimelineFormat format, Language language,
                    std::ostream& out) {
  const History history = history_of(model, subject, language);
  switch (format) {
    case TimelineFormat::text:
      write_text(history, language, out);
      break;
    case TimelineFormat::json:
      write_json(history, out);
      break;
    case TimelineFormat::html:
      write_html(history, language, out);
      break;
  }
}

}  // namespace cotation::tools
