// The statement groups beside the Tx: calendars and the J+n table,
// administrative units, reports.
#include <limits>

#include "pg_queries.hpp"
#include "pg_rows.hpp"
#include "tracker/domain/time.hpp"

namespace tracker::store::postgres {
using namespace rows;

// --- calendars and the J+n table ---

std::vector<CalendarDay> PgCalendarQueries::days(domain::CalendarName calendar) {
  auto r = run(c_, "SELECT day::text, kind, name, source FROM calendar_days WHERE calendar = $1 ORDER BY day",
               Params(calendar));
  return all(r, [](const Row& row) {
    return CalendarDay{columns::to_date(row.text(0)), row.word<domain::DayKind>(1), row.text(2), row.text(3)};
  });
}

std::vector<int> PgCalendarQueries::provisional_years(domain::CalendarName calendar) {
  return all(run(c_, "SELECT year FROM calendar_provisional_years WHERE calendar = $1 ORDER BY year", Params(calendar)),
             [](const Row& row) { return row.integer(0); });
}

void PgCalendarQueries::replace(domain::CalendarName calendar, const std::vector<CalendarDay>& days,
                                const std::vector<int>& provisional_years) {
  run(c_, "DELETE FROM calendar_days WHERE calendar = $1", Params(calendar));
  run(c_, "DELETE FROM calendar_provisional_years WHERE calendar = $1", Params(calendar));
  for (const auto& d : days) {
    run(c_, "INSERT INTO calendar_days (calendar, day, kind, name, source) VALUES ($1, $2::date, $3, $4, $5)",
        Params(calendar, domain::format_date(d.day), d.kind, d.name, d.source));
  }
  for (int year : provisional_years) {
    run(c_, "INSERT INTO calendar_provisional_years (calendar, year) VALUES ($1, $2)", Params(calendar, year));
  }
}

std::vector<domain::DeadlineRule> PgDeadlineQueries::rules() {
  auto r = run(c_,
               "SELECT route, valid_from::text, days, days_with_appointment, source, pending_confirmation "
               "FROM deadline_rules ORDER BY route, valid_from");
  return all(r, [](const Row& row) {
    domain::DeadlineRule rule;
    rule.route = row.word<domain::Route>(0);
    rule.valid_from = columns::to_date(row.text(1));
    rule.days = row.integer(2);
    rule.days_with_appointment = row.integer(3);
    rule.source = row.text(4);
    rule.pending_confirmation = row.boolean(5);
    return rule;
  });
}

void PgDeadlineQueries::replace(const std::vector<domain::DeadlineRule>& rules) {
  run(c_, "DELETE FROM deadline_rules");
  for (const auto& r : rules) {
    run(c_,
        "INSERT INTO deadline_rules (route, valid_from, days, days_with_appointment, source, pending_confirmation) "
        "VALUES ($1, $2::date, $3, $4, $5, $6)",
        Params(r.route, domain::format_date(r.valid_from), r.days, r.days_with_appointment, r.source,
               r.pending_confirmation));
  }
}

// --- administrative units ---

namespace {

constexpr const char* kCommuneColumns =
    "SELECT c.code, c.name, c.kind, p.code, p.name FROM communes c JOIN provinces p ON p.code = c.province_code ";

Commune commune_from(const Row& r) {
  return Commune{r.text(0), r.text(1), r.text(2), Province{r.text(3), r.text(4)}};
}

}  // namespace

std::vector<Commune> PgUnitQueries::find(const UnitQuery& u) {
  // The key holds only [a-z0-9 ] (domain::search_key): no LIKE wildcards.
  auto r = run(c_,
               std::string(kCommuneColumns) +
                   "WHERE ($1::text IS NULL OR c.province_code = $1) AND ($2::text IS NULL OR c.code = $2) "
                   "AND ($3::text = '' OR ' ' || c.search_name || ' ' LIKE '% ' || $3 || '%') "
                   "AND c.code > $4 ORDER BY c.code COLLATE \"C\" LIMIT $5",
               Params(u.province_code, u.code, u.key, u.after.value_or(""), u.limit));
  return all(r, commune_from);
}

std::optional<Commune> PgUnitQueries::commune(const std::string& code) {
  return first(run(c_, std::string(kCommuneColumns) + "WHERE c.code = $1", Params(code)), commune_from);
}

std::optional<Province> PgUnitQueries::province(const std::string& code) {
  return first(run(c_, "SELECT code, name FROM provinces WHERE code = $1", Params(code)),
               [](const Row& r) { return Province{r.text(0), r.text(1)}; });
}

std::vector<Commune> PgUnitQueries::successors(const std::string& commune_key, const std::string& province_key) {
  auto r = run(c_,
               std::string(kCommuneColumns) +
                   "WHERE c.code IN (SELECT new_code FROM old_communes WHERE name_key = $1 "
                   "AND ($2::text = '' OR province_key = $2)) ORDER BY c.code COLLATE \"C\" LIMIT 20",
               Params(commune_key, province_key));
  return all(r, commune_from);
}

// --- reports ---

void PgReportQueries::legs_of_office(OfficeId office_id, Timestamp from, Timestamp to,
                                     const std::function<void(const LegRow&)>& row) {
  auto r = run(c_,
               "SELECT kind, status, created_at, due_at, leg_ended_at FROM shipments "
               "WHERE office_id = $1 AND created_at >= $2 AND created_at < $3",
               Params(office_id, from, to));
  LegRow leg;
  for (int i = 0; i < r.rows(); ++i) {
    Row x(r, i);
    leg.kind = x.word<ShipmentKind>(0);
    leg.status = x.word<ShipmentStatus>(1);
    leg.created_at = x.time(2);
    leg.due_at = x.time(3);
    leg.leg_ended_at = x.opt_time(4);
    row(leg);
  }
}

namespace {

constexpr const char* kOverdueColumns =
    "SELECT s.id, s.tracking_number, s.kind, s.status, s.office_id, s.agency_id, s.created_at, s.due_at "
    "FROM shipments s ";

OverdueRow overdue_row_from(const Row& r) {
  return OverdueRow{r.id<ShipmentId>(0), r.text(1), r.word<ShipmentKind>(2), r.word<ShipmentStatus>(3),
                    r.id<OfficeId>(4), r.id<OfficeId>(5), r.time(6), r.time(7)};
}

}  // namespace

std::vector<OverdueRow> PgReportQueries::overdue(Timestamp at, std::optional<OfficeId> office_id,
                                                 std::optional<OverdueKey> after, int limit) {
  // The open-leg condition repeats the partial indexes' WHERE, so they apply.
  auto r = run(c_,
               std::string(kOverdueColumns) +
                   "WHERE ($5::bigint IS NULL OR s.office_id = $5) AND s.leg_ended_at IS NULL "
                   "AND s.cancelled_at IS NULL AND s.due_at < $1 AND (s.due_at, s.id) > ($2::bigint, $3::bigint) "
                   "ORDER BY s.due_at, s.id LIMIT $4",
               Params(at, after ? ms(after->due_at) : std::numeric_limits<std::int64_t>::min(),
                      after ? static_cast<std::int64_t>(domain::raw(after->id)) : std::int64_t{0}, limit, office_id));
  return all(r, overdue_row_from);
}

std::vector<OverdueRow> PgReportQueries::return_due(std::optional<OfficeId> office_id, int limit) {
  auto r = run(c_,
               std::string(kOverdueColumns) +
                   "WHERE s.status = 'return_due' AND ($1::bigint IS NULL OR s.office_id = $1 OR s.agency_id = $1 "
                   "OR EXISTS (SELECT 1 FROM shipment_offices so WHERE so.province = s.province "
                   "AND so.shipment_id = s.id AND so.office_id = $1)) ORDER BY s.id LIMIT $2",
               Params(office_id, limit));
  return all(r, overdue_row_from);
}

}  // namespace tracker::store::postgres
