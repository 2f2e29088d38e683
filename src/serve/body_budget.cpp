#include "serve/body_budget.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cotation::serve {

BodyBudget::BodyBudget(const Limits& limits, Clock::time_point start, Language language)
    : max_bytes_(limits.max_body_bytes),
      timeout_(limits.request_timeout),
      deadline_(start + limits.request_timeout),
      language_(language) {}

std::size_t BodyBudget::admit(std::size_t size) {
  if (spent_) return 0;
  if (Clock::now() > deadline_) {
    spent_ = too_late();
    return 0;
  }
  const std::size_t within = std::min(size, max_bytes_ - received_);
  received_ += within;
  if (within < size) spent_ = too_large();
  return within;
}

BodyProblem BodyBudget::too_large() const {
  return {ProblemKind::body_too_large,
          fmt::format(
              fmt::runtime(language_ == Language::french ? "le corps dépasse {} octets" : "the body is over {} bytes"),
              max_bytes_)};
}

BodyProblem BodyBudget::too_late() const {
  return {ProblemKind::request_timeout,
          fmt::format(fmt::runtime(language_ == Language::french ? "le corps n'est pas arrivé en {} s"
                                                                 : "the body did not arrive within {} s"),
                      timeout_.count())};
}

BodyProblem BodyBudget::failed_read() const {
  if (Clock::now() >= deadline_) return too_late();
  return {ProblemKind::bad_request,
          language_ == Language::french ? "corps interrompu ou illisible" : "body cut short or unreadable"};
}

bool read_whole_body(const httplib::ContentReader& reader, BodyBudget budget, httplib::Response& response,
                     std::string& body, Language language) {
  const bool whole = reader([&](const char* data, std::size_t size) {
    body.append(data, budget.admit(size));
    return !budget.spent() || (budget.spent()->kind == ProblemKind::body_too_large && budget.within_time());
  });
  if (whole && !budget.spent()) return true;
  BodyProblem problem = budget.failed_read();
  if (budget.spent()) {
    problem = *budget.spent();
  } else if (response.status == 413) {  // cpp-httplib's, for a Content-Length over the limit
    problem = budget.too_large();
  }
  response.set_header("Connection", "close");
  set_problem(response, problem.kind, problem.detail, language);
  return false;
}

}  // namespace cotation::serve
