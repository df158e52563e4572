#pragma once
// Limits per client: anonymous lookups (a fixed window a minute per client
// address) and password logins (failures per username and per address with
// a growing wait). Thread-safe; memory is bounded.
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tracker::http {

class RateLimiter {
 public:
  explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}
  // True when the client may go on; false: answer 429.
  bool allow(const std::string& client) { return wait(client).count() == 0; }
  // Zero when the client may go on (and counts it); else how long until its
  // window ends (429 with Retry-After).
  std::chrono::seconds wait(const std::string& client);

 private:
  struct Window {
    std::chrono::steady_clock::time_point start;
    int count = 0;
  };
  int per_minute_;
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

  // How long before this user may try again from this address (0: now).
  std::chrono::seconds wait(const std::string& username, const std::string& address);
  void failed(const std::string& username, const std::string& address);
  void succeeded(const std::string& username, const std::string& address);

 private:
  struct Failures {
    int count = 0;
    std::chrono::steady_clock::time_point last;
  };
  std::chrono::seconds wait_for(const Failures& f, std::chrono::steady_clock::time_point now) const;
  std::mutex mu_;
  std::unordered_map<std::string, Failures> failures_;  // "u:<name>" and "a:<address>"
};

}  // namespace tracker::http
