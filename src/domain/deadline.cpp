#include "tracker/domain/deadline.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace tracker::domain {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

struct RouteRule {
  Route route;
  std::string_view word;
  int days;
  int days_with_slip;
};

// Indexed by Route.
constexpr std::array<RouteRule, 4> kRoutes{{
    {Route::same_commune, "same_commune", 1, 2},
    {Route::intra_province, "intra_province", 2, 4},
    {Route::inter_city, "inter_city", 3, 6},
    {Route::inter_province, "inter_province", 4, 8},
}};

const RouteRule& rule(Route route) {
  auto i = static_cast<std::size_t>(route);
  return kRoutes[i < kRoutes.size() ? i : kRoutes.size() - 1];
}

bool is_weekend(sys_days day) {
  std::chrono::weekday wd{day};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

// Monday to Friday days in [1970-01-05, day) (negative before it).
std::int64_t weekdays_before(sys_days day) {
  constexpr sys_days kMonday{std::chrono::year{1970} / 1 / 5};
  std::int64_t n = (day - kMonday).count();
  std::int64_t weeks = n >= 0 ? n / 7 : -((-n + 6) / 7);
  std::int64_t rest = n - weeks * 7;  // 0..6, counted from a Monday
  return weeks * 5 + std::min<std::int64_t>(rest, 5);
}

bool earlier(const year_month_day& a, const year_month_day& b) { return sys_days(a) < sys_days(b); }

}  // namespace

std::string_view to_string(Route route) { return rule(route).word; }

std::optional<Route> parse_route(std::string_view text) {
  if (text == "local") return Route::same_commune;  // the word before 2025
  for (const auto& r : kRoutes) {
    if (r.word == text) return r.route;
  }
  return std::nullopt;
}

const std::vector<Route>& all_routes() {
  static const std::vector<Route> all{Route::same_commune, Route::intra_province, Route::inter_city,
                                      Route::inter_province};
  return all;
}

int working_days(Route route, bool with_appointment_slip) {
  return with_appointment_slip ? rule(route).days_with_slip : rule(route).days;
}

namespace {

std::vector<year_month_day> sorted_days(std::vector<year_month_day> days) {
  std::sort(days.begin(), days.end(), earlier);
  auto same = [](const year_month_day& a, const year_month_day& b) { return sys_days(a) == sys_days(b); };
  days.erase(std::unique(days.begin(), days.end(), same), days.end());
  return days;
}

bool contains(const std::vector<year_month_day>& sorted, sys_days day) {
  return std::binary_search(sorted.begin(), sorted.end(), year_month_day{day}, earlier);
}

}  // namespace

HolidayCalendar::HolidayCalendar(std::vector<year_month_day> holidays, std::vector<year_month_day> makeup_workdays)
    : holidays_(sorted_days(std::move(holidays))), makeup_workdays_(sorted_days(std::move(makeup_workdays))) {}

bool HolidayCalendar::is_holiday(sys_days day) const { return contains(holidays_, day); }

bool HolidayCalendar::is_working(sys_days d) const {
  if (contains(makeup_workdays_, d)) return true;
  return !is_weekend(d) && !is_holiday(d);
}

bool HolidayCalendar::is_working_day(year_month_day day) const { return is_working(sys_days{day}); }

year_month_day HolidayCalendar::add_working_days(year_month_day j, int n) const {
  sys_days d{j};
  while (n > 0) {
    d += days(1);
    if (is_working(d)) --n;
  }
  return year_month_day{d};
}

int HolidayCalendar::working_days_between(year_month_day from, year_month_day to) const {
  sys_days lo{from};
  sys_days hi{to};
  if (hi <= lo) return 0;
  // Weekdays in (lo, hi], less the holidays among them that fall on weekdays
  // (and are not made up), plus the weekend days worked.
  std::int64_t count = weekdays_before(hi + days(1)) - weekdays_before(lo + days(1));
  auto first = std::upper_bound(holidays_.begin(), holidays_.end(), from, earlier);
  auto last = std::upper_bound(first, holidays_.end(), to, earlier);
  count -= std::count_if(first, last, [this](const year_month_day& h) {
    return !is_weekend(sys_days(h)) && !contains(makeup_workdays_, sys_days(h));
  });
  auto m_first = std::upper_bound(makeup_workdays_.begin(), makeup_workdays_.end(), from, earlier);
  auto m_last = std::upper_bound(m_first, makeup_workdays_.end(), to, earlier);
  count += std::count_if(m_first, m_last, [](const year_month_day& m) { return is_weekend(sys_days(m)); });
  return static_cast<int>(count);
}

DeadlineTable::DeadlineTable(std::vector<DeadlineRule> rules) : rules_(std::move(rules)) {
  std::sort(rules_.begin(), rules_.end(), [](const DeadlineRule& a, const DeadlineRule& b) {
    return a.route != b.route ? a.route < b.route : sys_days(a.valid_from) < sys_days(b.valid_from);
  });
}

int DeadlineTable::days(Route route, bool with_appointment_slip, year_month_day j) const {
  const DeadlineRule* found = nullptr;
  for (const auto& r : rules_) {
    if (r.route == route && sys_days(r.valid_from) <= sys_days(j)) found = &r;
  }
  if (!found) return working_days(route, with_appointment_slip);
  return with_appointment_slip ? found->days_with_appointment : found->days;
}

Timestamp due_at(Timestamp j, Route route, const HolidayCalendar& calendar, const DeadlineTable& table,
                 bool with_appointment_slip) {
  auto day = local_date(j);
  return local_end_of_day(calendar.add_working_days(day, table.days(route, with_appointment_slip, day)));
}

Timestamp due_at(Timestamp j, Route route, const HolidayCalendar& calendar, bool with_appointment_slip) {
  return due_at(j, route, calendar, DeadlineTable{}, with_appointment_slip);
}

Timestamp hold_until(Timestamp held_at) { return held_at + kHoldPeriod; }

std::chrono::year_month_day next_attempt_day(Timestamp failed_at, const HolidayCalendar& calendar) {
  return calendar.add_working_days(local_date(failed_at), 1);
}

}  // namespace tracker::domain
