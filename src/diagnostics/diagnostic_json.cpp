// A diagnostic in, its JSON object out.
#include "diagnostics/diagnostic_json.hpp"

#include <string_view>

namespace cotation {
namespace {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
  }
  return "";
}

}  // namespace

nlohmann::json diagnostic_json(const Diagnostic& diagnostic, Language language) {
  nlohmann::json object = {{"severity", severity_name(diagnostic.severity)},
                           {"id", diagnostic.message_id},
                           {"file", diagnostic.position.file},
                           {"line", diagnostic.position.line},
                           {"column", diagnostic.position.column},
                           {"message", message_text(diagnostic, language)},
                           {"hint", hint_text(diagnostic, language)}};
  if (const auto& fix = diagnostic.fix) {
    object["fix"] = {{"line", fix->start.line},
                     {"column", fix->start.column},
                     {"end_line", fix->end.line},
                     {"end_column", fix->end.column},
                     {"replacement", fix->replacement}};
  }
  return object;
}

}  // namespace cotation
