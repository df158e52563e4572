// The rules kept as data: working-day calendars and the J+n table. Read by
// any staff member, replaced by an admin; every replacement is audited and
// taken at once by the shipments service for the deadlines it sets.
#include "tracker/tracking/calendar_service.hpp"

#include <algorithm>
#include <set>

#include "audit_entry.hpp"
#include "tracker/store/awaitable.hpp"
#include "tracker/store/calendar_queries.hpp"
#include "tracker/tracking/office_service.hpp"

namespace tracker::tracking {
using namespace tracker::domain;
using std::chrono::sys_days;

namespace {

Error admin_only() { return make_error(Errc::forbidden, "forbidden", "Only an admin edits the calendars and deadlines."); }

// UTF-8 characters (the JSON parser has checked the encoding).
std::size_t characters(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool is_weekend(std::chrono::year_month_day d) {
  std::chrono::weekday wd{sys_days(d)};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

// `list` and `date` name the fields in errors: days[i].date, or items[i].day
// for the old holidays list.
Status check(const Calendar& c, const std::string& list, const std::string& date, std::size_t max_days) {
  std::vector<FieldError> errors;
  if (c.days.size() > max_days) {
    errors.push_back({list, "too_many", "At most " + std::to_string(max_days) + " days."});
  }
  std::set<sys_days> seen;
  for (std::size_t i = 0; i < c.days.size(); ++i) {
    const auto& d = c.days[i];
    std::string at = list + "[" + std::to_string(i) + "]";
    if (d.name.empty()) errors.push_back({at + ".name", "required", "A day has a name."});
    if (characters(d.name) > kMaxHolidayNameChars) {
      errors.push_back({at + ".name", "too_long", "A name has at most 100 characters."});
    }
    if (characters(d.source) > kMaxSourceChars) {
      errors.push_back({at + ".source", "too_long", "A source has at most 300 characters."});
    }
    if (d.kind == DayKind::makeup_workday && !is_weekend(d.date)) {
      errors.push_back({at + ".kind", "not_a_weekend_day",
                        format_date(d.date) + " is a weekday: only a Saturday or Sunday is made a working day."});
    }
    if (!seen.insert(sys_days(d.date)).second) {
      errors.push_back({at + "." + date, "duplicate_day", format_date(d.date) + " is listed twice."});
    }
  }
  std::set<int> years;
  for (std::size_t i = 0; i < c.provisional_years.size(); ++i) {
    int y = c.provisional_years[i];
    std::string at = "provisional_years[" + std::to_string(i) + "]";
    if (y < 2000 || y > 2200) errors.push_back({at, "out_of_range", "A year from 2000 to 2200."});
    else if (!years.insert(y).second) errors.push_back({at, "duplicate_year", "Listed twice."});
  }
  if (errors.empty()) return Ok{};
  return Error{Errc::invalid, "validation_failed", "The calendar is not valid.", std::move(errors)};
}

Calendar read_calendar(store::Tx& tx, CalendarName name) {
  store::CalendarQueries& q = tx.calendars();
  Calendar c;
  for (auto& row : q.days(name)) c.days.push_back({row.day, row.kind, std::move(row.name), std::move(row.source)});
  c.provisional_years = q.provisional_years(name);
  return c;
}

}  // namespace

Result<Calendar> CalendarService::get(const auth::Principal&, CalendarName name) {
  return store_.read([&](store::Tx& tx) { return read_calendar(tx, name); });
}

Task<Calendar> CalendarService::replace(const auth::Principal& p, CalendarName name, Calendar c) {
  if (!auth::is_admin(p)) co_return admin_only();
  if (auto valid = check(c, "days", "date", kMaxCalendarDays); !valid) co_return valid.error();
  std::sort(c.days.begin(), c.days.end(),
            [](const CalendarEntry& a, const CalendarEntry& b) { return sys_days(a.date) < sys_days(b.date); });
  std::sort(c.provisional_years.begin(), c.provisional_years.end());
  std::vector<store::CalendarDay> rows;
  for (const auto& d : c.days) rows.push_back({d.date, d.kind, d.name, d.source});
  std::function<Result<Ok>(store::Tx&)> job = [p, name, rows, years = c.provisional_years,
                                               now = clock_.now()](store::Tx& tx) -> Result<Ok> {
    tx.calendars().replace(name, rows, years);
    boost::json::array days;
    for (const auto& r : rows) days.emplace_back(format_date(r.day) + " " + std::string(to_string(r.kind)));
    tx.append_audit(audit_entry(p, now, "calendar.replaced", std::string(to_string(name)), {{"days", days}}));
    return Ok{};
  };
  auto written = co_await store::write_async<Ok>(store_, std::move(job));
  if (!written) co_return written.error();
  shipments_.set_calendar(name, load_calendar(store_, name));
  co_return c;
}

Result<std::vector<Holiday>> CalendarService::list(const auth::Principal& p) {
  auto c = get(p, CalendarName::postal);
  if (!c) return c.error();
  std::vector<Holiday> out;
  for (auto& d : c->days) {
    if (d.kind != DayKind::makeup_workday) out.push_back({d.date, std::move(d.name)});
  }
  return out;
}

Task<std::vector<Holiday>> CalendarService::replace(const auth::Principal& p, std::vector<Holiday> holidays) {
  if (!auth::is_admin(p)) co_return admin_only();
  auto current = get(p, CalendarName::postal);
  if (!current) co_return current.error();
  Calendar c;
  c.provisional_years = current->provisional_years;
  for (const auto& h : holidays) c.days.push_back({h.day, DayKind::holiday, h.name, "PUT /api/v1/calendar/holidays"});
  if (auto valid = check(c, "items", "day", kMaxHolidays); !valid) co_return valid.error();
  for (auto& d : current->days) {
    bool replaced = std::any_of(holidays.begin(), holidays.end(),
                                [&](const Holiday& h) { return sys_days(h.day) == sys_days(d.date); });
    if (d.kind == DayKind::makeup_workday && !replaced) c.days.push_back(std::move(d));
  }
  auto saved = co_await replace(p, CalendarName::postal, std::move(c));
  if (!saved) co_return saved.error();
  std::sort(holidays.begin(), holidays.end(),
            [](const Holiday& a, const Holiday& b) { return sys_days(a.day) < sys_days(b.day); });
  co_return holidays;
}

Result<std::vector<DeadlineRule>> CalendarService::deadlines(const auth::Principal&) {
  return store_.read([](store::Tx& tx) { return tx.deadlines().rules(); });
}

Task<std::vector<DeadlineRule>> CalendarService::replace_deadlines(const auth::Principal& p,
                                                                   std::vector<DeadlineRule> rules) {
  if (!auth::is_admin(p)) co_return admin_only();
  std::vector<FieldError> errors;
  std::set<std::pair<Route, sys_days>> seen;
  std::set<Route> routes;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto& r = rules[i];
    std::string at = "routes[" + std::to_string(i) + "]";
    if (r.days < 0 || r.days > 60) errors.push_back({at + ".days", "out_of_range", "days is 0 to 60."});
    if (r.days_with_appointment < r.days || r.days_with_appointment > 60) {
      errors.push_back({at + ".days_with_appointment", "out_of_range", "days_with_appointment is days to 60."});
    }
    if (r.source.empty() || characters(r.source) > kMaxSourceChars) {
      errors.push_back({at + ".source", "required", "Each row names its legal source (at most 300 characters)."});
    }
    if (!seen.insert({r.route, sys_days(r.valid_from)}).second) {
      errors.push_back({at + ".valid_from", "duplicate", "The route has another row from this date."});
    }
    routes.insert(r.route);
  }
  for (auto route : all_routes()) {
    if (!routes.count(route)) {
      errors.push_back({"routes", "route_missing", "No row for " + std::string(to_string(route)) + "."});
    }
  }
  if (!errors.empty()) co_return Error{Errc::invalid, "validation_failed", "The J+n table is not valid.", errors};
  std::function<Result<Ok>(store::Tx&)> job = [p, rules, now = clock_.now()](store::Tx& tx) -> Result<Ok> {
    tx.deadlines().replace(rules);
    boost::json::array rows;
    for (const auto& r : rules) {
      rows.emplace_back(std::string(to_string(r.route)) + " " + format_date(r.valid_from) + " " +
                        std::to_string(r.days) + "/" + std::to_string(r.days_with_appointment));
    }
    tx.append_audit(audit_entry(p, now, "deadlines.replaced", "deadlines", {{"routes", rows}}));
    return Ok{};
  };
  auto written = co_await store::write_async<Ok>(store_, std::move(job));
  if (!written) co_return written.error();
  // Like a calendar change: shipments created from now on; due_at kept.
  shipments_.set_deadlines(load_deadlines(store_));
  co_return DeadlineTable(std::move(rules)).rules();
}

std::vector<int> CalendarService::provisional_years_in_use() {
  auto today = local_date(clock_.now());
  auto reach = std::chrono::year_month_day{sys_days(today) + std::chrono::days(45)};
  std::set<int> in_use;
  store_.read([&](store::Tx& tx) {
    store::CalendarQueries& q = tx.calendars();
    for (auto name : {CalendarName::civil_service, CalendarName::postal}) {
      for (int y : q.provisional_years(name)) {
        if (y >= static_cast<int>(today.year()) && y <= static_cast<int>(reach.year())) in_use.insert(y);
      }
    }
    return 0;
  });
  return {in_use.begin(), in_use.end()};
}

}  // namespace tracker::tracking
