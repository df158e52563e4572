// The dispatcher's retry schedule. Its drain of a real outbox to real peers is
// covered end to end in tests/e2e/notifications_test.cpp.
#include <catch2/catch.hpp>

#include "tracker/notify/dispatcher.hpp"

using tracker::notify::Dispatcher;
using namespace std::chrono;

TEST_CASE("retries back off exponentially from first_retry, with jitter, up to an hour", "[notify][dispatcher]") {
  auto [attempts, low_s, high_s] = GENERATE(table<int, double, double>({
      {1, 4.0, 6.0},      // 5 s x [0.8, 1.2)
      {2, 8.0, 12.0},
      {3, 16.0, 24.0},
      {10, 2048.0, 3072.0},
      {20, 3600.0, 3600.0},  // capped
  }));
  CAPTURE(attempts);
  for (double jitter : {0.0, 0.5, 0.999}) {
    auto d = duration<double>(Dispatcher::backoff(seconds(5), attempts, jitter)).count();
    CAPTURE(jitter, d);
    CHECK(d >= low_s - 1e-6);
    CHECK(d <= high_s + 1e-6);
  }
  // The jitter spreads retries of messages that failed together.
  CHECK(Dispatcher::backoff(seconds(5), 3, 0.0) < Dispatcher::backoff(seconds(5), 3, 0.9));
}
