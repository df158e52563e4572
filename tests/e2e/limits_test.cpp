// Connection limits: a header flood or a client that stops half-way is cut
// off, and the server goes on answering everyone else.
#include <catch2/catch.hpp>
#include <future>

#include "checks.hpp"

using namespace tracker::test;
using namespace std::chrono_literals;

TEST_CASE("a request head over 16 KiB is refused with 431 or a closed connection",
          "[e2e][limits]") {
  TestServer server;

  std::string many_headers;
  for (int i = 0; i < 1000; ++i) many_headers += "X-Flood-" + std::to_string(i) + ": yes\r\n";
  struct Case {
    std::string name;
    std::string head;
  };
  const std::vector<Case> cases = {
      {"one long header", "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: " +
                              std::string(20 * 1024, 'a') + "\r\n\r\n"},
      {"many headers", "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + many_headers + "\r\n"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto r = raw_exchange(server.port(), c.head, 30s);
    INFO(r.received.substr(0, 300));
    const bool refused_431 = starts_with(r.received, "HTTP/1.1 431");
    const bool cut_off = r.closed_by_server && !starts_with(r.received, "HTTP/1.1 2");
    CHECK((refused_431 || cut_off));
  }
  CHECK(server.get("/healthz", "").status == 200);
}

TEST_CASE("a client that sends half a request head is disconnected", "[e2e][limits][slow]") {
  TestServer server;

  auto slow = std::async(std::launch::async, [port = server.port()] {
    return raw_exchange(port, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n", 60s);
  });
  // Meanwhile everyone else is served.
  CHECK(server.get("/healthz", "").status == 200);

  auto r = slow.get();
  INFO(r.received.substr(0, 300) << " after " << r.elapsed.count() << " ms");
  CHECK(r.closed_by_server);
  CHECK(r.elapsed < 40s);  // the contract says 20 s
  CHECK_FALSE(starts_with(r.received, "HTTP/1.1 2"));
}
