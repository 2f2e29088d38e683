// `cotation diff`, writing: a RuleSetDiff in, Markdown for people (French or English) or JSON
// for programs out.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <string_view>
#include <utility>

#include "tools/diff.hpp"

namespace cotation::tools {
namespace {

using model::Day;
using model::Period;

// ------------------------------------------------------------------ words

struct Words {
  std::string_view kinds[element_kind_count];
  std::string_view statuses[3];
  std::string_view changes[7];
  std::string_view title, no_difference, summary, since, until, from_to, source, element_column, added_column,
      removed_column, changed_column, recodings, recoding, transition;
};

constexpr Words french{
    {"Sources", "Lettres clés", "Forfaits", "Paramètres", "Actes", "Groupes", "Règles"},
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
    {"Sources", "Key letters", "Items", "Parameters", "Acts", "Groups", "Rules"},
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

// A property as the snapshot names it, in the words of the rules ("valeur metropole"), or in
// English ("value metropole"); what follows the first words (a predicate, a name) is kept.
std::string property_name(const std::string& property, Language language) {
  static constexpr std::pair<std::string_view, std::string_view> english_names[] = {
      {"libellé", "label"},
      {"rang", "rank"},
      {"signé", "signed"},
      {"publié", "published"},
      {"entrée en vigueur", "in force on"},
      {"arrondi", "rounding"},
      {"valeur", "value"},
      {"calcul", "computation"},
      {"classement", "classification"},
      {"remplace", "replaces"},
      {"référentiel", "referential"},
      {"en attente", "pending"},
      {"supprimé", "removed"},
      {"en vigueur", "in force"},
      {"pour", "for"},
      {"si", "if"},
      {"alors", "then"},
      {"au plus", "at most"},
      {"non cumulable avec", "not cumulable with"},
      {"seulement avec", "only with"},
      {"selon", "source"},
      {"exception de", "exception of"},
      {"membres", "members"},
  };
  if (language == Language::french) return property;
  for (const auto& [rules_word, word] : english_names) {
    if (property == rules_word) return std::string(word);
    if (property.starts_with(rules_word) && property.size() > rules_word.size() && property[rules_word.size()] == ' ')
      return std::string(word) + property.substr(rules_word.size());
  }
  return property;
}

std::string change_line(const PropertyChange& property, const ValueChange& change, ElementStatus status, const Words& w,
                        Language language) {
  std::string line = "- " + property_name(property.property, language);
  if (const std::string period = period_text(change.period, w); !period.empty()) line += ", " + period;
  line += language == Language::french ? " : " : ": ";
  const auto quoted_source = [](const std::string& source) { return "« " + source + " »"; };
  if (status != ElementStatus::changed) {
    // The whole element is new or gone: its values, without arrows.
    const std::string& value = change.after ? *change.after : *change.before;
    const std::string& source = change.after ? change.after_source : change.before_source;
    line += value;
    if (!source.empty()) line += fmt::format(" ; {} {}", w.source, quoted_source(source));
    return line;
  }
  if (!change.added_members.empty() || !change.removed_members.empty()) {
    // A list: its new and lost members only.
    std::vector<std::string> parts;
    for (const auto& member : change.added_members) parts.push_back("+ " + member);
    for (const auto& member : change.removed_members) parts.push_back("− " + member);
    line += fmt::format("{} ({})", fmt::join(parts, " ; "), w.changes[static_cast<std::size_t>(change.kind)]);
  } else {
    line += fmt::format("{} → {} ({})", change.before.value_or("—"), change.after.value_or("—"),
                        w.changes[static_cast<std::size_t>(change.kind)]);
  }
  if (change.kind == ChangeKind::source) {
    line +=
        fmt::format(" ; {} {} → {}", w.source, quoted_source(change.before_source), quoted_source(change.after_source));
  } else if (!change.after_source.empty() && change.after_source != change.before_source) {
    line += fmt::format(" ; {} {}", w.source, quoted_source(change.after_source));
  }
  return line;
}

std::string_view kind_key(ElementKind kind) {
  static constexpr std::string_view keys[] = {"source", "letter", "item", "parameter", "act", "group", "rule"};
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
  std::size_t counts[element_kind_count][3] = {};
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
  for (std::size_t k = 0; k < element_kind_count; ++k) {
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
      for (const auto& change : property.changes)
        out += change_line(property, change, element.status, w, language) + "\n";
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
        if (!change.added_members.empty() || !change.removed_members.empty()) {
          changes.back()["added_members"] = change.added_members;
          changes.back()["removed_members"] = change.removed_members;
        }
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
