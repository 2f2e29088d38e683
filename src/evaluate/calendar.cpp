#include "evaluate/calendar.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace cotation::model {

std::string DayMissingInMonth::text() const {
  return fmt::format(
      "{} {} {} mois tombe le {:04}-{:02}-{:02}, qui n'existe pas, et aucun arrondi n'est déclaré "
      "(`arrondi au jour précédent` ou `arrondi au jour suivant`)",
      date_text(from), months < 0 ? '-' : '+', std::abs(months), static_cast<int>(missing.year()),
      static_cast<unsigned>(missing.month()), static_cast<unsigned>(missing.day()));
}

namespace {

// `from` plus `months` (negative: minus).
Day add_months(Day from, std::int32_t months, DayRounding rounding) {
  namespace chrono = std::chrono;
  const chrono::year_month_day date{chrono::sys_days(chrono::days(from))};
  const chrono::year_month target = chrono::year_month{date.year(), date.month()} + chrono::months(months);
  if (static_cast<int>(target.year()) < 1 || static_cast<int>(target.year()) > 9999) {
    throw OutsideCalendar(fmt::format("{} plus {} mois sort du calendrier (an 1 à 9999)", date_text(from), months));
  }
  chrono::year_month_day shifted = target / date.day();
  if (!shifted.ok()) {
    if (rounding == DayRounding::none) throw DayMissingInMonth{from, months, shifted};
    shifted = rounding == DayRounding::previous_day ? chrono::year_month_day{target / chrono::last}
                                                     : (target + chrono::months(1)) / 1;
  }
  return static_cast<Day>(chrono::sys_days(shifted).time_since_epoch().count());
}

}  // namespace

Day shift_date(const Node& node, Day from, const Value& duration) {
  const std::int32_t count = node.op == Op::date_plus ? duration.integer : -duration.integer;
  return duration.months ? add_months(from, count, static_cast<DayRounding>(node.reference)) : from + count;
}

}  // namespace cotation::model
