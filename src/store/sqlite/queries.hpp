#pragma once
// The SQLite statement groups beside the Tx (calendars and J+n table, units,
// reports), each on the connection of its transaction. Private to
// store/sqlite.
#include "tracker/store/calendar_queries.hpp"
#include "tracker/store/report_queries.hpp"
#include "tracker/store/unit_queries.hpp"

namespace tracker::store::sqlite {

class Connection;

class SqliteCalendarQueries final : public CalendarQueries {
 public:
  explicit SqliteCalendarQueries(Connection& c) : c_(c) {}
  std::vector<CalendarDay> days(domain::CalendarName calendar) override;
  std::vector<int> provisional_years(domain::CalendarName calendar) override;
  void replace(domain::CalendarName calendar, const std::vector<CalendarDay>& days,
               const std::vector<int>& provisional_years) override;

 private:
  Connection& c_;
};

class SqliteDeadlineQueries final : public DeadlineQueries {
 public:
  explicit SqliteDeadlineQueries(Connection& c) : c_(c) {}
  std::vector<domain::DeadlineRule> rules() override;
  void replace(const std::vector<domain::DeadlineRule>& rules) override;

 private:
  Connection& c_;
};

class SqliteUnitQueries final : public UnitQueries {
 public:
  explicit SqliteUnitQueries(Connection& c) : c_(c) {}
  std::vector<Commune> find(const UnitQuery& q) override;
  std::optional<Commune> commune(const std::string& code) override;
  std::optional<Province> province(const std::string& code) override;
  std::vector<Commune> successors(const std::string& commune_key, const std::string& province_key) override;

 private:
  Connection& c_;
};

class SqliteReportQueries final : public ReportQueries {
 public:
  explicit SqliteReportQueries(Connection& c) : c_(c) {}
  void legs_of_office(OfficeId office_id, Timestamp from, Timestamp to,
                      const std::function<void(const LegRow&)>& row) override;
  std::vector<OverdueRow> overdue(Timestamp at, std::optional<OfficeId> office_id,
                                  std::optional<OverdueKey> after, int limit) override;
  std::vector<OverdueRow> return_due(std::optional<OfficeId> office_id, int limit) override;

 private:
  Connection& c_;
};

}  // namespace tracker::store::sqlite
