// Steps of an explanation in, the decision record with its "explanation" member out.
#include "evaluate/explanation_json.hpp"

#include "evaluate/claim_json.hpp"

namespace cotation {

void append_explanation(const std::vector<ExplanationStep>& steps, std::string& record) {
  record.pop_back();  // the decision's closing brace
  record += ",\"explanation\":[";
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (i > 0) record += ',';
    record += "{\"what\":";
    append_json_string(record, steps[i].what);
    record += ",\"value\":";
    append_json_string(record, steps[i].value);
    record += ",\"source\":";
    append_json_string(record, steps[i].source);
    record += '}';
  }
  record += "]}";
}

}  // namespace cotation
