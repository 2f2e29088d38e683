#include "lsp/server.hpp"

#include <chrono>
#include <filesystem>

#include "lsp/code_actions.hpp"
#include "lsp/completion.hpp"
#include "lsp/diagnostics.hpp"
#include "lsp/formatting.hpp"
#include "lsp/hover.hpp"
#include "lsp/navigation.hpp"
#include "lsp/protocol.hpp"
#include "tools/table.hpp"

namespace cotation::lsp {
namespace {

using nlohmann::json;

// JSON-RPC error codes.
constexpr int parse_error = -32700;
constexpr int invalid_params = -32602;
constexpr int method_not_found = -32601;
constexpr int server_not_initialized = -32002;

model::Day today() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return static_cast<model::Day>(now.time_since_epoch().count());
}

json error_response(const json& id, int code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

}  // namespace

int Server::run() {
  while (const auto message = read_message(in_)) {
    if (message->is_discarded() || !message->is_object()) {
      send(error_response(nullptr, parse_error, "message JSON illisible"));
      continue;
    }
    const std::string method = message->value("method", "");
    const json params = message->value("params", json::object());
    if (!message->contains("id")) {
      if (method == "exit") return shut_down_ ? 0 : 1;
      try {
        on_notification(method, params);
      } catch (const json::exception&) {
        // A malformed notification has no one to answer: it is dropped.
      }
      continue;
    }
    const json& id = message->at("id");
    if (!workspace_ && method != "initialize") {
      send(error_response(id, server_not_initialized, "le serveur attend `initialize`"));
      continue;
    }
    try {
      if (auto result = answer(method, params)) {
        send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(*result)}});
      } else {
        send(error_response(id, method_not_found, "méthode inconnue : " + method));
      }
    } catch (const json::exception& e) {
      send(error_response(id, invalid_params, std::string("paramètres invalides : ") + e.what()));
    }
  }
  return 1;
}

json Server::initialize(const json& params) {
  const json options = params.value("initializationOptions", json::object());
  std::string rules = options.is_object() ? options.value("rules", "") : "";
  if (!rules.empty()) rules = std::filesystem::absolute(rules).lexically_normal().generic_string();
  workspace_.emplace(std::move(rules));
  const auto day = options.is_object() ? tools::parse_day(options.value("date", "")) : std::nullopt;
  day_ = day ? *day : today();
  return {{"capabilities",
           {{"textDocumentSync", {{"openClose", true}, {"change", 1}}},
            {"hoverProvider", true},
            {"definitionProvider", true},
            {"referencesProvider", true},
            {"documentSymbolProvider", true},
            {"documentFormattingProvider", true},
            {"codeActionProvider", {{"codeActionKinds", json::array({"quickfix"})}}},
            {"completionProvider", {{"triggerCharacters", json::array()}}}}},
          {"serverInfo", {{"name", "cotation"}}}};
}

std::optional<json> Server::answer(const std::string& method, const json& params) {
  if (method == "initialize") return initialize(params);
  if (method == "shutdown") {
    shut_down_ = true;
    return json();
  }
  if (method == "textDocument/codeAction") {
    return code_actions(params.at("textDocument").at("uri").get<std::string>(), params.at("context"));
  }
  const std::string path = path_in(params);
  const Analysis& analysis = workspace_->analysis_of(path, documents_);
  if (method == "textDocument/hover" || method == "textDocument/definition" || method == "textDocument/references") {
    const Occurrence* occurrence = occurrence_at(analysis, path, params);
    if (!occurrence) return method == "textDocument/references" ? json::array() : json();
    if (method == "textDocument/definition") return definition(analysis, *occurrence);
    if (method == "textDocument/references") {
      return references(analysis, *occurrence,
                        params.value("context", json::object()).value("includeDeclaration", true));
    }
    const Occurrence* declaration = analysis.index.definition(*occurrence);
    if (!declaration) return json();
    const RuleSet::Model* model = analysis.rule_set ? &analysis.rule_set->model() : nullptr;
    return json::object({{"contents", {{"kind", "markdown"}, {"value", hover_text(model, *declaration, day_)}}}});
  }
  if (method == "textDocument/documentSymbol") return document_symbols(analysis, path);
  if (method == "textDocument/completion") return completion_items(analysis.index);
  if (method == "textDocument/formatting") {
    const auto file = analysis.file_of(path);
    return file ? formatting_edits(path, std::string(analysis.parsed.sources[*file]->text())) : json::array();
  }
  return std::nullopt;
}

void Server::on_notification(const std::string& method, const json& params) {
  const bool opened = method == "textDocument/didOpen";
  const bool changed = method == "textDocument/didChange";
  if (!workspace_ || !(opened || changed || method == "textDocument/didClose")) return;
  const std::string path = path_in(params);
  if (opened) {
    documents_.set(path, params.at("textDocument").at("text").get<std::string>());
  } else if (changed) {
    // Full synchronisation: the last change holds the whole text (at() throws on an empty list).
    const json& changes = params.at("contentChanges");
    documents_.set(path, changes.at(changes.size() - 1).at("text").get<std::string>());
  } else {
    documents_.close(path);  // the file on disk stands for the document again
  }
  const Analysis& analysis = workspace_->analyse(path, documents_);
  for (const json& notification : diagnostic_notifications(analysis, path, published_[analysis.root]))
    send(notification);
}

void Server::send(const json& message) const {
  write_message(out_, message);
}

std::string Server::path_in(const json& params) {
  return path_of_uri(params.at("textDocument").at("uri").get<std::string>());
}

}  // namespace cotation::lsp
