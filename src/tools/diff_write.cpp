// `cotation diff`, writing: a RuleSetDiff in, Markdown for people (French or English) or JSON
// for programs out.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tools/diff.hpp"

namespace cotation::tools {
namespace {

using model::Day;
using model::Period;

// ------------------------------------------------------------------ words

struct Words {
  std::string_view kinds[6];
  std::string_view statuses[3];
  std::string_view changes[7];
  std::string_view title, no_difference, summary, since, until, from_to, source, element_column, added_column,
      removed_column, changed_column, recodings, recoding, transition;
};

constexpr Words french{
    {"Sources", "Lettres clés", "Forfaits", "Paramètres", "Actes", "Règles"},
    {"ajout", "retrait", "modification"},
    {"ajout", "retrait", "revalorisation", "recodage", "reclassement", "source", "modification"},
    "Différences de sens : {} → {}",
    "Aucune différence de sens.",
    "{} élément(s) diffèrent : {} ajouté(s), {} retiré(s), {} modifié(s).",
    "depuis {}",
    "jusqu'au {}",
    "du {} au {}",
    "selon",
    "élément",
    "ajouts",
    "retraits",
    "modifications",
    "Recodages",
    "- {} (acte {}) → {} (acte {})",
    ", ancienne cotation admise {}",
};

constexpr Words english{
    {"Sources", "Key letters", "Items", "Parameters", "Acts", "Rules"},
    {"added", "removed", "changed"},
    {"added", "removed", "revalued", "recoded", "reclassified", "source", "changed"},
    "Differences in meaning: {} → {}",
    "No difference in meaning.",
    "{} element(s) differ: {} added, {} removed, {} changed.",
    "from {}",
    "until {}",
    "from {} to {}",
    "source",
    "element",
    "added",
    "removed",
    "changed",
    "Recodings",
    "- {} (act {}) → {} (act {})",
    ", old cotation accepted {}",
};

const Words& words(Language language) {
  return language == Language::english ? english : french;
}

std::string period_text(const Period& period, const Words& w) {
  const bool open_start = period.since == model::first_day;
  const bool open_end = period.until == model::last_day;
  if (open_start && open_end) return "";
  if (open_end) return fmt::format(fmt::runtime(w.since), model::date_text(period.since));
  if (open_start) return fmt::format(fmt::runtime(w.until), model::date_text(period.until));
  return fmt::format(fmt::runtime(w.from_to), model::date_text(period.since), model::date_text(period.until));
}

std::string change_line(const PropertyChange& property, const ValueChange& change, ElementStatus status,
                        const Words& w) {
  std::string line = "- " + property.property;
  if (const std::string period = period_text(change.period, w); !period.empty()) line += ", " + period;
  line += " : ";
  const auto quoted_source = [](const std::string& source) { return "« " + source + " »"; };
  if (status != ElementStatus::changed) {
    // The whole element is new or gone: its values, without arrows.
    const std::string& value = change.after ? *change.after : *change.before;
    const std::string& source = change.after ? change.after_source : change.before_source;
    line += value;
    if (!source.empty()) line += fmt::format(" ; {} {}", w.source, quoted_source(source));
    return line;
  }
  line += fmt::format("{} → {} ({})", change.before.value_or("—"), change.after.value_or("—"),
                      w.changes[static_cast<std::size_t>(change.kind)]);
  if (change.kind == ChangeKind::source) {
    line +=
        fmt::format(" ; {} {} → {}", w.source, quoted_source(change.before_source), quoted_source(change.after_source));
  } else if (!change.after_source.empty() && change.after_source != change.before_source) {
    line += fmt::format(" ; {} {}", w.source, quoted_source(change.after_source));
  }
  return line;
}

std::string_view kind_key(ElementKind kind) {
  static constexpr std::string_view keys[] = {"source", "letter", "item", "parameter", "act", "rule"};
  return keys[static_cast<std::size_t>(kind)];
}

std::string_view status_key(ElementStatus status) {
  static constexpr std::string_view keys[] = {"added", "removed", "changed"};
  return keys[static_cast<std::size_t>(status)];
}

std::string_view change_key(ChangeKind kind) {
  static constexpr std::string_view keys[] = {"added",        "removed", "revalued", "recoded",
                                              "reclassified", "source",  "modified"};
  return keys[static_cast<std::size_t>(kind)];
}

nlohmann::json date_or_null(Day day, Day open) {
  return day == open ? nlohmann::json(nullptr) : nlohmann::json(model::date_text(day));
}
}  // namespace

std::string diff_markdown(const RuleSetDiff& diff, const DiffTitles& titles, Language language) {
  const Words& w = words(language);
  std::string out = "# " + fmt::format(fmt::runtime(w.title), titles.before, titles.after) + "\n\n";
  if (diff.elements.empty()) return out + std::string(w.no_difference) + "\n";
  std::size_t counts[6][3] = {};
  for (const auto& element : diff.elements) {
    ++counts[static_cast<std::size_t>(element.kind)][static_cast<std::size_t>(element.status)];
  }
  std::size_t by_status[3] = {};
  for (const auto& row : counts) {
    for (std::size_t s = 0; s < 3; ++s) by_status[s] += row[s];
  }
  out += fmt::format(fmt::runtime(w.summary), diff.elements.size(), by_status[0], by_status[1], by_status[2]) + "\n\n";
  out += fmt::format("| {} | {} | {} | {} |\n|---|---:|---:|---:|\n", w.element_column, w.added_column,
                     w.removed_column, w.changed_column);
  for (std::size_t k = 0; k < 6; ++k) {
    if (counts[k][0] + counts[k][1] + counts[k][2] == 0) continue;
    out += fmt::format("| {} | {} | {} | {} |\n", w.kinds[k], counts[k][0], counts[k][1], counts[k][2]);
  }
  if (!diff.recodings.empty()) out += fmt::format("\n## {}\n\n", w.recodings);
  for (const auto& recoding : diff.recodings) {
    out += fmt::format(fmt::runtime(w.recoding), recoding.old_code, fmt::join(recoding.old_acts, ", "),
                       recoding.new_code.empty() ? "—" : recoding.new_code, recoding.act);
    if (const std::string period = period_text(recoding.transition, w); !period.empty()) {
      out += fmt::format(fmt::runtime(w.transition), period);
    }
    if (!recoding.source.empty()) out += fmt::format(" ; {} « {} »", w.source, recoding.source);
    out += "\n";
  }
  std::optional<ElementKind> section;
  for (const auto& element : diff.elements) {
    if (section != element.kind) {
      section = element.kind;
      out += fmt::format("\n## {}\n", w.kinds[static_cast<std::size_t>(element.kind)]);
    }
    out += fmt::format("\n### {} ({})\n\n", element.name, w.statuses[static_cast<std::size_t>(element.status)]);
    for (const auto& property : element.properties) {
      for (const auto& change : property.changes) out += change_line(property, change, element.status, w) + "\n";
    }
  }
  return out;
}

nlohmann::json diff_json(const RuleSetDiff& diff, const DiffTitles& titles) {
  nlohmann::json elements = nlohmann::json::array();
  for (const auto& element : diff.elements) {
    nlohmann::json properties = nlohmann::json::array();
    for (const auto& property : element.properties) {
      nlohmann::json changes = nlohmann::json::array();
      for (const auto& change : property.changes) {
        changes.push_back({{"since", date_or_null(change.period.since, model::first_day)},
                           {"until", date_or_null(change.period.until, model::last_day)},
                           {"kind", change_key(change.kind)},
                           {"before", change.before ? nlohmann::json(*change.before) : nlohmann::json(nullptr)},
                           {"after", change.after ? nlohmann::json(*change.after) : nlohmann::json(nullptr)},
                           {"before_source", change.before_source},
                           {"after_source", change.after_source}});
      }
      properties.push_back({{"property", property.property}, {"changes", std::move(changes)}});
    }
    elements.push_back({{"kind", kind_key(element.kind)},
                        {"name", element.name},
                        {"status", status_key(element.status)},
                        {"properties", std::move(properties)}});
  }
  nlohmann::json recodings = nlohmann::json::array();
  for (const auto& recoding : diff.recodings) {
    recodings.push_back({{"old_code", recoding.old_code},
                         {"old_acts", recoding.old_acts},
                         {"act", recoding.act},
                         {"new_code", recoding.new_code},
                         {"since", date_or_null(recoding.transition.since, model::first_day)},
                         {"until", date_or_null(recoding.transition.until, model::last_day)},
                         {"source", recoding.source}});
  }
  return {{"before", titles.before},
          {"after", titles.after},
          {"differences", diff.elements.size()},
          {"recodings", std::move(recodings)},
          {"elements", std::move(elements)}};
}

}  // namespace cotation::tools
