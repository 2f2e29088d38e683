#include "evaluate/calendar.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "evaluate/wordings.hpp"

namespace cotation::model {

std::vector<MessageArgument> DayMissingInMonth::arguments() const {
  using evaluation::argument;
  return {argument(date_text(from)), argument(months < 0 ? "-" : "+"), argument(std::abs(months)),
          argument(fmt::format("{:04}-{:02}-{:02}", static_cast<int>(missing.year()),
                               static_cast<unsigned>(missing.month()), static_cast<unsigned>(missing.day())))};
}

std::string DayMissingInMonth::text() const {
  std::string out;
  evaluation::append_wording(out, evaluation::Wording::day_missing_in_month, arguments(), Language::french);
  return out;
}

namespace {

std::string outside_calendar_text(Day from, std::int32_t months) {
  std::string out;
  evaluation::append_wording(out, evaluation::Wording::outside_calendar,
                             {evaluation::argument(date_text(from)), evaluation::argument(months)}, Language::french);
  return out;
}

}  // namespace

OutsideCalendar::OutsideCalendar(Day from_day, std::int32_t month_count)
    : std::runtime_error(outside_calendar_text(from_day, month_count)), from(from_day), months(month_count) {}

namespace {

// `from` plus `months` (negative: minus).
Day add_months(Day from, std::int32_t months, DayRounding rounding) {
  namespace chrono = std::chrono;
  const chrono::year_month_day date{chrono::sys_days(chrono::days(from))};
  const chrono::year_month target = chrono::year_month{date.year(), date.month()} + chrono::months(months);
  if (static_cast<int>(target.year()) < 1 || static_cast<int>(target.year()) > 9999) {
    throw OutsideCalendar(from, months);
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
