#pragma once
// Time limits of Decision 45/2016/QĐ-TTg: a dossier must reach the agency,
// and a result its first delivery attempt, within J + n working days, where
// J is the day on the slip and n depends on the route. Working days skip
// weekends and public holidays; holidays are data (Tết moves every year), so
// the calendar holds only what it is given.
#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "tracker/domain/time.hpp"

namespace tracker::domain {

enum class Route {
  local,           // within one commune-level unit (formerly district)
  intra_province,  // between districts of one province
  inter_city,      // between special / class-I cities
  inter_province,  // other inter-province routes
};

std::string_view to_string(Route route);                  // "intra_province"
std::optional<Route> parse_route(std::string_view text);  // nullopt if unknown
const std::vector<Route>& all_routes();

// n of J + n: 1, 2, 3, 4 by route; 2, 4, 6, 8 when the appointment slip is
// returned too.
int working_days(Route route, bool with_appointment_slip = false);

// Which days are working days. Immutable after construction; thread-safe.
class HolidayCalendar {
 public:
  HolidayCalendar() = default;  // weekends only
  // holidays: public holidays (any order, duplicates and weekends allowed).
  explicit HolidayCalendar(std::vector<std::chrono::year_month_day> holidays);

  // Not Saturday, not Sunday, not a holiday.
  bool is_working_day(std::chrono::year_month_day day) const;

  // The n-th working day strictly after j (j itself may be any day). n <= 0
  // gives j.
  std::chrono::year_month_day add_working_days(std::chrono::year_month_day j, int n) const;

  // The number of working days d with from < d <= to; 0 when to <= from.
  int working_days_between(std::chrono::year_month_day from, std::chrono::year_month_day to) const;

  // The holidays, sorted, without duplicates.
  const std::vector<std::chrono::year_month_day>& holidays() const { return holidays_; }

 private:
  bool is_holiday(std::chrono::sys_days day) const;
  std::vector<std::chrono::year_month_day> holidays_;
};

// A held item waits this long at the office for collection (the held
// messages and the lookup page say until when).
constexpr auto kHoldPeriod = std::chrono::days(7);

// The last day a held item can be collected: held_at + kHoldPeriod.
Timestamp hold_until(Timestamp held_at);

// The day of the next delivery attempt after a failed one: the next working
// day after the Vietnam calendar day of the failure.
std::chrono::year_month_day next_attempt_day(Timestamp failed_at, const HolidayCalendar& calendar);

// The end of the J + n deadline: 23:59:59 +07:00 on the n-th working day
// after the Vietnam calendar day of j, n = working_days(route, slip).
Timestamp due_at(Timestamp j, Route route, const HolidayCalendar& calendar,
                 bool with_appointment_slip = false);

}  // namespace tracker::domain
