#include "metrics.hpp"

#include <algorithm>
#include <sstream>

#include "tracker/tracking/scan_service.hpp"

namespace tracker::http {

void Metrics::observe(const std::string& method, const std::string& route, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{method, route, status}];
  auto& h = latency_[route];
  for (std::size_t i = 0; i < kBounds.size(); ++i) {
    if (seconds <= kBounds[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render(const store::WriteStats& writes, const store::OperationalFigures& figures, bool ready,
                            domain::Timestamp now, std::optional<std::uint64_t> idle_polls) const {
  std::ostringstream out;
  {
    std::lock_guard lock(mu_);
    out << "# HELP tracker_http_requests_total HTTP requests by route and status.\n"
        << "# TYPE tracker_http_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
      const auto& [method, route, status] = key;
      out << "tracker_http_requests_total{method=\"" << method << "\",route=\"" << route
          << "\",status=\"" << status << "\"} " << n << "\n";
    }
    out << "# HELP tracker_http_request_duration_seconds Request latency.\n"
        << "# TYPE tracker_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
      for (std::size_t i = 0; i < kBounds.size(); ++i) {
        out << "tracker_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\""
            << kBounds[i] << "\"} " << h.buckets[i] << "\n";
      }
      out << "tracker_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} "
          << h.count << "\n";
      out << "tracker_http_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum << "\n";
      out << "tracker_http_request_duration_seconds_count{route=\"" << route << "\"} " << h.count
          << "\n";
    }
  }
  out << "# HELP tracker_scans_recorded_total Scan events newly recorded.\n"
      << "# TYPE tracker_scans_recorded_total counter\n"
      << "tracker_scans_recorded_total " << scans_.load() << "\n"
      << "# HELP tracker_scans_late_total Scans older than their shipment's newest event.\n"
      << "# TYPE tracker_scans_late_total counter\n"
      << "tracker_scans_late_total " << tracking::ScanService::late_scans() << "\n";
  if (idle_polls) {
    out << "# HELP tracker_dispatcher_idle_polls_total Looks at the outbox that found nothing to send.\n"
        << "# TYPE tracker_dispatcher_idle_polls_total counter\n"
        << "tracker_dispatcher_idle_polls_total " << *idle_polls << "\n";
  }
  out << "# HELP tracker_notifications Messages in the outbox by channel and state.\n"
      << "# TYPE tracker_notifications gauge\n";
  for (const auto& c : figures.outbox) {
    out << "tracker_notifications{channel=\"" << domain::to_string(c.channel) << "\",state=\"" << domain::to_string(c.state) << "\"} "
        << c.count << "\n";
  }
  double oldest = 0;
  if (figures.oldest_unsent_created_at) {
    oldest = std::max(0.0, std::chrono::duration<double>(now - *figures.oldest_unsent_created_at).count());
  }
  out << "# HELP tracker_outbox_oldest_unsent_age_seconds Age of the oldest message not yet sent (pending or failed; 0 when none).\n"
      << "# TYPE tracker_outbox_oldest_unsent_age_seconds gauge\n"
      << "tracker_outbox_oldest_unsent_age_seconds " << oldest << "\n"
      << "# HELP tracker_shipments_overdue Open legs past their legal deadline (due_at).\n"
      << "# TYPE tracker_shipments_overdue gauge\n"
      << "tracker_shipments_overdue " << figures.overdue_legs << "\n"
      << "# HELP tracker_ready 1 when the service takes writes (what /readyz answers), else 0.\n"
      << "# TYPE tracker_ready gauge\n"
      << "tracker_ready " << (ready ? 1 : 0) << "\n";
  out << "# HELP tracker_db_write_batch_size Jobs per group commit.\n"
      << "# TYPE tracker_db_write_batch_size histogram\n";
  std::uint64_t cumulative = 0;
  std::uint64_t le = 1;
  for (int i = 0; i < store::WriteStats::kBuckets; ++i, le *= 2) {
    cumulative += writes.batch_buckets[i].load();
    out << "tracker_db_write_batch_size_bucket{le=\"" << le << "\"} " << cumulative << "\n";
  }
  cumulative += writes.batch_buckets[store::WriteStats::kBuckets].load();
  out << "tracker_db_write_batch_size_bucket{le=\"+Inf\"} " << cumulative << "\n"
      << "tracker_db_write_batch_size_sum " << writes.jobs.load() << "\n"
      << "tracker_db_write_batch_size_count " << writes.commits.load() << "\n"
      << "# HELP tracker_db_failed_commits_total Group commits that failed (their jobs were answered 503).\n"
      << "# TYPE tracker_db_failed_commits_total counter\n"
      << "tracker_db_failed_commits_total " << writes.failed_commits.load() << "\n"
      << "# HELP tracker_db_retried_batches_total Group commits run again after a deadlock or serialisation "
         "failure (PostgreSQL).\n"
      << "# TYPE tracker_db_retried_batches_total counter\n"
      << "tracker_db_retried_batches_total " << writes.retries.load() << "\n";
  return out.str();
}

}  // namespace tracker::http
