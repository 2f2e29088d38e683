#include "serve/problem.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <string>

namespace cotation::serve {
namespace {

struct ProblemText {
  ProblemKind kind;
  int status;
  std::string_view slug;  // the end of the type URI
  std::string_view french;
  std::string_view english;
};

constexpr std::array problems{
    ProblemText{ProblemKind::bad_request, 400, "bad-request", "requête invalide", "bad request"},
    ProblemText{ProblemKind::bad_json, 400, "bad-json", "JSON illisible", "unreadable JSON"},
    ProblemText{ProblemKind::bad_date, 400, "bad-date", "date invalide", "invalid date"},
    ProblemText{ProblemKind::unauthorized, 401, "unauthorized", "jeton absent ou refusé", "missing or refused token"},
    ProblemText{ProblemKind::not_found, 404, "not-found", "ressource inconnue", "no such resource"},
    ProblemText{ProblemKind::body_too_large, 413, "body-too-large", "corps de requête trop grand",
                "request body too large"},
    ProblemText{ProblemKind::line_too_long, 413, "line-too-long", "ligne JSON trop longue", "JSON line too long"},
    ProblemText{ProblemKind::request_timeout, 408, "request-timeout", "requête trop lente", "request too slow"},
    ProblemText{ProblemKind::too_many_headers, 431, "too-many-headers", "trop d'en-têtes", "too many headers"},
    ProblemText{ProblemKind::uri_too_long, 414, "uri-too-long", "adresse trop longue", "URI too long"},
    ProblemText{ProblemKind::too_many_connections, 429, "too-many-connections", "trop de connexions ouvertes",
                "too many open connections"},
    ProblemText{ProblemKind::internal, 500, "internal", "erreur interne", "internal error"},
};

const ProblemText& text_of(ProblemKind kind) {
  for (const ProblemText& problem : problems) {
    if (problem.kind == kind) return problem;
  }
  return problems.back();
}

}  // namespace

namespace {

std::string problem_json(const ProblemText& problem, int status, std::string_view detail, Language language) {
  const nlohmann::json body{
      {"type", "https://cotation.invalid/problems/" + std::string(problem.slug)},
      {"title", language == Language::french ? problem.french : problem.english},
      {"status", status},
      {"detail", detail},
  };
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void set_problem(httplib::Response& response, const ProblemText& problem, int status, std::string_view detail,
                 Language language) {
  response.status = status;
  response.set_content(problem_json(problem, status, detail, language), "application/problem+json");
}

}  // namespace

void set_problem(httplib::Response& response, ProblemKind kind, std::string_view detail, Language language) {
  const ProblemText& problem = text_of(kind);
  set_problem(response, problem, problem.status, detail, language);
}

std::string problem_json(ProblemKind kind, std::string_view detail, Language language) {
  const ProblemText& problem = text_of(kind);
  return problem_json(problem, problem.status, detail, language);
}

void set_problem_for_status(httplib::Response& response, Language language) {
  const bool french = language == Language::french;
  switch (response.status) {
    case 401:
      return set_problem(response, ProblemKind::unauthorized, "", language);
    case 404:
      return set_problem(response, ProblemKind::not_found, "", language);
    case 413:
      return set_problem(response, ProblemKind::body_too_large,
                         french ? "le corps dépasse la taille permise" : "the body exceeds the size allowed", language);
    case 414:
      return set_problem(response, ProblemKind::uri_too_long, "", language);
    default:
      break;
  }
  // Another code the library chose (400 for a request it cannot parse...) is kept.
  const int status = response.status;
  set_problem(response, text_of(status >= 500 ? ProblemKind::internal : ProblemKind::bad_request), status,
              "HTTP " + std::to_string(status), language);
}

}  // namespace cotation::serve
