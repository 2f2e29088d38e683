// Date arithmetic shared by the claim evaluator and the schemes' evaluator.
#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "compile/model.hpp"
#include "cotation/decision.hpp"

namespace cotation::model {

// A date plus months landed on a day its month lacks, and the expression declares no rounding.
struct DayMissingInMonth {
  Day from = 0;
  std::int32_t months = 0;
  std::chrono::year_month_day missing;  // the day that does not exist

  // What the message (evaluation::Wording::day_missing_in_month) quotes: "2024-02-29", "+", "12",
  // "2025-02-29".
  [[nodiscard]] std::vector<MessageArgument> arguments() const;
  // "2024-02-29 + 12 mois tombe le 2025-02-29, qui n'existe pas, et aucun arrondi n'est déclaré (…)"
  [[nodiscard]] std::string text() const;
};

// A shift beyond the years 1 to 9999; what() in French (evaluation::Wording::outside_calendar).
struct OutsideCalendar : std::runtime_error {
  OutsideCalendar(Day from_day, std::int32_t month_count);
  Day from = 0;
  std::int32_t months = 0;
};

// The value of a date_plus or date_minus node: `from` moved by `duration`, in days, or in months
// with the node's declared rounding: when the target month lacks the day, its last day or the
// next month's first; none declared throws DayMissingInMonth.
Day shift_date(const Node& node, Day from, const Value& duration);

}  // namespace cotation::model
