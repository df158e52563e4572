// Who the client is behind a reverse proxy, and the login throttle.
#include <catch2/catch.hpp>

#include "client_address.hpp"
#include "rate_limiter.hpp"

using namespace tracker::http;

TEST_CASE("the client address comes from X-Forwarded-For only through a trusted proxy", "[http][limits]") {
  const std::vector<std::string> proxies{"10.0.0.1", "10.0.0.2"};
  struct Case {
    std::string peer;
    std::string forwarded_for;
    std::string expected;
  };
  auto c = GENERATE(values<Case>({
      {"203.0.113.7", "", "203.0.113.7"},                          // no proxy
      {"203.0.113.7", "198.51.100.1", "203.0.113.7"},              // an untrusted peer's header is ignored
      {"10.0.0.1", "198.51.100.1", "198.51.100.1"},                // one trusted proxy
      {"10.0.0.1", "1.2.3.4, 198.51.100.1", "198.51.100.1"},       // the client's own claim at the left is not believed
      {"10.0.0.1", "198.51.100.1, 10.0.0.2", "198.51.100.1"},      // two trusted hops
      {"10.0.0.1", "10.0.0.2", "10.0.0.2"},                        // only proxies: the farthest one
      {"10.0.0.1", "not-an-address", "10.0.0.1"},                  // garbage stops at the last trusted hop
      {"10.0.0.1", "198.51.100.1,  2001:db8::1 ", "2001:db8::1"},  // IPv6, spaces
      {"10.0.0.1", "", "10.0.0.1"},
  }));
  CAPTURE(c.peer, c.forwarded_for);
  CHECK(client_address_of(c.peer, c.forwarded_for, proxies) == c.expected);
}

TEST_CASE("failed logins make the next attempts wait, per username and per address", "[http][limits]") {
  LoginThrottle t;
  for (int i = 0; i < LoginThrottle::kFreeFailures; ++i) {
    CHECK(t.wait("an", "1.1.1.1").count() == 0);
    t.failed("an", "1.1.1.1");
  }
  // The fourth try waits; so does another name from the same address and
  // the same name from another address.
  CHECK(t.wait("an", "1.1.1.1").count() >= 1);
  CHECK(t.wait("binh", "1.1.1.1").count() >= 1);
  CHECK(t.wait("an", "2.2.2.2").count() >= 1);
  CHECK(t.wait("binh", "2.2.2.2").count() == 0);
  // The wait doubles with each further failure, up to the cap.
  for (int i = 0; i < 30; ++i) t.failed("an", "1.1.1.1");
  CHECK(t.wait("an", "1.1.1.1") <= LoginThrottle::kMaxWait + std::chrono::seconds(1));
  CHECK(t.wait("an", "1.1.1.1") > std::chrono::seconds(60));
  // A success clears both.
  t.succeeded("an", "1.1.1.1");
  CHECK(t.wait("an", "1.1.1.1").count() == 0);
}

TEST_CASE("the lookup limit tells how long to wait", "[http][limits]") {
  RateLimiter r(3);
  for (int i = 0; i < 3; ++i) CHECK(r.wait("1.1.1.1").count() == 0);
  auto wait = r.wait("1.1.1.1");
  CHECK(wait.count() >= 1);
  CHECK(wait.count() <= 61);
  CHECK(r.wait("2.2.2.2").count() == 0);
  CHECK(RateLimiter(0).wait("x").count() == 0);  // 0 = no limit
}

namespace {
tracker::domain::Timestamp start_time() {
  return tracker::domain::Timestamp(std::chrono::milliseconds(1'780'000'000'000));
}
}  // namespace

TEST_CASE("a throttled login may try again exactly when its wait is over, by the clock", "[http][limits][clock]") {
  using namespace std::chrono_literals;
  tracker::domain::ManualClock clock(start_time());
  LoginThrottle t(clock);
  for (int i = 0; i < LoginThrottle::kFreeFailures; ++i) t.failed("an", "1.1.1.1");
  // 1 s after the third failure; then 2 s, 4 s: each failure doubles it.
  CHECK(t.wait("an", "1.1.1.1") == 2s);  // 1 s left, rounded up to whole seconds + 1
  clock.advance(999ms);
  CHECK(t.wait("an", "1.1.1.1").count() >= 1);
  clock.advance(1ms);
  CHECK(t.wait("an", "1.1.1.1").count() == 0);
  t.failed("an", "1.1.1.1");
  clock.advance(1999ms);
  CHECK(t.wait("an", "1.1.1.1").count() >= 1);
  clock.advance(1ms);
  CHECK(t.wait("an", "1.1.1.1").count() == 0);
  t.failed("an", "1.1.1.1");
  clock.advance(3s);
  CHECK(t.wait("an", "1.1.1.1").count() >= 1);
  clock.advance(1s);
  CHECK(t.wait("an", "1.1.1.1").count() == 0);
  // However many failures, never more than the cap.
  for (int i = 0; i < 40; ++i) t.failed("an", "1.1.1.1");
  clock.advance(LoginThrottle::kMaxWait);
  CHECK(t.wait("an", "1.1.1.1").count() == 0);
}

TEST_CASE("the lookup window opens again a minute after it began, by the clock", "[http][limits][clock]") {
  using namespace std::chrono_literals;
  tracker::domain::ManualClock clock(start_time());
  RateLimiter r(2, clock);
  CHECK(r.wait("1.1.1.1").count() == 0);
  clock.advance(30s);
  CHECK(r.wait("1.1.1.1").count() == 0);
  CHECK(r.wait("1.1.1.1") == 31s);  // the window began 30 s ago
  clock.advance(30s);
  CHECK(r.wait("1.1.1.1").count() >= 1);  // exactly a minute: still the same window
  clock.advance(1ms);
  CHECK(r.wait("1.1.1.1").count() == 0);  // a new window
}
