// Date arithmetic shared by the claim evaluator and the schemes' evaluator.
#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "compile/model.hpp"

namespace cotation::model {

// A date plus months landed on a day its month lacks, and the expression declares no rounding.
struct DayMissingInMonth {
  Day from = 0;
  std::int32_t months = 0;
  std::chrono::year_month_day missing;  // the day that does not exist

  // "2024-02-29 + 12 mois tombe le 2025-02-29, qui n'existe pas, et aucun arrondi n'est déclaré (…)"
  [[nodiscard]] std::string text() const;
};

// A shift beyond the years 1 to 9999.
struct OutsideCalendar : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The value of a date_plus or date_minus node: `from` moved by `duration`, in days, or in months
// with the node's declared rounding: when the target month lacks the day, its last day or the
// next month's first; none declared throws DayMissingInMonth.
Day shift_date(const Node& node, Day from, const Value& duration);

}  // namespace cotation::model
