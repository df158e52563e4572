#pragma once
// Fixed-window limit of anonymous requests per client address. Thread-safe.
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tracker::http {

class RateLimiter {
 public:
  explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}
  // True when the client may go on; false: answer 429.
  bool allow(const std::string& client);

 private:
  struct Window {
    std::chrono::steady_clock::time_point start;
    int count = 0;
  };
  int per_minute_;
  std::mutex mu_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace tracker::http
