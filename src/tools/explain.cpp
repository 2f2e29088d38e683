#include "tools/explain.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <istream>
#include <ostream>

#include "compile/model.hpp"
#include "evaluate/bounded_lines.hpp"
#include "evaluate/claim_chunks.hpp"
#include "evaluate/claim_json.hpp"
#include "tools/impact.hpp"
#include "tools/step_words.hpp"

namespace cotation::tools {
namespace {

// The fixed words of the text tree; the steps and reasons are the engine's and the rules' own.
struct Words {
  std::string_view claim, record, line, total, reason, rule, source;
  std::string_view accepted, refused, prior_approval, invalid;
  std::string_view metropole, drom;
  std::string_view colon;  // French typography puts a space before it
  std::string_view open_quote, close_quote;
};

constexpr Words french{"facture",
                       "enregistrement",
                       "ligne",
                       "total",
                       "motif",
                       "règle",
                       "selon",
                       "acceptée",
                       "refusée",
                       "soumise à accord préalable",
                       "invalide",
                       "métropole",
                       "outre-mer (drom)",
                       " : ",
                       "« ",
                       " »"};
constexpr Words english{"claim",
                        "record",
                        "line",
                        "total",
                        "reason",
                        "rule",
                        "source",
                        "accepted",
                        "refused",
                        "subject to prior approval",
                        "invalid",
                        "mainland France",
                        "overseas France (drom)",
                        ": ",
                        "“",
                        "”"};

std::string_view decision_word(Decision decision, const Words& words) {
  switch (decision) {
    case Decision::accepted:
      return words.accepted;
    case Decision::refused:
      return words.refused;
    case Decision::prior_approval:
      return words.prior_approval;
    case Decision::invalid:
      return words.invalid;
  }
  return words.invalid;
}

struct Node {
  std::string text;
  std::vector<Node> children;
};

void render(const std::vector<Node>& nodes, const std::string& indent, std::string& out) {
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const bool last = i + 1 == nodes.size();
    out += indent;
    out += last ? "└─ " : "├─ ";
    out += nodes[i].text;
    out += '\n';
    render(nodes[i].children, indent + (last ? "    " : "│   "), out);
  }
}

// "text (selon source)", the parenthesis left out when there is no source.
std::string cited(std::string text, const std::string& source, const Words& words) {
  if (!source.empty()) text += fmt::format(" ({} {})", words.source, source);
  return text;
}

Node step_node(const ExplanationStep& engine_step, const Words& words, Language language) {
  const ExplanationStep step = step_in(engine_step, language);
  return {cited(fmt::format("{}{}{}", step.what, words.colon, step.value), step.source, words), {}};
}

Node reason_node(const Reason& reason, const Words& words, Language language) {
  std::string text = fmt::format("{}{}{}", words.reason, words.colon, render_message(reason, language));
  const std::string_view source = reason_source(reason);
  if (!reason.rule.empty() && !source.empty()) {
    text += fmt::format(" ({} {}, {} {})", words.rule, reason.rule, words.source, source);
  } else if (!reason.rule.empty()) {
    text += fmt::format(" ({} {})", words.rule, reason.rule);
  } else {
    text = cited(std::move(text), std::string(source), words);
  }
  return {std::move(text), {}};
}

// The steps needed for line `line` (none: about the claim as a whole), in their order.
std::vector<const ExplanationStep*> steps_of(const ClaimExplanation& explained, std::optional<std::size_t> line) {
  std::vector<const ExplanationStep*> steps;
  for (const auto& step : explained.steps) {
    if (step.line == line) steps.push_back(&step);
  }
  return steps;
}

}  // namespace

ClaimExplanation explain_record(const RuleSet& rule_set, std::string_view json_line, std::size_t record,
                                EvaluationScratch& scratch, std::size_t length) {
  ClaimExplanation explained;
  explained.record = record;
  ClaimReadResult read;
  read_claim(json_line, std::max(length, json_line.size()), ClaimReadLimits{}, read);
  if (!read.claim) {
    set_unreadable(explained.decision, read, rule_set.hash());
    return explained;
  }
  explained.date = read.claim->date;
  explained.region = read.claim->region;
  explained.decision = decide_claim(rule_set, *read.claim, scratch, &explained.steps);
  return explained;
}

std::string explanation_text(const ClaimExplanation& explained, Language language) {
  const Words& words = language == Language::english ? english : french;
  const ClaimDecision& decision = explained.decision;
  std::string title = decision.id.empty() ? fmt::format("{} ({} {})", words.claim, words.record, explained.record)
                                          : fmt::format("{} {}", words.claim, decision.id);
  if (explained.date) {
    title += fmt::format(" — {}", model::date_text(model::day_of(*explained.date)));
    if (explained.region)
      title += fmt::format(", {}", *explained.region == Region::metropole ? words.metropole : words.drom);
  }
  title += fmt::format("{}{}", words.colon, decision_word(decision.decision, words));
  if (decision.decision != Decision::invalid)
    title += fmt::format(", {} {} €", words.total, decision.total.to_string(2));

  std::vector<Node> children;
  for (std::size_t i = 0; i < decision.lines.size(); ++i) {
    const LineDecision& line = decision.lines[i];
    Node node{fmt::format("{} {} {}{}{}{}{}", words.line, i + 1, words.open_quote, line.code, words.close_quote,
                          words.colon, decision_word(line.decision, words)),
              {}};
    if (line.amount) node.text += fmt::format(", {} €", line.amount->to_string(2));
    for (const auto* step : steps_of(explained, i)) node.children.push_back(step_node(*step, words, language));
    for (const auto& reason : line.reasons) node.children.push_back(reason_node(reason, words, language));
    children.push_back(std::move(node));
  }
  for (const auto* step : steps_of(explained, std::nullopt)) children.push_back(step_node(*step, words, language));
  for (const auto& reason : decision.reasons) children.push_back(reason_node(reason, words, language));

  std::string out = title + '\n';
  render(children, "", out);
  return out;
}

nlohmann::ordered_json explanation_json(const ClaimExplanation& explained, Language language) {
  const auto steps_json = [&](std::optional<std::size_t> line) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto* step : steps_of(explained, line)) {
      out.push_back({{"what", step->what}, {"value", step->value}, {"source", step->source}});
    }
    return out;
  };
  const auto reasons_json = [language](const std::vector<Reason>& reasons) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    const auto or_null = [](std::string_view text) {
      return text.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(text);
    };
    for (const auto& r : reasons) {
      out.push_back({{"code", to_string(r.code)},
                     {"rule", or_null(r.rule)},
                     {"field", or_null(r.field)},
                     {"message", render_message(r, language)},
                     {"source", reason_source(r)}});
    }
    return out;
  };
  const ClaimDecision& decision = explained.decision;
  nlohmann::ordered_json lines = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < decision.lines.size(); ++i) {
    const LineDecision& line = decision.lines[i];
    lines.push_back(
        {{"line", i + 1},
         {"code", line.code},
         {"decision", to_string(line.decision)},
         {"amount", line.amount ? nlohmann::ordered_json(line.amount->to_string(2)) : nlohmann::ordered_json()},
         {"steps", steps_json(i)},
         {"reasons", reasons_json(line.reasons)}});
  }
  nlohmann::ordered_json out;
  out["record"] = explained.record;
  out["id"] = decision.id;
  out["date"] = explained.date ? nlohmann::ordered_json(model::date_text(model::day_of(*explained.date)))
                               : nlohmann::ordered_json();
  out["region"] = explained.region
                      ? nlohmann::ordered_json(*explained.region == Region::metropole ? "metropole" : "drom")
                      : nlohmann::ordered_json();
  out["decision"] = to_string(decision.decision);
  out["total"] = decision.total.to_string(2);
  out["lines"] = std::move(lines);
  out["steps"] = steps_json(std::nullopt);
  out["reasons"] = reasons_json(decision.reasons);
  out["rule_set"] = decision.rule_set;
  return out;
}

std::size_t explain_json_lines(const RuleSet& rule_set, std::istream& input, std::ostream& output, ExplainFormat format,
                               Language language, bool as_they_come) {
  EvaluationScratch scratch;
  std::size_t invalid = 0;
  std::size_t record = 0;
  BoundedLines lines(input, claim_head_bytes(), as_they_come);
  std::string_view line;
  std::size_t length = 0;
  while (lines.next_line(line, length)) {
    const ClaimExplanation explained = explain_record(rule_set, line, ++record, scratch, length);
    if (explained.decision.decision == Decision::invalid) ++invalid;
    if (format == ExplainFormat::json) {
      output << explanation_json(explained, language)
                    .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
             << '\n';
    } else {
      output << (record > 1 ? "\n" : "") << explanation_text(explained, language);
    }
    if (as_they_come) output.flush();
  }
  output.flush();
  return invalid;
}

}  // namespace cotation::tools
