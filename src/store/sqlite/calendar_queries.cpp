// Statements of the calendars and the J+n table.
#include "queries.hpp"

#include "connection.hpp"
#include "rows.hpp"
#include "tracker/domain/time.hpp"

namespace tracker::store::sqlite {
using namespace rows;

using columns::to_date;

std::vector<CalendarDay> SqliteCalendarQueries::days(domain::CalendarName calendar) {
  auto& q = c_.statement("SELECT day, kind, name, source FROM calendar_days WHERE calendar = ? ORDER BY day");
  put(q, 1, calendar);
  std::vector<CalendarDay> out;
  while (q.executeStep()) {
    out.push_back({to_date(q.getColumn(0).getString()), word<domain::DayKind>(q.getColumn(1)),
                   q.getColumn(2).getString(), q.getColumn(3).getString()});
  }
  return out;
}

std::vector<int> SqliteCalendarQueries::provisional_years(domain::CalendarName calendar) {
  auto& q = c_.statement("SELECT year FROM calendar_provisional_years WHERE calendar = ? ORDER BY year");
  put(q, 1, calendar);
  std::vector<int> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getInt());
  return out;
}

void SqliteCalendarQueries::replace(domain::CalendarName calendar, const std::vector<CalendarDay>& days,
                              const std::vector<int>& provisional_years) {
  auto& clear_days = c_.statement("DELETE FROM calendar_days WHERE calendar = ?");
  put(clear_days, 1, calendar);
  clear_days.exec();
  auto& clear_years = c_.statement("DELETE FROM calendar_provisional_years WHERE calendar = ?");
  put(clear_years, 1, calendar);
  clear_years.exec();
  for (const auto& d : days) {
    auto& q = c_.statement("INSERT INTO calendar_days (calendar, day, kind, name, source) VALUES (?, ?, ?, ?, ?)");
    put(q, 1, calendar);
    q.bind(2, domain::format_date(d.day));
    put(q, 3, d.kind);
    q.bind(4, d.name);
    q.bind(5, d.source);
    q.exec();
  }
  for (int year : provisional_years) {
    auto& q = c_.statement("INSERT INTO calendar_provisional_years (calendar, year) VALUES (?, ?)");
    put(q, 1, calendar);
    q.bind(2, year);
    q.exec();
  }
}

std::vector<domain::DeadlineRule> SqliteDeadlineQueries::rules() {
  auto& q = c_.statement(
      "SELECT route, valid_from, days, days_with_appointment, source, pending_confirmation FROM deadline_rules "
      "ORDER BY route, valid_from");
  std::vector<domain::DeadlineRule> out;
  while (q.executeStep()) {
    domain::DeadlineRule r;
    r.route = word<domain::Route>(q.getColumn(0));
    r.valid_from = to_date(q.getColumn(1).getString());
    r.days = q.getColumn(2).getInt();
    r.days_with_appointment = q.getColumn(3).getInt();
    r.source = q.getColumn(4).getString();
    r.pending_confirmation = q.getColumn(5).getInt() != 0;
    out.push_back(std::move(r));
  }
  return out;
}

void SqliteDeadlineQueries::replace(const std::vector<domain::DeadlineRule>& rules) {
  c_.statement("DELETE FROM deadline_rules").exec();
  for (const auto& r : rules) {
    auto& q = c_.statement(
        "INSERT INTO deadline_rules (route, valid_from, days, days_with_appointment, source, pending_confirmation) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    put(q, 1, r.route);
    q.bind(2, domain::format_date(r.valid_from));
    q.bind(3, r.days);
    q.bind(4, r.days_with_appointment);
    q.bind(5, r.source);
    q.bind(6, r.pending_confirmation ? 1 : 0);
    q.exec();
  }
}

}  // namespace tracker::store::sqlite
