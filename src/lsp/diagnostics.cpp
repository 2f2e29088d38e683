#include "lsp/diagnostics.hpp"

#include <string_view>

#include "lsp/documents.hpp"

namespace cotation::lsp {
namespace {

int severity_code(Severity severity) {
  switch (severity) {
    case Severity::error:
      return 1;
    case Severity::warning:
      return 2;
    case Severity::note:
      return 3;
  }
  return 1;
}

// The word at `begin`: up to the next blank, at least one character.
std::size_t word_end(std::string_view text, std::size_t begin) {
  const std::size_t end = text.find_first_of(" \t\r\n", begin);
  if (end == begin) return std::min(begin + 1, text.size());
  return end == std::string_view::npos ? text.size() : end;
}

nlohmann::json diagnostic_json(const Diagnostic& diagnostic, std::string_view text) {
  std::string message = message_text(diagnostic, Language::french);
  if (const std::string hint = hint_text(diagnostic, Language::french); !hint.empty()) message += "\naide : " + hint;
  const std::size_t begin = offset_of_column(text, diagnostic.position.line, diagnostic.position.column);
  nlohmann::json published = {{"range", range_json(text, begin, word_end(text, begin))},
                              {"severity", severity_code(diagnostic.severity)},
                              {"code", diagnostic.message_id},
                              {"source", "cotation"},
                              {"message", std::move(message)}};
  if (const auto& fix = diagnostic.fix) {
    const std::size_t from = offset_of_column(text, fix->start.line, fix->start.column);
    const std::size_t to = offset_of_column(text, fix->end.line, fix->end.column);
    published["data"] = {{"fix", {{"range", range_json(text, from, to)}, {"newText", fix->replacement}}}};
  }
  return published;
}

}  // namespace

std::vector<nlohmann::json> diagnostic_notifications(const Analysis& analysis, const std::string& document,
                                                     std::set<std::string>& published) {
  std::map<std::string, nlohmann::json> by_file;
  for (const Diagnostic& diagnostic : analysis.diagnostics) {
    const auto file = analysis.file_of(diagnostic.position.file);
    // A problem with no file of its own (an unreadable directory) is shown at the rule set's root.
    const std::string_view text = file ? analysis.parsed.sources[*file]->text() : std::string_view{};
    auto& list = by_file[file ? diagnostic.position.file : analysis.root];
    if (list.is_null()) list = nlohmann::json::array();
    list.push_back(diagnostic_json(diagnostic, text));
  }
  std::vector<nlohmann::json> notifications;
  published.insert(document);
  for (const std::string& path : published) {
    if (!by_file.contains(path)) by_file[path] = nlohmann::json::array();
  }
  published.clear();
  for (auto& [path, list] : by_file) {
    if (!list.empty()) published.insert(path);
    notifications.push_back({{"jsonrpc", "2.0"},
                             {"method", "textDocument/publishDiagnostics"},
                             {"params", {{"uri", uri_of_path(path)}, {"diagnostics", std::move(list)}}}});
  }
  return notifications;
}

}  // namespace cotation::lsp
