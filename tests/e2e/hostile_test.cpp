// Hostile clients against the real server, all at once: slowloris (heads a
// byte a second), thousands of idle connections beyond the connection cap,
// header floods, huge bodies and pipelined garbage. Each attack is cut off
// or answered with its status, while a normal client keeps being served;
// its latency during the attack is printed (measured, never asserted).
// Also: requests after shutdown began.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <csignal>
#include <thread>

#include "checks.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;

namespace {

// A raw TCP socket to the server; -1 when the connect failed.
int connect_raw(unsigned short port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{0, 200'000};  // reads give up after 200 ms
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// True when the server has closed the socket (EOF or reset); false when it
// is still open (the read timed out).
bool closed_by_server(int fd) {
  char buf[256];
  for (;;) {
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0) return true;
    if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK;
  }
}

std::chrono::milliseconds percentile(std::vector<std::chrono::milliseconds> v, double p) {
  if (v.empty()) return 0ms;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

TEST_CASE("hostile clients are cut off while a normal client keeps being served",
          "[e2e][hostile][slow]") {
  constexpr int kCap = 600;            // the server's connection cap for this test
  constexpr int kIdle = 1500;          // silent connections: far more than the cap
  constexpr int kSlowloris = 100;      // heads dripped a byte a second
  TestServer server(Environment{{"TRACKER_SERVER_MAX_CONNECTIONS", std::to_string(kCap)}});
  auto world = server.make_world();
  std::vector<std::string> numbers;
  for (int i = 0; i < 20; ++i) numbers.push_back(server.create_dossier_shipment(world.postal.token));

  std::atomic<bool> attacking{true};
  std::atomic<int> normal_ok{0};
  std::atomic<int> normal_failed{0};
  std::vector<std::chrono::milliseconds> latencies;
  std::string failure;

  // The normal client: scans and reads on one keep-alive connection.
  std::thread normal([&] {
    auto conn = server.connect(10s);
    int i = 0;
    while (attacking) {
      auto started = std::chrono::steady_clock::now();
      try {
        const auto& tn = numbers[static_cast<std::size_t>(i) % numbers.size()];
        auto r = i % 2 == 0 ? conn->request("GET", "/api/v1/shipments/" + tn, "",
                                            Headers{{"Authorization", "Bearer " + world.postal.token}})
                            : conn->request("GET", "/healthz");
        if (r.status == 200) ++normal_ok;
        else {
          ++normal_failed;
          failure = std::to_string(r.status) + " " + r.body;
        }
      } catch (const std::exception& e) {
        ++normal_failed;
        failure = e.what();
      }
      latencies.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - started));
      ++i;
      std::this_thread::sleep_for(20ms);
    }
  });

  // Slowloris: each connection sends its head a byte a second, forever.
  std::vector<int> slow;
  for (int i = 0; i < kSlowloris; ++i) {
    int fd = connect_raw(server.port());
    if (fd >= 0) slow.push_back(fd);
  }
  // The idle flood: connections that never send anything.
  std::vector<int> idle;
  for (int i = 0; i < kIdle; ++i) {
    int fd = connect_raw(server.port());
    if (fd >= 0) idle.push_back(fd);
  }
  INFO(slow.size() << " slowloris and " << idle.size() << " idle connections opened");
  CHECK(idle.size() > static_cast<std::size_t>(kCap));  // the cap is not enforced by refusing connects

  // One-shot attacks, repeated while the others go on.
  int floods = 0, huge = 0, garbage = 0;
  const std::string head = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  const std::string dripped = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  auto attack_until = std::chrono::steady_clock::now() + 24s;
  for (int second = 0; std::chrono::steady_clock::now() < attack_until; ++second) {
    for (int fd : slow) {
      char c = dripped[static_cast<std::size_t>(second) % dripped.size()];
      ::send(fd, &c, 1, MSG_NOSIGNAL);
    }
    // A header flood: 40 KiB of headers.
    auto flood = raw_exchange(server.port(), head + std::string(40 * 1024, 'a') + ": b\r\n\r\n", 5s);
    floods += flood.received.rfind("HTTP/1.1 431", 0) == 0 || (flood.closed_by_server && flood.received.empty());
    // A body announced at 2 GiB.
    auto big = raw_exchange(server.port(),
                            "POST /api/v1/scans HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            "Content-Length: 2147483648\r\n\r\n{",
                            5s);
    huge += big.received.rfind("HTTP/1.1 413", 0) == 0;
    // A good request pipelined with garbage: the first is answered, the
    // garbage gets 400 and the connection is closed.
    auto mixed = raw_exchange(server.port(), head + "\r\n" + "\x16\x03\x01 GARBAGE\r\n\r\n", 5s);
    garbage += mixed.received.rfind("HTTP/1.1 200", 0) == 0 &&
               mixed.received.find("HTTP/1.1 400") != std::string::npos && mixed.closed_by_server;
    std::this_thread::sleep_for(1s);
  }
  attacking = false;
  normal.join();

  // The head timeout (20 s) has cut every slowloris connection by now, and
  // the idle flood was evicted down to the cap.
  int slow_closed = 0;
  for (int fd : slow) slow_closed += closed_by_server(fd);
  int idle_closed = 0;
  for (int fd : idle) idle_closed += closed_by_server(fd);
  for (int fd : slow) ::close(fd);
  for (int fd : idle) ::close(fd);

  auto p50 = percentile(latencies, 0.5), p99 = percentile(latencies, 0.99), worst = percentile(latencies, 1.0);
  WARN("normal client during the attack: " << normal_ok << " requests ok, " << normal_failed << " failed; latency p50 "
       << p50.count() << " ms, p99 " << p99.count() << " ms, max " << worst.count() << " ms; " << slow_closed << "/"
       << slow.size() << " slowloris and " << idle_closed << "/" << idle.size() << " idle connections closed by the "
       << "server; " << floods << " header floods refused, " << huge << " huge bodies refused, " << garbage
       << " garbage pipelines answered 400");
  INFO(failure);
  CHECK(normal_failed == 0);
  CHECK(normal_ok > 100);
  CHECK(slow_closed == static_cast<int>(slow.size()));
  CHECK(idle_closed >= static_cast<int>(idle.size()) - kCap);
  CHECK(floods >= 20);
  CHECK(huge == floods);
  CHECK(garbage == floods);
  // And the service is fine afterwards, on a new connection.
  CHECK(http_request(server.port(), "GET", "/readyz").status == 200);
}

TEST_CASE("after shutdown began, nothing new is accepted and open connections are closed", "[e2e][hostile]") {
  TestServer server;
  auto conn = server.connect(10s);
  REQUIRE(conn->request("GET", "/healthz").status == 200);  // a keep-alive connection, now idle
  server.kill(SIGTERM);
  CHECK(server.wait_exit() == 0);
  CHECK_THROWS_AS(conn->request("GET", "/healthz"), HttpError);
  CHECK(connect_raw(server.port()) == -1);
}
