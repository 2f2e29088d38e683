// Acts: their articles, classifications, cotations (a schedule, each key letter with a
// rounding), referential thresholds, conditions, removal, the series their sessions make. In:
// act declarations and the model letters; out: model acts.
#include <algorithm>
#include <variant>

#include "compile/compilation.hpp"

namespace cotation::compiler {

using namespace model;

std::optional<std::uint32_t> letter(Compilation& c, const syntax::Name& name) {
  const auto it = c.model->letter_index.find(name.text);
  if (it == c.model->letter_index.end()) {
    c.report_unknown(name, DeclarationKind::letter, "compile.unknown_letter", {name.text});
    return std::nullopt;
  }
  return it->second;
}

namespace {

// Act::series for `act`, about to be the model's next act.
std::uint32_t series_of(const Compilation& c, const Act& act) {
  for (const auto& [criterion, value] : act.classification) {
    if (criterion == "nature" && (value == "diagnostic" || value == "supplément" || value == "supplement")) {
      return no_series;
    }
  }
  const auto& acts = c.model->acts;
  for (const Referential& referential : act.referentials) {
    for (const Act& earlier : acts) {
      const auto same = [&](const Referential& r) { return r.name == referential.name; };
      if (std::any_of(earlier.referentials.begin(), earlier.referentials.end(), same)) return earlier.series;
    }
  }
  return static_cast<std::uint32_t>(acts.size());
}

}  // namespace

void build_act(Compilation& c, const syntax::Declaration& declaration) {
  const std::size_t findings_before = c.diagnostics.size();
  Act act;
  act.name = declaration.name.text;
  act.label = declaration.label;
  std::vector<std::pair<Cotation, syntax::Position>> cotations;
  for (const auto& statement : declaration.statements) {
    std::visit(
        [&](const auto& node) {
          using T = std::decay_t<decltype(node)>;
          if constexpr (std::is_same_v<T, syntax::ArticleStatement>) {
            act.article = c.citation(node.citation);
            act.article_reference = node.citation.detail.value_or("");
          } else if constexpr (std::is_same_v<T, syntax::ClassificationStatement>) {
            for (const auto& pair : node.pairs) act.classification.emplace_back(pair.key.text, pair.value.text);
          } else if constexpr (std::is_same_v<T, syntax::CotationStatement>) {
            const auto letter_index = letter(c, node.key_letter);
            if (!letter_index) return;
            Cotation cotation{*letter_index,
                              c.decimal(node.coefficient),
                              c.period(node.period),
                              {},
                              Origin{statement.position.file, statement.position.offset},
                              {},
                              node.shared};
            cotation.citation = c.citation(node.citation, cotation.period.since);
            if (node.replaced) {
              act.replaced.push_back(std::move(cotation));
            } else {
              cotations.emplace_back(std::move(cotation), statement.position);
            }
          } else if constexpr (std::is_same_v<T, syntax::ReferentialStatement>) {
            Referential referential{node.name, {}, c.citation(node.citation)};
            for (const auto& t : node.thresholds) {
              Threshold threshold;
              threshold.sessions = t.sessions;
              threshold.scope = t.scope == syntax::ThresholdScope::series   ? Threshold::Scope::series
                                : t.scope == syntax::ThresholdScope::window ? Threshold::Scope::window
                                                                            : Threshold::Scope::from_session;
              if (t.window && !(c.literal_value(*t.window).months && c.literal_value(*t.window).integer == 12)) {
                c.report(t.window->position, "compile.unsupported_window", {t.window->text + " " + t.window->unit});
              }
              referential.thresholds.push_back(threshold);
            }
            act.referentials.push_back(std::move(referential));
          } else if constexpr (std::is_same_v<T, syntax::PendingStatement>) {
            act.pending = node.reason;
            if (node.citation) act.pending_citation = c.citation(*node.citation);
          } else if constexpr (std::is_same_v<T, syntax::RemovedStatement>) {
            act.removed_since = day_of(node.since);
            act.removed_citation = c.citation(node.citation, act.removed_since);
          } else if constexpr (std::is_same_v<T, syntax::ConditionStatement>) {
            act.conditions.push_back(build_condition(c, node, act.name, act.conditions.size()));
          }
        },
        statement.node);
  }
  check_schedule(c, cotations, "acte", act.name, true);
  // Old cotations are priced too, during their transition: their letters need a rounding.
  const auto require_rounding = [&](const Cotation& cotation) {
    const Letter& used = c.model->letters[cotation.letter];
    if (!used.rounding && c.letters_without_rounding.insert(used.code).second) {
      c.report(syntax::Position{cotation.origin.file, cotation.origin.offset}, "compile.letter_without_rounding",
               {used.code});
    }
  };
  for (const auto& entry : cotations) require_rounding(entry.first);
  for (const auto& replaced : act.replaced) require_rounding(replaced);
  for (auto& [cotation, position] : cotations) act.cotations.push_back(std::move(cotation));
  if (const auto since = c.repealed_since(declaration)) {
    act.removed_since = std::min(act.removed_since.value_or(last_day), *since);
  }
  const bool writes_cotation =
      std::any_of(declaration.statements.begin(), declaration.statements.end(), [](const auto& st) {
        const auto* cotation = std::get_if<syntax::CotationStatement>(&st.node);
        return cotation != nullptr && !cotation->replaced;
      });
  if (!writes_cotation && !act.pending) c.report(declaration.name.position, "compile.act_without_cotation", {act.name});
  act.series = series_of(c, act);
  if (std::any_of(c.diagnostics.begin() + static_cast<std::ptrdiff_t>(findings_before), c.diagnostics.end(),
                  [](const Diagnostic& d) { return d.severity == Severity::error; })) {
    c.acts_in_error.insert(static_cast<std::uint32_t>(c.model->acts.size()));
  }
  c.model->acts.push_back(std::move(act));
}

}  // namespace cotation::compiler
