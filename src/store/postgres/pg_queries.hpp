#pragma once
// The PostgreSQL statement groups beside the Tx (calendars and J+n table,
// units, reports), each on the connection of its transaction. Private to
// store/postgres.
#include "tracker/store/calendar_queries.hpp"
#include "tracker/store/report_queries.hpp"
#include "tracker/store/unit_queries.hpp"

namespace tracker::store::postgres {

class PgConnection;

class PgCalendarQueries final : public CalendarQueries {
 public:
  explicit PgCalendarQueries(PgConnection& c) : c_(c) {}
  std::vector<CalendarDay> days(domain::CalendarName calendar) override;
  std::vector<int> provisional_years(domain::CalendarName calendar) override;
  void replace(domain::CalendarName calendar, const std::vector<CalendarDay>& days,
               const std::vector<int>& provisional_years) override;

 private:
  PgConnection& c_;
};

class PgDeadlineQueries final : public DeadlineQueries {
 public:
  explicit PgDeadlineQueries(PgConnection& c) : c_(c) {}
  std::vector<domain::DeadlineRule> rules() override;
  void replace(const std::vector<domain::DeadlineRule>& rules) override;

 private:
  PgConnection& c_;
};

class PgUnitQueries final : public UnitQueries {
 public:
  explicit PgUnitQueries(PgConnection& c) : c_(c) {}
  std::vector<Commune> find(const UnitQuery& q) override;
  std::optional<Commune> commune(const std::string& code) override;
  std::optional<Province> province(const std::string& code) override;
  std::vector<Commune> successors(const std::string& commune_key, const std::string& province_key) override;

 private:
  PgConnection& c_;
};

class PgReportQueries final : public ReportQueries {
 public:
  explicit PgReportQueries(PgConnection& c) : c_(c) {}
  void legs_of_office(OfficeId office_id, Timestamp from, Timestamp to,
                      const std::function<void(const LegRow&)>& row) override;
  std::vector<OverdueRow> overdue(Timestamp at, std::optional<OfficeId> office_id,
                                  std::optional<OverdueKey> after, int limit) override;
  std::vector<OverdueRow> return_due(std::optional<OfficeId> office_id, int limit) override;

 private:
  PgConnection& c_;
};

}  // namespace tracker::store::postgres
