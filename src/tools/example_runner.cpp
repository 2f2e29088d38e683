#include "tools/example_runner.hpp"

#include "tools/step_words.hpp"
#include "tools/table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <tuple>

namespace cotation::tools {
namespace {

using model::Day;

bool reason_contains(const LineDecision& line, const std::string& text) {
  return std::any_of(line.reasons.begin(), line.reasons.end(), [&](const Reason& reason) {
    return render_message(reason).find(text) != std::string::npos || reason.rule.find(text) != std::string::npos;
  });
}

// Amounts compare by value, exactly: 16.55 and 16.550 are equal, 16.55 and 16.5529 are not.
bool line_passes(const model::ExpectedLine& expected, const LineDecision* actual) {
  if (actual == nullptr || actual->decision != expected.decision) return false;
  if (expected.amount && !(actual->amount && *actual->amount == *expected.amount)) return false;
  return !expected.reason || reason_contains(*actual, *expected.reason);
}

ExampleResult run_example(const RuleSet& rule_set, const model::Example& example, EvaluationScratch& scratch) {
  ExampleResult result;
  result.example = &example;
  result.decision = rule_set.evaluate(example.claim, scratch, &result.explanation);
  result.passed = true;
  for (std::size_t i = 0; i < example.lines.size(); ++i) {
    LineResult line;
    line.expected = &example.lines[i];
    if (i < result.decision.lines.size()) line.actual = &result.decision.lines[i];
    line.passed = line_passes(*line.expected, line.actual);
    result.passed = result.passed && line.passed;
    result.lines.push_back(line);
  }
  return result;
}

// ---------------------------------------------------------------- coverage

// The text between `prefix` and `suffix` when `text` is `prefix ... suffix`.
std::optional<std::string> enclosed(const std::string& text, std::string_view prefix, std::string_view suffix) {
  if (!text.starts_with(prefix) || text.size() < prefix.size() + suffix.size() || !text.ends_with(suffix)) {
    return std::nullopt;
  }
  return text.substr(prefix.size(), text.size() - prefix.size() - suffix.size());
}

// What the examples' explanations say was used: steps by "what|value"; the cotations billed
// and the values read, with the claim's date (and region). Every example has a date.
struct Exercised {
  std::set<std::string> steps;
  std::set<std::tuple<std::string, std::string, Day>> cotations;  // act label, code, day
  std::set<std::tuple<std::string, Day, std::size_t>> values;     // letter or item code, day, region

  void add(const ExampleResult& result) {
    const Day day = model::day_of(result.example->claim.date.value());
    const std::string day_suffix = " le " + model::date_text(day);
    const std::size_t region = result.example->claim.region == Region::drom ? 1 : 0;
    for (const auto& step : result.explanation) {
      steps.insert(step.what + '|' + step.value);
      // "cotation de « Rééducation ... »" with the code as value; "valeur de RAM le 2024-03-04".
      if (const auto label = enclosed(step.what, "cotation de « ", " »")) cotations.emplace(*label, step.value, day);
      if (const auto code = enclosed(step.what, "valeur de ", day_suffix)) values.emplace(*code, day, region);
    }
  }
  [[nodiscard]] bool has(const std::string& what, std::string_view value) const {
    return steps.count(what + '|' + std::string(value)) != 0;
  }
};

std::string period_text(const model::Period& period) {
  if (period.since == model::first_day && period.until == model::last_day) return "";
  if (period.until == model::last_day) return fmt::format(" depuis {}", model::date_text(period.since));
  if (period.since == model::first_day) return fmt::format(" jusqu'au {}", model::date_text(period.until));
  return fmt::format(" du {} au {}", model::date_text(period.since), model::date_text(period.until));
}

// Each dated value of a letter or item, read by an example on a date of its period.
void add_value_items(std::string_view kind, const std::string& code, const std::vector<model::RegionalValue>& values,
                     const Exercised& exercised, std::vector<CoverageItem>& items) {
  for (const auto& value : values) {
    const bool read = std::any_of(exercised.values.begin(), exercised.values.end(), [&](const auto& used) {
      const auto& [used_code, day, region] = used;
      return used_code == code && value.period.contains(day) && value.by_region[region];
    });
    // Regions given on separate lines are separate entries; both on one line, one entry.
    const bool metropole = value.by_region[0].has_value();
    const bool outre_mer = value.by_region[1].has_value();
    const std::string_view region = metropole && outre_mer ? "" : metropole ? " en métropole" : " en outre-mer (drom)";
    items.push_back(
        {fmt::format("{} {}, valeur{}{}", kind, code, region, period_text(value.period)), Branch::read, read});
  }
}

void add_condition_items(const std::vector<model::Condition>& conditions, std::string_view kind,
                         const Exercised& exercised, std::vector<CoverageItem>& items) {
  for (const auto& condition : conditions) {
    const std::string element = fmt::format("{} {}", kind, condition.name);
    items.push_back({element, Branch::condition_true, exercised.has(condition.name, "vraie")});
    items.push_back({element, Branch::condition_false, exercised.has(condition.name, "fausse")});
  }
}

std::vector<CoverageItem> coverage_of(const RuleSet::Model& model, const std::vector<ExampleResult>& results) {
  Exercised exercised;
  for (const auto& result : results) exercised.add(result);
  std::vector<CoverageItem> items;
  for (const auto& letter : model.letters) add_value_items("lettre", letter.code, letter.values, exercised, items);
  for (const auto& item : model.items) {
    add_value_items("forfait", item.code, item.values, exercised, items);
    add_condition_items(item.conditions, "forfait", exercised, items);
  }
  for (const auto& act : model.acts) {
    for (const auto* cotations : {&act.cotations, &act.replaced}) {
      for (const auto& cotation : *cotations) {
        const bool old = cotations == &act.replaced;
        const std::string code =
            fmt::format("{} {}", model.letters[cotation.letter].code, cotation.coefficient.to_string());
        // An old code that several acts replace bills them all alike: the code and date suffice.
        const bool billed = std::any_of(exercised.cotations.begin(), exercised.cotations.end(), [&](const auto& used) {
          return (old || std::get<0>(used) == act.label) && std::get<1>(used) == code &&
                 cotation.period.contains(std::get<2>(used));
        });
        items.push_back({fmt::format("acte {}, {} {}{}", act.name, old ? "ancienne cotation" : "cotation", code,
                                     period_text(cotation.period)),
                         Branch::billed, billed});
      }
    }
    add_condition_items(act.conditions, "acte", exercised, items);
  }
  for (const auto& rule : model.rules) {
    const std::string element = fmt::format("règle {}", rule.name);
    items.push_back({element, Branch::applied, exercised.has(element, "s'applique")});
    if (rule.when) {
      items.push_back({element, Branch::when_true, exercised.has(element + ", si", "vrai")});
      items.push_back({element, Branch::when_false, exercised.has(element + ", si", "faux")});
    }
  }
  return items;
}

// ---------------------------------------------------------------- text

// What the report says, in each language; `colon` is French " :" or English ":".
struct Words {
  std::string_view colon, passed, failed, claim, line, reason, explanation, nothing, summary, coverage, all_covered,
      left_out;
};

const Words& words(Language language) {
  static const Words french{" :",
                            "réussi",
                            "ÉCHEC",
                            "facture",
                            "ligne « {} » : attendu {}, obtenu {}",
                            "motif",
                            "explication",
                            "aucune ligne",
                            "{} exemple{} : {} réussi{}, {} en échec",
                            "couverture : {} cas sur {} ne sont exercés par aucun exemple",
                            "couverture : chaque cas est exercé par un exemple",
                            "({} étape(s) des lignes réussies omise(s) : --all-steps les montre)"};
  static const Words english{":",
                             "passed",
                             "FAILED",
                             "claim",
                             "line « {} »: expected {}, got {}",
                             "reason",
                             "explanation",
                             "no line",
                             "{} example{}: {} passed{}, {} failed",
                             "coverage: {} of {} cases are exercised by no example",
                             "coverage: every case is exercised by an example",
                             "({} step(s) of the lines that pass left out: --all-steps shows them)"};
  return language == Language::french ? french : english;
}

std::string expected_text(const model::ExpectedLine& expected, Language language) {
  std::string text(decision_word(expected.decision, language));
  if (expected.amount) text += fmt::format(" {} €", expected.amount->to_string());
  if (expected.reason) text += fmt::format(" « {} »", *expected.reason);
  return text;
}

std::string actual_text(const LineDecision* actual, Language language) {
  if (actual == nullptr) return std::string(words(language).nothing);
  std::string text(decision_word(actual->decision, language));
  if (actual->amount) text += fmt::format(" {} €", actual->amount->to_string(2));
  return text;
}

// "what : value (source)" in French, "what: value (source)" in English.
std::string cited(std::string_view what, std::string_view value, std::string_view source, Language language) {
  return source.empty() ? fmt::format("{}{}{}", what, colon(language), value)
                        : fmt::format("{}{}{} ({})", what, colon(language), value, source);
}

void append_failure(std::string& out, const ExampleResult& result, Language language, bool all_steps) {
  const Words& w = words(language);
  const auto& example = *result.example;
  out += fmt::format("  {}{} {}\n", w.claim, w.colon, fmt::join(example.fields, ", "));
  for (const auto& line : result.lines) {
    if (line.passed) continue;
    out += "  " +
           fmt::format(fmt::runtime(w.line), line.expected->code, expected_text(*line.expected, language),
                       actual_text(line.actual, language)) +
           '\n';
    if (line.actual == nullptr) continue;
    for (const auto& reason : line.actual->reasons) {
      out += fmt::format("    {}{} {}\n", w.reason, w.colon,
                         cited(reason.rule, render_message(reason, language), reason_source(reason), language));
    }
  }
  for (const auto& reason : result.decision.reasons) {
    out += fmt::format("  {}{} {}\n", w.reason, w.colon,
                       cited(reason.rule, render_message(reason, language), reason_source(reason), language));
  }
  // The steps of the failing lines and of the claim as a whole; those of the lines that pass
  // only when asked for.
  const auto failing = [&](const ExplanationStep& step) {
    return !step.line || (*step.line < result.lines.size() && !result.lines[*step.line].passed);
  };
  out += fmt::format("  {}{}\n", w.explanation, w.colon);
  std::size_t left_out = 0;
  for (const auto& step : result.explanation) {
    if (all_steps || failing(step)) {
      const ExplanationStep said = step_in(step, language);
      out += "    " + cited(said.what, said.value, said.source, language) + '\n';
    } else {
      ++left_out;
    }
  }
  if (left_out != 0) out += "    " + fmt::format(fmt::runtime(w.left_out), left_out) + '\n';
}

// French and English words, then the JSON id.
constexpr std::array<std::array<std::string_view, 3>, 7> branch_words = {{
    {"lue", "read", "read"},
    {"facturée", "billed", "billed"},
    {"vraie", "true", "condition_true"},
    {"fausse", "false", "condition_false"},
    {"appliquée", "applied", "applied"},
    {"si vrai", "si true", "when_true"},
    {"si faux", "si false", "when_false"},
}};

std::string_view branch_word(Branch branch, std::size_t column) {
  return branch_words.at(static_cast<std::size_t>(branch)).at(column);
}

}  // namespace

std::size_t ExampleReport::failures() const {
  return static_cast<std::size_t>(
      std::count_if(results.begin(), results.end(), [](const auto& r) { return !r.passed; }));
}

ExampleReport run_examples(const RuleSet& rule_set) {
  ExampleReport report;
  EvaluationScratch scratch;
  for (const auto& example : rule_set.model().examples) {
    report.results.push_back(run_example(rule_set, example, scratch));
  }
  report.coverage = coverage_of(rule_set.model(), report.results);
  return report;
}

std::string report_text(const ExampleReport& report, bool coverage, Language language, bool all_steps) {
  const Words& w = words(language);
  std::string out;
  for (const auto& result : report.results) {
    out += fmt::format("{} {} ({}) — {}\n", result.passed ? w.passed : w.failed, result.example->name,
                       result.example->location, result.example->label);
    if (!result.passed) append_failure(out, result, language, all_steps);
  }
  const std::size_t total = report.results.size();
  const std::size_t failed = report.failures();
  const auto plural = [&](std::size_t n) { return n > 1 || (language == Language::english && n == 0) ? "s" : ""; };
  out += fmt::format(fmt::runtime(w.summary), total, plural(total), total - failed,
                     language == Language::french ? plural(total - failed) : "", failed) +
         '\n';
  if (coverage) {
    const auto uncovered = static_cast<std::size_t>(
        std::count_if(report.coverage.begin(), report.coverage.end(), [](const auto& item) { return !item.covered; }));
    out += uncovered == 0 ? std::string(w.all_covered)
                          : fmt::format(fmt::runtime(w.coverage), uncovered, report.coverage.size());
    out += '\n';
    for (const auto& item : report.coverage) {
      if (!item.covered) {
        out += fmt::format("  {}{} {}\n", item.element, w.colon,
                           branch_word(item.branch, language == Language::french ? 0 : 1));
      }
    }
  }
  return out;
}

nlohmann::json report_json(const ExampleReport& report, bool coverage) {
  // Expected amounts as written; the engine's to the cent, as `eval` writes them.
  const auto amount = [](const std::optional<Decimal>& value, bool to_the_cent) -> nlohmann::json {
    if (!value) return nullptr;
    return to_the_cent ? value->to_string(2) : value->to_string();
  };
  nlohmann::json results = nlohmann::json::array();
  for (const auto& result : report.results) {
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& line : result.lines) {
      nlohmann::json expected{{"decision", to_string(line.expected->decision)},
                              {"amount", amount(line.expected->amount, false)}};
      if (line.expected->reason) expected["reason"] = *line.expected->reason;
      nlohmann::json actual = nullptr;
      if (line.actual != nullptr) {
        nlohmann::json reasons = nlohmann::json::array();
        for (const auto& r : line.actual->reasons)
          reasons.push_back({{"rule", r.rule}, {"message", render_message(r)}, {"source", reason_source(r)}});
        actual = {{"decision", to_string(line.actual->decision)},
                  {"amount", amount(line.actual->amount, true)},
                  {"reasons", std::move(reasons)}};
      }
      lines.push_back({{"code", line.expected->code},
                       {"passed", line.passed},
                       {"expected", std::move(expected)},
                       {"actual", std::move(actual)}});
    }
    nlohmann::json entry{{"name", result.example->name},         {"label", result.example->label},
                         {"location", result.example->location}, {"passed", result.passed},
                         {"claim", result.example->fields},      {"lines", std::move(lines)}};
    if (!result.passed) {
      nlohmann::json steps = nlohmann::json::array();
      for (const auto& s : result.explanation)
        steps.push_back({{"what", s.what}, {"value", s.value}, {"source", s.source}});
      entry["explanation"] = std::move(steps);
    }
    results.push_back(std::move(entry));
  }
  nlohmann::json out{{"examples", report.results.size()},
                     {"passed", report.results.size() - report.failures()},
                     {"failed", report.failures()},
                     {"results", std::move(results)}};
  if (coverage) {
    nlohmann::json uncovered = nlohmann::json::array();
    for (const auto& item : report.coverage) {
      if (!item.covered) uncovered.push_back({{"element", item.element}, {"branch", branch_word(item.branch, 2)}});
    }
    out["coverage"] = {{"cases", report.coverage.size()}, {"uncovered", std::move(uncovered)}};
  }
  return out;
}

}  // namespace cotation::tools
