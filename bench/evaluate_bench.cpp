// Benchmarks of claim evaluation (docs/performance.md gives the figures and how to read them).
//
//   cotation_bench [--rules DIR] [--corpus FILE] [Google Benchmark flags]
//
// For each kind of claim (an act at the practice; an act + IFD + IK at home; an old cotation
// in its transition; an outdated cotation, refused; an unknown code, refused):
//   engine/<kind>    RuleSet::evaluate on a pre-parsed claim, into a reused scratch and decision
//   baseline/<kind>  the hand-written function of baseline.hpp on the same claim
//   json_read/<kind>, json_write/<kind>, json_line/<kind>
//                    read_claim alone, write_decision alone, and one JSON line read, decided
//                    and written: the share of JSON in the batch's work per claim
// Before any benchmark runs, the engine and the baseline must agree on every line decision and
// every amount of these claims; the program aborts otherwise.
//
// With --corpus FILE (JSON Lines, e.g. from tools/generate_claims.py), it also checks the
// engine against the baseline on every readable claim of the file (each claim on its own, as
// RuleSet::evaluate sees it), prints the disagreements and fails on any, then adds
// engine/corpus, baseline/corpus and json_line/corpus over the file's first claims.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "baseline.hpp"
#include "cotation/engine.hpp"
#include "evaluate/claim_json.hpp"

namespace {

using cotation::Claim;
using cotation::ClaimDecision;
using cotation::Decimal;
using cotation::Decision;
using cotation::EvaluationScratch;
using cotation::RuleSet;
using cotation::bench::BaselineDecision;

struct Kind {
  std::string name;
  std::string json;  // one claim line
  Claim claim;       // read from json
  std::size_t lines = 0;
};

// The benchmark claims, as a billing program would send them (docs/claim-format.md).
std::vector<Kind> benchmark_claims() {
  const std::string context = R"("patient":{"id":"p1","age":45},"prescription":{"kind":"medical"},)"
                              R"("series":{"session_number":3,"sessions_12_months_before":2,"prior_approval":false},)"
                              R"("time":{"night":false,"sunday_or_holiday":false,"urgent":false},"telehealth":false)";
  return {
      {"cabinet_act",
       R"({"id":"b1","date":"2026-03-02","region":"metropole","place":"cabinet",)" + context +
           R"(,"lines":[{"code":"RAM 8.09"}]})",
       {},
       0},
      {"home_act_ifd_ik",
       R"({"id":"b2","date":"2026-03-02","region":"metropole","place":"domicile",)" + context +
           R"(,"lines":[{"code":"RAM 8.09"},{"code":"IFD"},{"code":"IK"}],)"
           R"("travel":{"distance_km":"7.5","same_agglomeration":false}})",
       {},
       0},
      {"transition_old_cotation",
       R"({"id":"b3","date":"2024-04-15","region":"metropole","place":"cabinet",)" + context +
           R"(,"lines":[{"code":"AMS 7.5"}]})",
       {},
       0},
      {"refused_outdated_cotation",
       R"({"id":"b4","date":"2026-03-02","region":"metropole","place":"cabinet",)" + context +
           R"(,"lines":[{"code":"RAM 7.49"}]})",
       {},
       0},
      {"refused_unknown_code",
       R"({"id":"b5","date":"2026-03-02","region":"metropole","place":"cabinet",)" + context +
           R"(,"lines":[{"code":"XYZ 1"}]})",
       {},
       0},
  };
}

// Empty when the engine and the baseline decide the same, else what differs.
std::string disagreement(const ClaimDecision& engine, const BaselineDecision& baseline) {
  const auto same_amount = [](const std::optional<Decimal>& amount, bool has, std::int64_t cents) {
    return amount.has_value() == has && (!has || *amount == Decimal::from_scaled(cents, 2));
  };
  const auto cents_text = [](bool has, std::int64_t cents) {
    return has ? Decimal::from_scaled(cents, 2).to_string(2) : std::string("null");
  };
  std::string out;
  if (engine.decision != baseline.decision) {
    out += "claim: engine " + std::string(to_string(engine.decision)) + ", baseline " +
           std::string(to_string(baseline.decision)) + "; ";
  }
  if (!(engine.total == Decimal::from_scaled(baseline.total_cents, 2))) {
    out += "total: engine " + engine.total.to_string() + ", baseline " + cents_text(true, baseline.total_cents) + "; ";
  }
  if (engine.lines.size() != baseline.lines.size()) return out + "not the same number of lines";
  for (std::size_t i = 0; i < engine.lines.size(); ++i) {
    const auto& e = engine.lines[i];
    const auto& b = baseline.lines[i];
    if (e.decision != b.decision || !same_amount(e.amount, b.has_amount, b.cents)) {
      out += "line " + std::to_string(i) + " " + e.code + ": engine " + std::string(to_string(e.decision)) + " " +
             (e.amount ? e.amount->to_string() : "null") + ", baseline " + std::string(to_string(b.decision)) + " " +
             cents_text(b.has_amount, b.cents) + "; ";
    }
  }
  return out;
}

Claim read_or_die(const std::string& json) {
  cotation::ClaimReadResult read = cotation::read_claim(json);
  if (!read.claim) {
    std::cerr << "cotation_bench: a benchmark claim does not read: " << json << '\n';
    for (const auto& problem : read.problems) std::cerr << "  " << problem.message << '\n';
    std::abort();
  }
  return std::move(*read.claim);
}

// ------------------------------------------------------------------ the benchmarks

void engine_evaluate(benchmark::State& state, const RuleSet* rules, const std::vector<Claim>* claims,
                     std::size_t lines) {
  // As an embedding program in steady state: one scratch and one decision, reused.
  EvaluationScratch scratch;
  ClaimDecision decision;
  std::size_t i = 0;
  for (auto _ : state) {
    rules->evaluate((*claims)[i], scratch, decision);
    benchmark::DoNotOptimize(decision);
    if (++i == claims->size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["lines/s"] = benchmark::Counter(
      static_cast<double>(lines) * static_cast<double>(state.iterations()) / static_cast<double>(claims->size()),
      benchmark::Counter::kIsRate);
}

void baseline_evaluate(benchmark::State& state, const std::vector<Claim>* claims, std::size_t lines) {
  BaselineDecision decision;
  std::size_t i = 0;
  for (auto _ : state) {
    cotation::bench::baseline_evaluate((*claims)[i], decision);
    benchmark::DoNotOptimize(decision);
    benchmark::ClobberMemory();
    if (++i == claims->size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["lines/s"] = benchmark::Counter(
      static_cast<double>(lines) * static_cast<double>(state.iterations()) / static_cast<double>(claims->size()),
      benchmark::Counter::kIsRate);
}

void json_read(benchmark::State& state, const std::vector<std::string>* texts) {
  std::size_t i = 0;
  for (auto _ : state) {
    cotation::ClaimReadResult read = cotation::read_claim((*texts)[i]);
    benchmark::DoNotOptimize(read);
    if (++i == texts->size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

void json_write(benchmark::State& state, const std::vector<ClaimDecision>* decisions) {
  std::string line;
  std::size_t i = 0;
  for (auto _ : state) {
    cotation::write_decision((*decisions)[i], line);
    benchmark::DoNotOptimize(line);
    if (++i == decisions->size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

// What the batch does for one input line: read, decide, write (invalid lines are written
// from their problems, as the batch does).
void json_line(benchmark::State& state, const RuleSet* rules, const std::vector<std::string>* texts,
               std::size_t lines) {
  EvaluationScratch scratch;
  ClaimDecision decision;
  std::string out;
  std::size_t i = 0;
  for (auto _ : state) {
    cotation::ClaimReadResult read = cotation::read_claim((*texts)[i]);
    if (read.claim) {
      rules->evaluate(*read.claim, scratch, decision);
    } else {
      cotation::set_unreadable(decision, read, rules->hash());
    }
    cotation::write_decision(decision, out);
    benchmark::DoNotOptimize(out);
    if (++i == texts->size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["lines/s"] = benchmark::Counter(
      static_cast<double>(lines) * static_cast<double>(state.iterations()) / static_cast<double>(texts->size()),
      benchmark::Counter::kIsRate);
}

// ------------------------------------------------------------------ set-up

struct Workload {
  std::vector<Claim> claims;
  std::vector<std::string> texts;
  std::vector<ClaimDecision> decisions;
  std::size_t lines = 0;  // claim lines over all the claims
};

// Every claim of `path` that reads is checked against the baseline; returns the number of
// disagreements and keeps the first `keep` lines of the file as a workload.
std::size_t check_corpus(const RuleSet& rules, const std::string& path, std::size_t keep, Workload& workload) {
  std::ifstream file(path);
  if (!file) {
    std::cerr << "cotation_bench: cannot read " << path << '\n';
    std::exit(2);
  }
  EvaluationScratch scratch;
  BaselineDecision baseline;
  std::size_t read_lines = 0;
  std::size_t claims = 0;
  std::size_t disagreements = 0;
  std::string text;
  while (std::getline(file, text)) {
    ++read_lines;
    cotation::ClaimReadResult read = cotation::read_claim(text);
    if (workload.texts.size() < keep) {
      workload.texts.push_back(text);
      workload.lines += read.claim ? read.claim->lines.size() : 0;
    }
    if (!read.claim) continue;
    ++claims;
    const ClaimDecision decision = rules.evaluate(*read.claim, scratch);
    cotation::bench::baseline_evaluate(*read.claim, baseline);
    if (const std::string diff = disagreement(decision, baseline); !diff.empty()) {
      if (++disagreements <= 20)
        std::cerr << "disagreement on line " << read_lines << ": " << diff << "\n  " << text << '\n';
    }
    if (workload.claims.size() < keep) {
      workload.claims.push_back(std::move(*read.claim));
      workload.decisions.push_back(decision);
    }
  }
  std::cerr << "cotation_bench: " << path << ": " << read_lines << " lines, " << claims << " claims read, "
            << disagreements << " disagreements between the engine and the baseline\n";
  return disagreements;
}

}  // namespace

int main(int argc, char** argv) {
  std::string rules_dir = COTATION_SOURCE_DIR "/rules";
  std::string corpus;
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if ((arg == "--rules" || arg == "--corpus") && i + 1 < argc) {
      (arg == "--rules" ? rules_dir : corpus) = argv[++i];
    } else if (arg.starts_with("--rules=")) {
      rules_dir = std::string(arg.substr(8));
    } else if (arg.starts_with("--corpus=")) {
      corpus = std::string(arg.substr(9));
    } else {
      rest.push_back(argv[i]);
    }
  }
  int rest_count = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_count, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_count, rest.data())) return 2;

  const cotation::CompileResult compiled = cotation::compile_rule_set(rules_dir);
  if (!compiled.ok()) {
    for (const auto& d : compiled.diagnostics) std::cerr << cotation::render(d, cotation::Language::english) << '\n';
    return 3;
  }
  const RuleSet& rules = *compiled.rule_set;

  // One workload per kind of claim; the engine and the baseline must agree on each.
  static std::vector<Kind> kinds = benchmark_claims();
  static std::vector<Workload> workloads(kinds.size());
  EvaluationScratch scratch;
  BaselineDecision baseline;
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    Kind& kind = kinds[k];
    kind.claim = read_or_die(kind.json);
    kind.lines = kind.claim.lines.size();
    const ClaimDecision decision = rules.evaluate(kind.claim, scratch);
    cotation::bench::baseline_evaluate(kind.claim, baseline);
    if (const std::string diff = disagreement(decision, baseline); !diff.empty()) {
      std::cerr << "cotation_bench: the engine and the baseline disagree on " << kind.name << ": " << diff << '\n';
      std::abort();
    }
    std::cerr << "cotation_bench: " << kind.name << ": " << cotation::write_decision(decision) << '\n';
    workloads[k] = Workload{{kind.claim}, {kind.json}, {decision}, kind.lines};
  }
  static Workload corpus_workload;
  if (!corpus.empty()) {
    if (check_corpus(rules, corpus, 100'000, corpus_workload) != 0) return 1;
  }

  const auto add = [&](const std::string& name, Workload& w) {
    benchmark::RegisterBenchmark(("engine/" + name).c_str(), engine_evaluate, &rules, &w.claims, w.lines);
    benchmark::RegisterBenchmark(("baseline/" + name).c_str(), baseline_evaluate, &w.claims, w.lines);
    benchmark::RegisterBenchmark(("json_read/" + name).c_str(), json_read, &w.texts);
    benchmark::RegisterBenchmark(("json_write/" + name).c_str(), json_write, &w.decisions);
    benchmark::RegisterBenchmark(("json_line/" + name).c_str(), json_line, &rules, &w.texts, w.lines);
  };
  for (std::size_t k = 0; k < kinds.size(); ++k) add(kinds[k].name, workloads[k]);
  if (!corpus_workload.texts.empty()) add("corpus", corpus_workload);

  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
