// What the compiler's stages share: the parsed rule set in, the graph being built and the
// diagnostics out, the working copies of the amended declarations, and the tables one stage
// leaves for the next. Also the small readings every stage makes of the syntax (a citation, a
// period, a number, a literal) and the stages themselves, in the order compiler.cpp runs them.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compile/model.hpp"
#include "parse/parser.hpp"

namespace cotation::compiler {

using model::Day;
using model::NodeId;
using model::Type;
using syntax::DeclarationKind;

struct Compilation {
  Compilation(const ParsedRuleSet& parsed_in, const CompileOptions& options_in, std::vector<Diagnostic>& diagnostics_in)
      : parsed(parsed_in), options(options_in), diagnostics(diagnostics_in) {}

  void report(const syntax::Position& at, std::string id, std::vector<std::string> arguments = {},
              Severity severity = Severity::error);
  // Reports `id` for `name`, declared nowhere as a `kind`; when a declared one is close
  // (parse/suggestion.hpp), reports `id`_near instead, with that name as last argument.
  void report_unknown(const syntax::Name& name, DeclarationKind kind, std::string id,
                      std::vector<std::string> arguments);
  // `outre_mer`, the region's old name, still read as `drom`: a warning asks for `drom`.
  // `folded` is the name as utf8::fold spells it.
  void warn_old_region_name(const syntax::Name& name, std::string_view folded);

  // The declarations of one kind, in file order, the repealed ones left out.
  [[nodiscard]] std::vector<const syntax::Declaration*> of_kind(DeclarationKind kind) const;
  [[nodiscard]] const syntax::Declaration* find(DeclarationKind kind, std::string_view name) const;
  // The declaration, to be amended: its working copy, made at the first amendment that targets
  // it (the others are read where the parser left them). Null when none has that name.
  [[nodiscard]] syntax::Declaration* amend(DeclarationKind kind, std::string_view name);
  [[nodiscard]] std::optional<Day> repealed_since(const syntax::Declaration& declaration) const;

  // The citation as an explanation shows it, after checking that its source exists and
  // that what it dates does not take effect before the text was signed.
  model::Citation citation(const syntax::Citation& cited, std::optional<Day> effect = std::nullopt);
  model::Period period(const syntax::Period& written);
  Decimal decimal(const syntax::Literal& literal);
  model::Value literal_value(const syntax::Literal& literal);

  const ParsedRuleSet& parsed;
  const CompileOptions& options;
  std::vector<Diagnostic>& diagnostics;
  std::unique_ptr<RuleSet::Model> model = std::make_unique<RuleSet::Model>();

  // resolve and amendments
  // Each declaration by key: in the parsed files, or its working copy once amended.
  std::map<std::string, const syntax::Declaration*> declarations;
  std::map<std::string, syntax::Declaration> amended_copies;
  std::vector<const syntax::Declaration* const*> order;  // file order, into `declarations`
  std::set<std::string> repealed;
  std::map<std::string, Day> repealed_since_day;
  std::map<std::string, std::uint32_t> act_index;
  std::map<std::string, std::uint32_t> parameter_index;
  // acts and scopes
  std::set<std::string> reported_cycles;
  std::set<std::string> letters_without_rounding;
  std::set<std::uint32_t> acts_in_error;
  std::set<std::string> used_schedules;  // names of the schedules a letter or an item takes
  bool schedule_unresolved =
      false;  // a use named none: "unused" would repeat it  // reported already: the checks over rules keep quiet
  // types
  std::map<std::string, NodeId> interned;
  const std::map<std::string, std::uint32_t>* scheme_facts = nullptr;  // while a scheme is built
  std::string scheme_name;
  // rules, for the checks
  std::vector<std::string> rule_conditions;
  std::vector<syntax::Position> rule_positions;
  std::vector<std::pair<std::size_t, syntax::Name>> pending_exceptions;
};

// Letters, items and acts share one namespace of billable codes; each other kind has its own.
[[nodiscard]] std::string declaration_key(DeclarationKind kind, std::string_view name);
[[nodiscard]] model::Day day_of(const syntax::CalendarDate& date);
[[nodiscard]] std::string_view kind_word(DeclarationKind kind);
[[nodiscard]] std::string_view type_word(Type type);

// An expression's node and its type; no type when a problem was reported.
using Typed = std::pair<NodeId, std::optional<Type>>;

// ---------------------------------------------------------------- the stages, in order

// resolve.cpp
void collect(Compilation& c);
void check_sources(Compilation& c);
void declare_indices(Compilation& c);
// amendments.cpp
void apply_amendments(Compilation& c);
// values.cpp
void build_parameter(Compilation& c, const syntax::Declaration& declaration);
void build_letter(Compilation& c, const syntax::Declaration& declaration);
void build_item(Compilation& c, const syntax::Declaration& declaration);
// acts.cpp
void build_act(Compilation& c, const syntax::Declaration& declaration);
// scopes.cpp
void check_groups(Compilation& c);
void collect_groups(Compilation& c);  // Model::groups, for the tools
// values.cpp: a schedule no letter or item takes is reported (a warning).
void check_schedules(Compilation& c);
// revaluations.cpp
void apply_revaluations(Compilation& c);
// amounts.cpp
void check_amounts(Compilation& c);
// code_index.cpp
void index_codes(Compilation& c);
// rules.cpp
void build_rule(Compilation& c, const syntax::Declaration& declaration);
// rule_checks.cpp
void resolve_exceptions(Compilation& c);
void check_rule_conflicts(Compilation& c);
// rules.cpp
void index_rules(Compilation& c);
// requirements.cpp: the pass of each act and item from the rules' `seulement avec`.
void order_requirements(Compilation& c);
// examples.cpp
void build_example(Compilation& c, const syntax::Declaration& declaration);
// schemes.cpp
void build_scheme(Compilation& c, const syntax::Declaration& declaration);

// ---------------------------------------------------------------- shared between stages

// values.cpp: sorts dated entries and reports the overlaps and the gaps between them.
// `cotations` says whether the entries are an act's cotations or a declaration's values.
template <typename Entry>
void check_schedule(Compilation& c, std::vector<std::pair<Entry, syntax::Position>>& entries, std::string_view what,
                    const std::string& name, bool cotations = false);
extern template void check_schedule(Compilation&, std::vector<std::pair<model::RegionalValue, syntax::Position>>&,
                                    std::string_view, const std::string&, bool);
extern template void check_schedule(Compilation&, std::vector<std::pair<model::Cotation, syntax::Position>>&,
                                    std::string_view, const std::string&, bool);
// values.cpp: a `condition` statement of an item, an act or a scheme.
model::Condition build_condition(Compilation& c, const syntax::ConditionStatement& written, const std::string& owner,
                                 std::size_t index);
// acts.cpp: the key letter a cotation or a selector names.
std::optional<std::uint32_t> letter(Compilation& c, const syntax::Name& name);
// scopes.cpp: which acts and items a selector list designates; groups are expanded.
model::Scope scope(Compilation& c, const std::vector<syntax::Selector>& selectors);
// types.cpp: an expression type-checked into the shared node array.
Typed expression(Compilation& c, const syntax::Expression& e);
// compilation.cpp: `patient.âge` as the claim fields spell it (`patient.age`), and as written.
std::string folded_path(const std::vector<syntax::Name>& path);
std::string joined_path(const std::vector<syntax::Name>& path);

}  // namespace cotation::compiler
