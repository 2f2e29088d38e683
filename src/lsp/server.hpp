// The language server: reads requests and notifications from the client, keeps the open
// documents and their rule sets' analyses, and answers — diagnostics published on open and on
// change, hover, definition, references, document symbols, completion and formatting.
// initializationOptions: {"rules": a directory taken as every document's rule set, "date":
// "AAAA-MM-JJ", the day hover prices on (today by default)}.
#pragma once

#include <nlohmann/json.hpp>

#include <istream>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>

#include "compile/model.hpp"
#include "lsp/documents.hpp"
#include "lsp/workspace.hpp"

namespace cotation::lsp {

class Server {
 public:
  Server(std::istream& in, std::ostream& out) : in_(in), out_(out) {}

  // Serves until `exit`: 0 after `shutdown`, 1 otherwise (the protocol's rule), 1 too when the
  // input ends first.
  int run();

 private:
  // A request's result, nothing for an unknown method; throws nlohmann::json::exception on
  // malformed parameters.
  std::optional<nlohmann::json> answer(const std::string& method, const nlohmann::json& params);
  // Documents opened, changed or closed: the rule set analysed again and its diagnostics sent.
  void on_notification(const std::string& method, const nlohmann::json& params);
  nlohmann::json initialize(const nlohmann::json& params);
  void send(const nlohmann::json& message) const;
  [[nodiscard]] static std::string path_in(const nlohmann::json& params);

  std::istream& in_;
  std::ostream& out_;
  DocumentStore documents_;
  std::optional<Workspace> workspace_;
  std::map<std::string, std::set<std::string>> published_;  // by rule set root
  model::Day day_ = 0;
  bool shut_down_ = false;
};

}  // namespace cotation::lsp
