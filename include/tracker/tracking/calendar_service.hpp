#pragma once
// The rules kept as data that an admin edits: the working-day calendars
// (GET/PUT /api/v1/calendars/{civil_service|postal}; the old
// /api/v1/calendar/holidays reads and writes the postal calendar's days off)
// and the J+n table (GET/PUT /api/v1/deadlines). Thread-safe.
#include <chrono>
#include <string>
#include <vector>

#include "tracker/auth/principal.hpp"
#include "tracker/tracking/shipment_service.hpp"

namespace tracker::tracking {

inline constexpr std::size_t kMaxHolidays = 200;          // days of the old holidays list
inline constexpr std::size_t kMaxCalendarDays = 400;      // days of one calendar
inline constexpr std::size_t kMaxHolidayNameChars = 100;  // characters, not bytes
inline constexpr std::size_t kMaxSourceChars = 300;

using domain::CalendarName;
using domain::DayKind;

struct CalendarEntry {
  std::chrono::year_month_day date;
  DayKind kind = DayKind::holiday;
  std::string name;
  std::string source;
};

struct Calendar {
  std::vector<CalendarEntry> days;  // by date
  std::vector<int> provisional_years;
};

struct Holiday {
  std::chrono::year_month_day day;
  std::string name;
};

class CalendarService {
 public:
  // shipments takes every new postal calendar and J+n table for the
  // deadlines it sets.
  CalendarService(store::Store& store, ShipmentService& shipments,
                  const domain::Clock& clock = domain::system_clock())
      : store_(store), shipments_(shipments), clock_(clock) {}

  // Any staff member.
  Result<Calendar> get(const auth::Principal& p, CalendarName name);
  // Admins only. The whole calendar becomes `c` (at most kMaxCalendarDays days,
  // distinct dates, names of 1 to kMaxHolidayNameChars characters, sources
  // up to kMaxSourceChars; else 422 naming each bad entry as days[i]).
  // Shipments created afterwards get deadlines on the new postal calendar;
  // the due_at of existing shipments is kept: it was their deadline when
  // they were taken, printed on the slip and the label.
  Task<Calendar> replace(const auth::Principal& p, CalendarName name, Calendar c);

  // The postal calendar's days off (holidays and days off in compensation),
  // as the holidays endpoint before 2025 showed them.
  Result<std::vector<Holiday>> list(const auth::Principal& p);
  // Replaces those days off (as holidays); make-up days and provisional
  // years stay.
  Task<std::vector<Holiday>> replace(const auth::Principal& p, std::vector<Holiday> holidays);

  // The J+n table. Any staff member reads; admins replace it (each route at
  // least once, distinct (route, valid_from), days_with_appointment >= days).
  Result<std::vector<domain::DeadlineRule>> deadlines(const auth::Principal& p);
  Task<std::vector<domain::DeadlineRule>> replace_deadlines(const auth::Principal& p,
                                                            std::vector<domain::DeadlineRule> rules);

  // The provisional years of either calendar that are in use: this year and
  // the next 45 days (the deadlines set now reach that far). Empty when all
  // are decided.
  std::vector<int> provisional_years_in_use();

 private:
  store::Store& store_;
  ShipmentService& shipments_;
  const domain::Clock& clock_;
};

}  // namespace tracker::tracking
