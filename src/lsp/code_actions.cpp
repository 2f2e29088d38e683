#include "lsp/code_actions.hpp"

namespace cotation::lsp {
namespace {

// "Remplacer par « depuis »"; a space is named, as the quote marks would hide it.
std::string title_of(const std::string& replacement) {
  if (replacement == " ") return "Remplacer par une espace ordinaire";
  return "Remplacer par « " + replacement + " »";
}

}  // namespace

nlohmann::json code_actions(const std::string& uri, const nlohmann::json& context) {
  nlohmann::json actions = nlohmann::json::array();
  for (const nlohmann::json& diagnostic : context.value("diagnostics", nlohmann::json::array())) {
    const nlohmann::json data = diagnostic.value("data", nlohmann::json::object());
    if (!data.is_object() || !data.contains("fix")) continue;
    const nlohmann::json& fix = data.at("fix");
    const std::string replacement = fix.at("newText").get<std::string>();
    nlohmann::json edit = {{"range", fix.at("range")}, {"newText", replacement}};
    actions.push_back({{"title", title_of(replacement)},
                       {"kind", "quickfix"},
                       {"isPreferred", true},
                       {"diagnostics", nlohmann::json::array({diagnostic})},
                       {"edit", {{"changes", {{uri, nlohmann::json::array({std::move(edit)})}}}}}});
  }
  return actions;
}

}  // namespace cotation::lsp
