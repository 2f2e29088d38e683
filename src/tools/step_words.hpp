// An explanation step as the analyst reads it in one language. The engine writes its steps in
// the words of the rules (French) and names a claim field by its JSON path
// ("series.session_number"): in French the field takes its name in the rules language
// ("serie.rang"); in English the rules' words become English ("valeur de RAM le 2024-03-04" ->
// "value of RAM on 2024-03-04", "faux" -> "false", "facture" -> "claim"). Text outputs only:
// JSON keeps the engine's words.
#pragma once

#include "cotation/diagnostic.hpp"
#include "cotation/engine.hpp"

namespace cotation::tools {

[[nodiscard]] ExplanationStep step_in(const ExplanationStep& step, Language language);

}  // namespace cotation::tools
