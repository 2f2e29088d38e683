// From syntax trees to the evaluation graph: the compiler's stages, in the order they run.
// Each stage is a file of src/compile/ over one shared Compilation (compilation.hpp): names
// resolved, amendments applied, values, acts and revaluations into schedules, the code index,
// rules with their checks, examples and schemes; expressions are type-checked (types.cpp) as the
// stages meet them. Every problem is a diagnostic at its source position; the graph is built
// only when there is none, then its guards are compiled (guards.cpp).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "compile/compilation.hpp"
#include "compile/compiler.hpp"
#include "compile/guards.hpp"
#include "compile/model.hpp"
#include "cotation/version.h"
#include "parse/parser.hpp"

namespace cotation {
namespace model {

Day day_of(const Date& date) {
  return static_cast<Day>(std::chrono::sys_days(date).time_since_epoch().count());
}

std::string date_text(Day day) {
  const std::chrono::year_month_day date{std::chrono::sys_days(std::chrono::days(day))};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

}  // namespace model

namespace {

using syntax::DeclarationKind;

// The stages in the order they run; each reads what the ones before it left in `c`.
std::unique_ptr<RuleSet::Model> run_stages(const ParsedRuleSet& parsed, const CompileOptions& options,
                                           std::vector<Diagnostic>& diagnostics) {
  using namespace compiler;
  Compilation c(parsed, options, diagnostics);
  // names (resolve.cpp), then the amendments on the working copies (amendments.cpp)
  collect(c);
  check_sources(c);
  if (options.apply_amendments) apply_amendments(c);
  declare_indices(c);
  // values and cotations into schedules (values.cpp, acts.cpp)
  for (const auto* d : c.of_kind(DeclarationKind::parameter)) build_parameter(c, *d);
  for (const auto* d : c.of_kind(DeclarationKind::letter)) build_letter(c, *d);
  for (const auto* d : c.of_kind(DeclarationKind::item)) build_item(c, *d);
  check_schedules(c);
  for (const auto* d : c.of_kind(DeclarationKind::act)) build_act(c, *d);
  // groups (scopes.cpp), revaluations (revaluations.cpp), the code index (code_index.cpp)
  check_groups(c);
  collect_groups(c);
  apply_revaluations(c);
  check_amounts(c);  // every amount the set can produce (amounts.cpp)
  index_codes(c);
  // rules (rules.cpp), the checks over them together (rule_checks.cpp), the order in which
  // `seulement avec` has lines decided (requirements.cpp)
  for (const auto* d : c.of_kind(DeclarationKind::rule)) build_rule(c, *d);
  resolve_exceptions(c);
  check_rule_conflicts(c);
  index_rules(c);
  order_requirements(c);
  // examples (examples.cpp) and schemes (schemes.cpp)
  for (const auto* d : c.of_kind(DeclarationKind::example)) build_example(c, *d);
  for (const auto* d : c.of_kind(DeclarationKind::scheme)) build_scheme(c, *d);
  return std::move(c.model);
}

// FNV-1a over the files' names and contents, in their stable order, then the reading (as
// consolidated, or as signed: the same files decide differently) and the engine's version
// (cotation/version.h, the project's), so
// that two readings or two engines never share a hash.
std::string content_hash(const ParsedRuleSet& parsed, const CompileOptions& options) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  const auto mix = [&](std::string_view bytes) {
    for (const char c : bytes) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 0x100000001b3ULL;
    }
  };
  for (const auto& source : parsed.sources) {
    mix(std::filesystem::path(source->path()).filename().string());
    mix(std::string_view("\0", 1));
    mix(source->text());
  }
  mix(std::string_view("\0lecture\0", 9));
  mix(options.apply_amendments ? "consolidée" : "telle que signée");
  mix(std::string_view("\0moteur\0", 8));
  mix(COTATION_VERSION_STRING);
  return fmt::format("fnv1a64:{:016x}", hash);
}

bool has_error(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

// Parses, then — when the syntax is clean — checks the rule set as a whole and builds its
// graph. The one path behind both `check` and `eval`.
std::unique_ptr<RuleSet::Model> parse_and_compile(const ParsedRuleSet& parsed, const CompileOptions& options,
                                                  std::vector<Diagnostic>& diagnostics) {
  diagnostics = parsed.diagnostics;
  if (has_error(diagnostics)) return nullptr;
  auto model = run_stages(parsed, options, diagnostics);
  sort_diagnostics(diagnostics);
  if (has_error(diagnostics)) return nullptr;
  model->hash = content_hash(parsed, options);
  model::compile_guards(*model);
  return model;
}

}  // namespace

CompileResult compile_parsed_rule_set(const ParsedRuleSet& parsed, const CompileOptions& options) {
  CompileResult result;
  if (auto model = parse_and_compile(parsed, options, result.diagnostics)) {
    result.rule_set = std::make_shared<const RuleSet>(std::move(model));
  }
  return result;
}

CompileResult compile_rule_set(const std::filesystem::path& path, const CompileOptions& options) {
  return compile_parsed_rule_set(parse_rule_set(path, options.parse), options);
}

CompileResult compile_rule_set(std::vector<RuleText> files, const CompileOptions& options) {
  return compile_parsed_rule_set(parse_rule_texts(std::move(files), options.parse), options);
}

std::size_t CheckReport::error_count() const noexcept {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

CheckReport check_rule_set(const std::filesystem::path& path, const ParseOptions& options) {
  const ParsedRuleSet parsed = parse_rule_set(path, options);
  CheckReport report;
  CompileOptions compile_options;
  compile_options.parse = options;
  (void)parse_and_compile(parsed, compile_options, report.diagnostics);
  report.file_count = parsed.files.size();
  for (const auto& file : parsed.files) report.declaration_count += file.declarations.size();
  return report;
}

}  // namespace cotation
