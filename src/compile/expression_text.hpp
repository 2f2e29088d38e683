// Compiled expressions and values written back as rules-language text, so that what the
// compiler made of a rule can be shown to an analyst (the diff between two rule sets) in the
// words they wrote it in. The text is canonical: one spelling per operator, name and number,
// parentheses only where precedence needs them; two expressions that compile alike print alike.
#pragma once

#include <string>

#include "compile/model.hpp"

namespace cotation::model {

// "série.rang > 15 et non télésoin", "(2 × trajet.distance - 2 × abattement_ik_plaine) × IK.valeur".
[[nodiscard]] std::string expression_text(const RuleSet::Model& model, NodeId node);

// A constant as a literal: "2.5 €" is written "2.50 €", "1 an" is "12 mois", "7.50" is "7.5".
[[nodiscard]] std::string value_text(const Value& value);

// A number without trailing zeros: 7.50 -> "7.5", 8.00 -> "8".
[[nodiscard]] std::string number_text(const Decimal& number);

// An amount with at least two decimals: 2.5 -> "2.50 €", 0.385 -> "0.385 €".
[[nodiscard]] std::string money_text(const Decimal& amount);

}  // namespace cotation::model
