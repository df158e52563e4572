#pragma once
// Limits per client: anonymous lookups (a fixed window a minute per client
// address) and password logins (failures per username and per address with
// a growing wait). Both count time on the Clock they are given (the wall
// clock in service, a ManualClock in tests). Thread-safe; memory is bounded.
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "tracker/domain/clock.hpp"

namespace tracker::http {

class RateLimiter {
 public:
  explicit RateLimiter(int per_minute, const domain::Clock& clock = domain::system_clock())
      : per_minute_(per_minute), clock_(clock) {}
  // True when the client may go on; false: answer 429.
  bool allow(const std::string& client) { return wait(client).count() == 0; }
  // Zero when the client may go on (and counts it); else how long until its
  // window ends (429 with Retry-After).
  std::chrono::seconds wait(const std::string& client);

 private:
  struct Window {
    domain::Timestamp start{};
    int count = 0;
  };
  int per_minute_;
  const domain::Clock& clock_;
  std::mutex mu_;
  std::unordered_map<std::string, Window> windows_;
};

// After kFreeFailures failed logins in a row for a username, or from an
// address, each further attempt waits 1 s, 2 s, 4 s, … (at most 15 min)
// counted from the last failure; a success clears the username's and the
// address's count. Guessing a password at one try per 15 minutes is hopeless,
// and a colleague who mistyped three times waits a second.
class LoginThrottle {
 public:
  static constexpr int kFreeFailures = 3;
  static constexpr std::chrono::seconds kMaxWait{15 * 60};

  explicit LoginThrottle(const domain::Clock& clock = domain::system_clock()) : clock_(clock) {}

  // How long before this user may try again from this address (0: now).
  std::chrono::seconds wait(const std::string& username, const std::string& address);
  void failed(const std::string& username, const std::string& address);
  void succeeded(const std::string& username, const std::string& address);

 private:
  struct Failures {
    int count = 0;
    domain::Timestamp last{};
  };
  std::chrono::seconds wait_for(const Failures& f, domain::Timestamp now) const;
  const domain::Clock& clock_;
  std::mutex mu_;
  std::unordered_map<std::string, Failures> failures_;  // "u:<name>" and "a:<address>"
};

}  // namespace tracker::http
