#pragma once
// The rules kept as data (migration 011): the working-day calendars
// (civil_service, postal) keyed by date, their provisional years, and the J+n
// table by route. Reached through Tx::calendars() and Tx::deadlines(),
// inside that transaction; replace() only in a write job. Not thread-safe.
#include <string>
#include <vector>

#include "tracker/domain/deadline.hpp"
#include "tracker/domain/vocabulary.hpp"

namespace tracker::store {

struct CalendarDay {
  std::chrono::year_month_day day;
  domain::DayKind kind = domain::DayKind::holiday;
  std::string name;
  std::string source;
};

class CalendarQueries {
 public:
  virtual ~CalendarQueries() = default;

  // The calendar's days, by date.
  virtual std::vector<CalendarDay> days(domain::CalendarName calendar) = 0;
  virtual std::vector<int> provisional_years(domain::CalendarName calendar) = 0;
  // The whole calendar becomes `days` (dates unique, kinds known: the
  // schema's CHECKs refuse others) and `provisional_years`.
  virtual void replace(domain::CalendarName calendar, const std::vector<CalendarDay>& days,
                       const std::vector<int>& provisional_years) = 0;

 protected:
  CalendarQueries() = default;
  CalendarQueries(const CalendarQueries&) = default;
  CalendarQueries& operator=(const CalendarQueries&) = default;
};

class DeadlineQueries {
 public:
  virtual ~DeadlineQueries() = default;

  virtual std::vector<domain::DeadlineRule> rules() = 0;
  virtual void replace(const std::vector<domain::DeadlineRule>& rules) = 0;

 protected:
  DeadlineQueries() = default;
  DeadlineQueries(const DeadlineQueries&) = default;
  DeadlineQueries& operator=(const DeadlineQueries&) = default;
};

}  // namespace tracker::store
