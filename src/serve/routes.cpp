#include "serve/routes.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "compile/model.hpp"
#include "cotation/batch.hpp"
#include "cotation/decision.hpp"
#include "cotation/version.h"
#include "serve/body_budget.hpp"
#include "serve/decide_lines.hpp"
#include "serve/problem.hpp"
#include "tools/table.hpp"

namespace cotation::serve {
namespace {

// A thread's scratch for single claims, made again when the rule set changes (a reload): the
// shared_ptr keeps the rule set it was made for alive while the thread holds it.
struct SingleClaimScratch {
  std::shared_ptr<const RuleSet> rule_set;
  std::unique_ptr<EvaluationScratch> scratch;
  ClaimDecision decision;
  std::string body;  // the request's
  std::string record;
};

SingleClaimScratch& scratch_for(const std::shared_ptr<const RuleSet>& rule_set) {
  thread_local SingleClaimScratch own;
  if (own.rule_set != rule_set) {
    own.rule_set = rule_set;
    own.scratch = std::make_unique<EvaluationScratch>();
  }
  return own;
}

// JSON Lines in (application/x-ndjson, application/jsonl), JSON Lines out; otherwise one claim.
bool is_json_lines(const httplib::Request& request) {
  const std::string type = request.get_header_value("Content-Type");
  return type.starts_with("application/x-ndjson") || type.starts_with("application/jsonl");
}

bool wants_explanation(const httplib::Request& request) {
  const std::string explain = request.get_param_value("explain");
  return explain == "1" || explain == "true";
}

// The language of the decisions' messages: `?lang=en` or `?lang=fr`, else the server's `--lang`.
Language decisions_language(const httplib::Request& request, const Context& context) {
  const std::string lang = request.get_param_value("lang");
  if (lang == "en") return Language::english;
  if (lang == "fr") return Language::french;
  return context.language;
}

void decide_one(const httplib::Request& request, httplib::Response& response, const httplib::ContentReader& reader,
                const Context& context) {
  SingleClaimScratch& own = scratch_for(context.rules.current());
  own.body.clear();
  const BodyBudget budget(context.options.limits, request_on_this_thread().start, context.language);
  if (!read_whole_body(reader, budget, response, own.body, context.language)) return;
  if (!nlohmann::json::accept(own.body)) {
    return set_problem(
        response, ProblemKind::bad_json,
        context.language == Language::french ? "le corps n'est pas un JSON valide" : "the body is not valid JSON",
        context.language);
  }
  own.record.clear();
  Decision decision = Decision::invalid;
  if (context.history == nullptr) {
    decision =
        evaluate_json_line(*own.rule_set, own.body, *own.scratch, own.decision, own.record,
                                  wants_explanation(request), decisions_language(request, context));
  } else {
    // Committed to the store before the answer is sent.
    auto held = context.history->hold(own.rule_set);
    decision = evaluate_json_line_in_sequence(*own.rule_set, own.body, held.scratch, own.decision, own.record,
                                              wants_explanation(request),
                                              [&held](std::span<const DecidedClaim> claim) { held.store.save(claim); },
                                              decisions_language(request, context));
  }
  context.metrics.count_decision(decision);
  own.record.pop_back();  // its '\n'
  response.set_content(own.record, "application/json");
}

void rule_set_route(httplib::Response& response, const Context& context) {
  const auto rule_set = context.rules.current();
  const ReloadOutcome reload = context.rules.last_reload();
  nlohmann::json sources = nlohmann::json::array();
  for (const model::Source& source : rule_set->model().sources) {
    sources.push_back({{"name", source.name}, {"label", source.label}, {"rank", source.rank}});
  }
  const nlohmann::json body{
      {"hash", rule_set->hash()},
      {"reading", context.rules.reading().as_signed ? "as_signed" : "consolidated"},
      {"sources", sources},
      {"engine_version", COTATION_VERSION_STRING},
      {"decision_format", decision_format},
      {"last_reload", {{"ok", reload.ok}, {"at", reload.at}, {"errors", reload.errors}}},
  };
  response.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void tariffs_route(const httplib::Request& request, httplib::Response& response, const Context& context) {
  const std::string date = request.get_param_value("date");
  const auto day = tools::parse_day(date);
  if (!day)
    return set_problem(response, ProblemKind::bad_date, tools::invalid_date_message(date, context.language),
                       context.language);
  const std::string region_name = request.has_param("region") ? request.get_param_value("region") : "metropole";
  if (std::find(tools::region_options.begin(), tools::region_options.end(), region_name) ==
      tools::region_options.end()) {
    return set_problem(response, ProblemKind::bad_request, fmt::format("region : metropole | drom ({})", region_name),
                       context.language);
  }
  std::ostringstream alias_note;  // `outre-mer`, as links made before `drom` wrote it, is read as `drom`
  const auto region = tools::region_of_option(region_name, context.language, alias_note);
  const auto rule_set = context.rules.current();
  std::ostringstream table;
  tools::write_table(tools::build_table(rule_set->model(), *day, region, context.language), tools::TableFormat::json,
                     context.language, table);
  response.set_content(table.str(), "application/json");
}

std::string_view content_type_of(std::string_view path) {
  const auto ends_with = [&](std::string_view extension) { return path.ends_with(extension); };
  if (ends_with(".html")) return "text/html; charset=utf-8";
  if (ends_with(".css")) return "text/css; charset=utf-8";
  if (ends_with(".js")) return "text/javascript; charset=utf-8";
  if (ends_with(".json")) return "application/json";
  if (ends_with(".svg")) return "image/svg+xml";
  if (ends_with(".png")) return "image/png";
  if (ends_with(".ico")) return "image/x-icon";
  return "application/octet-stream";
}

// cpp-httplib reads a route as a regular expression: a file's path matches itself only.
std::string route_of(std::string_view path) {
  std::string route = "/";
  for (const char c : path) {
    const bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '_' || c == '-';
    if (!plain) route += '\\';
    route += c;
  }
  return route;
}

void add_page(httplib::Server& server) {
  for (std::size_t i = 0; i < page_file_count; ++i) {
    const PageFile& file = page_files[i];
    const auto serve_file = [&file](const httplib::Request&, httplib::Response& response) {
      response.set_content(reinterpret_cast<const char*>(file.data), file.size,
                           std::string(content_type_of(file.path)));
    };
    server.Get(route_of(file.path), serve_file);
    if (std::strcmp(file.path, "index.html") == 0) server.Get("/", serve_file);
  }
}

}  // namespace

void add_routes(httplib::Server& server, const Context& context) {
  // The body is read by the route: a JSON Lines batch is decided while it arrives.
  server.Post("/v1/decisions", [&context](const httplib::Request& request, httplib::Response& response,
                                          const httplib::ContentReader& reader) {
    if (is_json_lines(request)) return decide_lines(request, response, reader, context, wants_explanation(request),
                                                       decisions_language(request, context));
    decide_one(request, response, reader, context);
  });
  server.Get("/v1/rule-set",
             [&context](const httplib::Request&, httplib::Response& response) { rule_set_route(response, context); });
  server.Get("/v1/tariffs", [&context](const httplib::Request& request, httplib::Response& response) {
    tariffs_route(request, response, context);
  });
  server.Get("/healthz", [&context](const httplib::Request&, httplib::Response& response) {
    response.set_content(nlohmann::json{{"status", "ok"}, {"rule_set", context.rules.current()->hash()}}.dump(),
                         "application/json");
  });
  server.Get("/metrics", [&context](const httplib::Request&, httplib::Response& response) {
    response.set_content(context.metrics.text(context.rules.current()->hash()), "text/plain; version=0.0.4");
  });
  add_page(server);
}

}  // namespace cotation::serve
