// A syntax tree written out without its positions, so that two parses of one meaning
// compare equal however the text was laid out (used by the fmt tests). A new kind of
// statement needs its overload here: the std::visit below does not compile without it.
#pragma once

#include <string>
#include <variant>

#include "parse/syntax_tree.hpp"

// In the namespace of the syntax tree, so that the templates below find every overload.
namespace cotation::syntax {

inline std::string text(const std::string& value) {
  return "\"" + value + "\"";
}
inline std::string text(bool value) {
  return value ? "yes" : "no";
}
inline std::string text(std::uint32_t value) {
  return std::to_string(value);
}
inline std::string text(const Name& name) {
  return name.text;
}
inline std::string text(const CalendarDate& date) {
  return std::to_string(date.year) + "-" + std::to_string(date.month) + "-" + std::to_string(date.day);
}
template <typename T>
std::string text(const std::optional<T>& value) {
  return value ? "(" + text(*value) + ")" : "-";
}
template <typename T>
std::string text(const std::vector<T>& values) {
  std::string out = "[";
  for (const auto& value : values) out += text(value) + ";";
  return out + "]";
}
inline std::string text(const Literal& literal) {
  return "lit" + std::to_string(static_cast<int>(literal.kind)) + ":" + literal.text + ":" + literal.unit + ":" +
         text(literal.date);
}
inline std::string text(const Citation& citation) {
  return "selon " + text(citation.source) + text(citation.detail);
}
inline std::string text(const Period& period) {
  return text(period.since) + ".." + text(period.until);
}
inline std::string text(const Selector& selector) {
  return std::to_string(static_cast<int>(selector.kind)) + text(selector.name);
}
inline std::string text(const Expression& expression) {
  return "(" + std::to_string(static_cast<int>(expression.kind)) + expression.operator_text + " " +
         text(expression.literal) + text(expression.path) + text(expression.operands) + text(expression.day_rounding) + ")";
}
inline std::string text(const PricedValue& value) {
  return text(value.amount) + text(value.per_kilometre) + text(value.region);
}
inline std::string text(const Rounding& rounding) {
  return text(rounding.unit) + text(rounding.mode);
}
inline std::string text(const ClassificationPair& pair) {
  return text(pair.key) + "=" + text(pair.value);
}
inline std::string text(const Threshold& threshold) {
  return std::to_string(static_cast<int>(threshold.scope)) + text(threshold.sessions) + text(threshold.window);
}
inline std::string text(const Target& target) {
  return std::to_string(static_cast<int>(target.kind)) + text(target.name);
}
std::string text(const Statement& statement);

inline std::string node_text(const ValueStatement& s) {
  return "valeur" + text(s.values) + text(s.period) + text(s.citation);
}
inline std::string node_text(const NoteStatement& s) {
  return "note" + text(s.text);
}
inline std::string node_text(const RoundingStatement& s) {
  return "arrondi" + text(s.rounding) + text(s.citation);
}
inline std::string node_text(const TelecareStatement& s) {
  return "télésoin des actes" + text(s.citation);
}
inline std::string node_text(const ScheduleUse& s) { return "valeur barème " + s.schedule.text; }
inline std::string node_text(const ComputationStatement& s) {
  return "calcul" + text(s.expression) + text(s.rounding) + text(s.citation);
}
inline std::string node_text(const ConditionStatement& s) {
  return "condition" + text(s.expression) + text(s.message) + text(s.citation);
}
inline std::string node_text(const ParameterValue& s) {
  return "valeur" + text(s.value) + text(s.period) + text(s.citation);
}
inline std::string node_text(const ArticleStatement& s) {
  return "article" + text(s.citation);
}
inline std::string node_text(const ClassificationStatement& s) {
  return "classement" + text(s.pairs);
}
inline std::string node_text(const CotationStatement& s) {
  return "cotation" + text(s.replaced) + text(s.key_letter) + text(s.coefficient) + text(s.period) + text(s.citation);
}
inline std::string node_text(const ReferentialStatement& s) {
  return "referentiel" + text(s.name) + text(s.thresholds) + text(s.citation);
}
inline std::string node_text(const PendingStatement& s) {
  return "attente" + text(s.reason) + text(s.citation);
}
inline std::string node_text(const RemovedStatement& s) {
  return "supprime" + text(s.since) + text(s.citation);
}
inline std::string node_text(const SelectorStatement& s) {
  return "pour" + text(s.selectors);
}
inline std::string node_text(const PeriodStatement& s) {
  return "periode" + text(s.period);
}
inline std::string node_text(const WhenStatement& s) {
  return "si" + text(s.condition);
}
inline std::string node_text(const OutcomeStatement& s) {
  return "alors" + std::to_string(static_cast<int>(s.kind)) + text(s.rate);
}
inline std::string node_text(const LimitStatement& s) {
  return "auplus" + text(s.count) + text(s.counted_unit) + text(s.scopes);
}
inline std::string node_text(const CumulationStatement& s) {
  return "noncumulable" + text(s.excluded);
}
inline std::string node_text(const RequirementStatement& s) {
  return "seulementavec" + text(s.required);
}
inline std::string node_text(const MessageStatement& s) {
  return "message" + text(s.text);
}
inline std::string node_text(const CitationStatement& s) {
  return text(s.citation);
}
inline std::string node_text(const StepStatement& s) {
  return "coefficient" + text(s.amount) + text(s.since) + text(s.citation);
}
inline std::string node_text(const Postponement& s) {
  return "reporte" + text(s.target) + text(s.from) + text(s.to);
}
inline std::string node_text(const Repeal& s) {
  return "abroge" + text(s.target) + text(s.since);
}
inline std::string node_text(const Addition& s) {
  return "ajoute" + text(s.target) + text(s.statements);
}
inline std::string node_text(const AmountStatement& s) {
  return "montant" + text(s.name) + text(s.label) + text(s.amount) + text(s.condition) +
         text(s.outside_prerequisites) + text(s.period) + text(s.citation);
}
inline std::string node_text(const FactStatement& s) {
  return "fait" + text(s.name) + text(s.label) + std::to_string(static_cast<int>(s.type));
}
inline std::string node_text(const InstalmentStatement& s) {
  return "versement" + text(s.year_offset) + text(s.amount) + text(s.at_signature) + text(s.citation);
}
inline std::string node_text(const DecisionStatement& s) {
  return "décision" + text(s.label) + text(s.condition) + text(s.citation);
}
inline std::string node_text(const TotalStatement& s) {
  return "total" + text(s.amount) + text(s.citation);
}

inline std::string node_text(const ExampleField& s) {
  return "champ" + text(s.path) + std::visit([](const auto& value) { return text(value); }, s.value);
}
inline std::string node_text(const ExampleLine& s) {
  return "ligne" + text(s.code) + std::to_string(static_cast<int>(s.decision)) + text(s.amount) + text(s.reason);
}

inline std::string text(const Statement& statement) {
  return std::visit([](const auto& node) { return node_text(node); }, statement.node);
}

inline std::string text(const Declaration& declaration) {
  return std::to_string(static_cast<int>(declaration.kind)) + text(declaration.name) + text(declaration.label) +
         text(declaration.source.signed_on) + text(declaration.source.published_on) +
         text(declaration.source.in_force_on) + text(declaration.source.rank) + text(declaration.exception_of) +
         text(declaration.citation) + text(declaration.statements) + "\n";
}

}  // namespace cotation::syntax

namespace cotation::testing {

inline std::string syntax_tree_text(const syntax::File& file) {
  return syntax::text(file.declarations);
}

}  // namespace cotation::testing
