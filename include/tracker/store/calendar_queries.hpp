#pragma once
// The rules kept as data (migration 011): the working-day calendars
// (civil_service, postal) keyed by date, their provisional years, and the J+n
// table by route. Run on the connection of the Tx they are built from;
// replace_*() only inside a write job. Not thread-safe.
#include <string>
#include <vector>

#include "tracker/domain/deadline.hpp"
#include "tracker/domain/vocabulary.hpp"
#include "tracker/store/tx.hpp"

namespace tracker::store {

struct CalendarDay {
  std::chrono::year_month_day day;
  domain::DayKind kind = domain::DayKind::holiday;
  std::string name;
  std::string source;
};

class CalendarQueries {
 public:
  explicit CalendarQueries(Tx& tx) : c_(tx.connection()) {}

  // The calendar's days, by date.
  std::vector<CalendarDay> days(domain::CalendarName calendar);
  std::vector<int> provisional_years(domain::CalendarName calendar);
  // The whole calendar becomes `days` (dates unique, kinds known: the
  // schema's CHECKs refuse others) and `provisional_years`.
  void replace(domain::CalendarName calendar, const std::vector<CalendarDay>& days,
               const std::vector<int>& provisional_years);

 private:
  Connection& c_;
};

class DeadlineQueries {
 public:
  explicit DeadlineQueries(Tx& tx) : c_(tx.connection()) {}
  std::vector<domain::DeadlineRule> rules();
  void replace(const std::vector<domain::DeadlineRule>& rules);

 private:
  Connection& c_;
};

}  // namespace tracker::store
