#include "tools/impact.hpp"
#include "tools/step_difference.hpp"
#include "tools/step_words.hpp"
#include "tools/table.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <stdexcept>

#include "compile/model.hpp"
#include "evaluate/claim_chunks.hpp"
#include "evaluate/claim_json.hpp"

namespace cotation::tools {
namespace {

constexpr std::string_view unknown_code = "code inconnu";
constexpr std::string_view no_article = "sans article";

// Which act or item a billed code designates in one rule set: the acts whose cotation it is on
// the claim's date, else on any date (an outdated code still belongs to its act); an old code
// that several acts replace names them all.
std::optional<std::pair<std::string, std::string>> subject_of(const RuleSet::Model& model, const std::string& code,
                                                              const std::optional<Date>& date) {
  if (model.item_index.count(code) != 0) return std::pair{"forfait " + code, std::string(no_article)};
  const std::size_t space = code.rfind(' ');
  if (space == std::string::npos) return std::nullopt;
  const auto entries = model.codes_by_letter.find(code.substr(0, space));
  if (entries == model.codes_by_letter.end()) return std::nullopt;
  Decimal coefficient;
  try {
    coefficient = Decimal::parse(std::string_view(code).substr(space + 1));
  } catch (const DecimalError&) {
    return std::nullopt;
  }
  std::set<std::uint32_t> in_force;
  std::set<std::uint32_t> any_date;
  for (const auto& entry : model::entries_with(entries->second, coefficient)) {
    any_date.insert(entry.act);
    if (date && entry.period.contains(model::day_of(*date))) in_force.insert(entry.act);
  }
  const auto& acts = in_force.empty() ? any_date : in_force;
  if (acts.empty()) return std::nullopt;
  std::set<std::string> names;
  std::set<std::string> articles;
  for (const auto act : acts) {
    names.insert(model.acts.at(act).name);
    articles.insert(model.acts.at(act).article.text.empty() ? std::string(no_article)
                                                            : model.acts.at(act).article.text);
  }
  return std::pair{fmt::format("acte {}", fmt::join(names, ", ")), fmt::format("{}", fmt::join(articles, " ; "))};
}

bool same_amount(const std::optional<Decimal>& a, const std::optional<Decimal>& b) {
  return a.has_value() == b.has_value() && (!a || *a == *b);
}

bool line_changed(const LineDecision& a, const LineDecision& b) {
  return a.decision != b.decision || !same_amount(a.amount, b.amount);
}

std::optional<std::string> change_kind(const ClaimDecision& before, const ClaimDecision& after) {
  if (before.decision != after.decision) {
    return fmt::format("decision {} -> {}", to_string(before.decision), to_string(after.decision));
  }
  if (!(before.total == after.total)) return "total";
  for (std::size_t i = 0; i < std::min(before.lines.size(), after.lines.size()); ++i) {
    if (line_changed(before.lines[i], after.lines[i])) return "lines";
  }
  return std::nullopt;
}

struct Candidate {
  std::size_t index = 0;  // 0-based line of the file
  std::string patient;
};

// One thread's share of the report, merged at the end.
struct Tally {
  std::size_t invalid = 0;
  std::map<std::string, std::size_t> changed;
  Decimal total_before;
  Decimal total_after;
  std::map<std::string, LineTotals> by_act;
  std::map<std::string, LineTotals> by_article;
  std::map<std::string, std::vector<Candidate>> candidates;  // the first `examples` of each kind
};

void add_line(LineTotals& totals, const LineDecision& before, const LineDecision& after) {
  ++totals.lines;
  if (line_changed(before, after)) ++totals.changed;
  if (before.decision == Decision::accepted && before.amount) totals.before += *before.amount;
  if (after.decision == Decision::accepted && after.amount) totals.after += *after.amount;
}

void merge(std::map<std::string, LineTotals>& into, const std::map<std::string, LineTotals>& from) {
  for (const auto& [key, totals] : from) {
    LineTotals& target = into[key];
    target.lines += totals.lines;
    target.changed += totals.changed;
    target.before += totals.before;
    target.after += totals.after;
  }
}

class ImpactRun {
 public:
  ImpactRun(const RuleSet& before, const RuleSet& after, const ImpactOptions& options)
      : before_(before),
        after_(after),
        options_(options),
        jobs_(std::max<std::size_t>(1, options.jobs)),
        tallies_(jobs_),
        before_scratches_(jobs_),
        after_scratches_(jobs_) {}

  ImpactReport run(const std::filesystem::path& path) {
    std::ifstream input(path, std::ios::binary);
    if (!input) throw UnreadableClaims(path.string());
    ClaimChunks chunks(input, jobs_, options_.chunk_lines);
    std::size_t first_index = 0;
    while (chunks.next()) {
      const auto records = chunks.records();
      chunks.decide(
          [&](std::size_t i, std::size_t worker) { decide_record(records[i].read, first_index + i, worker); });
      first_index += records.size();
    }
    if (input.bad()) throw UnreadableClaims(path.string());  // a directory, a device gone
    ImpactReport report = merged(first_index);
    explain_examples(path, report);
    return report;
  }

 private:
  void decide_record(const ClaimReadResult& read, std::size_t index, std::size_t worker) {
    Tally& tally = tallies_[worker];
    if (!read.claim) {
      ++tally.invalid;
      return;
    }
    const Claim& claim = *read.claim;
    const ClaimDecision before = decide_claim(before_, claim, before_scratches_[worker], nullptr);
    const ClaimDecision after = decide_claim(after_, claim, after_scratches_[worker], nullptr);
    tally.total_before += before.total;
    tally.total_after += after.total;
    for (std::size_t i = 0; i < std::min(before.lines.size(), after.lines.size()); ++i) {
      // The old rule set names what was billed; a code it does not know is named by the new one.
      auto subject = subject_of(before_.model(), claim.lines[i].code, claim.date);
      if (!subject) subject = subject_of(after_.model(), claim.lines[i].code, claim.date);
      if (!subject) subject = std::pair{std::string(unknown_code), std::string(no_article)};
      add_line(tally.by_act[subject->first], before.lines[i], after.lines[i]);
      add_line(tally.by_article[subject->second], before.lines[i], after.lines[i]);
    }
    const auto kind = change_kind(before, after);
    if (!kind) return;
    ++tally.changed[*kind];
    auto& candidates = tally.candidates[*kind];
    if (candidates.size() < options_.examples) candidates.push_back(Candidate{index, claim.patient.id});
  }

  ImpactReport merged(std::size_t claims) {
    ImpactReport report;
    report.claims = claims;
    for (auto& tally : tallies_) {
      report.invalid += tally.invalid;
      for (const auto& [kind, count] : tally.changed) report.changed[kind] += count;
      report.total_before += tally.total_before;
      report.total_after += tally.total_after;
      merge(report.by_act, tally.by_act);
      merge(report.by_article, tally.by_article);
      for (auto& [kind, candidates] : tally.candidates) {
        auto& all = wanted_[kind];
        all.insert(all.end(), candidates.begin(), candidates.end());
      }
    }
    for (auto& [kind, candidates] : wanted_) {
      std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) { return a.index < b.index; });
      if (candidates.size() > options_.examples) candidates.resize(options_.examples);
    }
    return report;
  }

  // Replays, in input order, the claims of the examples' patients up to the last example, so
  // that each example is decided with the same history as in the first pass, now explained.
  void explain_examples(const std::filesystem::path& path, ImpactReport& report) const {
    std::map<std::size_t, std::string> kind_at;
    std::set<std::string> patients;
    for (const auto& [kind, candidates] : wanted_) {
      for (const auto& candidate : candidates) {
        kind_at[candidate.index] = kind;
        if (!candidate.patient.empty()) patients.insert(candidate.patient);
      }
    }
    if (kind_at.empty()) return;
    std::ifstream input(path, std::ios::binary);
    EvaluationScratch before_scratch;
    EvaluationScratch after_scratch;
    std::string line;
    for (std::size_t index = 0; index <= kind_at.rbegin()->first && std::getline(input, line); ++index) {
      const auto example = kind_at.find(index);
      // A cheap filter before parsing: the line must hold one of the patients' ids.
      if (example == kind_at.end() && std::none_of(patients.begin(), patients.end(), [&](const auto& id) {
            return line.find(id) != std::string::npos;
          })) {
        continue;
      }
      const ClaimReadResult read = read_claim(line);
      if (!read.claim || (example == kind_at.end() && patients.count(read.claim->patient.id) == 0)) continue;
      ImpactExample explained;
      const bool wanted = example != kind_at.end();
      explained.line_number = index + 1;
      explained.before = decide_claim(before_, *read.claim, before_scratch, wanted ? &explained.before_steps : nullptr);
      explained.after = decide_claim(after_, *read.claim, after_scratch, wanted ? &explained.after_steps : nullptr);
      if (wanted) report.examples[example->second].push_back(std::move(explained));
    }
  }

  const RuleSet& before_;
  const RuleSet& after_;
  const ImpactOptions& options_;
  std::size_t jobs_;
  std::vector<Tally> tallies_;
  std::vector<EvaluationScratch> before_scratches_;
  std::vector<EvaluationScratch> after_scratches_;
  std::map<std::string, std::vector<Candidate>> wanted_;
};

// ------------------------------------------------------------------ output

// "decision accepted -> refused" (the report's key) -> "décision acceptée → refusée".
std::string kind_label(const std::string& kind, Language language) {
  const bool en = language == Language::english;
  if (kind == "total") return en ? "same decision, another total" : "même décision, autre montant total";
  if (kind == "lines")
    return en ? "same decision and total, a line moves" : "même décision et même total, une ligne change";
  const auto word = [&](std::string_view key) {
    for (const Decision d : {Decision::accepted, Decision::refused, Decision::prior_approval, Decision::invalid}) {
      if (to_string(d) == key) return std::string(decision_word(d, language));
    }
    return std::string(key);
  };
  const std::string rest = kind.substr(std::string_view("decision ").size());
  const std::size_t arrow = rest.find(" -> ");
  return fmt::format("{} {} → {}", en ? "decision" : "décision", word(rest.substr(0, arrow)),
                     word(rest.substr(arrow + 4)));
}

std::string decision_text(const ClaimDecision& decision, Language language) {
  std::vector<std::string> lines;
  for (const auto& line : decision.lines) {
    std::string text = fmt::format("{} {} {}", line.code, decision_word(line.decision, language),
                                   line.amount ? line.amount->to_string(2) : "—");
    for (const auto& reason : line.reasons) {
      const std::string_view source = reason_source(reason);
      text += source.empty() ? fmt::format(" (« {} »)", render_message(reason, language))
                             : fmt::format(" (« {} », {})", render_message(reason, language), source);
    }
    lines.push_back(std::move(text));
  }
  for (const auto& reason : decision.reasons) lines.push_back(fmt::format("« {} »", render_message(reason, language)));
  return fmt::format("{}, total {}{}{}", decision_word(decision.decision, language), decision.total.to_string(2),
                     colon(language), fmt::join(lines, " ; "));
}

std::string steps_text(const std::vector<const ExplanationStep*>& steps, Language language) {
  std::string out;
  for (const auto* engine_step : steps) {
    const ExplanationStep step = step_in(*engine_step, language);
    out += fmt::format("    - {}{}{}{}\n", step.what, colon(language), step.value,
                       step.source.empty() ? "" : " (" + step.source + ")");
  }
  return out;
}

std::vector<const ExplanationStep*> every_step(const std::vector<ExplanationStep>& steps) {
  std::vector<const ExplanationStep*> result;
  for (const auto& step : steps) result.push_back(&step);
  return result;
}

// An example: the decision before and after, each with its steps, all of them or only those
// the other side lacks, then how many steps both share.
std::string example_text(const ImpactExample& example, bool all_steps, Language language) {
  const bool en = language == Language::english;
  const StepDifference difference = differing_steps(example.before_steps, example.after_steps);
  std::string out = fmt::format("\n- {} {} ({} {})\n", en ? "claim" : "facture", example.before.id,
                                en ? "line" : "ligne", example.line_number);
  out += fmt::format("  - {} : {}\n", en ? "before" : "avant", decision_text(example.before, language));
  out += steps_text(all_steps ? every_step(example.before_steps) : difference.only_before, language);
  out += fmt::format("  - {} : {}\n", en ? "after" : "après", decision_text(example.after, language));
  out += steps_text(all_steps ? every_step(example.after_steps) : difference.only_after, language);
  if (!all_steps && difference.shared != 0) {
    out += fmt::format(
        fmt::runtime(en ? "  - {} identical step(s) left out (--all-steps shows them)\n"
                        : "  - {} étape(s) identique(s) avant et après, omise(s) (--all-steps les montre)\n"),
        difference.shared);
  }
  return out;
}

std::string table(const std::map<std::string, LineTotals>& rows, std::string_view heading, Language language) {
  const bool en = language == Language::english;
  std::string out = fmt::format("| {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---:|\n", heading,
                                en ? "lines" : "lignes", en ? "lines changed" : "lignes changées",
                                en ? "before" : "avant", en ? "after" : "après", en ? "difference" : "écart");
  for (const auto& [key, totals] : rows) {
    out +=
        fmt::format("| {} | {} | {} | {} | {} | {} |\n", key, totals.lines, totals.changed, totals.before.to_string(2),
                    totals.after.to_string(2), (totals.after - totals.before).to_string(2));
  }
  return out;
}

nlohmann::json totals_json(const std::map<std::string, LineTotals>& rows, std::string_view key_name) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [key, totals] : rows) {
    out.push_back({{key_name, key},
                   {"lines", totals.lines},
                   {"changed_lines", totals.changed},
                   {"before", totals.before.to_string(2)},
                   {"after", totals.after.to_string(2)}});
  }
  return out;
}

nlohmann::json steps_json(const std::vector<ExplanationStep>& steps) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& step : steps) out.push_back({{"what", step.what}, {"value", step.value}, {"source", step.source}});
  return out;
}

}  // namespace

ClaimDecision decide_claim(const RuleSet& rule_set, const Claim& claim, EvaluationScratch& scratch,
                           std::vector<ExplanationStep>* steps) {
  try {
    return rule_set.evaluate_in_sequence(claim, scratch, steps);
  } catch (const std::exception& error) {
    return engine_failure(claim.id, error, rule_set.hash());
  }
}

std::size_t ImpactReport::changed_claims() const {
  std::size_t sum = 0;
  for (const auto& [kind, count] : changed) sum += count;
  return sum;
}

ImpactReport measure_impact(const RuleSet& before, const RuleSet& after, const std::filesystem::path& claims,
                            const ImpactOptions& options) {
  return ImpactRun(before, after, options).run(claims);
}

std::string impact_markdown(const ImpactReport& report, const DiffTitles& titles, Language language, bool all_steps) {
  const bool en = language == Language::english;
  std::string out = fmt::format("# {} : {} → {}\n\n", en ? "Impact" : "Impact", titles.before, titles.after);
  out += fmt::format("| | {} | {} |\n|---|---:|---:|\n", titles.before, titles.after);
  out += fmt::format("| {} | {} | {} |\n", en ? "claims read" : "factures lues", report.claims, report.claims);
  out += fmt::format("| {} | {} | {} |\n", en ? "invalid records" : "enregistrements invalides", report.invalid,
                     report.invalid);
  out += fmt::format("| {} | {} | {} |\n\n", en ? "total amount" : "montant total", report.total_before.to_string(2),
                     report.total_after.to_string(2));
  out += fmt::format("{} : {} ({} {}).\n", en ? "Claims that change" : "Factures qui changent", report.changed_claims(),
                     en ? "difference of the total" : "écart du total",
                     (report.total_after - report.total_before).to_string(2));
  for (const auto& [kind, count] : report.changed) out += fmt::format("- {} : {}\n", kind_label(kind, language), count);
  out += fmt::format("\n## {}\n\n{}", en ? "By act" : "Par acte", table(report.by_act, en ? "act" : "acte", language));
  out += fmt::format("\n## {}\n\n{}", en ? "By article" : "Par article", table(report.by_article, "article", language));
  if (report.examples.empty()) return out;
  out += fmt::format("\n## {}\n", en ? "Examples" : "Exemples");
  for (const auto& [kind, examples] : report.examples) {
    out += fmt::format("\n### {} ({} {} {})\n", kind_label(kind, language), examples.size(), en ? "of" : "sur",
                       report.changed.at(kind));
    for (const auto& example : examples) out += example_text(example, all_steps, language);
  }
  return out;
}

nlohmann::json impact_json(const ImpactReport& report, const DiffTitles& titles) {
  nlohmann::json examples = nlohmann::json::object();
  for (const auto& [kind, list] : report.examples) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& example : list) {
      items.push_back({{"line", example.line_number},
                       {"before", nlohmann::json::parse(write_decision(example.before))},
                       {"after", nlohmann::json::parse(write_decision(example.after))},
                       {"before_explanation", steps_json(example.before_steps)},
                       {"after_explanation", steps_json(example.after_steps)}});
    }
    examples[kind] = std::move(items);
  }
  return {{"before", titles.before},
          {"after", titles.after},
          {"claims", report.claims},
          {"invalid", report.invalid},
          {"changed_claims", report.changed_claims()},
          {"changed", report.changed},
          {"total_before", report.total_before.to_string(2)},
          {"total_after", report.total_after.to_string(2)},
          {"by_act", totals_json(report.by_act, "act")},
          {"by_article", totals_json(report.by_article, "article")},
          {"examples", std::move(examples)}};
}

}  // namespace cotation::tools
