// The supervisors' reports. The summary is one pass over the report index
// per office, tallied here; the overdue list is one page of the open-leg
// index. Both run on the worker pool in one read snapshot.
#include <algorithm>
#include <cmath>
#include <map>

#include "tracker/store/awaitable.hpp"
#include "tracker/tracking/report_service.hpp"
#include "view_builder.hpp"
#include "tracker/executor/run_on.hpp"

namespace tracker::tracking {
using namespace tracker::domain;
using auth::Role;
using std::chrono::days;
using std::chrono::sys_days;

namespace {

constexpr double kMsPerHour = 3'600'000.0;

Error forbidden(std::string detail) {
  return make_error(Errc::forbidden, "forbidden", std::move(detail));
}

Status may_read_reports(const auth::Principal& p) {
  if (p.role == Role::supervisor || p.role == Role::admin) return Ok{};
  return forbidden("Reports are for supervisors and admins.");
}

Status check_period(const SummaryQuery& q) {
  auto length = (sys_days(q.to) - sys_days(q.from)).count() + 1;
  if (length < 1) return field_error("from", "from_after_to", "from is after to.");
  if (length > kMaxReportDays) {
    return field_error("to", "period_too_long",
                       "A report covers at most " + std::to_string(kMaxReportDays) + " days.");
  }
  return Ok{};
}

// The office a report is about: the one named, the supervisor's own, or
// none (every office) for an admin naming none.
Result<std::optional<store::Office>> report_office(store::Tx& tx, const auth::Principal& p,
                                                   const std::optional<std::string>& code) {
  if (p.role == Role::supervisor) {
    if (code && *code != p.office_code) return forbidden("A supervisor reports on its own office only.");
    return tx.find_office(*p.office_id);
  }
  if (!code) return std::optional<store::Office>();
  auto office = tx.find_office_by_code(*code);
  if (!office) return field_error("office", "unknown_office", "No office has this code.");
  return office;
}

double rounded(double value, double unit) { return std::round(value / unit) * unit; }

// Counts one leg of shipments and keeps their transit times for the median.
class LegTally {
 public:
  explicit LegTally(ShipmentKind leg) { s_.leg = leg; }

  void add(const store::LegRow& r, Timestamp as_of) {
    ++s_.shipments;
    ++s_.by_status[r.status];
    if (r.status == ShipmentStatus::cancelled) {
      ++s_.cancelled;
    } else if (r.leg_ended_at) {
      ++s_.ended;
      ++(*r.leg_ended_at <= r.due_at ? s_.on_time : s_.late);
      transit_ms_.push_back((*r.leg_ended_at - r.created_at).count());
    } else {
      ++s_.open;
      if (r.due_at < as_of) ++s_.overdue;
    }
  }

  void merge(const LegTally& o) {
    s_.shipments += o.s_.shipments;
    s_.cancelled += o.s_.cancelled;
    s_.ended += o.s_.ended;
    s_.on_time += o.s_.on_time;
    s_.late += o.s_.late;
    s_.open += o.s_.open;
    s_.overdue += o.s_.overdue;
    for (const auto& [status, n] : o.s_.by_status) s_.by_status[status] += n;
    transit_ms_.insert(transit_ms_.end(), o.transit_ms_.begin(), o.transit_ms_.end());
  }

  // The summary with its rate and median (reorders the kept times).
  LegSummary finish() {
    auto known = s_.ended + s_.overdue;
    if (known > 0) s_.on_time_rate = rounded(static_cast<double>(s_.on_time) / static_cast<double>(known), 1e-4);
    if (!transit_ms_.empty()) {
      auto mid = transit_ms_.begin() + static_cast<std::ptrdiff_t>(transit_ms_.size() / 2);
      std::nth_element(transit_ms_.begin(), mid, transit_ms_.end());
      double median = static_cast<double>(*mid);
      if (transit_ms_.size() % 2 == 0) {
        median = (median + static_cast<double>(*std::max_element(transit_ms_.begin(), mid))) / 2;
      }
      s_.median_transit_hours = rounded(median / kMsPerHour, 0.1);
    }
    return s_;
  }

 private:
  LegSummary s_;
  std::vector<std::int64_t> transit_ms_;
};

}  // namespace

Task<SummaryReport> ReportService::summary(const auth::Principal& p, SummaryQuery q) {
  if (auto allowed = may_read_reports(p); !allowed) co_return allowed.error();
  if (auto period = check_period(q); !period) co_return period.error();
  const Timestamp as_of = q.as_of.value_or(clock_.now());
  // The period in Vietnam days: [00:00 of from, 00:00 after to) at +07:00.
  const Timestamp from{sys_days(q.from) - kVietnamOffset};
  const Timestamp to{sys_days(q.to) + days(1) - kVietnamOffset};
  auto work = [&]() -> Result<SummaryReport> {
    return store_.read([&](store::Tx& tx) -> Result<SummaryReport> {
      auto office = report_office(tx, p, q.office);
      if (!office) return office.error();
      auto offices = *office ? std::vector<store::Office>{**office} : tx.list_offices();
      std::sort(offices.begin(), offices.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
      store::ReportQueries& queries = tx.reports();
      SummaryReport report{q.from, q.to, as_of, {}, {}};
      LegTally total_dossier(ShipmentKind::dossier), total_result(ShipmentKind::result);
      for (const auto& o : offices) {
        LegTally dossier(ShipmentKind::dossier), result(ShipmentKind::result);
        std::int64_t seen = 0;
        queries.legs_of_office(o.id, from, to, [&](const store::LegRow& row) {
          (row.kind == ShipmentKind::result ? result : dossier).add(row, as_of);
          ++seen;
        });
        if (seen == 0 && !*office) continue;  // a named office is shown even when empty
        total_dossier.merge(dossier);
        total_result.merge(result);
        report.offices.push_back({OfficeRef{o.code, o.name}, {dossier.finish(), result.finish()}});
      }
      report.totals = {total_dossier.finish(), total_result.finish()};
      return report;
    });
  };
  auto report = co_await executor::run_on(workers_, work);
  co_return report;
}

constexpr int kMaxReturnDue = 500;

Task<OverduePage> ReportService::overdue(const auth::Principal& p, OverdueQuery q) {
  if (auto allowed = may_read_reports(p); !allowed) co_return allowed.error();
  const Timestamp as_of = q.as_of.value_or(clock_.now());
  const auto calendars = shipments_.calendars();
  const auto today = local_date(as_of);
  auto work = [&]() -> Result<OverduePage> {
    return store_.read([&](store::Tx& tx) -> Result<OverduePage> {
      // Days overdue count the working days of the calendar its due_at was
      // counted in: the leg's at the office that created it.
      std::map<OfficeId, CalendarName> leg_calendar_of;
      auto days_overdue = [&](const store::OverdueRow& r) {
        auto it = leg_calendar_of.find(r.office_id);
        if (it == leg_calendar_of.end()) {
          auto o = tx.find_office(r.office_id);
          it = leg_calendar_of.emplace(r.office_id, o ? store::leg_calendar(*o) : CalendarName::postal).first;
        }
        return calendars.at(it->second).working_days_between(local_date(r.due_at), today);
      };
      auto office = report_office(tx, p, q.office);
      if (!office) return office.error();
      std::optional<OfficeId> office_id;
      if (*office) office_id = (*office)->id;
      auto rows = tx.reports().overdue(as_of, office_id, q.after, q.limit + 1);
      OverduePage page{as_of, {}, std::nullopt};
      ViewBuilder views(tx, as_of);
      for (std::size_t i = 0; i < rows.size() && static_cast<int>(i) < q.limit; ++i) {
        const auto& r = rows[i];
        page.items.push_back(OverdueItem{r.tracking_number, r.kind, r.status, views.office(r.office_id),
                                         views.office(r.agency_id), r.created_at, r.due_at, days_overdue(r)});
      }
      if (static_cast<int>(rows.size()) > q.limit) {
        const auto& last = rows[static_cast<std::size_t>(q.limit) - 1];
        page.next = store::OverdueKey{last.due_at, last.id};
      }
      if (!q.after) {
        for (const auto& r : tx.reports().return_due(office_id, kMaxReturnDue)) {
          page.return_due.push_back(OverdueItem{r.tracking_number, r.kind, r.status, views.office(r.office_id),
                                                views.office(r.agency_id), r.created_at, r.due_at,
                                                days_overdue(r)});
        }
      }
      return page;
    });
  };
  auto page = co_await executor::run_on(workers_, work);
  co_return page;
}

}  // namespace tracker::tracking
