#pragma once
// Prometheus counters of the HTTP layer. Thread-safe.
#include <array>
#include <atomic>
#include <map>
#include <optional>
#include <tuple>
#include <mutex>
#include <string>
#include <vector>

#include "tracker/store/records.hpp"
#include "tracker/store/store.hpp"

namespace tracker::http {

class Metrics {
 public:
  static constexpr std::array<double, 10> kBounds = {0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,  0.1,    0.25,  0.5,  1.0};
  void observe(const std::string& method, const std::string& route, int status, double seconds);
  void count_scans(std::uint64_t n) { scans_ += n; }
  // `idle_polls`: the notification dispatcher's, when one runs here;
  // `ready`: what /readyz would answer.
  std::string render(const store::WriteStats& writes, const store::OperationalFigures& figures, bool ready,
                     domain::Timestamp now, std::optional<std::uint64_t> idle_polls = std::nullopt) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBounds.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;  // per route
  std::atomic<std::uint64_t> scans_{0};
};

}  // namespace tracker::http
