#pragma once
// Scans: recording the events postal workers and clerks scan, one or a
// batch in one commit, with the outbox rows they cause. Thread-safe.
#include <cstdint>
#include <vector>

#include "tracker/auth/principal.hpp"
#include "tracker/domain/clock.hpp"
#include "tracker/store/store.hpp"
#include "tracker/tracking/requests.hpp"
#include "tracker/tracking/task.hpp"
#include "tracker/tracking/views.hpp"

namespace tracker::tracking {

// The citizen channels configured: outbox rows are only written for these.
struct NotifyChannels {
  bool sms = true;
  bool email = true;
};

class ScanService {
 public:
  // Scans more than 5 minutes ahead of `clock` are refused; recorded_at is its time.
  explicit ScanService(store::Store& store, NotifyChannels channels = {},
                       const domain::Clock& clock = domain::system_clock())
      : store_(store), channels_(channels), clock_(clock) {}

  // Idempotent on event_id: the same event again returns the stored one
  // (created = false); the same id with another body is conflict.
  Task<RecordedScan> record(const auth::Principal& p, ScanRequest scan);

  // Each item taken or refused on its own, in order; items that failed to
  // parse arrive as their Error and are answered as such. All valid items
  // go to the writer together, so they share one commit.
  boost::asio::awaitable<std::vector<Result<RecordedScan>>> record_batch(
      const auth::Principal& p, std::vector<Result<ScanRequest>> scans);

  // Scans recorded with an occurred_at before the shipment's newest event
  // (they re-derive the status from the history), since start.
  static std::uint64_t late_scans();

 private:
  store::Store& store_;
  NotifyChannels channels_;
  const domain::Clock& clock_;
};

}  // namespace tracker::tracking
