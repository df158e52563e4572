#include "rate_limiter.hpp"

#include <algorithm>

namespace tracker::http {

std::chrono::seconds RateLimiter::wait(const std::string& client) {
  using namespace std::chrono;
  if (per_minute_ <= 0) return seconds(0);
  auto now = clock_.now();
  std::lock_guard lock(mu_);
  if (windows_.size() > 100000) {  // bounded memory: forget finished windows
    std::erase_if(windows_, [&](auto& kv) { return now - kv.second.start > minutes(1); });
  }
  auto& w = windows_[client];
  if (now - w.start > minutes(1)) w = Window{now, 0};
  if (++w.count <= per_minute_) return seconds(0);
  return std::max(seconds(1), duration_cast<seconds>(w.start + minutes(1) - now) + seconds(1));
}

std::chrono::seconds LoginThrottle::wait_for(const Failures& f, domain::Timestamp now) const {
  using namespace std::chrono;
  if (f.count < kFreeFailures) return seconds(0);
  auto doublings = std::min(f.count - kFreeFailures, 20);
  auto delay = std::min(seconds(1LL << doublings), kMaxWait);
  auto until = f.last + delay;
  if (until <= now) return seconds(0);
  return std::max(seconds(1), duration_cast<seconds>(until - now) + seconds(1));
}

std::chrono::seconds LoginThrottle::wait(const std::string& username, const std::string& address) {
  auto now = clock_.now();
  std::lock_guard lock(mu_);
  std::chrono::seconds longest(0);
  for (const auto& key : {"u:" + username, "a:" + address}) {
    if (auto it = failures_.find(key); it != failures_.end()) longest = std::max(longest, wait_for(it->second, now));
  }
  return longest;
}

void LoginThrottle::failed(const std::string& username, const std::string& address) {
  auto now = clock_.now();
  std::lock_guard lock(mu_);
  if (failures_.size() > 100000) {  // forget failures older than the longest wait
    std::erase_if(failures_, [&](auto& kv) { return now - kv.second.last > kMaxWait; });
  }
  for (const auto& key : {"u:" + username, "a:" + address}) {
    auto& f = failures_[key];
    ++f.count;
    f.last = now;
  }
}

void LoginThrottle::succeeded(const std::string& username, const std::string& address) {
  std::lock_guard lock(mu_);
  failures_.erase("u:" + username);
  failures_.erase("a:" + address);
}

}  // namespace tracker::http
