#pragma once
// The supervisors' reports (API.md, Reports): the summary of a period per
// office and leg, and the list of shipments past their J+n deadline.
//
// Who: supervisors (their own office only) and admins (any office or all).
// An office's shipments are those created there: a dossier at its post
// office, a result at its agency.
//
// Thread-safe. Each report reads one consistent snapshot on the worker pool
// (never on the calling I/O thread) and resumes the caller on its executor.
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tracker/auth/principal.hpp"
#include "tracker/store/report_queries.hpp"
#include "tracker/tracking/shipment_service.hpp"

namespace tracker::tracking {

// At most this many days, from and to included.
inline constexpr int kMaxReportDays = 400;

struct SummaryQuery {
  std::chrono::year_month_day from;  // Vietnam calendar days, both included
  std::chrono::year_month_day to;
  std::optional<std::string> office;       // code; none: the supervisor's own, or all for an admin
  std::optional<domain::Timestamp> as_of;  // "now" for open legs; default the clock
};

// One leg (dossier or result) of the shipments created in the period.
struct LegSummary {
  domain::ShipmentKind leg = domain::ShipmentKind::dossier;
  std::int64_t shipments = 0;    // created in the period, cancelled included
  std::int64_t cancelled = 0;
  std::int64_t ended = 0;        // leg ended (dossier delivered; result: first attempt)
  std::int64_t on_time = 0;      // ended at or before due_at
  std::int64_t late = 0;         // ended after due_at
  std::int64_t open = 0;         // not ended, not cancelled
  std::int64_t overdue = 0;      // open and past due_at at as_of: late already
  // Shipments by status (every status that occurs).
  std::map<domain::ShipmentStatus, std::int64_t> by_status;
  // on_time / (ended + overdue): of the legs whose outcome is known, the
  // share that ended in time. None when nothing is known yet.
  std::optional<double> on_time_rate;
  // Median of leg end - creation over the ended legs, in hours.
  std::optional<double> median_transit_hours;
};

struct OfficeSummary {
  OfficeRef office;
  std::vector<LegSummary> legs;  // dossier, result
};

struct SummaryReport {
  std::chrono::year_month_day from;
  std::chrono::year_month_day to;
  domain::Timestamp as_of{};
  std::vector<OfficeSummary> offices;  // by code; offices that created nothing are left out
  std::vector<LegSummary> totals;      // dossier, result, over those offices
};

struct OverdueQuery {
  std::optional<std::string> office;  // code; as in SummaryQuery
  int limit = 50;
  std::optional<store::OverdueKey> after;  // the previous page's next
  std::optional<domain::Timestamp> as_of;
};

struct OverdueItem {
  std::string tracking_number;
  domain::ShipmentKind kind = domain::ShipmentKind::dossier;
  domain::ShipmentStatus status = domain::ShipmentStatus::created;
  OfficeRef office;
  OfficeRef agency;
  domain::Timestamp created_at{};
  domain::Timestamp due_at{};
  // Working days after the deadline's day up to as_of's day (that day
  // included), on the current holiday calendar; 0 while still on a day off.
  int days_overdue = 0;
};

struct OverduePage {
  domain::Timestamp as_of{};
  std::vector<OverdueItem> items;  // oldest due first
  std::optional<store::OverdueKey> next;
  // On the first page: results to send back to their agency (return_due).
  std::vector<OverdueItem> return_due;
};

class ReportService {
 public:
  // shipments gives the current holiday calendar.
  // as_of defaults to `clock`'s time.
  ReportService(store::Store& store, boost::asio::thread_pool& workers,
                const ShipmentService& shipments, const domain::Clock& clock = domain::system_clock())
      : store_(store), workers_(workers), shipments_(shipments), clock_(clock) {}

  // invalid when from > to or the period is longer than kMaxReportDays;
  // forbidden for other roles and for a supervisor naming another office.
  Task<SummaryReport> summary(const auth::Principal& p, SummaryQuery q);
  Task<OverduePage> overdue(const auth::Principal& p, OverdueQuery q);

 private:
  store::Store& store_;
  boost::asio::thread_pool& workers_;
  const ShipmentService& shipments_;
  const domain::Clock& clock_;
};

}  // namespace tracker::tracking
