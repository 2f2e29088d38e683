// Every 4xx and 5xx answer's body: a JSON problem in the style of RFC 9457 (type, title, status,
// detail), in the server's language, served as application/problem+json.
#pragma once

#include <httplib.h>

#include <string>
#include <string_view>

#include "cotation/diagnostic.hpp"

namespace cotation::serve {

// What went wrong, each with its type URI and its title in both languages (problem.cpp).
enum class ProblemKind {
  bad_request,
  bad_json,
  bad_date,
  unauthorized,
  not_found,
  body_too_large,
  line_too_long,
  request_timeout,
  too_many_headers,
  uri_too_long,
  too_many_connections,
  internal,
};

// Sets `response`'s status and problem body; `detail` says what of this request was wrong.
void set_problem(httplib::Response& response, ProblemKind kind, std::string_view detail, Language language);

// The problem body alone, on one line: the last record of a JSON Lines stream cut short once its
// status was sent (docs/serve.md, "Problems").
std::string problem_json(ProblemKind kind, std::string_view detail, Language language);

// The problem of a status cpp-httplib set by itself (an unknown path, a body over the limit...).
void set_problem_for_status(httplib::Response& response, Language language);

}  // namespace cotation::serve
