// Convention mechanisms paid outside a claim (`dispositif`, docs/language.md §6.10): an
// allowance, the payment schedule of a contract, a decision, for one practitioner's situation.
//
//   cotation::Situation situation{"s1", "aide_modernisation", date, {{"logiciel_dmp", true}}};
//   cotation::SchemeResult result = cotation::evaluate_scheme(*compiled.rule_set, situation);
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "cotation/claim.hpp"
#include "cotation/decimal.hpp"
#include "cotation/engine.hpp"
#include "cotation/export.h"

COTATION_PUBLIC_BEGIN
namespace cotation {

// A fact's value: `booléen` a bool; `nombre`, `pourcentage` (70 for 70 %) and `montant` a
// Decimal; `date` a Date.
using FactValue = std::variant<bool, Decimal, Date>;

// What a scheme is evaluated for: one practitioner, one date.
struct Situation {
  std::string id;
  std::string scheme;  // the `dispositif`'s name
  // Selects the amounts in force; its year is the year N of a payment schedule (the
  // signature of a contract).
  Date date;
  std::vector<std::pair<std::string, FactValue>> facts;
};

// A `condition` of the scheme and whether the situation meets it.
struct SchemePrerequisite {
  std::string name;  // "aide_modernisation, condition 1"
  bool met = false;
  std::string message;
  std::string source;
};

// A `montant` in force on the date, paid or not, and why.
struct SchemePayment {
  std::string name;
  std::string label;
  bool paid = false;
  Decimal amount;  // exact; what would be paid when it is not
  std::string reason;
  std::string source;
};

// A `versement` of the schedule.
struct SchemeInstalment {
  int year = 0;
  std::optional<Date> date;  // the situation's date, for a payment at the signature
  Decimal amount;
  std::string source;
};

struct SchemeOutcome {
  std::string label;  // "conventionnement accordé"
  std::string source;
};

struct SchemeResult {
  std::string id;
  std::string scheme;
  bool eligible = true;  // every prerequisite is met
  std::vector<SchemePrerequisite> prerequisites;
  std::vector<SchemePayment> amounts;
  std::vector<SchemeInstalment> schedule;  // empty when a prerequisite is not met
  Decimal total;                           // the amounts paid and the schedule
  // The first `décision` whose condition holds; none when the scheme has none, when a
  // prerequisite is not met, or when no condition holds.
  std::optional<SchemeOutcome> decision;
};

// The situation cannot be evaluated: unknown scheme or fact, a fact of the wrong type, or a
// fact the evaluation needs and the situation does not give. The message is in French.
class SchemeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

[[nodiscard]] SchemeResult evaluate_scheme(const RuleSet& rule_set, const Situation& situation);

}  // namespace cotation
COTATION_PUBLIC_END
