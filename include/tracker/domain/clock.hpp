#pragma once
// The clock seam: every rule that asks "what time is it" (sessions and
// throttles, the future tolerance of scans, handover numbering, deadlines
// and overdue flags, the dispatcher's backoff, the pages' rules) asks a
// Clock it was given, so tests can run those rules at any instant without
// waiting and without libfaketime. Thread-safe.
#include <atomic>
#include <chrono>

#include "tracker/domain/time.hpp"

namespace tracker::domain {

class Clock {
 public:
  virtual ~Clock() = default;
  // The wall-clock time (UTC, milliseconds).
  virtual Timestamp now() const = 0;
};

// The system's wall clock: what the service runs on.
const Clock& system_clock();

// A clock that stands still until told to move: for tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : now_(start.time_since_epoch().count()) {}
  Timestamp now() const override { return Timestamp(std::chrono::milliseconds(now_.load())); }
  void set(Timestamp t) { now_.store(t.time_since_epoch().count()); }
  void advance(std::chrono::milliseconds d) { now_.fetch_add(d.count()); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace tracker::domain
