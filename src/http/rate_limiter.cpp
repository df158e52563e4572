#include "rate_limiter.hpp"

namespace tracker::http {

bool RateLimiter::allow(const std::string& client) {
  if (per_minute_ <= 0) return true;
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  if (windows_.size() > 100000) {  // bounded memory: forget finished windows
    std::erase_if(windows_, [&](auto& kv) { return now - kv.second.start > std::chrono::minutes(1); });
  }
  auto& w = windows_[client];
  if (now - w.start > std::chrono::minutes(1)) w = Window{now, 0};
  return ++w.count <= per_minute_;
}

}  // namespace tracker::http
